"""Security issue #12, Slack request ingress (HTTP mode), end to end against the fake Slack.

9.  Malformed signature headers (a huge timestamp, a non-ASCII signature) get 401, never 500.
10. Only this installation's payloads run (team and app learned at start from auth.test and
    bots.info), and only members of this workspace may be Roots admins.
12. A captured signed request replayed within Slack's 5-minute window runs once, even when
    the copy goes to another process sharing the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.slack import SlackRuntime, run_slack
from bot.clock import ManualClock
from bot.config import Settings, SettingsError
from bot.messages import text
from bot.wiring import Core, running_core
from tests.adapters.slack.conftest import ADMIN, ALICE, BOB, HELPER, Roots, slack_settings
from tests.adapters.slack.fake_slack import APP_ID, TEAM, FakeSlack, SlackDriver, user
from tests.fakes import START, db_rows
from tests.storage import pg

FORM = "application/x-www-form-urlencoded"
OTHER_TEAM = "T0OTHERORG"
STRANGER = "U0STRANGER"


def en(key: str, **values: object) -> str:
    return text("en", key, **values)


def kudos_rows(roots: Roots) -> list[tuple[str, str, str]]:
    return db_rows(
        roots.core, "SELECT community_id, giver_id, receiver_id FROM kudos ORDER BY kudos_id"
    )


async def settle() -> None:
    await asyncio.sleep(0.2)


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]


# ---------------------------------------------------------------- item 9


async def test_item9_huge_timestamp_and_non_ascii_signature_get_401_without_a_traceback(
    roots: Roots, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    slack = roots.slack
    body = slack.command_body("/kudos", f"<@{BOB}> thanks", user=ALICE)
    good = slack.headers(body)
    cases = {
        "5000-digit timestamp": {**good, "X-Slack-Request-Timestamp": "1" * 5000},
        "timestamp with leading zeros": {
            **good,
            "X-Slack-Request-Timestamp": "0" * 40 + good["X-Slack-Request-Timestamp"],
        },
        "non-ASCII signature": {**good, "X-Slack-Signature": "v0=é" + "0" * 63},
        "non-ASCII timestamp digits": {**good, "X-Slack-Request-Timestamp": "１２３"},
    }
    for name, headers in cases.items():
        status, _ = await slack.post(body, FORM, headers)
        assert status == 401, name
    assert tracebacks(caplog) == []
    assert roots.runtime.server is not None and roots.runtime.server.refused == len(cases)
    # the same body, properly signed, still works: nothing was broken on the way
    status, answer = await slack.post(body, FORM, good)
    assert status == 200 and answer["response_type"] == "in_channel"


# ---------------------------------------------------------------- item 10


async def test_item10_the_installation_is_learned_at_start(roots: Roots) -> None:
    installation = roots.runtime.installation
    assert installation is not None
    assert (installation.team_id, installation.app_id) == (TEAM, APP_ID)
    assert roots.fake.of("bots.info") == [{"bot": "B0ROOTS"}]


async def test_item10_payloads_for_another_team_or_app_are_acked_and_dropped(
    roots: Roots, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    slack = roots.slack
    foreign_team = slack.command_body("/kudos", f"<@{BOB}> thanks", user=ALICE).replace(
        f"team_id={TEAM}", f"team_id={OTHER_TEAM}"
    )
    foreign_app = slack.command_body("/kudos", f"<@{BOB}> thanks", user=ALICE).replace(
        f"api_app_id={APP_ID}", "api_app_id=A0SOMEONEELSE"
    )
    for body in (foreign_team, foreign_app, foreign_team):
        status, answer = await slack.post(body, FORM, slack.headers(body))
        assert status == 200 and not answer  # acknowledged, nothing said
    event = slack.event_body(
        {
            "type": "message",
            "user": ALICE,
            "text": f"<@{BOB}>++ thanks",
            "channel": "C0GENERAL",
            "ts": "1774432800.000900",
        },
        "Ev0FOREIGN",
    ).replace(f'"team_id": "{TEAM}"', f'"team_id": "{OTHER_TEAM}"')
    status, _ = await slack.post(event, "application/json", slack.headers(event))
    assert status == 200
    await settle()
    assert kudos_rows(roots) == []
    assert roots.fake.count("users.info") == 0
    assert roots.fake.count("chat.postMessage") + roots.fake.count("chat.postEphemeral") == 0
    dropped = [r for r in caplog.records if "another Slack" in r.getMessage()]
    assert [r.levelno for r in dropped] == [logging.WARNING, logging.WARNING]  # once per team/app
    assert OTHER_TEAM in dropped[0].getMessage()
    # this installation's own payloads still run
    status, answer = await slack.command("/kudos", f"<@{BOB}> thanks", user=ALICE)
    assert answer["response_type"] == "in_channel"
    assert kudos_rows(roots) == [(TEAM, ALICE, BOB)]


async def test_item10_events_of_a_shared_channel_count_in_this_workspace(roots: Roots) -> None:
    """Slack Connect: in a channel another organisation started, the outer team_id of an
    event is theirs, while ``authorizations`` names this installation. The event is ours,
    and its kudos belong to this workspace's community, never to the other team's."""
    roots.fake.users[STRANGER] = {**user(STRANGER, "Stranger"), "team_id": OTHER_TEAM}
    for n, (giver, receiver) in enumerate(((ALICE, BOB), (STRANGER, ALICE))):
        payload = json.loads(
            roots.slack.event_body(
                {
                    "type": "message",
                    "user": giver,
                    "text": f"<@{receiver}>++ thanks",
                    "channel": "C0SHARED",
                    "ts": f"1774432800.00100{n}",
                },
                f"Ev0SHARED{n}",
            )
        )
        payload.update(team_id=OTHER_TEAM, is_ext_shared_channel=True)
        body = json.dumps(payload)
        status, _ = await roots.slack.post(body, "application/json", roots.slack.headers(body))
        assert status == 200
        await roots.fake.wait_calls("chat.postMessage", n + 1)
    assert kudos_rows(roots) == [(TEAM, ALICE, BOB), (TEAM, STRANGER, ALICE)]


async def test_item10_members_of_another_organisation_are_never_admins(roots: Roots) -> None:
    # A Slack Connect guest who is an admin of their own workspace...
    roots.fake.users[STRANGER] = {
        **user(STRANGER, "Stranger", is_admin=True, is_owner=True),
        "team_id": OTHER_TEAM,
    }
    # ...and a member listed in ROOTS_SLACK_ADMINS who turns out to be external too
    # (Slack tells Roots with a user_change event).
    roots.fake.users[HELPER]["team_id"] = OTHER_TEAM
    status, _ = await roots.slack.event({"type": "user_change", "user": roots.fake.users[HELPER]})
    assert status == 200
    for who in (STRANGER, HELPER):
        status, body = await roots.slack.command("/roots-config", "budget 9", user=who)
        assert status == 200
        assert en("error.admin_only") in body["text"], who
    assert db_rows(roots.core, "SELECT daily_budget FROM communities") == [(5,)]
    # They may still thank people, as before.
    status, body = await roots.slack.command("/kudos", f"<@{BOB}> thanks", user=STRANGER)
    assert body["response_type"] == "in_channel"
    # This workspace's admins still are.
    status, body = await roots.slack.command("/roots-config", "budget 9", user=ADMIN)
    assert body["text"] == en("config.updated", setting="budget", value="9")


async def test_item10_slack_app_id_setting_is_used_without_bots_info(
    core: Core, fake: FakeSlack
) -> None:
    from dataclasses import replace

    settings = replace(slack_settings(fake), app_id="A0CONFIGURED")
    loop = asyncio.get_running_loop()
    started: asyncio.Future[SlackRuntime] = loop.create_future()
    task = asyncio.create_task(
        run_slack(core, settings, host="127.0.0.1", ready=started.set_result)
    )
    try:
        runtime = await asyncio.wait_for(started, 10)
        assert runtime.installation is not None
        assert runtime.installation.app_id == "A0CONFIGURED"
        assert fake.count("bots.info") == 0
        assert runtime.server is not None
        driver = SlackDriver(f"http://127.0.0.1:{runtime.server.port}", fake)
        try:  # the fake's payloads carry A0ROOTS: another app, for this process
            status, answer = await driver.command("/kudos", f"<@{BOB}> thanks", user=ALICE)
            assert status == 200 and not answer
        finally:
            await driver.close()
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def test_item10_a_token_slack_refuses_is_explained_at_start(
    core: Core, fake: FakeSlack
) -> None:
    fake.scripted["auth.test"] = [(200, {}, {"ok": False, "error": "invalid_auth"})]
    with pytest.raises(SettingsError, match="SLACK_BOT_TOKEN"):
        await asyncio.wait_for(run_slack(core, slack_settings(fake), host="127.0.0.1"), 10)


# ---------------------------------------------------------------- item 12


async def test_item12_a_replayed_season_command_starts_one_season(roots: Roots) -> None:
    slack = roots.slack
    body = slack.command_body("/roots-config", "season", user=ADMIN)
    headers = slack.headers(body)
    answers = [await slack.post(body, FORM, headers) for _ in range(3)]
    assert [status for status, _ in answers] == [200, 200, 200]
    assert en("config.season_started", season=2) in answers[0][1]["text"]
    assert [answer for _, answer in answers[1:]] == [None, None]  # acked, not run
    assert db_rows(roots.core, "SELECT season FROM communities") == [(2,)]


async def test_item12_a_replayed_prompt_now_posts_once(roots: Roots) -> None:
    slack = roots.slack
    body = slack.command_body("/prompt", "now", user=ADMIN)
    headers = slack.headers(body)
    for _ in range(3):
        status, _ = await slack.post(body, FORM, headers)
        assert status == 200
    await roots.fake.wait_calls("chat.postMessage")
    await settle()
    assert roots.fake.count("chat.postMessage") == 1
    assert db_rows(roots.core, "SELECT COUNT(*) FROM posts") == [(1,)]


async def test_item12_slack_retries_of_an_event_still_reach_the_core(roots: Roots) -> None:
    """Slack's retries (X-Slack-Retry-Num) are not replays: the core dedupes them by event id."""
    event = {
        "type": "message",
        "user": ALICE,
        "text": f"<@{BOB}>++ thanks",
        "channel": "C0GENERAL",
        "ts": "1774432800.000950",
    }
    body = roots.slack.event_body(event, "Ev0RETRIED")
    first = roots.slack.headers(body)
    retry = {**first, "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert (await roots.slack.post(body, "application/json", first))[0] == 200
    await roots.fake.wait_calls("chat.postMessage")
    guard = roots.runtime.server.replays if roots.runtime.server else None
    assert guard is not None
    seen = guard.checked
    assert (await roots.slack.post(body, "application/json", retry))[0] == 200
    assert (await roots.slack.post(body, "application/json", retry))[0] == 200  # replayed retry
    await settle()
    assert guard.checked == seen + 2 and guard.dropped == 1
    assert kudos_rows(roots) == [(TEAM, ALICE, BOB)]


@pytest.fixture(params=["sqlite", "postgres"])
def shared_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/shared.db"
    return str(request.getfixturevalue("postgres_url"))


def rows(url: str, sql: str) -> list[tuple[object, ...]]:
    if url.startswith("sqlite:///"):
        with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            return [tuple(r) for r in db.execute(sql).fetchall()]
    return [tuple(r) for r in pg.rows(url, sql)]


@contextlib.asynccontextmanager
async def roots_process(url: str, fake: FakeSlack) -> AsyncIterator[tuple[Core, SlackDriver]]:
    """One more Roots 'process' (its own core, pool and HTTP server) on the database at ``url``."""
    async with running_core(Settings(database_url=url), clock=ManualClock(START)) as core:
        loop = asyncio.get_running_loop()
        started: asyncio.Future[SlackRuntime] = loop.create_future()
        task = asyncio.create_task(
            run_slack(core, slack_settings(fake), host="127.0.0.1", ready=started.set_result)
        )
        try:
            runtime = await asyncio.wait_for(started, 10)
            assert runtime.server is not None
            driver = SlackDriver(f"http://127.0.0.1:{runtime.server.port}", fake)
            try:
                yield core, driver
            finally:
                await driver.close()
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


async def test_item12_a_replay_sent_to_another_process_is_dropped_too(
    shared_db: str, fake: FakeSlack
) -> None:
    """Behind a load balancer the copy may reach another process: the database remembers."""
    async with (
        roots_process(shared_db, fake) as (_, first),
        roots_process(shared_db, fake) as (_, second),
    ):
        body = first.command_body("/roots-config", "season", user=ADMIN)
        headers = first.headers(body)
        status, answer = await first.post(body, FORM, headers)
        assert status == 200 and en("config.season_started", season=2) in answer["text"]
        status, answer = await second.post(body, FORM, headers)
        assert status == 200 and answer is None
    assert rows(shared_db, "SELECT season FROM communities") == [(2,)]


async def test_item12_remembered_requests_expire_after_five_minutes(
    shared_db: str,
) -> None:
    """Memory stays bounded: fingerprints are forgotten once Slack's window is over."""
    from adapters.slack.server import ReplayGuard

    now = [1_774_432_800.0]
    async with running_core(Settings(database_url=shared_db)) as core:
        guard = ReplayGuard(core.store, clock=lambda: now[0], capacity=3)
        stamp = int(now[0])
        assert await guard.first_time("v0=aa", stamp)
        assert not await guard.first_time("v0=aa", stamp)
        for n in range(5):  # more than the in-process capacity
            assert await guard.first_time(f"v0=b{n}", stamp)
        assert len(guard) <= 3
        assert not await guard.first_time("v0=aa", stamp)  # the database still knows it
        now[0] += 5 * 60 + 30  # Slack's window is over (and a margin for clocks)
        assert await guard.first_time("v0=cc", int(now[0]))
        assert rows(shared_db, "SELECT COUNT(*) FROM seen_requests") == [(1,)]  # purged
        assert len(guard) == 1
