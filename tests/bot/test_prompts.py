"""Daily prompts as members and admins use them: /roots-config prompts, /prompt, /done,
check-ins, streaks, rotation, themes, custom prompts and the suggestion queue."""

from __future__ import annotations

import ast
import re
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

import bot
from bot.builtin_prompts import BUILTIN_PROMPTS, builtin_by_id
from bot.clock import ManualClock
from bot.config import Settings
from bot.messages import CATALOGS, text
from bot.services.checkins import checkin_streak
from bot.services.schedules import parse_duration
from bot.types import ButtonClicked, Plain, Reply, Tone, Visibility
from bot.wiring import Core, running_core
from tests.fakes import (
    RecordingDelivery,
    admin,
    ask,
    assert_refused,
    context,
    db_rows,
    en,
    field_map,
    member,
    reacted,
    reset_at,
    say,
    sent,
    utc,
)


@pytest.fixture
async def core(settings: Settings, clock: ManualClock) -> AsyncIterator[Core]:
    async with running_core(settings, clock=clock) as running:
        running.attach_delivery(RecordingDelivery(clock))
        yield running


async def daily(core: Core, *words: str, channel: str = "#C-general") -> Reply:
    reply = await admin(core, "roots-config", "prompts", channel, *words)
    assert reply.tone is Tone.SUCCESS, reply.as_text()
    return reply


def schedules(core: Core) -> list[tuple[object, ...]]:
    return db_rows(
        core, "SELECT channel_id, at_time, timezone, days, locale, enabled FROM schedules"
    )


def posted_prompt_ids(core: Core) -> list[str]:
    return [r[0] for r in db_rows(core, "SELECT prompt_id FROM posts ORDER BY post_id")]


# ---------------------------------------------------------------- /roots-config prompts


async def test_an_admin_schedules_daily_prompts(core):
    reply = await daily(core, "09:00", "Europe/Paris", "weekdays")

    assert reply.as_text() == en(
        "schedule.saved_prompt",
        channel="#C-general",
        time="09:00",
        zone="Europe/Paris",
        days=en("schedule.days_weekdays"),
        # shown in the schedule's zone, not the community's (UTC)
        next="Thursday, March 26 at 9:00\u202fAM (Europe/Paris)",
    )
    assert schedules(core) == [("C-general", "09:00", "Europe/Paris", "01234", "en", 1)]


async def test_the_zone_days_and_language_default_to_the_community(core):
    await admin(core, "roots-config", "timezone", "America/New_York")
    await admin(core, "roots-config", "locale", "fr")

    await daily(core, "7:05")

    assert schedules(core) == [("C-general", "07:05", "America/New_York", "0123456", "fr", 1)]


@pytest.mark.parametrize("locale", ["es", "de", "fr", "en"])
async def test_a_schedule_may_name_any_of_the_four_languages(core, locale):
    await daily(core, "09:00", "weekdays", locale)

    assert schedules(core) == [("C-general", "09:00", "UTC", "01234", locale, 1)]


@pytest.mark.parametrize(
    ("locale", "days", "expected"),
    [("es", "lunes,miércoles", "02"), ("de", "Mo,Mi,Fr", "024"), ("de", "werktags", "01234")],
)
async def test_an_admin_names_the_days_in_the_communitys_language(core, locale, days, expected):
    """A Spanish or German admin writes the days as the catalogs' examples do (before,
    only English and French day words were understood, and the error asked for English)."""
    await admin(core, "roots-config", "locale", locale)

    await daily(core, "09:00", days)

    assert schedules(core) == [("C-general", "09:00", "UTC", expected, locale, 1)]


@pytest.mark.parametrize(
    ("words", "key", "values"),
    [
        (("25:00",), "schedule.bad_time", {"value": "25:00"}),
        (("09:00", "Mars/Olympus"), "config.bad_timezone", {"value": "Mars/Olympus"}),
        (("09:00", "someday"), "schedule.bad_days", {"value": "someday"}),
        (("weekdays",), "schedule.usage_prompt", {}),
    ],
)
async def test_a_bad_schedule_is_refused_and_changes_nothing(core, words, key, values):
    reply = await admin(core, "roots-config", "prompts", "#C-general", *words)

    assert_refused(reply, key, **values)
    assert schedules(core) == []


