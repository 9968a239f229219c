"""Issue #12, item 4: the erasure must catch every text that identifies the member.

- A reason that names the member by platform id (Discord's ``<@ID>`` / ``<@!ID>``
  typed in a reason, stored as ``@ID`` when the id was not resolved; Slack's
  ``<@U…|name>``) keeps no trace of the id.
- The default reason of Discord's "Thank for this message" is an excerpt of the
  receiver's own message: stored with the ``menu`` source, it is blanked like a
  reaction's excerpt when the receiver is forgotten.
- ``@name`` is found whatever its case under Unicode case folding (``@élodie`` for
  "Élodie", ``@STRASSE`` for "Straße").

Each test runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bot.storage.erasure import redact_name
from bot.types import CommandCall, Member, Tone, Value
from tests.fakes import ask, configure, context, member, posted, thank

PLACEHOLDER = "@former member"


def db_rows(core: Any, sql: str, *params: object) -> list[tuple[Any, ...]]:
    from tests.fakes import db_rows as sqlite_rows

    return sqlite_rows(core, sql, *params)


def texts(core: Any) -> list[str]:
    """Every free text the database holds: reasons, check-in notes, prompts."""
    found = [r for (r,) in db_rows(core, "SELECT reason FROM kudos")]
    found += [n for (n,) in db_rows(core, "SELECT note FROM checkins")]
    found += [t for (t,) in db_rows(core, "SELECT text FROM custom_prompts")]
    return found


async def forget(core: Any, who: Member) -> None:
    reply = await ask(core, "roots-admin", "forget", who, "confirm", actor="admin", admin=True)
    assert reply.tone is Tone.SUCCESS, reply.as_text()


async def typed_kudos(
    core: Any, giver: str, receiver: Member, reason: str, source: str | None = None
) -> None:
    """/kudos with the reason as its own option (Discord): ids in it stay unresolved."""
    values: dict[str, Value] = {"member": receiver, "reason": reason}
    mentions = {receiver.id: receiver}  # as Discord's adapter gives a user option
    call = CommandCall(context(giver), "kudos", mentions=mentions, values=values)
    if source is not None:
        call = replace(call, source=source)
    (reply,) = await core.router.command(call)
    assert reply.tone is Tone.SUCCESS, reply.as_text()


@pytest.mark.parametrize(
    ("zeb_id", "forms"),
    [
        ("412345678901234567", ["<@412345678901234567>", "<@!412345678901234567>"]),
        ("U0ZEB42AB", ["<@U0ZEB42AB>", "<@U0ZEB42AB|zeb>", "@U0ZEB42AB"]),
    ],
    ids=["discord", "slack"],
)
async def test_item4_the_forgotten_members_id_is_erased_from_others_words(
    core, zeb_id: str, forms: list[str]
):
    zeb = Member(zeb_id, "Zebulon")
    bob = member("bob")
    await configure(core, "cooldown", "0")
    await thank(core, zeb, "alice", reason="for the help")  # the community knows Zeb
    for form in forms:
        await typed_kudos(core, "alice", bob, f"thanks for pairing with {form} today")
    assert any(zeb_id in t for t in texts(core))  # stored as written

    await forget(core, zeb)

    assert [t for t in texts(core) if zeb_id in t] == []
    reasons = [r for (r,) in db_rows(core, "SELECT reason FROM kudos")]
    assert reasons.count(f"thanks for pairing with {PLACEHOLDER} today") == len(forms)


async def test_item4_an_excerpt_from_thank_for_this_message_is_blanked(core):
    zeb = member("Zebulon", id="U-zeb")
    await configure(core, "cooldown", "0")
    # "Thank for this message" on Zeb's message: the excerpt of his words.
    await typed_kudos(core, "alice", zeb, "zebwords: my private thought", source="menu")
    await typed_kudos(core, "bob", zeb, "for the review")  # bob's own words
    assert db_rows(core, "SELECT source FROM kudos ORDER BY kudos_id")[0] == ("menu",)

    await forget(core, zeb)

    reasons = [r for (r,) in db_rows(core, "SELECT reason FROM kudos ORDER BY kudos_id")]
    assert reasons == ["", "for the review"]


async def test_item4_a_menu_source_never_comes_from_typed_commands(core):
    # Only an adapter sets the source; an unknown one is recorded as a command.
    zeb = member("Zebulon", id="U-zeb")
    await typed_kudos(core, "alice", zeb, "for the review", source="reaction")
    assert db_rows(core, "SELECT source FROM kudos") == [("command",)]


@pytest.mark.parametrize(
    ("name", "written", "expected"),
    [
        ("Élodie", "merci @élodie pour tout", f"merci {PLACEHOLDER} pour tout"),
        ("Élodie", "thanks @ÉLODIE!", f"thanks {PLACEHOLDER}!"),
        ("Straße", "kudos to @STRASSE for the map", f"kudos to {PLACEHOLDER} for the map"),
        ("Ωmega", "with @ωMEGA", f"with {PLACEHOLDER}"),
    ],
)
async def test_item4_mentions_are_found_under_unicode_case_folding(
    core, name: str, written: str, expected: str
):
    zeb = member(name, id="U-zeb")
    await configure(core, "cooldown", "0")
    await thank(core, zeb, "alice", reason="for the help")
    await typed_kudos(core, "bob", member("carol"), written)

    await forget(core, zeb)

    reasons = [r for (r,) in db_rows(core, "SELECT reason FROM kudos ORDER BY kudos_id")]
    assert reasons[-1] == expected


@pytest.mark.parametrize(
    ("before", "name", "after"),
    [
        ("kudos to @STRASSE!", "Straße", f"kudos to {PLACEHOLDER}!"),
        ("@élodie and @Élodie", "Élodie", f"{PLACEHOLDER} and {PLACEHOLDER}"),
        ("@élodies are many", "Élodie", "@élodies are many"),  # another word
        ("ask Élodie", "Élodie", f"ask {PLACEHOLDER}"),  # the bare name, same case
        ("ask élodie", "Élodie", "ask élodie"),  # a bare word in other case stays
    ],
)
def test_item4_redact_name_folds_case_the_unicode_way(before: str, name: str, after: str) -> None:
    assert redact_name(before, name, PLACEHOLDER) == after


async def test_item4_a_plusplus_reason_naming_the_member_by_id_is_erased(core):
    zeb = member("Zebulon", id="U0ZEB42AB")
    await configure(core, "cooldown", "0")
    await thank(core, zeb, "alice", reason="for the help")
    # A ++ message naming Zeb in its reason, Zeb not resolved by the platform.
    await core.router.message(posted("alice", member("bob"), "++ with <@U0ZEB42AB>"))
    assert any("U0ZEB42AB" in t for t in texts(core))
    await forget(core, zeb)
    assert [t for t in texts(core) if "U0ZEB42AB" in t] == []
