"""What the dashboard changes, through the core's own services (as chat does): a change
made on the web is visible in chat at once, and the other way round. There is no second
path to the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from bot.errors import Refusal
from bot.messages import text
from bot.storage.records import Role, StorageError
from bot.types import Context, Member, Reply
from bot.wiring import Core

WEB_CHANNEL = "web"  # the channel a kudos given on the dashboard is recorded in
EXPORT_LIMIT = 100_000


@dataclass(frozen=True)
class Outcome:
    ok: bool
    text: str  # the core's own message, as chat shows it (plain text)


class DashboardActions(Protocol):
    async def thank(self, ctx: Context, receiver_id: str, reason: str, locale: str) -> Outcome: ...

    async def opt(self, ctx: Context, opted_out: bool, locale: str) -> Outcome: ...

    async def my_data(self, community_id: str, member_id: str) -> dict[str, Any]: ...


def plain(reply: Reply) -> str:
    return reply.as_text()


class CoreActions:
    """:class:`DashboardActions` on the running core's services."""

    def __init__(self, core: Core) -> None:
        self.core = core

    async def thank(self, ctx: Context, receiver_id: str, reason: str, locale: str) -> Outcome:
        """A kudos as /kudos gives it: the same budget, cooldown, reason rules and texts."""
        record = await self.core.store.get_member(ctx.community_id, receiver_id)
        try:
            if record is None:
                raise Refusal("web.thank.unknown")
            receiver = Member(record.id, record.name, record.is_bot)
            given = await self.core.kudos.give(ctx, [receiver], reason, source="command")
        except Refusal as refusal:
            return Outcome(False, text(locale, refusal.key, **refusal.values))
        except StorageError:
            return Outcome(False, text(locale, "error.storage"))
        if given is None:
            return Outcome(False, text(locale, "web.thank.unknown"))
        return Outcome(True, plain(given.written(locale)))  # the page is theirs alone

    async def opt(self, ctx: Context, opted_out: bool, locale: str) -> Outcome:
        try:
            return Outcome(True, plain(await self.core.summaries.opt(ctx, opted_out)))
        except Refusal as refusal:
            return Outcome(False, text(locale, refusal.key, **refusal.values))

    async def my_data(self, community_id: str, member_id: str) -> dict[str, Any]:
        """The member's own data in this community: who they are, their counts, every
        active kudos they gave and received (with reasons)."""
        store = self.core.store
        member = await store.get_member(community_id, member_id)
        tally = await store.tallies(community_id, member_id, ["life"])

        async def kudos(role: Role) -> list[dict[str, Any]]:
            rows = await store.kudos_of(community_id, member_id, role, 0, EXPORT_LIMIT)
            return [
                {
                    "id": k.kudos_id,
                    "from": k.giver_id,
                    "to": k.receiver_id,
                    "other": m.name if m is not None else None,
                    "reason": k.reason,
                    "at": _iso(k.created_at),
                }
                for k, m in rows
            ]

        return {
            "community": community_id,
            "member": {
                "id": member_id,
                "name": member.name if member else None,
                "opted_out": bool(member and member.opted_out),
                # /roots language (issue 18): their choice, "auto" when none
                "language": await store.member_language(community_id, member_id) or "auto",
            },
            "totals": {"given": tally["life"].given, "received": tally["life"].received},
            "received": await kudos(Role.RECEIVERS),
            "given": await kudos(Role.GIVERS),
            "exported_at": _iso(self.core.clock.now()),
        }


def _iso(moment: datetime) -> str:
    return moment.isoformat()