async def test_a_channel_must_look_like_one(core):
    reply = await admin(core, "roots-config", "prompts", "general", "09:00")

    assert_refused(reply, "schedule.bad_channel", value="general")


async def test_members_cannot_schedule(core):
    reply = await ask(core, "roots-config", "prompts", "#C-general", "09:00", actor="bob")

    assert_refused(reply, "error.admin_only")
    assert schedules(core) == []


async def test_schedules_can_be_switched_off_and_on_and_listed(core, clock):
    await daily(core, "11:00", "UTC")
    await daily(core, "12:00", "UTC", channel="#C-other")

    off = await admin(core, "roots-config", "prompts", "#C-general", "off")
    assert off.as_text() == en("schedule.switched_off", channel="#C-general")
    await core.scheduler.advance_to(utc(2026, 3, 25, 13))
    assert len(sent(core)) == 1  # only #C-other

    overview = await admin(core, "roots-config", "prompts")
    assert overview.as_text().splitlines()[1:] == [
        en(
            "schedule.line_prompt",
            channel="#C-general",
            time="11:00",
            zone="UTC",
            days=en("schedule.days_every"),
            state=en("schedule.state_off"),
        ),
        en(
            "schedule.line_prompt",
            channel="#C-other",
            time="12:00",
            zone="UTC",
            days=en("schedule.days_every"),
            state="Thursday, March 26 at 12:00\u202fPM (UTC)",
        ),
        en("schedule.catchup_line", minutes=180),
    ]
    await admin(core, "roots-config", "prompts", "#C-general", "on")
    await core.scheduler.advance_to(utc(2026, 3, 26, 11))
    assert len(sent(core)) == 2


# ---------------------------------------------------------------- /prompt next, /prompt now


async def test_prompt_next_previews_what_will_be_posted_and_when(core):
    await admin(core, "roots-config", "timezone", "Europe/Paris")
    await daily(core, "09:00", "Europe/Paris")

    preview = await ask(core, "prompt", "next", actor="bob")
    await core.scheduler.advance_to(utc(2026, 3, 26, 9))

    (post,) = sent(core)
    assert preview.body == post.body
    assert preview.as_text().endswith(
        en("prompt.next_when", when="Thursday, March 26 at 9:00\u202fAM (Europe/Paris)")
    )
    assert preview.visibility is Visibility.EPHEMERAL


async def test_prompt_next_without_a_schedule_says_how_to_set_one(core):
    reply = await ask(core, "prompt", "next", "#C-elsewhere")

    assert_refused(reply, "schedule.none_prompt", channel="#C-elsewhere")


async def test_prompt_now_posts_at_once_for_admins_only(core):
    assert_refused(await ask(core, "prompt", "now", actor="bob"), "error.admin_only")
    assert sent(core) == []

    reply = await admin(core, "prompt", "now")

    assert reply.as_text() == en("prompt.now_done", channel="#C-general")
    assert len(sent(core)) == 1
    assert db_rows(core, "SELECT schedule_id, status FROM posts") == [(None, "sent")]


# ---------------------------------------------------------------- check-ins


async def post_today(core: Core, clock: ManualClock) -> None:
    await daily(core, "11:00", "UTC")
    await core.scheduler.advance_to(clock.now().replace(hour=11, minute=0))


async def test_done_without_a_post_is_refused(core):
    assert_refused(await ask(core, "done"), "checkin.no_post")


