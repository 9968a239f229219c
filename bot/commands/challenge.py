"""`/challenge join|leave|status` and (admins) `/challenge start`: the 7-day challenge."""

from __future__ import annotations

from bot.commands.parsing import channel_arg
from bot.commands.registry import BY_NAME
from bot.errors import Refusal
from bot.services.challenge import ChallengeService
from bot.types import CommandCall, Reply

CHALLENGE = BY_NAME["challenge"]


class ChallengeCommands:
    """The Router's `/challenge` handlers."""

    challenges: ChallengeService | None

    async def _challenge(self, call: CommandCall) -> list[Reply]:
        assert self.challenges is not None
        args = list(call.args)
        if call.typed:  # Discord: a channel option (vouched for), the start date as typed
            sub = call.sub
            channel = call.channel("channel") if sub == "start" else None
            typed = call.values.get("start")
            words = typed.split() if isinstance(typed, str) else []
        else:
            sub = CHALLENGE.sub_name(args.pop(0)) if args else "status"
            channel, words = None, args
        if sub == "start":
            start: str | None = None
            for word in words:
                found = channel_arg(call, word)  # refused when not vouched for
                if found is not None and channel is None:
                    channel = found
                elif start is None:
                    start = word
                else:
                    raise Refusal("challenge.usage")
            return [await self.challenges.start(call.ctx, channel, start)]
        if words:
            raise Refusal("challenge.usage")
        if sub == "join":
            return [await self.challenges.join(call.ctx)]
        if sub == "leave":
            return [await self.challenges.leave(call.ctx)]
        if sub == "status":
            return [await self.challenges.status(call.ctx)]
        raise Refusal("challenge.usage")
