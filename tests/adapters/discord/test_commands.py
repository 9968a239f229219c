"""Every slash command through the real bot and the fake Discord."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.messages import text
from bot.types import CommandCall, Member
from tests.adapters.discord.conftest import ADMIN, ALICE, BOB, CAROL, DAVE
from tests.adapters.discord.fake_discord import CHANNEL_ID, OTHER_CHANNEL_ID, FakeDiscord
from tests.adapters.discord.helpers import (
    description,
    embed,
    everything,
    is_ephemeral,
    kudos_rows,
    setting,
)

A, B, C, D = ALICE["id"], BOB["id"], CAROL["id"], DAVE["id"]


async def run(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    return await fake.callback(await fake.send_interaction(payload))


async def test_kudos_is_public_and_pings_only_the_receivers(
    fake: FakeDiscord, bot, db_path: Path
) -> None:
    cb = await run(
        fake, fake.slash(ALICE, "kudos", member=BOB, reason="for the review", member2=CAROL)
    )
    assert cb["type"] == 4
    assert not is_ephemeral(cb)
    assert cb["data"]["content"] == f"<@{B}> <@{C}>"
    assert cb["data"]["allowed_mentions"] == {"parse": [], "users": [int(B), int(C)]}
    assert f"<@{A}> thanked <@{B}> and <@{C}>" in description(cb)
    assert kudos_rows(db_path) == [
        (A, B, "for the review", "command", False),
        (A, C, "for the review", "command", False),
    ]


async def test_everyone_in_a_reason_never_pings(fake: FakeDiscord, bot, db_path: Path) -> None:
    reason = "@everyone @here <@&500000000000000001> **bold** thanks"
    cb = await run(fake, fake.slash(ALICE, "kudos", member=BOB, reason=reason))
    body = description(cb)
    assert "@\u200beveryone" in body and "@\u200bhere" in body
    assert "<@&500000000000000001>" not in body
    assert "\\*\\*bold\\*\\*" in body
    assert cb["data"]["allowed_mentions"] == {"parse": [], "users": [int(B)]}
    assert cb["data"]["content"] == f"<@{B}>"
    assert kudos_rows(db_path)[0][2] == reason  # stored as typed: a reason, not receivers


async def test_refusals_are_ephemeral_and_ping_nobody(
    fake: FakeDiscord, bot, db_path: Path
) -> None:
    cb = await run(fake, fake.slash(ALICE, "kudos", member=ALICE, reason="me"))
    assert is_ephemeral(cb)
    assert description(cb) == text("en", "kudos.self")
    assert cb["data"]["allowed_mentions"] == {"parse": []}
    assert "content" not in cb["data"] or not cb["data"]["content"]
    assert embed(cb)["color"] == 0xED4245
    assert kudos_rows(db_path) == []


async def test_undo_and_admin_revoke(fake: FakeDiscord, bot, db_path: Path) -> None:
    await run(fake, fake.slash(ALICE, "kudos", member=BOB, reason="one"))
    cb = await run(fake, fake.slash(ALICE, "kudos-undo"))
    assert is_ephemeral(cb)
    assert kudos_rows(db_path) == [(A, B, "one", "command", True)]

    await run(fake, fake.slash(CAROL, "kudos", member=DAVE, reason="two"))
    refused = await run(fake, fake.slash(ALICE, "kudos-revoke", number=2))
    assert is_ephemeral(refused)
    assert description(refused) == text("en", "error.admin_only")
    assert kudos_rows(db_path)[1][4] is False
    done = await run(fake, fake.slash(ADMIN, "kudos-revoke", number=2, admin=True))
    assert "error" not in description(done).lower()
    assert kudos_rows(db_path)[1][4] is True


async def test_leaderboard_roots_optout_help(fake: FakeDiscord, bot, db_path: Path) -> None:
    await run(fake, fake.slash(ALICE, "kudos", member=BOB, reason="thanks"))
    board = await run(fake, fake.slash(CAROL, "leaderboard", board="receivers", period="all"))
    assert not is_ephemeral(board)
    assert board["data"]["allowed_mentions"] == {"parse": []}
    assert f"<@{B}>" in everything(board)

    roots = await run(fake, fake.slash(CAROL, "roots", member=BOB))
    assert is_ephemeral(roots)
    assert f"<@{A}>" in everything(roots)

    out = await run(fake, fake.slash(DAVE, "roots-optout"))
    assert description(out) == text("en", "roots.optout_done")
    refused = await run(fake, fake.slash(ALICE, "kudos", member=DAVE, reason="x"))
    assert is_ephemeral(refused)
    back = await run(fake, fake.slash(DAVE, "roots-optin"))
    assert description(back) == text("en", "roots.optin_done")

    helped = await run(fake, fake.slash(ALICE, "help"))
    assert is_ephemeral(helped)
    assert embed(helped)["title"] == text("en", "help.title")


async def test_config_needs_manage_server_on_every_call(
    fake: FakeDiscord, bot, db_path: Path
) -> None:
    refused = await run(fake, fake.slash(ALICE, "roots-config", sub="budget", recipients=9))
    assert is_ephemeral(refused)
    assert description(refused) == text("en", "error.admin_only")
    assert setting(db_path, "daily_budget") == 5

    async def admin(sub: str, **options: Any) -> dict[str, Any]:
        cb = await run(fake, fake.slash(ADMIN, "roots-config", sub=sub, admin=True, **options))
        assert embed(cb)["color"] != 0xED4245, everything(cb)
        return cb

    await admin("budget", recipients=9)
    await admin("cooldown", seconds=0)
    await admin("timezone", zone="Europe/Paris")
    await admin("emoji", emoji="🙏")
    await admin("reason", required="off")
    await admin("leaderboard", shown="off")
    season = await admin("season")
    assert not is_ephemeral(season)
    shown = await admin("show")
    assert "Europe/Paris" in everything(shown)
    await admin("locale", language="fr")
    assert setting(db_path, "daily_budget") == 9
    assert setting(db_path, "cooldown_seconds") == 0
    assert setting(db_path, "timezone") == "Europe/Paris"
    assert setting(db_path, "kudos_emoji") == "🙏"
    assert setting(db_path, "reason_required") == 0
    assert setting(db_path, "leaderboards_enabled") == 0
    assert setting(db_path, "season") == 2
    assert setting(db_path, "locale") == "fr"


async def test_timezone_autocomplete(fake: FakeDiscord, bot) -> None:
    payload = fake.slash(ADMIN, "roots-config", sub="timezone", admin=True, zone="paris")
    payload["type"] = 4
    payload["data"]["options"][0]["options"][0]["focused"] = True
    cb = await run(fake, payload)
    assert cb["type"] == 8
    assert {"name": "Europe/Paris", "value": "Europe/Paris"} in cb["data"]["choices"]
    assert len(cb["data"]["choices"]) <= 25


async def test_direct_messages_get_a_polite_explanation(fake: FakeDiscord, bot) -> None:
    cb = await run(fake, fake.slash(ALICE, "kudos", member=BOB, reason="hi", guild_id=None))
    assert is_ephemeral(cb)
    assert "server" in cb["data"]["content"]


async def test_give_kudos_menu_opens_a_modal(fake: FakeDiscord, bot, db_path: Path) -> None:
    opened = await run(fake, fake.user_menu(ALICE, "Give kudos", BOB))
    assert opened["type"] == 9
    modal = opened["data"]
    cb = await run(fake, fake.modal_submit(ALICE, modal, {"Reason": "for pairing with me"}))
    assert not is_ephemeral(cb)
    assert cb["data"]["allowed_mentions"] == {"parse": [], "users": [int(B)]}
    assert kudos_rows(db_path) == [(A, B, "for pairing with me", "command", False)]


async def test_the_modal_speaks_the_community_language_to_a_french_client(
    fake: FakeDiscord, bot
) -> None:
    payload = fake.slash(ADMIN, "roots-config", sub="locale", admin=True, language="fr")
    await fake.callback(await fake.send_interaction(payload))
    menu = fake.user_menu(ALICE, "Give kudos", BOB)
    menu["locale"] = "fr"  # the form is Alice's alone: her client's language (issue 18)
    opened = await run(fake, menu)
    (row,) = opened["data"]["components"]
    text_input = row.get("component") or row["components"][0]
    assert text_input["label"] == "Raison"
    assert text_input["max_length"] == 280


async def test_thank_for_this_message_menu(fake: FakeDiscord, bot, db_path: Path) -> None:
    message = await fake.post_message(BOB, "here is the fix for the flaky build")
    opened = await run(fake, fake.message_menu(ALICE, "Thank for this message", message))
    assert opened["type"] == 9
    cb = await run(fake, fake.modal_submit(ALICE, opened["data"]))  # keeps the excerpt
    assert not is_ephemeral(cb)
    assert kudos_rows(db_path) == [(A, B, "here is the fix for the flaky build", "menu", False)]


async def test_prompt_done_and_challenge_commands(fake: FakeDiscord, bot, db_path: Path) -> None:
    prompts = fake.channels[OTHER_CHANNEL_ID]
    added = await run(
        fake, fake.slash(ADMIN, "prompt-admin", sub="add", admin=True, text="Thank a mentor")
    )
    assert embed(added)["color"] != 0xED4245, everything(added)
    refused = await run(fake, fake.slash(ALICE, "prompt-admin", sub="list"))
    assert description(refused) == text("en", "error.admin_only")
    listed = await run(fake, fake.slash(ADMIN, "prompt-admin", sub="list", admin=True))
    assert "Thank a mentor" in everything(listed)
    suggested = await run(fake, fake.slash(ALICE, "prompt", sub="suggest", text="Say hi"))
    assert embed(suggested)["color"] != 0xED4245, everything(suggested)
    queue = await run(fake, fake.slash(ADMIN, "prompt-admin", sub="queue", admin=True))
    assert "Say hi" in everything(queue)
    nxt = await run(fake, fake.slash(ALICE, "prompt", sub="next", channel=prompts))
    assert nxt["type"] == 4
    themes = await run(fake, fake.slash(ALICE, "prompt", sub="themes"))
    assert themes["type"] == 4

    nothing = await run(fake, fake.slash(ALICE, "done", note="did it"))
    assert is_ephemeral(nothing)
    assert description(nothing) == text("en", "checkin.no_post")

    started = await run(
        fake, fake.slash(ADMIN, "challenge-admin", sub="start", admin=True, channel=prompts)
    )
    assert started["type"] == 4
    joined = await run(fake, fake.slash(ALICE, "challenge", sub="join"))
    status = await run(fake, fake.slash(ALICE, "challenge", sub="status"))
    left = await run(fake, fake.slash(ALICE, "challenge", sub="leave"))
    for cb in (joined, status, left):
        assert cb["type"] == 4
        assert description(cb) != text("en", "error.unexpected")
    assert CHANNEL_ID  # commands ran in #general


async def test_slow_core_defers_first(fake: FakeDiscord, core, db_path: Path) -> None:
    from tests.adapters.discord.conftest import bot_on

    async with bot_on(fake, core, defer_after=0.0):
        iid = await fake.send_interaction(fake.slash(ALICE, "kudos", member=BOB, reason="x y"))
        deferred = await fake.callback(iid)
        assert deferred["type"] == 5  # "thinking…", then the answer
        assert not is_ephemeral(deferred)
        edited = await fake.wait_for(lambda: fake.sent("PATCH", "/messages/@original"))
        assert edited[0].body["allowed_mentions"] == {"parse": [], "users": [int(B)]}
        # A refusal after a public "thinking…": that message goes, the refusal is private.
        iid = await fake.send_interaction(fake.slash(ALICE, "kudos", member=ALICE, reason="me"))
        assert (await fake.callback(iid))["type"] == 5
        followups = await fake.wait_for(lambda: fake.sent("POST", "/webhooks/"))
        assert followups[0].body["flags"] & 64
        assert fake.sent("DELETE", "/messages/@original")
    assert len(kudos_rows(db_path)) == 1


async def test_kudos_options_reach_the_core_typed_not_as_words(
    fake: FakeDiscord, bot, db_path: Path, monkeypatch
) -> None:
    """/kudos, /kudos-revoke: Discord's typed options are handed to the core as they
    are (members, a number, the reason), never flattened into words and parsed again."""
    seen: list[CommandCall] = []
    router = bot.core.router
    original = router.command

    async def spy(call):
        seen.append(call)
        return await original(call)

    monkeypatch.setattr(router, "command", spy)
    await run(fake, fake.slash(ALICE, "kudos", member=BOB, reason="<@1> ok", member2=CAROL))
    await run(fake, fake.slash(ADMIN, "kudos-revoke", number=1, admin=True))
    given, revoke = seen
    assert given.args == () and revoke.args == ()
    member, member2 = given.values["member"], given.values["member2"]
    assert isinstance(member, Member) and isinstance(member2, Member)
    assert member.id == B and member2.id == C
    assert given.values["reason"] == "<@1> ok"
    assert (revoke.sub, revoke.values) == ("revoke", {"number": 1})
    assert kudos_rows(db_path) == [
        (A, B, "@1 ok", "command", True),
        (A, C, "@1 ok", "command", False),
    ]
