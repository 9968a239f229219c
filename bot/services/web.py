"""`/roots web` and `/roots web logout`: the dashboard's sign-in links, from chat (issue #14).

The link is answered privately; it carries the admin right the platform gave the member
at this moment (``ctx.is_admin``), as every chat command does.
"""

from __future__ import annotations

from bot.errors import Refusal
from bot.messages import t
from bot.services.community import CommunityService
from bot.types import Context, Plain, Reply, Tone, Visibility
from bot.weblogin import WebLogin


class WebService:
    def __init__(self, login: WebLogin | None, communities: CommunityService) -> None:
        self.login = login  # None: ROOTS_WEB=off
        self.communities = communities

    def _login(self) -> WebLogin:
        if self.login is None:
            raise Refusal("web.off")
        return self.login

    async def link(self, ctx: Context) -> Reply:
        login = self._login()
        locale = await self.communities.private_locale(ctx)  # the community exists for the page
        await self.communities.see(ctx.community_id, ctx.actor)  # and so does its member
        url = await login.mint_link(ctx.community_id, ctx.actor.id, is_admin=ctx.is_admin)
        return Reply(t(locale, "web.link", url=Plain(url)), visibility=Visibility.EPHEMERAL)

    async def logout(self, ctx: Context) -> Reply:
        login = self._login()
        locale = await self.communities.private_locale(ctx)
        ended = await login.sign_out_everywhere(ctx.community_id, ctx.actor.id)
        key = "none" if ended == 0 else "one" if ended == 1 else "other"
        return Reply(
            t(locale, f"web.logout_done.{key}", count=ended),
            tone=Tone.SUCCESS,
            visibility=Visibility.EPHEMERAL,
        )
