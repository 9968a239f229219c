"""What the dashboard reads, as a narrow port: the storage layer implements it with its
aggregate queries (never by scanning the ledger per request)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from bot.charts import Helper
from bot.storage.base import DashboardStore


@dataclass(frozen=True)
class CommunityView:
    id: str
    name: str
    locale: str
    timezone: str


class DashboardData(Protocol):
    async def community(self, community_id: str) -> CommunityView | None: ...

    async def member_name(self, community_id: str, member_id: str) -> str | None: ...

    async def weekly_figures(
        self, community_id: str, weeks: Sequence[date]
    ) -> Mapping[str, Sequence[tuple[date, int]]]:
        """Per measure of :data:`bot.charts.MEASURES`, ``(week start, value)`` for the weeks
        that have one (missing weeks count zero)."""
        ...

    async def helpers(self, community_id: str, member_id: str) -> Sequence[Helper]:
        """Who helped the member (all time), with their count of thanks and whether the
        member thanked them back."""
        ...


HELPERS_SHOWN = 12


class StoreData:
    """:class:`DashboardData` on the storage layer (``bot.storage.base.DashboardStore``):
    every figure is one or a few indexed queries written once in ``bot/storage/sql.py``."""

    def __init__(self, store: DashboardStore) -> None:
        self.store = store

    async def community(self, community_id: str) -> CommunityView | None:
        found = await self.store.find_community(community_id)
        if found is None:
            return None
        # The platforms' workspace names are not stored: the id names the community.
        return CommunityView(found.community_id, found.community_id, found.locale, found.timezone)

    async def member_name(self, community_id: str, member_id: str) -> str | None:
        found = await self.store.get_member(community_id, member_id)
        return found.name if found is not None else None

    async def weekly_figures(
        self, community_id: str, weeks: Sequence[date]
    ) -> Mapping[str, Sequence[tuple[date, int]]]:
        found = await self.store.find_community(community_id)
        if found is None or not weeks:
            return {}
        return await self.store.weekly_figures(community_id, found.season, weeks, found.timezone)

    async def helpers(self, community_id: str, member_id: str) -> Sequence[Helper]:
        rows = await self.store.helpers_of(community_id, member_id, None, HELPERS_SHOWN)
        return [Helper(member.name, count, back) for member, count, back in rows]
