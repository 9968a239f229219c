"""`/prompt …` (the daily prompts), `/done` and the "Done" button (check-ins)."""

from __future__ import annotations

from bot.commands.parsing import (
    PROMPT_DECISIONS,
    channel_arg,
    humanize_mentions,
    looks_like_mention,
    resolve_member,
)
from bot.errors import Refusal
from bot.services.checkins import CHECKIN_ACTION, CheckinService
from bot.services.community import CommunityService
from bot.services.prompts import PromptService
from bot.services.schedules import ScheduleService
from bot.types import ButtonClicked, CommandCall, Member, Reply

# "/prompt reject all @member"
ALL_WORDS = frozenset({"all", "tout", "tous", "toutes"})


class DailyPromptCommands:
    """The Router's daily-prompt and check-in handlers."""

    communities: CommunityService
    schedules: ScheduleService | None
    prompts: PromptService | None
    checkins: CheckinService | None

    async def _prompt(self, call: CommandCall) -> list[Reply]:
        assert self.schedules is not None and self.prompts is not None
        ctx = call.ctx
        args = list(call.args)
        sub = call.sub or (args.pop(0).lower() if args else "next")
        rest = humanize_mentions(" ".join(args), call.mentions)
        if call.typed and sub in ("next", "now"):  # Discord: its channel option
            channel = call.channel("channel")
            if sub == "now":
                return [await self.schedules.post_now(ctx, channel)]
            return [await self.schedules.preview(ctx, channel)]
        if call.typed and sub in ("approve", "remove"):
            number = call.values.get("number")
            return [await self.prompts.decide(ctx, str(number), PROMPT_DECISIONS[sub])]
        if sub in ("next", "suivant", "prochain", "now", "maintenant"):
            if len(args) > 1:
                raise Refusal("prompt.usage")
            channel = channel_arg(call, args[0]) if args else None
            if args and channel is None:
                raise Refusal("schedule.bad_channel", value=args[0])
            if sub in ("now", "maintenant"):
                return [await self.schedules.post_now(ctx, channel)]
            return [await self.schedules.preview(ctx, channel)]
        if sub in ("add", "ajouter"):
            return [await self.prompts.add(ctx, rest, suggest=False)]
        if sub in ("suggest", "suggerer", "suggérer", "proposer"):
            return [await self.prompts.add(ctx, rest, suggest=True)]
        if sub in ("list", "liste"):
            return [await self.prompts.listing(ctx, "active")]
        if sub in ("queue", "file"):
            return [await self.prompts.listing(ctx, "pending")]
        if sub in PROMPT_DECISIONS:
            action = PROMPT_DECISIONS[sub]
            if action == "reject" and args and args[0].lower() in ALL_WORDS:
                # /prompt reject all @member
                if len(args) != 2 or not looks_like_mention(args[1]):
                    raise Refusal("prompt.usage")
                author = await resolve_member(self.communities, ctx, args[1], call.mentions)
                return [await self.prompts.reject_all_of(ctx, author)]
            if action == "reject" and len(args) > 1:
                return [await self.prompts.reject_many(ctx, args)]
            if len(args) != 1:
                raise Refusal("prompt.usage")
            return [await self.prompts.decide(ctx, args[0], action)]
        if sub in ("themes", "thèmes"):
            return [await self.prompts.themes(ctx)]
        raise Refusal("prompt.usage")

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
