"""Pictures in chat on Slack (issue #14): an image block whose URL is the dashboard's
signed, expiring picture link (``/pictures/…``, see :mod:`bot.pictures`).

Slack's servers fetch the image themselves, without cookies, so this is only done when
ROOTS_WEB_URL is public https (:attr:`bot.pictures.PictureLinks.public`); otherwise, or
when the link can't be signed, the reply stays text.
"""

from __future__ import annotations

import logging

from adapters.slack.render import Image
from bot.pictures import PRIVATE_TTL, PUBLIC_TTL, PictureLinks
from bot.types import Reply, Visibility

log = logging.getLogger(__name__)

MAX_URL = 3000  # Slack's limit on an image block's image_url


def usable(links: PictureLinks | None) -> PictureLinks | None:
    """``links`` when Slack can fetch from them, else None."""
    return links if links is not None and links.public else None


async def image_for(links: PictureLinks | None, community_id: str, reply: Reply) -> Image | None:
    """The image block's URL and text alternative for the reply's picture, if any."""
    picture = reply.picture
    if picture is None or links is None or not community_id:
        return None
    ttl = PUBLIC_TTL if reply.visibility is Visibility.PUBLIC else PRIVATE_TTL
    try:
        url = await links.url(community_id, picture, ttl)
    except Exception:
        log.exception("Could not sign the %s picture's link: the reply stays text", picture.kind)
        return None
    if len(url) > MAX_URL:
        return None
    return Image(url, picture.alt)