async def test_done_checks_in_once_and_updates_the_count(core, clock):
    await post_today(core, clock)

    first = await ask(core, "done", "called", "my", "old", "mentor", actor="alice")
    second = await ask(core, "done", actor="alice")
    other = await ask(core, "done", actor="bob")

    assert first.visibility is Visibility.PUBLIC
    assert first.as_text() == "\n".join(
        [en("checkin.done", name="@alice", count=1), en("checkin.streak", count=1)]
    )
    assert second.tone is not Tone.ERROR
    assert second.as_text() == en("checkin.already", date="Wednesday, March 25")
    assert other.as_text().startswith(en("checkin.done", name="@bob", count=2))
    assert db_rows(core, "SELECT member_id, note FROM checkins ORDER BY created_at") == [
        ("U-alice", "called my old mentor"),
        ("U-bob", ""),
    ]
    delivery = core.scheduler.delivery
    assert isinstance(delivery, RecordingDelivery)
    assert [m for m, _ in delivery.edits] == ["m1", "m1"]
    assert en("prompt.count", count=2) in delivery.edits[-1][1].as_text()


async def test_done_with_a_mention_also_gives_kudos_within_the_budget(core, clock):
    await post_today(core, clock)

    replies = await say(core, "done", member("bob"), "thanks", "for", "the", "pairing")

    assert [r.tone for r in replies] == [Tone.SUCCESS, Tone.SUCCESS]
    assert db_rows(core, "SELECT giver_id, receiver_id, reason, source FROM kudos") == [
        ("U-alice", "U-bob", "thanks for the pairing", "checkin")
    ]
    assert db_rows(core, "SELECT member_id FROM checkins") == [("U-alice",)]


async def test_done_with_kudos_over_budget_changes_nothing(core, clock):
    await post_today(core, clock)
    await admin(core, "roots-config", "budget", "1")
    await ask(core, "kudos", member("carol"), "thanks")

    reply = await ask(core, "done", member("bob"), "thanks")

    assert_refused(reply, "kudos.over_budget", budget=1, left=0, asked=1, reset=reset_at())
    assert db_rows(core, "SELECT count(*) FROM checkins") == [(0,)]


async def test_a_check_mark_reaction_on_the_post_checks_in(core, clock):
    await post_today(core, clock)

    replies = await core.router.reaction(
        reacted("carol", "roots", emoji="white_check_mark", message_id="m1")
    )
    again = await core.router.reaction(reacted("carol", "roots", emoji="✅", message_id="m1"))
    elsewhere = await core.router.reaction(reacted("dan", "bob", emoji="✅", message_id="x"))

    assert [r.as_text().splitlines()[0] for r in replies] == [
        en("checkin.done", name="@carol", count=1)
    ]
    assert again[0].as_text() == en("checkin.already", date="Wednesday, March 25")
    assert elsewhere == []  # not a Roots post, and ✅ is not the kudos emoji
    assert db_rows(core, "SELECT count(*) FROM kudos") == [(0,)]


async def test_the_post_button_checks_in(core, clock):
    await post_today(core, clock)
    (post,) = sent(core)
    (button,) = post.buttons

    replies = await core.router.button(
        ButtonClicked(context("erin"), button.action_id, button.value)
    )

    assert replies[0].as_text().startswith(en("checkin.done", name="@erin", count=1))
    assert replies[0].visibility is Visibility.EPHEMERAL


async def test_the_streak_counts_scheduled_days_and_skipped_days_do_not_break_it(core, clock):
    await daily(core, "11:00", "UTC", "weekdays")  # Wed 25 March
    for day in (25, 26, 27, 30):  # Wed, Thu, Fri, (weekend: no post), Mon
        await core.scheduler.advance_to(utc(2026, 3, day, 11))
        await ask(core, "done", actor="alice")
        if day != 26:
            await ask(core, "done", actor="bob")

    roots = field_map(await ask(core, "roots", actor="alice"))
    assert roots[en("checkin.streak_name")] == en("checkin.streak_days", count=4)
    assert field_map(await ask(core, "roots", actor="bob"))[en("checkin.streak_name")] == en(
        "checkin.streak_days", count=2
    )
    # Tuesday's post is not answered yet: the streak is still alive.
    await core.scheduler.advance_to(utc(2026, 3, 31, 11))
    roots = field_map(await ask(core, "roots", actor="alice"))
    assert roots[en("checkin.streak_name")] == en("checkin.streak_days", count=4)
    # Wednesday's post arrives with Tuesday unanswered: the streak is broken.
    await core.scheduler.advance_to(utc(2026, 4, 1, 11))
    roots = field_map(await ask(core, "roots", actor="alice"))
    assert roots[en("checkin.streak_name")] == en("checkin.streak_days", count=0)


