"""`/challenge join|leave|status` and (admins) `/challenge start`: the 7-day challenge."""

from __future__ import annotations

from bot.commands.parsing import channel_arg
from bot.errors import Refusal
from bot.services.challenge import ChallengeService
from bot.types import CommandCall, Reply


class ChallengeCommands:
    """The Router's `/challenge` handlers."""

    challenges: ChallengeService | None

    async def _challenge(self, call: CommandCall) -> list[Reply]:
        assert self.challenges is not None
        args = list(call.args)
        sub = call.sub or (args.pop(0).lower() if args else "status")
        if sub in ("start", "lancer", "demarrer", "démarrer"):
            channel: str | None = None
            start: str | None = None
            for word in args:
                found = channel_arg(call, word)
                if found is not None and channel is None:
                    channel = found
                elif start is None:
                    start = word
                else:
                    raise Refusal("challenge.usage")
            return [await self.challenges.start(call.ctx, channel, start)]
        if args:
            raise Refusal("challenge.usage")
        if sub in ("join", "rejoindre", "participer"):
            return [await self.challenges.join(call.ctx)]
        if sub in ("leave", "quitter"):
            return [await self.challenges.leave(call.ctx)]
        if sub in ("status", "statut", "etat", "état"):
            return [await self.challenges.status(call.ctx)]
        raise Refusal("challenge.usage")
