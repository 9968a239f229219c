"""Answer an interaction with the core's replies, deferring when the core is slow.

The core usually answers in milliseconds; the reply then goes out as the
interaction response with its own visibility. When it has not answered after
``defer_after`` seconds (Discord allows 3), the interaction is deferred
("thinking…", ephemeral unless the command usually answers publicly) and the
replies follow as follow-ups.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable

import discord

from adapters.discord.pictures import picture_files, show
from adapters.discord.render import render_reply
from bot.types import Plain, Reply

log = logging.getLogger(__name__)

NOTHING_TO_SAY = Reply((Plain("✓"),))


async def answer(
    interaction: discord.Interaction,
    work: Awaitable[list[Reply]],
    *,
    defer_after: float,
    public_hint: bool = False,
) -> None:
    component = interaction.type is discord.InteractionType.component
    deferring: asyncio.Task[object] | None = None

    def defer() -> None:
        nonlocal deferring
        if component:
            coro = interaction.response.defer()
        else:
            coro = interaction.response.defer(ephemeral=not public_hint, thinking=True)
        deferring = asyncio.ensure_future(coro)

    loop = asyncio.get_running_loop()
    timer = loop.call_later(max(defer_after, 0.0), defer) if defer_after > 0 else None
    if timer is None:
        defer()
    try:
        replies = await work
        files = await picture_files(replies)  # the pictures, as PNG (issue 14)
    finally:
        if timer is not None:
            timer.cancel()
    try:
        if deferring is not None:
            await deferring
        await _send(interaction, replies, files, deferred=deferring is not None, public=public_hint)
    except discord.HTTPException as exc:
        # Expired (over 3 s before the defer) or already answered: nothing else to do.
        log.warning("Could not answer interaction %s: %s %s", interaction.id, exc.status, exc.text)


async def _send(
    interaction: discord.Interaction,
    replies: list[Reply],
    files: list[discord.File | None],
    *,
    deferred: bool,
    public: bool,
) -> None:
    component = interaction.type is discord.InteractionType.component
    if not replies:
        if not deferred:
            if component:
                await interaction.response.defer()
                return
            replies = [NOTHING_TO_SAY]
        elif not component:
            replies = [NOTHING_TO_SAY]
        else:
            return
    first = True
    if len(files) != len(replies):  # the "✓" said for no reply has no picture
        files = [None] * len(replies)
    for reply, file in zip(replies, files, strict=True):
        rendered = render_reply(reply)
        show(rendered.embed, file)
        kwargs = rendered.send_kwargs()
        if first and not deferred:
            if file is not None:
                await interaction.response.send_message(
                    ephemeral=rendered.ephemeral, file=file, **kwargs
                )
            else:
                await interaction.response.send_message(ephemeral=rendered.ephemeral, **kwargs)
        elif first and not component and rendered.ephemeral == (not public):
            if file is not None:
                await interaction.edit_original_response(attachments=[file], **kwargs)
            else:
                await interaction.edit_original_response(**kwargs)
        else:
            if first and not component:
                # The "thinking…" message has the wrong visibility for this reply.
                await interaction.delete_original_response()
            if file is not None:
                await interaction.followup.send(ephemeral=rendered.ephemeral, file=file, **kwargs)
            else:
                await interaction.followup.send(ephemeral=rendered.ephemeral, **kwargs)
        first = False