def test_streak_rule():
    d = [datetime(2026, 3, day).date() for day in (31, 30, 27, 26)]
    assert checkin_streak(d, set(d)) == 4
    assert checkin_streak(d, set(d[1:])) == 3
    assert checkin_streak(d, {d[0], d[2]}) == 1
    assert checkin_streak([], set()) == 0


# ---------------------------------------------------------------- rotation and themes


async def test_no_prompt_repeats_until_the_pool_is_used_up(core, clock):
    await daily(core, "11:00", "UTC")
    pool = len(BUILTIN_PROMPTS)

    await core.scheduler.advance_to(clock.now() + timedelta(days=pool + 2))

    ids = posted_prompt_ids(core)
    assert len(ids) == pool + 2
    assert len(set(ids[:pool])) == pool
    assert set(ids[pool:]) <= set(ids[:pool])  # a new cycle
    assert db_rows(core, "SELECT cycle FROM rotations") == [(1,)]


async def test_two_channels_rotate_independently(core, clock):
    await daily(core, "11:00", "UTC")
    await daily(core, "11:00", "UTC", channel="#C-other")

    await core.scheduler.advance_to(clock.now() + timedelta(days=5))

    rows = db_rows(core, "SELECT channel_id, prompt_id FROM posts")
    general = [p for c, p in rows if c == "C-general"]
    other = [p for c, p in rows if c == "C-other"]
    assert len(set(general)) == len(general) == 5
    assert general != other


async def test_excluded_themes_are_not_posted(core, clock):
    reply = await admin(core, "roots-config", "themes", "exclude", "reasons")
    assert reply.as_text() == en("prompt.theme_excluded", theme="reasons")
    await daily(core, "11:00", "UTC")

    await core.scheduler.advance_to(clock.now() + timedelta(days=40))

    themes = set()
    for prompt_id in posted_prompt_ids(core):
        prompt = builtin_by_id(prompt_id)
        assert prompt is not None, prompt_id
        themes.add(prompt.theme)
    assert "reasons" not in themes
    assert len(themes) == 5


async def test_an_unknown_theme_is_refused(core):
    reply = await admin(core, "roots-config", "themes", "exclude", "weather")

    assert reply.tone is Tone.ERROR
    assert db_rows(core, "SELECT count(*) FROM excluded_themes") == [(0,)]


# ---------------------------------------------------------------- custom prompts


async def test_admins_add_list_and_remove_custom_prompts(core):
    added = await admin(core, "prompt", "add", "Share", "a", "tool", "you", "love")
    assert added.as_text() == en("prompt.added", id=1)

    listed = await admin(core, "prompt", "list")
    assert en("prompt.list_line", id=1, text="Share a tool you love", author="@admin") in (
        listed.as_text()
    )
    removed = await admin(core, "prompt", "remove", "1")
    assert removed.as_text() == en("prompt.removed", id=1)
    assert_refused(await admin(core, "prompt", "remove", "1"), "prompt.not_active", id=1)
    assert_refused(await ask(core, "prompt", "add", "x", actor="bob"), "error.admin_only")


