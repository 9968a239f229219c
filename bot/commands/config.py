"""`/roots-config …` (admins): a community's settings, schedules and seasons."""

from __future__ import annotations

from bot.commands.parsing import channel_arg, on_off
from bot.commands.registry import BY_NAME, ArgKind
from bot.errors import Refusal
from bot.messages import base_locale, field, has_formal, t
from bot.services.announce import CHANNEL, MODE_WORDS, AnnounceService
from bot.services.community import CommunityService
from bot.services.detect import DetectService, switch
from bot.services.prompts import PromptService
from bot.services.schedules import ScheduleService
from bot.services.wallboard import WallboardService
from bot.types import CommandCall, Context, Reply, Tone, Visibility

CONFIG = BY_NAME["roots-config"]
# The sub-commands that change one setting: the setting each changes (CommunitySettings).
SETTINGS = {
    "timezone": "timezone",
    "locale": "locale",
    "budget": "daily_budget",
    "cooldown": "cooldown_seconds",
    "emoji": "kudos_emoji",
    "reason": "reason_required",
    "leaderboard": "leaderboards_enabled",
    "formality": "formality",
}
SCHEDULE_SUBS = frozenset({"prompts", "digest", "catchup", "themes"})
# /roots-config formality (issue 18): each tone's confirmation, and its name in the listing.
FORMALITY_SAVED = {"informal": "config.formality_informal", "formal": "config.formality_formal"}
FORMALITY_NAME = {"informal": "formality.informal", "formal": "formality.formal"}
MAX_DETAIL = 300  # characters of an audit row's detail


