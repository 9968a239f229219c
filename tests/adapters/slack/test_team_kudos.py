"""Team kudos on Slack (issue 15): ``/kudos <!subteam^S…|@group> reason`` thanks the user
group's members (usergroups.users.list), less the giver, bots and opted-out members; the
confirmation names the group and pings nobody."""

from __future__ import annotations

import json

from bot.messages import text
from tests.adapters.slack.conftest import ALICE, BOB, BOTU, CAROL, HELPER, Roots
from tests.adapters.slack.fake_slack import user
from tests.fakes import db_rows

DESIGN = "<!subteam^S0DESIGN|@design>"


def en(key: str, **values: object) -> str:
    return text("en", key, **values)


def rows(roots: Roots) -> list[tuple[str, str, str]]:
    return db_rows(
        roots.core, "SELECT giver_id, receiver_id, source FROM kudos ORDER BY receiver_id"
    )


async def test_a_user_group_is_thanked_for_one_unit_and_nobody_is_pinged(roots: Roots) -> None:
    roots.fake.usergroups["S0DESIGN"] = [ALICE, BOB, CAROL, BOTU]

    status, body = await roots.slack.command("/kudos", f"{DESIGN} great launch", user=ALICE)

    assert status == 200, body
    assert body["response_type"] == "in_channel"
    shown = body["text"] + json.dumps(body["blocks"], ensure_ascii=False)
    assert "@design" in shown and "great launch" in shown
    assert "<@" not in shown and "<!" not in shown  # no member, group or channel ping
    assert en("team.footer", count=2, left=4, budget=5) in shown
    assert rows(roots) == [(ALICE, BOB, "team"), (ALICE, CAROL, "team")]
    assert roots.fake.of("usergroups.users.list") == [{"usergroup": "S0DESIGN"}]


async def test_a_26_member_group_is_refused_privately_with_its_size(roots: Roots) -> None:
    crowd = [f"U0M{i:03d}" for i in range(26)]
    for uid in crowd:
        roots.fake.users[uid] = user(uid, f"Member {uid}")
    roots.fake.usergroups["S0BIG"] = crowd

    status, body = await roots.slack.command(
        "/kudos", "<!subteam^S0BIG|@everyone-team> thanks", user=ALICE
    )

    assert status == 200
    assert body["response_type"] == "ephemeral"
    assert en("team.too_big", team="@everyone-team", count=26, limit=25) in body["text"]
    assert rows(roots) == []


async def test_opted_out_members_are_left_out(roots: Roots) -> None:
    await roots.slack.command("/roots", "optout", user=CAROL)
    roots.fake.usergroups["S0DESIGN"] = [BOB, CAROL, HELPER]

    _, body = await roots.slack.command("/kudos", f"{DESIGN} thanks all", user=ALICE)

    assert body["response_type"] == "in_channel", body
    assert rows(roots) == [(ALICE, BOB, "team"), (ALICE, HELPER, "team")]


async def test_without_the_usergroups_scope_the_giver_is_told_politely(roots: Roots) -> None:
    roots.fake.scripted["usergroups.users.list"] = [
        (200, {}, {"ok": False, "error": "missing_scope", "needed": "usergroups:read"})
    ]

    status, body = await roots.slack.command("/kudos", f"{DESIGN} thanks", user=ALICE)

    assert status == 200
    assert body["response_type"] == "ephemeral"
    assert en("team.slack_unavailable", team="@design") in body["text"]
    assert rows(roots) == []


async def test_a_typed_group_name_is_not_a_group(roots: Roots) -> None:
    roots.fake.usergroups["S0DESIGN"] = [BOB, CAROL]

    _, body = await roots.slack.command("/kudos", "@design thanks", user=ALICE)

    assert body["response_type"] == "ephemeral"
    assert roots.fake.count("usergroups.users.list") == 0
    assert rows(roots) == []
