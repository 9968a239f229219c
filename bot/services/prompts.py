"""The daily prompts: the rotation through the built-in library and the community's
own prompts (:func:`choose_prompt`), the themes, custom prompts and the members'
suggestions queue (:class:`PromptService`), and how a daily prompt is rendered
(:class:`PromptPosts`, the scheduler's "prompt" kind of post).

The schedules are :mod:`bot.services.schedules`; the check-ins
:mod:`bot.services.checkins`.
"""

from __future__ import annotations

import logging
import zlib

from bot.builtin_prompts import BUILTIN_PROMPTS, THEMES, builtin_by_id
from bot.clock import Clock
from bot.errors import Refusal, require_admin
from bot.messages import FORMAL, base_locale, t, text, voiced
from bot.numbers import ascii_int
from bot.services.checkins import CHECKIN_ACTION
from bot.services.community import CommunityService
from bot.storage.base import PromptsStore
from bot.storage.records import PendingLimitError, PostRecord, PromptChooser, RotationPool
from bot.types import (
    Button,
    Context,
    Member,
    Mention,
    Plain,
    Reply,
    Rich,
    Tone,
    UserText,
    Visibility,
)

log = logging.getLogger(__name__)

MAX_PROMPT = 280
MAX_PENDING = 3  # suggestions one member may have waiting for a decision
QUEUE_PAGE = 20  # suggestions /prompt queue shows (the oldest), with the count of the rest
MAX_BULK_IDS = 25  # numbers one /prompt reject may decline


def normalize_prompt(raw: str) -> str:
    """Case- and space-insensitive form used to spot duplicate prompts."""
    return " ".join(raw.casefold().split())


def pool_ids(pool: RotationPool) -> list[str]:
    ids = [p.id for p in BUILTIN_PROMPTS if p.theme not in pool.excluded_themes]
    ids += [f"custom:{i}" for i in pool.custom_ids]
    return ids or [p.id for p in BUILTIN_PROMPTS]


def choose_prompt(pool: RotationPool) -> tuple[str, int] | None:
    """The next prompt of a channel: no repeat until the pool is used up, then a new cycle.

    Deterministic (a preview shows what will be posted), and different per channel.
    """
    ids = pool_ids(pool)
    cycle, used = pool.cycle, pool.used
    remaining = [i for i in ids if i not in used]
    if not remaining:
        cycle, used = cycle + 1, frozenset()
        remaining = ids
    seed = f"{pool.community_id}/{pool.channel_id}/{cycle}/{len(used)}".encode()
    return remaining[zlib.crc32(seed) % len(remaining)], cycle


class PromptPosts:
    """How a daily prompt is rendered: the scheduler's "prompt" kind of post."""

    def __init__(self, store: PromptsStore, communities: CommunityService) -> None:
        self.store = store
        self.communities = communities

    async def prompt_text(self, community_id: str, prompt_id: str | None, locale: str) -> Rich:
        if prompt_id and prompt_id.startswith("custom:"):
            custom = await self.store.get_custom_prompt(community_id, int(prompt_id[7:]))
            if custom is not None:
                return (UserText(custom.text),)
        builtin = builtin_by_id(prompt_id or "") or BUILTIN_PROMPTS[0]
        return (Plain(builtin.text_for(locale)),)

    async def next_prompt(
        self, community_id: str, channel_id: str, locale: str, chooser: PromptChooser
    ) -> Rich:
        """The prompt ``chooser`` picks next for the channel (what the scheduler posts)."""
        pool = await self.store.rotation_pool(community_id, channel_id)
        pick = chooser(pool)
        return await self.prompt_text(community_id, pick[0] if pick else None, locale)

    async def locale_of(self, post: PostRecord) -> str:
        ctx = Context("", post.community_id, post.channel_id, Member("", ""))
        if post.schedule_id is not None:
            schedule = await self.store.get_schedule(post.schedule_id)
            if schedule is not None:  # its language, in the community's tone (fr@formal)
                return await self.communities.voice(ctx, schedule.locale)
        return (await self.communities.settings(ctx)).locale

    async def render(self, post: PostRecord, count: int = 0) -> Reply:
        locale = await self.locale_of(post)
        lines: list[Rich] = [t(locale, "prompt.checkin_hint")]
        if post.late:
            lines.append(t(locale, "prompt.late"))
        if count:
            lines.append(t(locale, "prompt.count", count=count))
        return Reply(
            body=await self.prompt_text(post.community_id, post.prompt_id, locale),
            title=t(locale, "prompt.title"),
            lines=tuple(lines),
            buttons=(
                Button(CHECKIN_ACTION, t(locale, "prompt.checkin_button"), str(post.post_id)),
            ),
            visibility=Visibility.PUBLIC,
        )


