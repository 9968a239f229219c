"""Pictures in chat on Discord (issue #14): the reply's picture as a PNG attachment that
its embed shows (``embed.set_image(url="attachment://roots.png")``).

The PNG is drawn off the event loop (resvg takes a few milliseconds of CPU); a failure
to draw it is logged and the reply goes out as text, as it would without a picture.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Sequence

import discord

from bot.charts import to_png
from bot.types import Picture, Reply

log = logging.getLogger(__name__)

MAX_ALT = 1024  # Discord's limit on an attachment's description (its alt text)


async def picture_file(picture: Picture | None) -> discord.File | None:
    """The picture as a file to upload, or None (no picture, or it could not be drawn)."""
    if picture is None:
        return None
    try:
        png = await asyncio.to_thread(to_png, picture.svg)
    except Exception:
        log.exception("Could not draw the %s picture: the reply goes out as text", picture.kind)
        return None
    alt = picture.alt if len(picture.alt) <= MAX_ALT else picture.alt[: MAX_ALT - 1] + "…"
    return discord.File(io.BytesIO(png), filename=picture.filename, description=alt)


async def picture_files(replies: Sequence[Reply]) -> list[discord.File | None]:
    """One file (or None) per reply, drawn together (no task at all when no reply has a
    picture: nearly every answer, such as each /kudos)."""
    if all(r.picture is None for r in replies):
        return [None] * len(replies)
    return list(await asyncio.gather(*(picture_file(r.picture) for r in replies)))


def show(embed: discord.Embed, file: discord.File | None) -> None:
    """Make ``embed`` show the attached ``file`` as its image."""
    if file is not None:
        embed.set_image(url=f"attachment://{file.filename}")
