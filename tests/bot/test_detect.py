"""Thank-yous noticed in messages, offered privately to the thanker (issue 15).

Every test runs on SQLite and on PostgreSQL (the ``core`` fixture).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from bot.services.detect import ASKS_PER_DAY, KEEP, NEVER, NO
from bot.types import (
    ButtonClicked,
    Member,
    Mention,
    MessagePosted,
    Reply,
    UserText,
    Visibility,
    plain_text,
)
from tests.fakes import (
    COMMUNITY,
    START,
    ask,
    assert_refused,
    context,
    en,
    member,
    mention,
    posted,
    reset_at,
    say,
    tally,
    thank,
)

BOB, CAROL = member("bob"), member("carol")


def db_rows(core: Any, sql: str, *params: object) -> list[tuple[Any, ...]]:
    from tests.fakes import db_rows as sqlite_rows

    return sqlite_rows(core, sql, *params)


async def offered(core: Any, msg: MessagePosted) -> Reply | None:
    replies = await core.router.message(msg)
    assert len(replies) <= 1, replies
    return replies[0] if replies else None


async def press(core: Any, reply: Reply, action: str, actor: str | Member = "alice") -> Reply:
    button = next(b for b in reply.buttons if b.action_id == action)
    event = ButtonClicked(context(actor), button.action_id, button.value, event_id=None)
    replies: list[Reply] = await core.router.button(event)
    assert len(replies) == 1, replies
    return replies[0]


def thanks(*parts: str | Member, message_id: str = "msg-1", actor: str = "alice") -> MessagePosted:
    return posted(actor, *parts, message_id=message_id)


async def test_a_thank_you_is_offered_to_the_thanker_only_and_pings_nobody(core):
    reply = await offered(core, thanks("thanks ", BOB, ", that fixed it!"))
    assert reply is not None
    assert reply.visibility is Visibility.EPHEMERAL  # only alice sees it
    assert plain_text(reply.body) == en("detect.ask", receivers=mention(BOB))
    assert reply.ping == ()
    labels = [plain_text(b.label) for b in reply.buttons]
    assert labels == [en("detect.keep"), en("detect.no"), en("detect.never")]
    assert await tally(core, BOB) == await tally(core, "nobody")  # nothing given yet


async def test_keep_records_kudos_from_the_message_and_tells_the_thanker_privately(core):
    reply = await offered(core, thanks("merci ", BOB, " pour la relecture !"))
    assert reply is not None
    kept = await press(core, reply, KEEP)
    assert kept.visibility is Visibility.EPHEMERAL and not kept.is_error
    assert kept.ping == ()
    assert (await tally(core, BOB)).received == 1
    rows = db_rows(core, "SELECT source, reason, channel_id FROM kudos")
    assert rows == [("detected", "merci @bob pour la relecture !", "C-general")]


async def test_two_clicks_on_keep_count_once(core):
    reply = await offered(core, thanks("thanks ", BOB))
    assert reply is not None
    await press(core, reply, KEEP)
    again = await press(core, reply, KEEP)
    assert again.as_text() == en("detect.already_kept")
    assert (await tally(core, BOB)).received == 1


async def test_a_retried_message_is_offered_once(core):
    first = await offered(core, thanks("thanks ", BOB, message_id="m7"))
    retried = await offered(core, thanks("thanks ", BOB, message_id="m7"))
    assert first is not None and retried is None
    assert db_rows(core, "SELECT count(*) FROM detect_offers") == [(1,)]


async def test_keep_after_the_budget_is_spent_is_refused_politely_and_gives_nothing(core):
    reply = await offered(core, thanks("thanks ", BOB))
    assert reply is not None
    for n in range(5):  # the default budget: 5 members a day
        await thank(core, "alice", member(f"m{n}"))
    refused = await press(core, reply, KEEP)
    assert_refused(refused, "kudos.over_budget", budget=5, left=0, asked=1, reset=reset_at())
    assert (await tally(core, BOB)).received == 0


async def test_a_thank_you_to_an_opted_out_member_is_not_offered(core):
    await ask(core, "roots", "optout", actor=BOB)
    assert await offered(core, thanks("thanks ", BOB, "!")) is None
    both = await offered(core, thanks("thanks ", BOB, " and ", CAROL, message_id="m2"))
    assert both is not None
    assert plain_text(both.body) == en("detect.ask", receivers=mention(CAROL))


HOSTILE = "=cmd|' /C calc'!A0 thanks [docs](https://evil.example) @everyone "


async def test_a_hostile_excerpt_stays_member_text(core):
    reply = await offered(core, thanks(HOSTILE, BOB))
    assert reply is not None
    assert reply.ping == ()
    reason = HOSTILE + "@bob"  # the mention shown as a name, the rest as typed
    assert [s for s in reply.lines[0] if isinstance(s, UserText)] == [UserText(reason)]
    kept = await press(core, reply, KEEP)
    assert [s for s in kept.lines[0] if isinstance(s, UserText)] == [UserText(reason)]
    assert kept.ping == ()
    assert db_rows(core, "SELECT reason FROM kudos") == [(reason.strip(),)]


async def test_a_deleted_messages_offer_disappears(core):
    reply = await offered(core, thanks("thanks ", BOB, message_id="m3"))
    assert reply is not None
    await core.router.message_deleted(COMMUNITY, "C-general", "m3")
    gone = await press(core, reply, KEEP)
    assert_refused(gone, "detect.gone")
    assert (await tally(core, BOB)).received == 0


async def test_at_most_five_asks_a_day(core, clock):
    asked = [
        await offered(core, thanks("thanks ", BOB, message_id=f"m{n}"))
        for n in range(ASKS_PER_DAY + 1)
    ]
    assert [r is not None for r in asked] == [True] * ASKS_PER_DAY + [False]
    # Someone else is still asked, and alice again the next day.
    assert await offered(core, thanks("thanks ", BOB, message_id="c1", actor="carol"))
    clock.set(START + timedelta(days=1))
    assert await offered(core, thanks("thanks ", BOB, message_id="m9")) is not None


async def test_never_about_a_message_older_than_ten_minutes(core):
    eleven, nine = START - timedelta(minutes=11), START - timedelta(minutes=9)
    old = replace(thanks("thanks ", BOB, message_id="m1"), posted_at=eleven)
    recent = replace(thanks("thanks ", BOB, message_id="m2"), posted_at=nine)
    assert await offered(core, old) is None
    assert await offered(core, recent) is not None


async def test_no_does_nothing(core):
    reply = await offered(core, thanks("thanks ", BOB))
    assert reply is not None
    answer = await press(core, reply, NO)
    assert answer.as_text() == en("detect.not_kept")
    assert (await tally(core, BOB)).received == 0


async def test_no_after_keep_does_not_pretend_nothing_was_kept(core):
    reply = await offered(core, thanks("thanks ", BOB))
    assert reply is not None
    await press(core, reply, KEEP)
    assert (await press(core, reply, NO)).as_text() == en("detect.already_kept")
    assert (await tally(core, BOB)).received == 1


async def test_dont_ask_me_again_until_roots_detect_on(core):
    reply = await offered(core, thanks("thanks ", BOB))
    assert reply is not None
    assert (await press(core, reply, NEVER)).as_text() == en("detect.quiet")
    assert await offered(core, thanks("thanks ", BOB, message_id="m2")) is None
    assert (await ask(core, "roots", "detect", "on")).as_text() == en("detect.member_on")
    assert await offered(core, thanks("thanks ", BOB, message_id="m3")) is not None
    assert (await ask(core, "roots", "detect", "off")).as_text() == en("detect.member_off")
    assert await offered(core, thanks("thanks ", BOB, message_id="m4")) is None
    assert_refused(await ask(core, "roots", "detect", "maybe"), "detect.usage_member")


async def test_the_community_switch_is_for_admins_and_stops_every_ask(core):
    assert_refused(await ask(core, "roots-config", "detect", "off"), "error.admin_only")
    assert await offered(core, thanks("thanks ", BOB, message_id="m1")) is not None
    off = await ask(core, "roots-config", "detect", "off", actor="admin", admin=True)
    assert off.as_text() == en("detect.community_off")
    assert await offered(core, thanks("thanks ", BOB, message_id="m2")) is None
    shown = await ask(core, "roots-config", "show", actor="admin", admin=True)
    fields = {plain_text(f.name): plain_text(f.value) for f in shown.fields}
    assert fields[en("config.name.detect")] == en("off")
    await ask(core, "roots-config", "détection", "oui", actor="admin", admin=True)
    assert await offered(core, thanks("thanks ", BOB, message_id="m3")) is not None


async def test_only_the_thanker_can_answer(core):
    reply = await offered(core, thanks("thanks ", BOB))
    assert reply is not None
    assert_refused(await press(core, reply, KEEP, actor=BOB), "detect.not_yours")
    forged = ButtonClicked(context("alice", community="elsewhere"), KEEP, reply.buttons[0].value)
    assert_refused((await core.router.button(forged))[0], "detect.gone")
    assert (await tally(core, BOB)).received == 0


async def test_plusplus_gives_kudos_and_is_not_offered_again(core):
    replies = await core.router.message(thanks("thanks ", BOB, "++ for the fix"))
    assert [r.visibility for r in replies] == [Visibility.PUBLIC]
    assert not replies[0].buttons
    assert (await tally(core, BOB)).received == 1


async def test_a_reply_thanks_the_replied_to_author(core):
    msg = replace(thanks("thanks, that fixed it!"), reply_to=BOB)
    reply = await offered(core, msg)
    assert reply is not None
    assert plain_text(reply.body) == en("detect.ask", receivers=mention(BOB))


async def test_thanks_to_more_members_than_one_kudos_may_thank_are_not_offered(core):
    six = [member(f"m{n}") for n in range(6)]
    parts: list[str | Member] = ["thanks "]
    for m in six:
        parts += [m, " "]
    assert await offered(core, thanks(*parts)) is None
    five = await offered(core, thanks(*parts[:-2], message_id="m2"))
    assert five is not None and len([s for s in five.body if isinstance(s, Mention)]) == 5


async def test_ordinary_messages_and_bots_are_not_offered(core):
    assert await offered(core, thanks("can you look at this, ", BOB, "?")) is None
    assert await offered(core, thanks("no thanks ", BOB)) is None
    assert await offered(core, thanks("thanks ", member("ci", bot=True))) is None
    assert await offered(core, posted(member("ci", bot=True), "thanks ", BOB)) is None
    assert (await say(core, "help"))[0].lines  # /help still answers


async def test_erasing_a_member_drops_their_offers_and_their_dont_ask(core):
    reply = await offered(core, thanks("thanks ", BOB, message_id="m1"))
    await offered(core, thanks("thanks ", member("alice"), message_id="m2", actor="carol"))
    assert reply is not None
    await press(core, reply, NEVER)
    await core.store.forget_member(COMMUNITY, member("alice").id)
    assert db_rows(core, "SELECT count(*) FROM detect_offers") == [(0,)]  # by and to her
    assert db_rows(core, "SELECT count(*) FROM detect_quiet") == [(0,)]
