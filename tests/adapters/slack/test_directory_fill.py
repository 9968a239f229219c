"""Issue #17, item 2: the Slack member directory is filled from users.list at start and
kept current by team_join / user_change, so a kudos costs no Web API call in steady
state, and admin rights and bot flags follow Slack's changes at once."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest

from adapters.slack.app import make_client
from adapters.slack.directory import Directory
from tests.adapters.slack.conftest import ADMIN, ALICE, BOB, CAROL, Roots, slack_settings
from tests.adapters.slack.fake_slack import TEAM, FakeSlack, user
from tests.fakes import db_rows, en, eventually


@pytest.fixture
async def crowd() -> AsyncIterator[FakeSlack]:
    server = FakeSlack()
    server.users.update({f"U{i:05d}": user(f"U{i:05d}", f"Member{i}") for i in range(450)})
    await server.start()
    yield server
    await server.stop()


async def test_the_fill_reads_every_page_of_users_list(crowd: FakeSlack) -> None:
    directory = Directory(make_client(slack_settings(crowd)))
    assert await directory.fill(TEAM) == 450
    assert [call.get("cursor") for call in crowd.of("users.list")] == [None, "200", "400"]
    assert directory.known(TEAM, "U00449") is not None
    assert crowd.count("users.info") == 0


async def test_the_fill_waits_out_a_429_and_goes_on(crowd: FakeSlack) -> None:
    crowd.scripted["users.list"] = [
        (429, {"Retry-After": "1"}, {"ok": False, "error": "ratelimited"})
    ]
    directory = Directory(make_client(slack_settings(crowd)))
    start = time.monotonic()
    assert await directory.fill(TEAM) == 450
    assert time.monotonic() - start >= 1.0  # Slack's Retry-After was honoured
    assert crowd.count("users.list") == 4  # the refused page, then three


async def test_the_fill_stops_at_the_directory_s_bound(crowd: FakeSlack) -> None:
    directory = Directory(make_client(slack_settings(crowd)), max_entries=250)
    assert await directory.fill(TEAM) == 250
    assert len(directory) == 250 and crowd.count("users.list") == 2
    # Members beyond the bound are still found, one by one.
    profile = await directory.profile(TEAM, "U00420")
    assert profile.name == "Member420"
    assert [c["user"] for c in crowd.of("users.info")] == ["U00420"]


async def test_a_failed_fill_leaves_lookups_on_demand(crowd: FakeSlack) -> None:
    crowd.scripted["users.list"] = [(200, {}, {"ok": False, "error": "missing_scope"})]
    directory = Directory(make_client(slack_settings(crowd)))
    assert await directory.fill(TEAM) == 0
    assert (await directory.profile(TEAM, "U00007")).name == "Member7"


async def filled(roots: Roots) -> None:
    directory = roots.runtime.adapter.directory
    await eventually(lambda: len(directory) == len(roots.fake.users), what="the directory fill")


async def test_a_member_promoted_by_user_change_is_an_admin_at_once(roots: Roots) -> None:
    await filled(roots)
    _status, body = await roots.slack.command("/roots-config", "budget 9", user=BOB)
    assert en("error.admin_only") in body["text"]
    promoted = {**roots.fake.users[BOB], "is_admin": True}
    await roots.slack.event({"type": "user_change", "user": promoted})
    _status, body = await roots.slack.command("/roots-config", "budget 9", user=BOB)
    assert body["text"] == en("config.updated", setting="budget", value="9")
    demoted = {**promoted, "is_admin": False}
    await roots.slack.event({"type": "user_change", "user": demoted})
    _status, body = await roots.slack.command("/roots-config", "budget 3", user=BOB)
    assert en("error.admin_only") in body["text"]
    assert db_rows(roots.core, "SELECT daily_budget FROM communities") == [(9,)]
    assert roots.fake.count("users.info") == 0  # all of it from events


async def test_a_member_who_becomes_a_bot_can_no_longer_receive_kudos(roots: Roots) -> None:
    await filled(roots)
    await roots.slack.event(
        {"type": "user_change", "user": {**roots.fake.users[CAROL], "is_bot": True}}
    )
    _status, body = await roots.slack.command("/kudos", f"<@{CAROL}> thanks", user=ALICE)
    assert body["response_type"] == "ephemeral"
    assert en("kudos.to_bot", name="Carol") in body["text"]


async def test_a_newcomer_announced_by_team_join_costs_no_lookup(roots: Roots) -> None:
    await filled(roots)
    newcomer = user("U0NEW", "Nadia")
    await roots.slack.event({"type": "team_join", "user": newcomer})
    roots.fake.users["U0NEW"] = newcomer
    _status, body = await roots.slack.command("/kudos", "<@U0NEW> welcome aboard", user=ADMIN)
    assert body["response_type"] == "in_channel" and "<@U0NEW>" in body["text"]
    assert roots.fake.count("users.info") == 0


async def test_the_fill_keeps_each_members_locale_and_an_event_without_one_keeps_it(
    crowd: FakeSlack,
) -> None:
    """Issue 18: members' Slack locales come with users.list (include_locale), so
    private answers can follow them; a user_change (which carries none) keeps it."""
    crowd.users["U00007"]["locale"] = "de-DE"
    directory = Directory(make_client(slack_settings(crowd)))
    await directory.fill(TEAM)
    known = directory.known(TEAM, "U00007")
    assert known is not None and known.locale == "de-DE"
    other = directory.known(TEAM, "U00008")
    assert other is not None and other.locale is None

    renamed = {k: v for k, v in crowd.users["U00007"].items() if k != "locale"}
    renamed["profile"] = {"display_name": "Seven"}
    learned = directory.learn(TEAM, renamed)
    assert learned is not None and (learned.name, learned.locale) == ("Seven", "de-DE")
