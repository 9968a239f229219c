"""Leaderboards of givers and receivers, by ISO week, calendar month or season."""

from __future__ import annotations

from bot.clock import Clock
from bot.errors import Refusal
from bot.messages import field, join, t
from bot.periods import Window, local_date, period_key
from bot.pictures import leaderboard_picture
from bot.services.community import CommunityService
from bot.storage.base import KudosStore
from bot.storage.records import BoardRow, Role
from bot.types import Context, Field, Mention, Reply, Rich

TOP = 10


class LeaderboardService:
    def __init__(
        self,
        store: KudosStore,
        clock: Clock,
        communities: CommunityService,
        *,
        pictures: bool = False,
    ) -> None:
        self.store = store
        self.clock = clock
        self.communities = communities
        self.pictures = pictures  # issue 14: a picture of the boards goes with the reply

    async def board(self, ctx: Context, roles: tuple[Role, ...], window: Window) -> Reply:
        settings = await self.communities.settings(ctx)
        locale = settings.locale
        if not settings.leaderboards_enabled:
            raise Refusal("leaderboard.off")
        day = local_date(self.clock.now(), settings.timezone)
        period = period_key(window, settings.season, day)
        fields: list[Field] = []
        boards = await self.store.boards(ctx.community_id, period, roles, ctx.actor.id, TOP)
        for board in boards:
            role, rows, mine = board.role, board.top, board.caller
            lines: list[Rich] = [self._line(locale, role, row) for row in rows]
            if not rows:
                lines.append(t(locale, "leaderboard.empty"))
            if mine is not None and all(row.member.id != ctx.actor.id for row in rows):
                lines.append(t(locale, "leaderboard.you", rank=mine.rank, count=mine.count))
            value = join(lines, sep="\n")
            fields.append(field(locale, t(locale, f"leaderboard.{role.name.lower()}"), value))
        title = t(locale, f"leaderboard.title.{window.value}", season=settings.season)
        picture = (
            leaderboard_picture(locale, window, settings.season, period, boards)
            if self.pictures
            else None
        )
        return Reply(body=(), title=title, fields=tuple(fields), picture=picture)

    @staticmethod
    def _line(locale: str, role: Role, row: BoardRow) -> Rich:
        return t(
            locale,
            "leaderboard.row",
            rank=row.rank,
            name=Mention(row.member.id, row.member.name),
            count=row.count,
        )
