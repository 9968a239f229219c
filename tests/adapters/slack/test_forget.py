"""/roots-admin forget on Slack: a real HTTP-mode app talking to the fake Slack."""

from __future__ import annotations

from typing import Any

from bot.datatools.tables import is_internal
from bot.messages import text
from tests.adapters.slack.conftest import ADMIN, ALICE, BOB, BOTU, CAROL, Roots
from tests.fakes import db_rows


def en(key: str, **values: object) -> str:
    return text("en", key, **values)


def everything(roots: Roots) -> list[tuple[Any, ...]]:
    """Every row of every table but the stores' bookkeeping (schema version, and the
    signatures of recent requests, which every request adds to: no member data)."""
    found: list[tuple[Any, ...]] = []
    for (table,) in db_rows(
        roots.core,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    ):
        if is_internal(table):
            continue
        found += sorted(db_rows(roots.core, f"SELECT * FROM {table}"), key=repr)
    return found


def mentions_bob(roots: Roots) -> list[str]:
    cells = [str(v) for row in everything(roots) for v in row]
    return [c for c in cells if BOB.casefold() in c.casefold() or "bob" in c.casefold()]


async def admin_seen(roots: Roots) -> None:
    """The admin's first command records their name: do it before comparing snapshots."""
    status, _ = await roots.slack.command("/roots-config", "show", user=ADMIN)
    assert status == 200


async def kudos(roots: Roots, giver: str, receiver: str, reason: str) -> None:
    status, body = await roots.slack.command("/kudos", f"<@{receiver}> {reason}", user=giver)
    assert status == 200 and "error" not in body.get("text", "").lower(), body


async def test_an_admin_forgets_a_member_after_confirming(roots: Roots) -> None:
    await kudos(roots, BOB, ALICE, "for the bobsecret recipe")
    await kudos(roots, ALICE, BOB, "for the review")
    await kudos(roots, CAROL, ALICE, "for the docs")
    assert mentions_bob(roots)
    await admin_seen(roots)
    before = everything(roots)

    status, body = await roots.slack.command("/roots-admin", f"forget <@{BOB}>", user=ADMIN)

    assert status == 200 and body["response_type"] == "ephemeral"
    assert body["text"] == en("forget.preview", name="Bob", given=1, received=1)
    assert everything(roots) == before

    status, body = await roots.slack.command("/roots-admin", f"forget <@{BOB}> confirm", user=ADMIN)

    assert status == 200 and body["response_type"] == "ephemeral"
    assert body["text"] == en("forget.done", name="Bob", given=1, received=1, count=0)
    assert mentions_bob(roots) == []
    assert db_rows(
        roots.core,
        "SELECT given, received FROM kudos_totals WHERE period = 'life' AND member_id = ?",
        ALICE,
    ) == [(1, 2)]
    assert roots.fake.count("chat.postMessage") == 0  # nothing said in the channel


async def test_members_cannot_forget_and_bots_have_nothing_to_forget(roots: Roots) -> None:
    await kudos(roots, BOB, ALICE, "for the bobsecret recipe")
    await admin_seen(roots)
    before = everything(roots)

    status, body = await roots.slack.command("/roots-admin", f"forget <@{BOB}> confirm", user=ALICE)
    assert body["response_type"] == "ephemeral"
    assert body["text"] == ":warning: " + en("error.admin_only")

    status, body = await roots.slack.command(
        "/roots-admin", f"forget <@{BOTU}> confirm", user=ADMIN
    )
    assert body["text"] == ":warning: " + en("forget.bot", name="Deploybot")

    status, body = await roots.slack.command("/roots-admin", "forget", user=ADMIN)
    assert status == 200 and body["text"] == ":warning: " + en("forget.usage")
    assert everything(roots) == before