async def test_suggestions_wait_in_a_queue_for_approval(core, clock):
    mine = await ask(core, "prompt", "suggest", "Thank", "a", "maintainer", actor="bob")
    assert mine.as_text() == en("prompt.suggested", id=1)
    await ask(core, "prompt", "suggest", "Teach", "someone", "a", "shortcut", actor="carol")

    queue = await admin(core, "prompt", "queue")
    assert queue.as_text().splitlines()[1:] == [
        en("prompt.list_line", id=1, text="Thank a maintainer", author="@bob"),
        en("prompt.list_line", id=2, text="Teach someone a shortcut", author="@carol"),
    ]
    assert_refused(await ask(core, "prompt", "approve", "1", actor="bob"), "error.admin_only")
    assert (await admin(core, "prompt", "approve", "1")).as_text() == en("prompt.approved", id=1)
    assert (await admin(core, "prompt", "reject", "#2")).as_text() == en("prompt.rejected", id=2)
    assert_refused(await admin(core, "prompt", "approve", "2"), "prompt.not_pending", id=2)
    assert_refused(await admin(core, "prompt", "approve", "two"), "prompt.bad_id", id="two")
    assert db_rows(core, "SELECT custom_id, status FROM custom_prompts") == [
        (1, "active"),
        (2, "rejected"),
    ]
    # The approved prompt joins the rotation.
    await daily(core, "11:00", "UTC")
    await core.scheduler.advance_to(clock.now() + timedelta(days=len(BUILTIN_PROMPTS) + 1))
    assert "custom:1" in posted_prompt_ids(core)
    custom = next(r for r in sent(core) if r.as_text().find("Thank a maintainer") >= 0)
    assert custom.as_text().startswith(en("prompt.title"))


async def test_a_suggestion_with_a_lone_surrogate_is_queued_with_u_fffd(core):
    """Whatever text a client sends (JSON allows a lone surrogate) is stored readably."""
    mine = await ask(core, "prompt", "suggest", "Thank", "a", "main\udc80tainer", actor="bob")

    assert mine.as_text() == en("prompt.suggested", id=1)
    queue = await admin(core, "prompt", "queue")
    assert "Thank a main\ufffdtainer" in queue.as_text()


async def test_duplicate_suggestions_are_refused_politely(core):
    await ask(core, "prompt", "suggest", "Thank", "a", "maintainer", actor="bob")

    again = await ask(core, "prompt", "suggest", "  THANK  a", "Maintainer ", actor="carol")

    assert_refused(again, "prompt.duplicate")
    assert db_rows(core, "SELECT count(*) FROM custom_prompts") == [(1,)]
    assert_refused(await ask(core, "prompt", "suggest", actor="carol"), "prompt.usage_suggest")


# ---------------------------------------------------------------- helpers and catalog


@pytest.mark.parametrize(
    ("raw", "minutes"), [("90m", 90), ("3h", 180), ("2d", 2880), ("1h30m", 90), ("0", 0)]
)
def test_durations(raw, minutes):
    assert parse_duration(raw) == timedelta(minutes=minutes)


@pytest.mark.parametrize("raw", ["", "h", "3x", "-1", "1.5h"])
def test_bad_durations(raw):
    with pytest.raises(ValueError):
        parse_duration(raw)


KEY = re.compile(r"^(schedule|prompt|checkin|challenge|digest|weekday)(\.[a-z_0-9]+)+$")


