"""The pictures Slack shows in chat (issue #14), served without a session.

Slack's servers fetch an image block's URL themselves, without cookies, so this route
needs no sign-in: the URL carries its own proof, an HMAC over the community, the
picture's name and an expiry (:class:`bot.pictures.PictureLinks`). A URL whose signature
is wrong answers 403, an expired one 404, both before anything is read; a good one gets
the picture drawn from today's figures as a PNG (drawn off the event loop), and 404 when
there is nothing to show any more (a member who opted out, leaderboards turned off).
"""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web

from bot.charts import to_png
from bot.pictures import PictureLinks, PictureService, Verdict

log = logging.getLogger("roots.web")

PICTURES = web.AppKey("pictures", PictureService)
LINKS = web.AppKey("picture_links", PictureLinks)
ROUTE = "/pictures/{community}/{kind}/{subject}/{expires}/{sig}.png"


async def picture(request: web.Request) -> web.StreamResponse:
    found = request.match_info
    community, kind, subject = found["community"], found["kind"], found["subject"]
    verdict = await request.app[LINKS].check(
        community, kind, subject, found["expires"], found["sig"]
    )
    if verdict is Verdict.FORGED:
        raise web.HTTPForbidden()
    if verdict is Verdict.EXPIRED:
        raise web.HTTPNotFound()
    drawn = await request.app[PICTURES].draw(community, kind, subject)
    if drawn is None:
        raise web.HTTPNotFound()
    try:
        body = await asyncio.to_thread(to_png, drawn.svg)
    except Exception:
        log.exception("Could not draw the %s picture of %s", kind, community)
        raise web.HTTPServiceUnavailable() from None
    return web.Response(body=body, content_type="image/png")


def add_pictures(app: web.Application, pictures: PictureService, links: PictureLinks) -> None:
    app[PICTURES] = pictures
    app[LINKS] = links
    app.router.add_get(ROUTE, picture)
