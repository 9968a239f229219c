"""`/prompt …` (the daily prompts), `/done` and the "Done" button (check-ins)."""

from __future__ import annotations

from bot.commands.parsing import (
    channel_arg,
    humanize_mentions,
    looks_like_mention,
    resolve_member,
)
from bot.commands.registry import BY_NAME
from bot.errors import Refusal
from bot.services.checkins import CHECKIN_ACTION, CheckinService
from bot.services.community import CommunityService
from bot.services.prompts import PromptService
from bot.services.schedules import ScheduleService
from bot.types import ButtonClicked, CommandCall, Member, Reply

PROMPT = BY_NAME["prompt"]
DECISIONS = ("approve", "reject", "remove")  # what an admin decides of a custom prompt


class DailyPromptCommands:
    """The Router's daily-prompt and check-in handlers."""

    communities: CommunityService
    schedules: ScheduleService | None
    prompts: PromptService | None
    checkins: CheckinService | None

    async def _prompt(self, call: CommandCall) -> list[Reply]:
        assert self.schedules is not None and self.prompts is not None
        if call.typed:
            return [await self._prompt_typed(call)]
        ctx = call.ctx
        args = list(call.args)
        sub = PROMPT.sub_name(args.pop(0)) if args else "next"
        if sub in ("next", "now"):
            if len(args) > 1:
                raise Refusal("prompt.usage")
            channel = channel_arg(call, args[0]) if args else None
            if args and channel is None:
                raise Refusal("schedule.bad_channel", value=args[0])
            if sub == "now":
                return [await self.schedules.post_now(ctx, channel)]
            return [await self.schedules.preview(ctx, channel)]
        if sub in ("add", "suggest"):
            text = humanize_mentions(" ".join(args), call.mentions)
            return [await self.prompts.add(ctx, text, suggest=sub == "suggest")]
        if sub in ("list", "queue"):
            return [await self.prompts.listing(ctx, "active" if sub == "list" else "pending")]
        if sub == "reject" and args and _names_all(args[0]):
            # /prompt reject all @member
            if len(args) != 2 or not looks_like_mention(args[1]):
                raise Refusal("prompt.usage")
            author = await resolve_member(self.communities, ctx, args[1], call.mentions)
            return [await self.prompts.reject_all_of(ctx, author)]
        if sub == "reject" and len(args) > 1:
            return [await self.prompts.reject_many(ctx, args)]
        if sub in DECISIONS:
            if len(args) != 1:
                raise Refusal("prompt.usage")
            return [await self.prompts.decide(ctx, args[0], sub)]
        if sub == "themes":
            return [await self.prompts.themes(ctx)]
        raise Refusal("prompt.usage")

    async def _prompt_typed(self, call: CommandCall) -> Reply:
        """/prompt and /prompt-admin with Discord's typed options."""
        assert self.schedules is not None and self.prompts is not None
        ctx, sub, values = call.ctx, call.sub, call.values
        if sub == "next":
            return await self.schedules.preview(ctx, call.channel("channel"))
        if sub == "now":
            return await self.schedules.post_now(ctx, call.channel("channel"))
        if sub in ("add", "suggest"):
            typed = values.get("text")
            text = humanize_mentions(typed if isinstance(typed, str) else "", call.mentions)
            return await self.prompts.add(ctx, text, suggest=sub == "suggest")
        if sub in ("list", "queue"):
            return await self.prompts.listing(ctx, "active" if sub == "list" else "pending")
        if sub == "themes":
            return await self.prompts.themes(ctx)
        if sub == "reject":
            return await self._reject_typed(call)
        if sub in DECISIONS:
            return await self.prompts.decide(ctx, str(values.get("number")), sub)
        raise Refusal("prompt.usage")

    async def _reject_typed(self, call: CommandCall) -> Reply:
        """/prompt-admin reject: a number (and more, typed), or a member's suggestions;
        a mix of both, or nothing, is refused with the usage."""
        assert self.prompts is not None
        number, more, member = (call.values.get(k) for k in ("number", "more", "member"))
        numbers = [str(number)] if isinstance(number, int) else []
        numbers += more.split() if isinstance(more, str) else []
        if isinstance(member, Member):
            if numbers:
                raise Refusal("prompt.usage")
            return await self.prompts.reject_all_of(call.ctx, member)
        if len(numbers) > 1:
            return await self.prompts.reject_many(call.ctx, numbers)
        if len(numbers) != 1:
            raise Refusal("prompt.usage")
        return await self.prompts.decide(call.ctx, numbers[0], "reject")

    async def _done(self, call: CommandCall) -> list[Reply]:
        assert self.checkins is not None
        event_id = f"checkin:{call.event_id}" if call.event_id else None
        if call.typed:  # Discord: a member option and the note, as typed
            member, typed = call.values.get("member"), call.values.get("note")
            note = humanize_mentions(typed if isinstance(typed, str) else "", call.mentions)
            thanked = [member] if isinstance(member, Member) else []
            return await self.checkins.done(call.ctx, note, thanked, event_id)
        args = list(call.args)
        receivers: list[Member] = []
        while args and looks_like_mention(args[0]):
            receivers.append(
                await resolve_member(self.communities, call.ctx, args.pop(0), call.mentions)
            )
        note = humanize_mentions(" ".join(args), call.mentions)
        return await self.checkins.done(call.ctx, note, receivers, event_id)

    async def _button(self, event: ButtonClicked) -> list[Reply]:
        if event.action_id == CHECKIN_ACTION and self.checkins is not None:
            await self.communities.see(event.ctx.community_id, event.ctx.actor)
            return await self.checkins.check_in_button(event.ctx, event.value)
        return []


def _names_all(word: str) -> bool:
    """``all`` (or ``tout``…) in ``/prompt reject all @member``."""
    return PROMPT.subcommand("reject").arg("member").value_of(word) == "all"
