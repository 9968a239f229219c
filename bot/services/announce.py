"""Quiet announcements (issue 15): where a community's public kudos confirmations go.

``/roots-config announce here|thread|#channel|private``:

- ``here`` (the default): in the channel where kudos were given, as always;
- ``thread``: as a reply in the thread of the message that gave them (a ``++`` message,
  a reacted message); a slash command has no message, so it answers here;
- ``#channel``: in a log channel of the community (one the platform vouched for, checked
  like the schedules' channels); the giver of a command is told where, privately;
- ``private``: only the giver and the receivers are told: the giver sees the
  confirmation privately, each receiver gets it as a private message (a direct message;
  a receiver who takes none still finds it in ``/roots``).

Only kudos confirmations move: leaderboards, digests and prompts are unaffected.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from bot.delivery import Delivery, Ownership, ownership, tell_privately
from bot.errors import Refusal, require_admin
from bot.messages import t
from bot.services.community import SETTINGS_TTL, CommunityService
from bot.services.schedules import channel_name
from bot.storage.base import AnnounceStore
from bot.types import Context, Reply, Tone, Visibility

if TYPE_CHECKING:
    from bot.services.kudos import Given

log = logging.getLogger(__name__)

HERE, THREAD, CHANNEL, PRIVATE = "here", "thread", "channel", "private"
MODES = (HERE, THREAD, CHANNEL, PRIVATE)
# Words of /roots-config announce, English and French (a channel word means CHANNEL).
MODE_WORDS = {
    "here": HERE,
    "ici": HERE,
    "thread": THREAD,
    "fil": THREAD,
    "private": PRIVATE,
    "privé": PRIVATE,
    "prive": PRIVATE,
    "aquí": HERE,  # Spanish and German (issue 18)
    "aqui": HERE,
    "hier": HERE,
    "hilo": THREAD,
    "privado": PRIVATE,
    "privat": PRIVATE,
}


@dataclass(frozen=True)
class Announce:
    mode: str = HERE
    channel_id: str | None = None


class HasDelivery(Protocol):
    """The scheduler: its ``delivery`` is the platform connection of the moment."""

    delivery: Delivery


class AnnounceService:
    def __init__(
        self,
        store: AnnounceStore,
        communities: CommunityService,
        poster: HasDelivery,
        ttl: float = SETTINGS_TTL,
    ) -> None:
        self.store = store
        self.communities = communities
        self.poster = poster
        self.ttl = ttl
        # community id -> (setting, monotonic time read): kudos read it on every give,
        # so a process trusts its copy for ``ttl`` seconds (as community settings).
        self._cache: dict[str, tuple[Announce, float]] = {}

    async def current(self, community_id: str) -> Announce:
        cached = self._cache.get(community_id)
        if cached is not None and time.monotonic() - cached[1] < self.ttl:
            return cached[0]
        found = await self.store.get_announce(community_id)
        setting = Announce(*found) if found is not None and found[0] in MODES else Announce()
        self._cache[community_id] = (setting, time.monotonic())
        return setting

    async def set(self, ctx: Context, mode: str, channel_id: str | None = None) -> Reply:
        """An admin's choice; a channel must be the community's own (vouched for by
        the platform: the caller took it from ``CommandCall.channels``)."""
        require_admin(ctx)
        if mode not in MODES or (mode == CHANNEL) != (channel_id is not None):
            raise Refusal("announce.usage")
        if channel_id is not None and channel_id != ctx.channel_id:
            found = await ownership(self.poster.delivery, ctx.community_id, channel_id)
            if found is Ownership.FOREIGN:
                raise Refusal("schedule.foreign_channel", channel=channel_name(channel_id))
            if found is Ownership.GONE:
                raise Refusal("announce.channel_gone", channel=channel_name(channel_id))
        await self.store.set_announce(ctx.community_id, mode, channel_id)
        self._cache[ctx.community_id] = (Announce(mode, channel_id), time.monotonic())
        log.info("Announcements in %s: %s %s", ctx.community_id, mode, channel_id or "")
        locale = await self.communities.private_locale(ctx)
        values = {"channel": channel_name(channel_id)} if channel_id else {}
        return Reply(t(locale, f"announce.set_{mode}", **values), tone=Tone.SUCCESS)

    async def shown(self, ctx: Context) -> Reply:
        """The setting as ``/roots-config show`` words it (the value of its field)."""
        setting = await self.current(ctx.community_id)
        locale = await self.communities.private_locale(ctx)
        values = {"channel": channel_name(setting.channel_id)} if setting.channel_id else {}
        return Reply(t(locale, f"announce.mode_{setting.mode}", **values))

    async def _tell_receivers(self, ctx: Context, given: Given) -> None:
        """Private mode: each receiver gets the confirmation as a private message, in
        their own language. A refused or failed one is logged and skipped: the kudos is
        given either way."""
        delivery, community = self.poster.delivery, ctx.community_id
        shared = (await self.communities.settings(ctx)).locale
        receivers = [m for m in given.reply.ping if m != ctx.actor.id]
        locales = [await self.communities.locale_of(community, m, shared) for m in receivers]
        await asyncio.gather(
            *(
                tell_privately(delivery, community, m, _quiet(given.written(locale)))
                for m, locale in zip(receivers, locales, strict=True)
            )
        )

    async def place(self, ctx: Context, given: Given, *, asked: bool) -> list[Reply]:
        """The public kudos confirmation ``given.reply``, placed as the community chose.

        ``asked``: it answers a command, which must be answered (a ``++`` message or a
        reaction need not be). Posting in the log channel failing falls back to here.
        """
        reply = given.reply
        if reply.visibility is not Visibility.PUBLIC:
            return [reply]
        setting = await self.current(ctx.community_id)
        if setting.mode == THREAD:  # a command has no message to answer in a thread
            return [reply if asked else replace(reply, thread=True)]
        if setting.mode == PRIVATE:  # everyone who reads it reads it alone: their language
            await self._tell_receivers(ctx, given)
            return [_quiet(given.written(await self.communities.private_locale(ctx)))]
        if setting.mode != CHANNEL or not setting.channel_id:
            return [reply]
        if setting.channel_id == ctx.channel_id:
            return [reply]
        try:
            await self.poster.delivery.send(ctx.community_id, setting.channel_id, reply)
        except Exception as exc:
            log.warning(
                "Could not post a kudos confirmation in %s of %s (%s): posted here instead",
                setting.channel_id,
                ctx.community_id,
                type(exc).__name__,
            )
            return [reply]
        if not asked:
            return []
        locale = await self.communities.private_locale(ctx)
        posted = t(locale, "announce.posted", channel=channel_name(setting.channel_id))
        return [Reply(posted, tone=Tone.SUCCESS)]


def _quiet(reply: Reply) -> Reply:
    """A confirmation for one reader: private, pinging nobody."""
    return replace(reply, visibility=Visibility.EPHEMERAL, ping=())
