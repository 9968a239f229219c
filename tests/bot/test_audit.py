"""The admins' audit log (issue 14): every settings change, from chat (words or Discord's
typed options) and from the dashboard alike, writes a row with who, when and what was
given; a refusal, an overview or a listing writes none; an erasure records who erased,
never whom; revocations are read from the ledger. Both backends."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.types import CommandCall, Value
from tests.fakes import COMMUNITY, START, admin, ask, context, db_rows, member, say, thank


def typed(sub: str, channels: tuple[str, ...] = (), **values: Value) -> CommandCall:
    return CommandCall(
        context("admin", admin=True), "roots-config", sub=sub, values=values, channels=channels
    )


def audit(core: Any) -> list[tuple[Any, ...]]:
    return db_rows(
        core, "SELECT actor_id, action, subject_id, detail FROM audit_log ORDER BY audit_id"
    )


async def test_settings_changes_in_chat_are_recorded_with_what_was_given(core: Any) -> None:
    await admin(core, "roots-config", "budget", "7")
    await admin(core, "roots-config", "tz", "Europe/Paris")  # an alias: the setting's name
    await core.router.command(typed("leaderboard", shown="off"))  # Discord's typed option
    await core.router.command(typed("prompts", ("C-ours",), channel="C-ours", when="09:00 mon"))
    await admin(core, "roots-config", "season")
    assert audit(core) == [
        ("U-admin", "config.budget", "", "7"),
        ("U-admin", "config.timezone", "", "Europe/Paris"),
        ("U-admin", "config.leaderboard", "", "off"),
        ("U-admin", "config.prompts", "", "<#C-ours> 09:00 mon"),
        ("U-admin", "config.season", "", ""),
    ]


async def test_refusals_overviews_and_listings_write_nothing(core: Any) -> None:
    await admin(core, "roots-config", "budget", "lots")
    await admin(core, "roots-config", "show")
    await admin(core, "roots-config", "prompts")
    await admin(core, "roots-config", "themes")
    await ask(core, "roots-config", "budget", "9", actor="bob")  # not an admin
    assert audit(core) == []


async def test_an_erasure_records_who_erased_never_whom(core: Any) -> None:
    await thank(core, "bob", "alice")
    await admin(core, "roots-admin", "forget", "@bob", "confirm")
    assert audit(core) == [("U-admin", "member.forget", "", None)]
    await say(core, "roots-admin", "forget", "@admin", "confirm", actor="admin", admin=True)
    assert audit(core)[-1] == ("", "member.forget", "", None)  # themselves: no id stays
    assert not [row for row in audit(core) if "U-bob" in row or "U-admin" in row[2:]]


async def test_the_log_lists_revocations_too_newest_first(core: Any, clock: Any) -> None:
    await thank(core, "bob", member("alice"))
    kudos_id = db_rows(core, "SELECT kudos_id FROM kudos")[0][0]
    await admin(core, "kudos", "revoke", str(kudos_id))
    clock.advance(timedelta(minutes=1))
    await admin(core, "roots-config", "budget", "3")
    entries = await core.communities.audit_log(COMMUNITY, 10)
    assert [(e.actor_id, e.action, e.subject_id, e.ref_id) for e in entries] == [
        ("U-admin", "config.budget", "", None),
        ("U-admin", "kudos.revoke", "U-alice", kudos_id),
    ]
    assert [e.at for e in entries] == [START + timedelta(minutes=1), START]
