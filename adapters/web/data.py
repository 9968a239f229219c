"""What the dashboard reads, as a narrow port: the storage layer implements it with its
aggregate queries (never by scanning the ledger per request)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from bot.charts import Helper


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
