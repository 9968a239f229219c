"""`/goal [list|set|help|done|drop|remove]` and the thank-you buttons of a closed goal."""

from __future__ import annotations

from bot.commands.parsing import humanize_mentions, looks_like_mention, resolve_member
from bot.commands.registry import command
from bot.errors import Refusal
from bot.services.community import CommunityService
from bot.services.goals import MAX_MINUTES, MIN_MINUTES, GoalService, minutes_word
from bot.types import CommandCall, Member, Reply


class GoalCommands:
    """The Router's `/goal` handler."""

    communities: CommunityService
    goals: GoalService | None

    async def _goal(self, call: CommandCall) -> list[Reply]:
        assert self.goals is not None
        goals = self.goals
        ctx = call.ctx
        if call.typed:
            return [await self._goal_typed(goals, call)]
        args = list(call.args)
        spec = command("goal")
        assert spec is not None
        found = spec.sub(args.pop(0)) if args else spec.sub("list")
        if found is None:
            raise Refusal("goal.usage")
        sub = found.name
        if sub == "list":
            if args:
                raise Refusal("goal.usage")
            return [await goals.listing(ctx)]
        if sub == "set":
            return [await goals.set(ctx, humanize_mentions(" ".join(args), call.mentions))]
        if sub in ("done", "drop"):
            if args:
                raise Refusal("goal.usage")
            return [await (goals.done(ctx) if sub == "done" else goals.drop(ctx))]
        if sub == "remove":
            if len(args) != 1 or not looks_like_mention(args[0]):
                raise Refusal("goal.remove_usage")
            owner = await resolve_member(self.communities, ctx, args[0], call.mentions)
            return [await goals.remove(ctx, owner)]
        # help @member [minutes] [note]
        if not args or not looks_like_mention(args[0]):
            raise Refusal("goal.help_usage", low=MIN_MINUTES, high=MAX_MINUTES)
        owner = await resolve_member(self.communities, ctx, args.pop(0), call.mentions)
        minutes = minutes_word(args[0]) if args else None
        if minutes is not None:
            args.pop(0)
        note = humanize_mentions(" ".join(args), call.mentions)
        return [await goals.help(ctx, owner, minutes, note, _event(call))]

    async def _goal_typed(self, goals: GoalService, call: CommandCall) -> Reply:
        """Discord's typed options: member, minutes (an int), text and note as typed."""
        ctx, values = call.ctx, call.values
        member = values.get("member")
        typed = values.get("text") if call.sub == "set" else values.get("note")
        words = humanize_mentions(typed if isinstance(typed, str) else "", call.mentions)
        if call.sub == "set":
            return await goals.set(ctx, words)
        if call.sub == "done":
            return await goals.done(ctx)
        if call.sub == "drop":
            return await goals.drop(ctx)
        if call.sub in ("help", "remove"):
            if not isinstance(member, Member):
                raise Refusal("goal.help_usage", low=MIN_MINUTES, high=MAX_MINUTES)
            if call.sub == "remove":
                return await goals.remove(ctx, member)
            minutes = values.get("minutes")
            given = minutes if isinstance(minutes, int) and not isinstance(minutes, bool) else None
            return await goals.help(ctx, member, given, words, _event(call))
        return await goals.listing(ctx)


def _event(call: CommandCall) -> str | None:
    """One help per platform event: a retried command is recorded once."""
    return f"goal:{call.event_id}" if call.event_id else None
