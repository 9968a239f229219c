"""`/roots-config …` (admins): a community's settings, schedules and seasons."""

from __future__ import annotations

from bot.commands.parsing import (
    CONFIG_SETTINGS,
    SCHEDULE_SUBS,
    THEME_ACTIONS,
    channel_arg,
    on_off,
)
from bot.commands.registry import ANNOUNCE_WORDS, DETECT_WORDS
from bot.errors import Refusal
from bot.messages import t
from bot.services.announce import CHANNEL, MODE_WORDS, AnnounceService
from bot.services.community import CommunityService
from bot.services.detect import DetectService, switch
from bot.services.prompts import PromptService
from bot.types import CommandCall, Context, Field, Reply, Tone, Visibility


class ConfigCommands:
    """The Router's `/roots-config` handlers."""

    communities: CommunityService
    prompts: PromptService | None
    detector: DetectService | None
    announcer: AnnounceService | None

    async def _config(self, call: CommandCall) -> list[Reply]:
        ctx = call.ctx
        sub = call.sub or (call.args[0].lower() if call.args else "show")
        if sub == "show":
            return [await self._show_config(ctx)]
        if sub in DETECT_WORDS and self.detector is not None:
            words = (str(call.values["enabled"]),) if "enabled" in call.values else call.args[1:]
            on = switch(words, "detect.usage_community")
            return [await self.detector.set_community(ctx, on)]
        if sub in ANNOUNCE_WORDS and self.announcer is not None:
            return [await self._announce_config(call)]
        if sub in SCHEDULE_SUBS and self.prompts is not None:
            return [await self._schedule_config(call, sub)]
        if sub == "season":
            settings = await self.communities.new_season(ctx)
            return [
                Reply(
                    t(settings.locale, "config.season_started", season=settings.season),
                    tone=Tone.SUCCESS,
                    visibility=Visibility.PUBLIC,
                )
            ]
        setting = CONFIG_SETTINGS.get(sub)
        if setting is None:
            raise Refusal("config.unknown", value=sub)
        if call.typed:  # Discord: the sub-command's one option, as chosen
            raw = str(next(iter(call.values.values()), ""))
        elif len(call.args) != 2:
            raise Refusal("config.usage", setting=sub)
        else:
            raw = call.args[1]
        settings = await self.communities.update(ctx, setting, raw)
        shown = getattr(settings, setting)
        value = on_off(settings.locale, shown) if isinstance(shown, bool) else shown
        return [
            Reply(
                t(settings.locale, "config.updated", setting=sub, value=str(value)),
                tone=Tone.SUCCESS,
            )
        ]

    async def _announce_config(self, call: CommandCall) -> Reply:
        """`/roots-config announce here|thread|#channel|private` (issue 15)."""
        assert self.announcer is not None
        if call.typed:  # Discord: where (a choice), and the channel option
            where = str(call.values.get("where", ""))
            channel = call.channel("channel")
            if where == CHANNEL and channel is None:
                raise Refusal("announce.usage")
            return await self.announcer.set(call.ctx, where, channel if where == CHANNEL else None)
        words = call.args[1:]
        if len(words) != 1:
            raise Refusal("announce.usage")
        word = words[0]
        mode = MODE_WORDS.get(word.lower())
        if mode is not None:
            return await self.announcer.set(call.ctx, mode)
        channel = channel_arg(call, word)
        if channel is None:
            raise Refusal("announce.usage")
        return await self.announcer.set(call.ctx, CHANNEL, channel)

    async def _show_config(self, ctx: Context) -> Reply:
        s = await self.communities.settings(ctx)
        locale = s.locale
        rows = [
            ("timezone", s.timezone),
            ("locale", s.locale),
            ("budget", str(s.daily_budget)),
            ("cooldown", str(s.cooldown_seconds)),
            ("emoji", s.kudos_emoji),
            ("reason", on_off(locale, s.reason_required)),
            ("leaderboard", on_off(locale, s.leaderboards_enabled)),
            ("season", str(s.season)),
            *(
                [("detect", on_off(locale, await self.detector.enabled(ctx.community_id)))]
                if self.detector is not None
                else []
            ),
            ("catchup", str(await self.communities.catchup_minutes(ctx.community_id))),
        ]
        fields = tuple(Field(t(locale, f"config.name.{k}"), t(locale, "raw", v=v)) for k, v in rows)
        if self.announcer is not None:  # where kudos confirmations go (issue 15)
            shown = (await self.announcer.shown(ctx)).body
            fields = (*fields, Field(t(locale, "config.name.announce"), shown))
        return Reply(body=t(locale, "config.title"), fields=fields)

    async def _schedule_config(self, call: CommandCall, sub: str) -> Reply:
        """`/roots-config prompts|digest|catchup|themes …`."""
        assert self.prompts is not None
        ctx, args = call.ctx, list(call.args[1:])
        if sub in ("catchup", "rattrapage"):
            if call.typed:
                return await self.prompts.set_catchup(ctx, str(call.values.get("minutes", "")))
            if len(args) != 1:
                raise Refusal("config.usage", setting=sub)
            return await self.prompts.set_catchup(ctx, args[0])
        if sub in ("themes", "theme", "thèmes"):
            if not args:
                return await self.prompts.themes(ctx)
            if len(args) != 2 or args[0].lower() not in THEME_ACTIONS:
                raise Refusal("prompt.usage_themes")
            return await self.prompts.set_theme(ctx, args[0].lower(), args[1])
        kind = "digest" if sub in ("digest", "résumé", "resume") else "prompt"
        if not args:
            return await self.prompts.overview(ctx)
        channel = channel_arg(call, args[0])
        if channel is None:
            raise Refusal("schedule.bad_channel", value=args[0])
        rest = args[1:]
        if any(channel_arg(call, word) for word in rest):
            raise Refusal(f"schedule.usage_{kind}")  # one channel per schedule
        if len(rest) == 1 and rest[0].lower() in ("on", "off", "oui", "non"):
            return await self.prompts.switch(ctx, channel, rest[0].lower() in ("on", "oui"), kind)
        if kind == "digest":
            return await self.prompts.configure(
                ctx, channel, rest, kind="digest", default_days=frozenset({4})
            )
        return await self.prompts.configure(ctx, channel, rest)