class ConfigCommands:
    """The Router's `/roots-config` handlers."""

    communities: CommunityService
    schedules: ScheduleService | None
    prompts: PromptService | None
    detector: DetectService | None
    announcer: AnnounceService | None
    wallboards: WallboardService | None

    async def _config(self, call: CommandCall) -> list[Reply]:
        """Every change (a reply of tone SUCCESS: a setting, a schedule, a season) gets
        an audit-log row, whether it came from chat or from the dashboard."""
        word = call.sub or (call.args[0].lower() if call.args else "show")
        sub = CONFIG.sub_name(word) or word  # its registry name: "tz" -> "timezone"
        replies = await self._config_reply(call, word, sub)
        if replies and replies[0].tone is Tone.SUCCESS:
            await self.communities.audit(call.ctx, f"config.{sub}", detail=_detail(call, sub))
        return replies

    async def _config_reply(self, call: CommandCall, word: str, sub: str) -> list[Reply]:
        ctx = call.ctx
        if sub == "show":
            return [await self._show_config(ctx)]
        if sub == "detect" and self.detector is not None:
            words = (str(call.values["enabled"]),) if "enabled" in call.values else call.args[1:]
            on = switch(words, "detect.usage_community")
            return [await self.detector.set_community(ctx, on)]
        if sub == "announce" and self.announcer is not None:
            return [await self._announce_config(call)]
        if sub == "wallboard" and self.wallboards is not None:
            words = (str(call.values["shown"]),) if "shown" in call.values else call.args[1:]
            return [await self.wallboards.switch(ctx, switch(words, "wallboard.usage"))]
        if sub in SCHEDULE_SUBS and self.schedules is not None:
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
        setting = SETTINGS.get(sub)
        if setting is None:
            raise Refusal("config.unknown", value=word)
        if call.typed:  # Discord: the sub-command's one option, as chosen
            raw = str(call.values.get(_only_arg(sub), ""))
        elif len(call.args) != 2:
            raise Refusal("config.usage", setting=word)
        else:
            raw = call.args[1]
        settings = await self.communities.update(ctx, setting, raw)
        if setting == "formality":
            return [_formality_saved(settings.locale, settings.formality)]
        shown = getattr(settings, setting)
        if setting == "locale":
            shown = base_locale(shown)  # the language, not its variant (fr@formal)
        locale = await self.communities.private_locale(ctx)  # the admin's answer
        value = on_off(locale, shown) if isinstance(shown, bool) else shown
        return [
            Reply(
                t(locale, "config.updated", setting=word, value=str(value)),
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
        locale = await self.communities.private_locale(ctx)  # only the admin reads it
        rows = [
            ("timezone", s.timezone),
            ("locale", base_locale(s.locale)),
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
            *(
                [("wallboard", on_off(locale, await self.wallboards.is_on(ctx.community_id)))]
                if self.wallboards is not None
                else []
            ),
        ]
        fields = tuple(
            field(locale, t(locale, f"config.name.{k}"), t(locale, "raw", v=v)) for k, v in rows
        )
        fields = (  # the tone (issue 18): tu/du or vous/Sie
            *fields,
            field(
                locale, t(locale, "config.name.formality"), t(locale, FORMALITY_NAME[s.formality])
            ),
        )
        if self.announcer is not None:  # where kudos confirmations go (issue 15)
            shown = (await self.announcer.shown(ctx)).body
            fields = (*fields, field(locale, t(locale, "config.name.announce"), shown))
        return Reply(body=t(locale, "config.title"), fields=fields)

    async def _schedule_config(self, call: CommandCall, sub: str) -> Reply:
        """`/roots-config prompts|digest|catchup|themes …`."""
        assert self.schedules is not None and self.prompts is not None
        ctx, args = call.ctx, list(call.args[1:])
        word = call.sub or call.args[0].lower()
        if sub == "catchup":
            if call.typed:
                return await self.schedules.set_catchup(ctx, str(call.values.get("minutes", "")))
            if len(args) != 1:
                raise Refusal("config.usage", setting=word)
            return await self.schedules.set_catchup(ctx, args[0])
        if sub == "themes":
            return await self._themes(call, args)
        kind = "digest" if sub == "digest" else "prompt"
        when = CONFIG.subcommand(sub).arg("when")
        if call.typed:  # Discord: a channel option (vouched for), and the time as typed
            channel = call.channel("channel")
            typed = call.values.get("when")
            rest = typed.split() if isinstance(typed, str) else []
            if any(channel_arg(call, w) for w in rest):
                raise Refusal(f"schedule.usage_{kind}")  # one channel per schedule
            if channel is None and rest:
                raise Refusal("schedule.bad_channel", value=rest[0])
        else:
            channel = channel_arg(call, args[0]) if args else None
            if args and channel is None:
                raise Refusal("schedule.bad_channel", value=args[0])
            rest = args[1:]
            if any(channel_arg(call, w) for w in rest):
                raise Refusal(f"schedule.usage_{kind}")  # one channel per schedule
        if channel is None:
            return await self.schedules.overview(ctx)
        switch = when.value_of(rest[0]) if len(rest) == 1 else None
        if switch is not None:
            return await self.schedules.switch(ctx, channel, switch == "on", kind)
        if kind == "digest":
            return await self.schedules.configure(
                ctx, channel, rest, kind="digest", default_days=frozenset({4})
            )
        return await self.schedules.configure(ctx, channel, rest)

    async def _themes(self, call: CommandCall, args: list[str]) -> Reply:
        """`/roots-config themes [exclude|include <theme>]`."""
        assert self.prompts is not None
        action_arg = CONFIG.subcommand("themes").arg("action")
        if call.typed:  # Discord: the action as chosen, the theme as typed
            action, theme = call.values.get("action"), call.values.get("theme")
            if action is None and theme is None:
                return await self.prompts.themes(call.ctx)
            if not isinstance(action, str) or not isinstance(theme, str):
                raise Refusal("prompt.usage_themes")
            return await self.prompts.set_theme(call.ctx, theme.strip(), action == "exclude")
        if not args:
            return await self.prompts.themes(call.ctx)
        action = action_arg.value_of(args[0]) if len(args) == 2 else None
        if action is None:
            raise Refusal("prompt.usage_themes")
        return await self.prompts.set_theme(call.ctx, args[1], action == "exclude")


def _formality_saved(locale: str, formality: str) -> Reply:
    """The confirmation of /roots-config formality, already in the new tone; where the
    community's language has one form of address (English, Spanish), it says so."""
    lines = () if has_formal(locale) else (t(locale, "config.formality_no_effect"),)
    return Reply(t(locale, FORMALITY_SAVED[formality]), lines=lines, tone=Tone.SUCCESS)


def _only_arg(sub: str) -> str:
    """The name of the one option of ``/roots-config <sub>``, which sets a setting."""
    return CONFIG.subcommand(sub).args[0].name


def _detail(call: CommandCall, sub: str) -> str:
    """What the admin gave, for the audit log: the words, or the typed options in the
    registry's order (a channel as ``<#id>``)."""
    if not call.typed:
        return " ".join(call.args[1:])[:MAX_DETAIL]
    found = CONFIG.sub(sub)
    words: list[str] = []
    for arg in found.args if found else ():
        value = call.values.get(arg.name)
        if value is None:
            continue
        words.append(f"<#{value}>" if arg.kind is ArgKind.CHANNEL else str(value))
    return " ".join(words)[:MAX_DETAIL]
