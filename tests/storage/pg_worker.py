"""A separate OS process for tests/storage/test_postgres.py.

    python -m tests.storage.pg_worker kudos URL INDEX ACTIONS
    python -m tests.storage.pg_worker scheduler URL INDEX DAYS LOGFILE

Each prints ``ready`` once its store is open, waits for a line on stdin, then works.
``kudos``: one giver's actions (budget 5) plus one shared platform event; prints one
status per action. ``scheduler``: a core on a manual clock, advanced a day at a time;
every delivered post is appended (and flushed) to LOGFILE before it is recorded sent.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import ManualClock
from bot.config import Settings
from bot.delivery import Ownership
from bot.storage.postgres import PostgresStore
from bot.storage.records import KudosDraft
from bot.types import Member, Reply
from bot.wiring import running_core

COMMUNITY = "T-roots"
START = datetime(2026, 3, 25, 10, 0, tzinfo=UTC)
GIVER = Member("U-giver", "giver")
BUDGET = 5


def draft(action: str, receiver: str, event: str | None) -> KudosDraft:
    return KudosDraft(
        community_id=COMMUNITY,
        action_id=action,
        giver=GIVER,
        receivers=(Member(receiver, receiver.lower()),),
        reason="thanks",
        channel_id="C-general",
        source="command",
        source_event_id=event,
        created_at=START,
        local_day=START.date(),
        season=1,
        week_key="2026-W13",
        month_key="2026-03",
        budget=BUDGET,
        cooldown_since=None,
    )


async def kudos(url: str, index: int, actions: int) -> None:
    store = PostgresStore(url, pool_size=4)
    await store.open()
    print("ready", flush=True)
    await asyncio.to_thread(sys.stdin.readline)
    drafts = [draft(f"shared-{index}", "U-shared", "event-shared")]
    drafts += [draft(f"a-{index}-{i}", f"U-{index}-{i}", None) for i in range(actions)]
    outcomes = await asyncio.gather(*(store.record_kudos(d) for d in drafts))
    for d, outcome in zip(drafts, outcomes, strict=True):
        print(d.action_id, outcome.status.value, ",".join(map(str, outcome.kudos_ids)))
    await store.close()


class LoggingDelivery:
    def __init__(self, log: Path, index: int) -> None:
        self.file = log.open("a", encoding="utf-8")
        self.index = index
        self.count = 0

    async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
        self.count += 1
        message_id = f"p{self.index}-{self.count}"
        self.file.write(f"{message_id} {channel_id}\n")
        self.file.flush()
        return message_id

    async def edit(self, community_id: str, channel_id: str, message_id: str, reply: Reply) -> bool:
        return True

    async def ownership(self, community_id: str, channel_id: str) -> Ownership:
        return Ownership.UNKNOWN  # cannot tell: ``send`` decides

    async def send_private(self, community_id: str, member_id: str, reply: Reply) -> str:
        """A weekly nudge (reconnect, issue 16): logged as ``<id> dm:<member>``."""
        return await self.send(community_id, f"dm:{member_id}", reply)


async def scheduler(url: str, index: int, days: int, log: Path) -> None:
    clock = ManualClock(START)
    async with running_core(Settings(database_url=url), clock=clock) as core:
        core.attach_delivery(LoggingDelivery(log, index))
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        await core.scheduler.startup()
        for day in range(1, days + 1):
            await core.scheduler.advance_to(START + timedelta(days=day))
            print("day", day, flush=True)


def main() -> None:
    mode, url, index = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "kudos":
        asyncio.run(kudos(url, index, int(sys.argv[4])))
    else:
        asyncio.run(scheduler(url, index, int(sys.argv[4]), Path(sys.argv[5])))


if __name__ == "__main__":
    main()
