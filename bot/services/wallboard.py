"""`/roots-config wallboard on|off` (admins): the dashboard's wallboard (issue #14), a
read-only page for a screen in the office at an unguessable URL.

Off by default. ``on`` answers privately with ``ROOTS_WEB_URL/wall/<token>``: 256 random
bits, stored as their SHA-256 only, shown this once. ``on`` again mints a new token (the
old URL stops working); ``off`` forgets it.
"""

from __future__ import annotations

import logging

from bot.clock import Clock
from bot.errors import Refusal, require_admin
from bot.messages import t
from bot.services.community import CommunityService
from bot.storage.base import WallboardStore
from bot.types import Context, Plain, Reply, Tone, Visibility
from bot.weblogin import hash_secret, new_secret

log = logging.getLogger(__name__)

MAX_TOKEN = 100  # longer than any token minted here: not looked up


class WallboardService:
    def __init__(
        self,
        store: WallboardStore,
        clock: Clock,
        communities: CommunityService,
        base_url: str | None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.communities = communities
        self.base_url = base_url  # ROOTS_WEB_URL; None when ROOTS_WEB=off

    async def switch(self, ctx: Context, on: bool) -> Reply:
        require_admin(ctx)
        locale = (await self.communities.settings(ctx)).locale
        if not on:
            ended = await self.store.end_wallboard(ctx.community_id)
            if ended:
                log.info("Wallboard of %s switched off by %s", ctx.community_id, ctx.actor.id)
            key = "wallboard.off" if ended else "wallboard.was_off"
            return Reply(t(locale, key), tone=Tone.SUCCESS, visibility=Visibility.EPHEMERAL)
        if self.base_url is None:
            raise Refusal("web.off")
        token = new_secret()
        await self.store.start_wallboard(ctx.community_id, hash_secret(token), self.clock.now())
        log.info("Wallboard of %s (re)started by %s", ctx.community_id, ctx.actor.id)
        url = f"{self.base_url.rstrip('/')}/wall/{token}"
        return Reply(
            t(locale, "wallboard.on", url=Plain(url)),
            tone=Tone.SUCCESS,
            visibility=Visibility.EPHEMERAL,
        )

    async def is_on(self, community_id: str) -> bool:
        return await self.store.wallboard_since(community_id) is not None

    async def community_of(self, token: str) -> str | None:
        """The community whose wallboard this token opens; None for any other token."""
        if not token or len(token) > MAX_TOKEN:
            return None
        return await self.store.wallboard_community(hash_secret(token))