def test_every_prompt_key_the_code_uses_is_in_both_catalogs():
    root = Path(bot.__file__).parent
    used: set[str] = set()
    for path in root.rglob("*.py"):
        if "messages" in path.parts or ("prompts" in path.parts and path.name == "library.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if KEY.match(node.value) and not node.value.endswith(("_", ".")):
                    used.add(node.value)
    dynamic = {
        f"schedule.{p}_{k}"
        for p in ("usage", "saved", "none", "line")
        for k in ("prompt", "digest")
    }
    dynamic |= {f"schedule.kind_{k}" for k in ("prompt", "digest", "challenge")}
    dynamic |= {f"weekday.{d}" for d in range(7)} | {"prompt.not_pending", "prompt.not_active"}
    assert len(used) > 40
    for catalog in CATALOGS.values():
        assert sorted((used | dynamic) - set(catalog)) == []


def test_french_prompt_messages_use_tu():
    french = [v for k, v in CATALOGS["fr"].items() if KEY.match(k)]
    assert not [v for v in french if re.search(r"\b(vous|votre|vos)\b", v)]
    assert text("fr", "prompt.title")


async def test_help_lists_the_prompt_commands(core):
    member_help = (await ask(core, "help", actor="bob")).as_text()
    admin_help = (await admin(core, "help")).as_text()

    for key in ("help.done", "help.prompt", "help.challenge"):
        assert en(key) in member_help
    assert en("help.schedule") not in member_help
    for key in ("help.prompt_admin", "help.schedule", "help.challenge_admin"):
        assert en(key) in admin_help


@pytest.mark.parametrize("locale", ["fr", "es", "de"])
async def test_a_channel_in_another_language_gets_its_prompts_and_answers(core, clock, locale):
    await admin(core, "roots-config", "locale", locale)
    await daily(core, "11:00", "UTC")
    await core.scheduler.advance_to(utc(2026, 3, 25, 11))

    (post,) = sent(core)
    (prompt_id,) = posted_prompt_ids(core)
    prompt = builtin_by_id(prompt_id)
    assert prompt is not None
    assert prompt.text_for(locale) != prompt.text["en"]
    assert post.as_text().splitlines()[:2] == [
        text(locale, "prompt.title"),
        prompt.text_for(locale),
    ]
    label = post.buttons[0].label
    assert all(isinstance(span, Plain) for span in label), label
    assert "".join(span.text for span in label if isinstance(span, Plain)) == text(
        locale, "prompt.checkin_button"
    )
    reply = await ask(core, "done", actor="alice")
    assert reply.as_text().splitlines()[0] == text(locale, "checkin.done", name="@alice", count=1)


async def test_prompt_now_in_a_gone_channel_is_refused_and_not_retried(core, clock):
    delivery = core.scheduler.delivery
    assert isinstance(delivery, RecordingDelivery)
    delivery.gone.add("C-general")

    reply = await admin(core, "prompt", "now")

    assert_refused(reply, "prompt.now_failed", channel="#C-general")
    delivery.gone.clear()
    await core.scheduler.advance_to(clock.now() + timedelta(days=1))
    assert sent(core) == []
    assert db_rows(core, "SELECT status, next_attempt_at FROM posts") == [("failed", None)]


async def test_overlong_texts_are_refused_and_change_nothing(core, clock):
    long_words = ["word"] * 80  # 399 characters

    assert_refused(
        await ask(core, "prompt", "suggest", *long_words, actor="bob"),
        "prompt.too_long",
        limit=280,
        length=399,
    )
    await post_today(core, clock)
    assert_refused(
        await ask(core, "done", *long_words, actor="bob"),
        "checkin.note_too_long",
        limit=280,
        length=399,
    )
    assert db_rows(core, "SELECT count(*) FROM custom_prompts") == [(0,)]
    assert db_rows(core, "SELECT count(*) FROM checkins") == [(0,)]


async def test_a_bot_cannot_check_in(core, clock):
    await post_today(core, clock)

    reply = await ask(core, "done", actor=member("helper", bot=True))

    assert_refused(reply, "checkin.bot")
    assert db_rows(core, "SELECT count(*) FROM checkins") == [(0,)]


async def test_the_overview_shows_a_paused_channel(core, clock):
    await daily(core, "11:00", "UTC")
    delivery = core.scheduler.delivery
    assert isinstance(delivery, RecordingDelivery)
    delivery.gone.add("C-general")
    await core.scheduler.advance_to(utc(2026, 3, 25, 12))

    overview, notice = await say(core, "roots-config", "prompts", actor="admin", admin=True)
    preview = await ask(core, "prompt", "next", actor="bob")

    assert en("schedule.state_paused") in overview.as_text()
    assert notice.tone is Tone.ERROR
    assert preview.as_text().endswith(en("schedule.state_paused"))


async def test_an_unknown_button_is_ignored(core):
    replies = await core.router.button(ButtonClicked(context("erin"), "other:thing", "1"))

    assert replies == []
