"""Times where people live (issue 18): a schedule's next post in the schedule's zone, the
kudos budget's reset in the community's, each written the language's way on the console
and as the platform's own time markup on Discord and Slack (each reader's local time).
"""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from adapters.discord.render import render_embed
from adapters.discord.render import render_rich as discord_text
from adapters.slack.render import mrkdwn
from adapters.web.app import local_day
from bot.clock import ManualClock
from bot.config import Settings
from bot.messages import moment_text, template, text
from bot.periods import next_midnight
from bot.types import Moment, MomentStyle, Reply, Tone, plain_text
from bot.wiring import Core, running_core
from tests.fakes import RecordingDelivery, admin, ask, thank, utc

SATURDAY_NOON = utc(2026, 3, 28, 12)  # Europe/Paris goes to summer time overnight
SUNDAY_3AM_PARIS = utc(2026, 3, 29, 1)  # 03:00 CEST, the first summer hour
SATURDAY_3AM_PARIS = utc(2026, 3, 28, 2)  # 03:00 CET, still winter

# A 03:00 Europe/Paris schedule's next post, as each language writes it.
NEXT_POST = {
    "fr": "dimanche 29 mars à 03:00 (Europe/Paris)",
    "en": "Sunday, March 29 at 3:00\u202fAM (Europe/Paris)",
    "es": "domingo, 29 de marzo, a las 3:00 (Europe/Paris)",
    "de": "Sonntag, 29. März um 03:00 (Europe/Paris)",
}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(SATURDAY_NOON)


@pytest.fixture
async def core(settings: Settings, clock: ManualClock) -> AsyncIterator[Core]:
    async with running_core(settings, clock=clock) as running:
        running.attach_delivery(RecordingDelivery(clock))
        yield running


async def next_post(core: Core) -> Reply:
    """`/prompt next` of a community in UTC whose channel posts at 03:00 Europe/Paris."""
    saved = await admin(core, "roots-config", "prompts", "#C-general", "03:00", "Europe/Paris")
    assert saved.tone is Tone.SUCCESS, saved.as_text()
    return await ask(core, "prompt", "next", actor="bob")


def moment_of(reply: Reply) -> Moment:
    (moment,) = [s for line in (reply.body, *reply.lines) for s in line if isinstance(s, Moment)]
    return moment


# ---------------------------------------------------------------- the console


@pytest.mark.parametrize("locale", sorted(NEXT_POST))
async def test_the_console_shows_the_next_post_in_the_schedules_zone_and_language(
    tmp_path: Path, locale: str
) -> None:
    out = io.StringIO()
    settings = Settings(database_url=f"sqlite:///{tmp_path}/roots.db", default_locale=locale)
    async with running_core(settings, clock=ManualClock(SATURDAY_NOON)) as running:
        console = ConsoleAdapter(running, out=out, actor="alice")
        lines = ["/as admin:alice", "/roots-config prompts #general 03:00 Europe/Paris"]
        await console.run(io.StringIO("\n".join([*lines, "/prompt next"])), interactive=False)
    shown = out.getvalue()
    assert template(locale, "schedule.saved_prompt").split("{channel}")[0] in shown
    when = text(locale, "prompt.next_when", when=NEXT_POST[locale])
    assert when in shown, shown
    assert shown.count(NEXT_POST[locale]) == 2, shown  # when it was saved, and /prompt next
    assert "01:00" not in shown and "(UTC)" not in shown


# ---------------------------------------------------------------- Discord and Slack


async def test_discord_shows_the_next_post_as_a_timestamp_each_reader_sees_locally(core):
    reply = await next_post(core)

    shown = discord_text(reply.lines[0])
    assert shown == f"Posts on <t:{int(SUNDAY_3AM_PARIS.timestamp())}:F>."
    assert shown == "Posts on <t:1774746000:F>."
    embed = render_embed(reply)
    assert "<t:1774746000:F>" in str(embed.description)


async def test_slack_shows_the_next_post_as_a_date_with_the_zones_text_as_fallback(core):
    reply = await next_post(core)

    assert mrkdwn(reply.lines[0]) == (
        "Posts on <!date^1774746000^{date_long_pretty} {time}|"
        "Sunday, March 29 at 3:00\u202fAM (Europe/Paris)>."
    )


async def test_the_text_of_a_moment_follows_the_communitys_language(core):
    await admin(core, "roots-config", "language", "de")

    reply = await next_post(core)

    assert plain_text(reply.lines[0]) == "Erscheint am Sonntag, 29. März um 03:00 (Europe/Paris)."
    assert mrkdwn(reply.lines[0]).endswith("|Sonntag, 29. März um 03:00 (Europe/Paris)>.")


