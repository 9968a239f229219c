"""What the Admin page reads and changes, on the running core (issue #14, section 5).

Every change is a :class:`CommandCall`, the one a chat adapter builds for the same
command, dispatched through the core's Router: the same admin guard, the same
validation, the same services and the same messages as chat, and no second path to the
database. The page shows the Router's reply as it is. Reads (the settings, the
schedules, the queue, the audit log) go through the core's services and store ports.
"""

from __future__ import annotations

import asyncio
import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.builtin_prompts import THEMES
from bot.datatools.export import CommunityExport, collect, csv_cell
from bot.delivery import Ownership, ownership
from bot.storage.records import AuditEntry, CustomPrompt, ScheduleRecord
from bot.types import CommandCall, Context, Member, Reply
from bot.wiring import Core

AUDIT_SHOWN = 100
QUEUE_SHOWN = 50
PROMPTS_SHOWN = 200


@dataclass(frozen=True)
class Settings:
    """A community's settings as the Admin page's forms show them."""

    timezone: str
    locale: str
    budget: int
    cooldown: int
    emoji: str
    reason_required: bool
    leaderboards: bool
    detect: bool
    catchup: int
    announce: str  # "here", "thread", "channel", "private"
    announce_channel: str | None
    season: int


@dataclass(frozen=True)
class AdminView:
    settings: Settings
    schedules: Sequence[ScheduleRecord]  # daily prompts and digests
    queue: Sequence[tuple[CustomPrompt, str]]  # (suggestion, its author's name)
    prompts: Sequence[tuple[CustomPrompt, str]]  # the community's own, active
    audit: Sequence[tuple[AuditEntry, str, str]]  # (entry, actor's name, subject's name)
    channels: Sequence[str]  # channel ids the community's schedules already use
    themes: Sequence[tuple[str, bool]]  # (prompt theme, in the rotation)


class AdminActions(Protocol):
    async def run(self, call: CommandCall) -> list[Reply]:
        """The command, as chat would run it: the Router's replies."""
        ...

    async def view(self, ctx: Context) -> AdminView: ...

    async def channel_is_theirs(self, ctx: Context, channel_id: str) -> bool:
        """Whether ``channel_id`` may be named on the web for this community: one its
        schedules already use, or one the platform says is its own."""
        ...

    async def export_json(self, community_id: str) -> dict[str, object]: ...

    async def export_csv(self, community_id: str) -> bytes:
        """A zip of one ``<table>.csv`` per table, no cell a spreadsheet would run."""
        ...

    async def member_named(self, community_id: str, name: str) -> Member | None:
        """The one member called ``name`` (as /roots-admin forget @name finds them)."""
        ...


class CoreAdmin:
    """:class:`AdminActions` on the running core."""

    def __init__(self, core: Core) -> None:
        self.core = core

    async def run(self, call: CommandCall) -> list[Reply]:
        return await self.core.router.command(call)

    async def view(self, ctx: Context) -> AdminView:
        core, cid = self.core, ctx.community_id
        s = await core.communities.settings(ctx)
        announce = await core.store.get_announce(cid)
        settings = Settings(
            timezone=s.timezone,
            locale=s.locale,
            budget=s.daily_budget,
            cooldown=s.cooldown_seconds,
            emoji=s.kudos_emoji,
            reason_required=s.reason_required,
            leaderboards=s.leaderboards_enabled,
            detect=await core.detector.enabled(cid),
            catchup=await core.communities.catchup_minutes(cid),
            announce=announce[0] if announce else "here",
            announce_channel=announce[1] if announce else None,
            season=s.season,
        )
        schedules = [
            x for x in await core.store.list_schedules(cid) if x.kind in ("prompt", "digest")
        ]
        names: dict[str, str] = {}

        async def name(member_id: str) -> str:
            if member_id not in names:
                found = await core.store.get_member(cid, member_id) if member_id else None
                names[member_id] = found.name if found else ""
            return names[member_id]

        queue = await core.store.custom_prompts(cid, "pending", limit=QUEUE_SHOWN)
        active = await core.store.custom_prompts(cid, "active", limit=PROMPTS_SHOWN)
        audit = await core.communities.audit_log(cid, AUDIT_SHOWN)
        excluded = (await core.store.rotation_pool(cid, ctx.channel_id)).excluded_themes
        return AdminView(
            settings=settings,
            schedules=schedules,
            queue=[(p, await name(p.author_id)) for p in queue],
            prompts=[(p, await name(p.author_id)) for p in active],
            audit=[(e, await name(e.actor_id), await name(e.subject_id)) for e in audit],
            channels=sorted({x.channel_id for x in await core.store.list_schedules(cid)}),
            themes=[(theme, theme not in excluded) for theme in THEMES],
        )

    async def channel_is_theirs(self, ctx: Context, channel_id: str) -> bool:
        used = {x.channel_id for x in await self.core.store.list_schedules(ctx.community_id)}
        if channel_id in used:
            return True
        found = await ownership(self.core.scheduler.delivery, ctx.community_id, channel_id)
        return found is Ownership.OWN

    async def export_json(self, community_id: str) -> dict[str, object]:
        return (await self._export(community_id)).document()

    async def export_csv(self, community_id: str) -> bytes:
        export = await self._export(community_id)
        return await asyncio.to_thread(zip_of_csv, export)

    async def member_named(self, community_id: str, name: str) -> Member | None:
        found = await self.core.communities.member_named(community_id, name)
        return Member(found.id, found.name, found.is_bot) if found else None

    async def _export(self, community_id: str) -> CommunityExport:
        """``roots export``'s reading: one snapshot, every table of the community."""
        return await collect(self.core.settings.database_url, community_id)


def zip_of_csv(export: CommunityExport) -> bytes:
    """``roots export --format csv``'s files in one zip (cells through ``csv_cell``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in export.tables:
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(table.columns)
            writer.writerows([csv_cell(v) for v in row] for row in table.rows)
            archive.writestr(f"{table.name}.csv", text.getvalue())
    return out.getvalue()