class PromptService:
    """The prompt commands: themes, custom prompts, suggestions and their queue."""

    def __init__(self, store: PromptsStore, clock: Clock, communities: CommunityService) -> None:
        self.store = store
        self.clock = clock
        self.communities = communities

    async def set_theme(self, ctx: Context, theme: str, exclude: bool) -> Reply:
        """Leave ``theme`` out of the rotation (``exclude``), or take it back in."""
        require_admin(ctx)
        theme = theme.lower()
        if theme not in THEMES:
            raise Refusal("prompt.unknown_theme", value=theme, themes=", ".join(THEMES))
        await self.store.set_theme_excluded(ctx.community_id, theme, exclude)
        key = "prompt.theme_excluded" if exclude else "prompt.theme_included"
        return Reply(
            t(await self.communities.private_locale(ctx), key, theme=theme), tone=Tone.SUCCESS
        )

    async def themes(self, ctx: Context) -> Reply:
        pool = await self.store.rotation_pool(ctx.community_id, ctx.channel_id)
        locale = await self.communities.private_locale(ctx)  # admins' private answers
        lines = tuple(
            t(
                locale,
                "prompt.theme_line",
                theme=theme,
                state=Plain(text(locale, "off" if theme in pool.excluded_themes else "on")),
            )
            for theme in THEMES
        )
        return Reply(body=(), title=t(locale, "prompt.themes_title"), lines=lines)

    # ------------------------------------------------------------ custom prompts

    async def add(self, ctx: Context, raw: str, *, suggest: bool) -> Reply:
        if not suggest and not ctx.is_admin:
            raise Refusal("error.admin_only")
        settings = await self.communities.settings(ctx)
        body = " ".join(raw.split())
        if not body:
            raise Refusal("prompt.usage_suggest" if suggest else "prompt.usage_add")
        if len(body) > MAX_PROMPT:
            raise Refusal("prompt.too_long", limit=MAX_PROMPT, length=len(body))
        norm = normalize_prompt(body)
        # a built-in prompt, in the community's tone or the other one (tu and vous)
        tones = {base_locale(settings.locale), voiced(settings.locale, FORMAL)}
        if any(
            normalize_prompt(p.text_for(lang)) == norm for p in BUILTIN_PROMPTS for lang in tones
        ):
            raise Refusal("prompt.duplicate")
        status = "pending" if suggest else "active"
        try:
            added = await self.store.add_custom_prompt(
                ctx.community_id,
                body,
                norm,
                status,
                ctx.actor.id,
                self.clock.now(),
                pending_limit=MAX_PENDING if suggest else None,
            )
        except PendingLimitError as exc:
            raise Refusal("prompt.pending_limit", limit=exc.limit) from None
        if added is None:
            raise Refusal("prompt.duplicate")
        key = "prompt.suggested" if suggest else "prompt.added"
        return Reply(
            t(await self.communities.private_locale(ctx), key, id=added.custom_id),
            tone=Tone.SUCCESS,
        )

    async def listing(self, ctx: Context, status: str) -> Reply:
        require_admin(ctx)
        locale = await self.communities.private_locale(ctx)  # admins' private answers
        page = QUEUE_PAGE if status == "pending" else None
        found = await self.store.custom_prompts(ctx.community_id, status, limit=page)
        lines: list[Rich] = []
        for p in found:
            author = await self.store.get_member(ctx.community_id, p.author_id)
            name = Mention(p.author_id, author.name if author else p.author_id)
            lines.append(t(locale, "prompt.list_line", id=p.custom_id, text=p.text, author=name))
        if not lines:
            lines.append(
                t(locale, "prompt.queue_empty" if status == "pending" else "prompt.list_empty")
            )
        if page is not None and len(found) == page:
            more = await self.store.count_custom_prompts(ctx.community_id, status) - page
            if more > 0:
                lines.append(t(locale, "prompt.queue_more", count=more))
        title = "prompt.queue_title" if status == "pending" else "prompt.list_title"
        return Reply(body=(), title=t(locale, title), lines=tuple(lines))

    async def decide(self, ctx: Context, raw_id: str, action: str) -> Reply:
        require_admin(ctx)
        custom_id = _prompt_id(raw_id)
        moves = {
            "approve": ("pending", "active", "prompt.approved"),
            "reject": ("pending", "rejected", "prompt.rejected"),
            "remove": ("active", "removed", "prompt.removed"),
        }
        source, target, key = moves[action]
        done = await self.store.decide_custom_prompt(
            ctx.community_id, custom_id, source, target, ctx.actor.id, self.clock.now()
        )
        if done is None:
            raise Refusal(f"prompt.not_{source}", id=custom_id)
        return Reply(
            t(await self.communities.private_locale(ctx), key, id=custom_id), tone=Tone.SUCCESS
        )

    async def reject_many(self, ctx: Context, raw_ids: list[str]) -> Reply:
        """``/prompt reject <id> <id> …``: decline every listed suggestion still waiting.

        Every number is checked before anything changes; numbers that are not waiting
        are named in the answer (refused when none was).
        """
        require_admin(ctx)
        if len(raw_ids) > MAX_BULK_IDS:
            raise Refusal("prompt.too_many_ids", limit=MAX_BULK_IDS)
        ids = list(dict.fromkeys(_prompt_id(raw) for raw in raw_ids))
        done: list[int] = []
        missing: list[int] = []
        now = self.clock.now()
        for custom_id in ids:
            moved = await self.store.decide_custom_prompt(
                ctx.community_id, custom_id, "pending", "rejected", ctx.actor.id, now
            )
            (done if moved is not None else missing).append(custom_id)
        if not done:
            raise Refusal("prompt.not_pending_many", ids=_numbers(missing))
        locale = await self.communities.private_locale(ctx)  # admins' private answers
        body = t(locale, "prompt.rejected_many", count=len(done), ids=_numbers(done))
        lines = [t(locale, "prompt.not_pending_many", ids=_numbers(missing))] if missing else []
        return Reply(body, lines=tuple(lines), tone=Tone.SUCCESS)

    async def reject_all_of(self, ctx: Context, author: Member) -> Reply:
        """``/prompt reject all @member``: decline every suggestion of theirs still waiting."""
        require_admin(ctx)
        count = await self.store.reject_pending_of(
            ctx.community_id, author.id, ctx.actor.id, self.clock.now()
        )
        name = Mention(author.id, author.name)
        if not count:
            raise Refusal("prompt.member_none_pending", name=name)
        log.info("Declined %d suggestion(s) of one member in %s", count, ctx.community_id)
        return Reply(
            t(
                await self.communities.private_locale(ctx),
                "prompt.rejected_member",
                count=count,
                name=name,
            ),
            tone=Tone.SUCCESS,
        )


def _prompt_id(raw: str) -> int:
    """A custom prompt's number as typed (``12`` or ``#12``), or a polite refusal."""
    custom_id = ascii_int(raw.strip().lstrip("#"), 12)
    if custom_id is None:
        raise Refusal("prompt.bad_id", id=raw)
    return custom_id


def _numbers(ids: list[int]) -> Plain:
    return Plain(", ".join(f"#{i}" for i in ids))  # ours, not user text
