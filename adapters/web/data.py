"""What the dashboard reads, as a narrow port: the storage layer implements it with its
aggregate queries (never by scanning the ledger per request)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from bot.charts import Helper
from bot.messages import voiced
from bot.periods import LIFE, Window, month_key, period_key, week_key
from bot.services.checkins import CHECKIN_KINDS, STREAK_LOOKBACK, checkin_streak
from bot.services.member_summary import giving_streak
from bot.storage.base import DashboardStore
from bot.storage.records import TOMBSTONE_PREFIX, Role

PAGE = 20  # thanks per page on My roots
RECENT_DAYS = 90
HELPERS_SHOWN = 12
BOARD_SIZE = 10


@dataclass(frozen=True)
class CommunityView:
    id: str
    name: str
    locale: str
    timezone: str
    platform: str = ""
    leaderboards: bool = True
    season: int = 1
    # tu/du or vous/Sie (issue 18): ``locale`` already carries it ("de@formal")
    formality: str = "informal"


@dataclass(frozen=True)
class Person:
    """Someone who helped the member: the thank-back button needs their id."""

    id: str
    name: str
    count: int
    thanked_back: bool


@dataclass(frozen=True)
class ThanksLine:
    """One kudos on My roots: the other member, the reason, when."""

    kudos_id: int
    other_id: str
    other_name: str  # "" for a member forgotten or unknown
    reason: str
    at: datetime


@dataclass(frozen=True)
class Health:
    """Each figure from 0 to 1; None when there is not enough to say."""

    givers_share: float | None
    reciprocity: float | None
    concentration: float | None


@dataclass(frozen=True)
class Standing:
    rank: int
    name: str
    count: int
    me: bool


@dataclass(frozen=True)
class BoardView:
    role: str  # "givers" or "receivers"
    top: Sequence[Standing]
    mine: Standing | None  # the viewer, when not in the top


class DashboardData(Protocol):
    async def community(self, community_id: str) -> CommunityView | None: ...

    async def member_name(self, community_id: str, member_id: str) -> str | None: ...

    async def member_language(self, community_id: str, member_id: str) -> str | None:
        """The language the member chose for what they alone read (/roots language);
        None: auto (the community's, on the dashboard)."""
        ...

    async def opted_out(self, community_id: str, member_id: str) -> bool: ...

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

    async def people(
        self, community_id: str, member_id: str, since: datetime | None
    ) -> Sequence[Person]:
        """Who helped the member most, all time (``since`` None) or since a moment."""
        ...

    async def thanks(
        self, community_id: str, member_id: str, received: bool, page: int
    ) -> tuple[Sequence[ThanksLine], bool]:
        """One page (from 0) of the thanks received (or given), newest first, and whether
        there is a next page."""
        ...

    async def goal_minutes(self, community_id: str, member_id: str, today: date) -> tuple[int, int]:
        """Minutes the member gave to others' goals (issue 16): this week, and in all."""
        ...

    async def streaks(self, community_id: str, member_id: str, today: date) -> tuple[int, int]:
        """(giving streak, check-in streak), in days."""
        ...

    async def health(self, community: CommunityView, now: datetime, today: date) -> Health: ...

    async def boards(
        self, community: CommunityView, member_id: str, window: str, today: date
    ) -> Sequence[BoardView]:
        """Givers and receivers of ``window`` (week, month, season, all)."""
        ...


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


WINDOWS = ("week", "month", "season", "all")


def board_period(window: str, season: int, today: date) -> str:
    if window == "all":
        return LIFE
    found = {"week": Window.WEEK, "month": Window.MONTH, "season": Window.ALL}[window]
    return period_key(found, season, today)


class StoreData:
    """:class:`DashboardData` on the storage layer (``bot.storage.base.DashboardStore``):
    every figure is one or a few indexed queries written once in ``bot/storage/sql.py``."""

    def __init__(self, store: DashboardStore) -> None:
        self.store = store

    async def community(self, community_id: str) -> CommunityView | None:
        found = await self.store.find_community(community_id)
        if found is None:
            return None
        # The name the platform shows, once an adapter recorded it; the id until then.
        return CommunityView(
            found.community_id,
            found.display_name or found.community_id,
            voiced(found.locale, found.formality),  # the pages speak in the community's tone
            found.timezone,
            found.platform,
            found.leaderboards_enabled,
            found.season,
            found.formality,
        )

    async def member_name(self, community_id: str, member_id: str) -> str | None:
        found = await self.store.get_member(community_id, member_id)
        return found.name if found is not None else None

    async def member_language(self, community_id: str, member_id: str) -> str | None:
        return await self.store.member_language(community_id, member_id)

    async def opted_out(self, community_id: str, member_id: str) -> bool:
        found = await self.store.get_member(community_id, member_id)
        return found is not None and found.opted_out

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

    async def people(
        self, community_id: str, member_id: str, since: datetime | None
    ) -> Sequence[Person]:
        rows = await self.store.helpers_of(community_id, member_id, since, HELPERS_SHOWN)
        return [Person(m.id, m.name, count, back) for m, count, back in rows]

    async def thanks(
        self, community_id: str, member_id: str, received: bool, page: int
    ) -> tuple[Sequence[ThanksLine], bool]:
        role = Role.RECEIVERS if received else Role.GIVERS
        rows = await self.store.kudos_of(community_id, member_id, role, page * PAGE, PAGE + 1)
        lines = [
            ThanksLine(
                k.kudos_id,
                k.giver_id if received else k.receiver_id,
                "" if m is None or m.id.startswith(TOMBSTONE_PREFIX) else m.name,
                k.reason,
                k.created_at,
            )
            for k, m in rows[:PAGE]
        ]
        return lines, len(rows) > PAGE

    async def goal_minutes(self, community_id: str, member_id: str, today: date) -> tuple[int, int]:
        return await self.store.minutes_given(community_id, member_id, week_key(today))

    async def streaks(self, community_id: str, member_id: str, today: date) -> tuple[int, int]:
        days = await self.store.giving_days(community_id, member_id, limit=400)
        posted = await self.store.posted_days(community_id, CHECKIN_KINDS, STREAK_LOOKBACK)
        checked = set(await self.store.checkin_days(community_id, member_id, STREAK_LOOKBACK))
        return giving_streak(days, today), checkin_streak(posted, checked) if posted else 0

    async def health(self, community: CommunityView, now: datetime, today: date) -> Health:
        month = f"s{community.season}:m{month_key(today)}"
        found = await self.store.health(community.id, month, f"s{community.season}", now)
        return Health(
            share(found.givers, found.active),
            share(found.returned, found.started),
            share(found.top_received, found.received),
        )

    async def boards(
        self, community: CommunityView, member_id: str, window: str, today: date
    ) -> Sequence[BoardView]:
        period = board_period(window, community.season, today)
        found = await self.store.boards(
            community.id, period, (Role.GIVERS, Role.RECEIVERS), member_id, BOARD_SIZE
        )
        views: list[BoardView] = []
        for board in found:
            top = [
                Standing(row.rank, row.member.name, row.count, row.member.id == member_id)
                for row in board.top
            ]
            caller = board.caller
            mine = (
                Standing(caller.rank, caller.member.name, caller.count, True)
                if caller is not None and not any(s.me for s in top)
                else None
            )
            role = "givers" if board.role is Role.GIVERS else "receivers"
            views.append(BoardView(role, top, mine))
        return views


def since_recent(now: datetime) -> datetime:
    return now - timedelta(days=RECENT_DAYS)


class WallboardLookup(Protocol):
    """Which community a wallboard URL's token opens (``bot.services.wallboard``)."""

    async def community_of(self, token: str) -> str | None: ...