# ---------------------------------------------------------------- summer time


async def test_across_the_change_to_summer_time_each_post_is_at_3am_local(core, clock):
    clock.set(utc(2026, 3, 27, 12))  # Friday
    reply = await next_post(core)
    assert moment_of(reply).at == SATURDAY_3AM_PARIS
    assert plain_text(reply.lines[0]).endswith("Saturday, March 28 at 3:00\u202fAM (Europe/Paris).")

    await core.scheduler.advance_to(utc(2026, 3, 28, 2, 30))
    reply = await ask(core, "prompt", "next", actor="bob")

    # 23 hours later in UTC, the same 03:00 on the wall clock
    assert moment_of(reply).at == SUNDAY_3AM_PARIS
    assert discord_text(reply.lines[0]) == "Posts on <t:1774746000:F>."
    assert plain_text(reply.lines[0]).endswith("Sunday, March 29 at 3:00\u202fAM (Europe/Paris).")


async def test_the_schedule_list_shows_each_next_post_in_its_own_zone(core):
    await admin(core, "roots-config", "prompts", "#C-general", "03:00", "Europe/Paris")
    await admin(core, "roots-config", "prompts", "#C-nyc", "09:00", "America/New_York")

    overview = await admin(core, "roots-config", "prompts")

    lines = [plain_text(line) for line in overview.lines]
    assert any(
        line.endswith("Next: Sunday, March 29 at 3:00\u202fAM (Europe/Paris)") for line in lines
    )
    assert any(
        line.endswith("Next: Saturday, March 28 at 9:00\u202fAM (America/New_York)")
        for line in lines
    ), lines


# ---------------------------------------------------------------- the daily budget


async def test_the_budget_resets_at_the_communitys_midnight_shown_in_its_zone(core):
    await admin(core, "roots-config", "timezone", "Europe/Paris")
    for name in ("bob", "carol", "dave", "erin", "frank"):
        await thank(core, "alice", name)

    refused = await thank(core, "alice", "grace")

    assert refused.is_error
    assert plain_text(refused.body).endswith("It resets at 12:00\u202fAM (Europe/Paris).")
    midnight = utc(2026, 3, 28, 23)  # 00:00 CET on Sunday
    assert discord_text(refused.body).endswith(f"It resets at <t:{int(midnight.timestamp())}:t>.")
    assert mrkdwn(refused.body).endswith(
        f"It resets at <!date^{int(midnight.timestamp())}^{{time}}|12:00\u202fAM (Europe/Paris)>."
    )


def test_midnight_follows_the_zones_clock_change() -> None:
    assert next_midnight(SATURDAY_NOON, "Europe/Paris") == utc(2026, 3, 28, 23)  # CET
    assert next_midnight(utc(2026, 3, 29, 12), "Europe/Paris") == utc(2026, 3, 29, 22)  # CEST
    # Santiago's clocks jump from 00:00 to 01:00 on 2026-09-06: that day starts at the jump
    assert next_midnight(utc(2026, 9, 5, 12), "America/Santiago") == utc(2026, 9, 6, 4)


# ---------------------------------------------------------------- the text itself


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("es", "domingo, 29 de marzo, a la 1:00 (Europe/Madrid)"),
        ("en", "Sunday, March 29 at 1:00\u202fAM (Europe/Madrid)"),
        ("fr", "dimanche 29 mars à 01:00 (Europe/Madrid)"),
    ],
)
def test_one_oclock_reads_right(locale: str, expected: str) -> None:
    at = datetime.fromisoformat("2026-03-29T01:00+01:00")
    assert moment_text(locale, Moment(at, "Europe/Madrid")) == expected


def test_an_unknown_language_writes_moments_in_english() -> None:
    moment = Moment(SUNDAY_3AM_PARIS, "Europe/Paris", MomentStyle.TIME)
    assert moment_text("xx", moment) == "3:00\u202fAM (Europe/Paris)"


def test_the_dashboard_writes_a_kudos_day_in_the_communitys_zone_and_language() -> None:
    late_evening = utc(2026, 3, 25, 23, 30)  # already Thursday in Paris
    assert local_day(late_evening, "Europe/Paris", "fr") == "26 mars 2026"
    assert local_day(late_evening, "UTC", "en") == "March 25, 2026"
    assert local_day(late_evening, "Europe/Berlin", "de") == "26. März 2026"
    assert local_day(late_evening, "UTC", "xx") == "March 25, 2026"
