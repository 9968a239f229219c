"""Bolt listeners: Slack payloads in, neutral events to the router, replies out.

Every listener returns quickly and Bolt answers Slack as soon as it does (the
app runs with ``process_before_response=True``, so no polling for the ack):
slash commands are answered in the ack body when the core is done within
``ack_budget`` seconds (well inside Slack's 3-second window); otherwise the ack
goes out empty and the replies follow through ``respond``. Events and button
clicks are acked at once and handled by a background task; their replies go
out with ``chat.postMessage`` (public) or ``chat.postEphemeral`` (only the
actor), or ``respond`` for buttons.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.directory import Directory, Found, Profile
from adapters.slack.installation import ForeignPayloads, Installation
from adapters.slack.pictures import image_for, usable
from adapters.slack.render import render
from adapters.slack.translate import from_slack
from bot.commands.registry import slack_commands
from bot.emoji import reaction_kind
from bot.messages import text
from bot.plusplus import MENTION_RE, parse_plusplus
from bot.router import MAX_ARGS_TEXT, error_reply, humanize_mentions
from bot.services.checkins import CHECKIN_ACTION
from bot.services.detect import ACTIONS as DETECT_ACTIONS
from bot.services.goals import THANKS_ACTION as GOAL_THANKS_ACTION
from bot.services.kudos import MAX_REASON, MAX_RECIPIENTS, MAX_TEAM
from bot.services.reconnect import SNOOZE_ACTION, THANK_ACTION
from bot.thanks import detect
from bot.types import (
    ButtonClicked,
    CommandCall,
    Context,
    Member,
    MessagePosted,
    ReactionAdded,
    Reply,
    Team,
    Visibility,
)
from bot.wiring import Core

log = logging.getLogger(__name__)

KUDOS_FORM = "roots:kudos-form"  # the callback_id of reconnect's kudos modal


def kudos_form(locale: str, member_id: str, name: str, channel: str) -> dict[str, Any]:
    """The kudos modal of "Say thanks again": one optional reason, up to MAX_REASON."""
    return {
        "type": "modal",
        "callback_id": KUDOS_FORM,
        "private_metadata": json.dumps({"member": member_id, "channel": channel}),
        "title": {"type": "plain_text", "text": text(locale, "kudos.modal_title")[:24]},
        "submit": {"type": "plain_text", "text": text(locale, "reconnect.form_submit")[:24]},
        "blocks": [
            {
                "type": "input",
                "block_id": "reason",
                "optional": True,
                "label": {
                    "type": "plain_text",
                    "text": text(locale, "reconnect.form_label", name=name)[:2000],
                },
                "element": {
                    "type": "plain_text_input",
                    "action_id": "reason",
                    "multiline": True,
                    "max_length": MAX_REASON,
                },
            }
        ],
    }


PLATFORM = "slack"
COMMANDS = slack_commands()  # the slash commands manifest.yml declares
HELP_WORDS = frozenset({"help", "aide"})
MESSAGE_SUBTYPES = frozenset({None, "thread_broadcast", "file_share"})
ACK_BUDGET = 2.0
RECENT_MESSAGES = 5000
RECENT_TEXT = 2000  # characters kept per message
HOME_BLOCKS = 100
# users.info lookups for one event's mentions: enough for every receiver (and to
# see one too many); further mentions only come from the cache.
LOOKUPS = MAX_RECIPIENTS + 1
# A user group larger than this is only sized, not looked up (team kudos thank at most
# MAX_TEAM; the margin is for the giver and bots, who are left out).
TEAM_LISTED = MAX_TEAM * 4


@dataclass(frozen=True)
class BotIdentity:
    """Who Roots is in this workspace, as Bolt's context says it (``bot_user_id``)."""

    bot_user_id: str | None


class SlackAdapter:
    def __init__(
        self,
        core: Core,
        client: AsyncWebClient,
        directory: Directory,
        *,
        ack_budget: float = ACK_BUDGET,
        installation: Installation | None = None,
        foreign: ForeignPayloads | None = None,
    ) -> None:
        self.core = core
        # pictures in chat (issue 14): image blocks when ROOTS_WEB_URL is public https
        self.pictures = usable(core.picture_links)
        self.foreign = foreign  # HTTP mode's slash commands check it themselves
        self.command_names = frozenset(f"/{name}" for name in COMMANDS)
        self.client = client
        self.directory = directory
        self.installation = installation
        self._external_admins_logged: set[str] = set()
        self.ack_budget = ack_budget
        # (channel, ts) -> (author id, raw text) of messages seen, for reaction reasons.
        self.recent: OrderedDict[tuple[str, str], tuple[str, str]] = OrderedDict()
        self._tasks: set[asyncio.Future[Any]] = set()
        self._filling: asyncio.Task[None] | None = None
        self.filled = asyncio.Event()  # set once the first users.list fill has ended

    def register(self, app: AsyncApp) -> None:
        # Bolt tries listeners in this order, running each one's matchers until one
        # fits: messages, by far the most frequent (every message in every channel
        # Roots is in), come first, so they skip the slash commands' matchers.
        app.event("message")(self.on_message)
        app.event("reaction_added")(self.on_reaction)
        for name in COMMANDS:
            app.command(f"/{name}")(self.on_command)
        app.event("app_home_opened")(self.on_home)
        app.event("team_join")(self.on_member_changed)
        app.event("user_change")(self.on_member_changed)
        app.action(CHECKIN_ACTION)(self.on_button)
        app.action(GOAL_THANKS_ACTION)(self.on_button)  # a closed goal's thank-you buttons
        for action in DETECT_ACTIONS:  # "Keep this as kudos?" (bot/services/detect.py)
            app.action(action)(self.on_button)
        # reconnect (issue 16): "Not now" goes to the core; "Say thanks again" opens
        # the kudos form (a modal), whose submission gives the kudos.
        app.action(SNOOZE_ACTION)(self.on_button)
        app.action(THANK_ACTION)(self.on_thank_again)
        app.view(KUDOS_FORM)(self.on_kudos_form)

    # ------------------------------------------------------------ helpers

    async def _ctx(self, team: str, channel: str, user: str, fallback: str = "") -> Context:
        profile = await self.directory.profile(team, user, fallback)
        return Context(
            PLATFORM, team, channel, profile.member, self._is_admin(profile), profile.locale
        )

    def _known_locale(self, team: str, user: str) -> str | None:
        """The member's Slack locale when the directory already knows it (no call)."""
        known = self.directory.known(team, user)
        return known.locale if known is not None else None

    def _event_team(self, body: dict[str, Any], event: dict[str, Any]) -> str:
        """The community of an event: this workspace. (In a Slack Connect channel started
        by another organisation, the outer ``team_id`` is theirs.)"""
        if self.installation is not None:
            return self.installation.community(body)
        team: str = body.get("team_id") or event.get("team", "")
        return team

    async def web_admin(self, community_id: str, member_id: str) -> bool | None:
        """The dashboard's admin re-check (``bot.weblogin.AdminCheck``): whether the member
        is an admin of this workspace now, as a command would find (``users.info``, at
        most a minute old for an admin); None when Slack can't say."""
        profile = await self.directory.admin_checked(community_id, member_id)
        if profile.found is Found.UNAVAILABLE:
            return None
        return profile.found is Found.FOUND and self._is_admin(profile)

    def _is_admin(self, profile: Profile) -> bool:
        """Admins of this workspace only: a Slack Connect member (another organisation) is
        never a Roots admin here, even an admin of their own workspace or one listed in
        ROOTS_SLACK_ADMINS; nor is a member whose lookup failed (their workspace unknown)."""
        if not profile.is_admin or self.installation is None:
            return profile.is_admin
        if self.installation.is_home_member(profile.team_id, profile.enterprise_id):
            return True
        if profile.id in self.directory.admins and profile.id not in self._external_admins_logged:
            if len(self._external_admins_logged) < 1000:
                self._external_admins_logged.add(profile.id)
            log.warning(
                "ROOTS_SLACK_ADMINS lists %s, who is not a member of this workspace (%s):"
                " not an admin here",
                profile.id,
                profile.team_id or "workspace unknown",
            )
        return False

    async def _resolve(
        self,
        team: str,
        channel: str,
        actor: Awaitable[Profile],
        ids: list[str],
        names: dict[str, str],
    ) -> tuple[Context, dict[str, Member]] | None:
        """The actor's context and the members among ``ids`` Slack knows (the first
        ``LOOKUPS`` looked up, the others from the cache; lookups run together).
        None when Slack could not say who someone is (an outage, rate limited): the
        caller answers "Slack is busy" rather than guess (a bot taken for a human)."""
        profile, found = await asyncio.gather(
            actor, self.directory.lookup(team, ids, names, limit=LOOKUPS)
        )
        if profile.found is Found.UNAVAILABLE or any(
            p.found is Found.UNAVAILABLE for p in found.values()
        ):
            return None
        ctx = Context(
            PLATFORM, team, channel, profile.member, self._is_admin(profile), profile.locale
        )
        # A member Slack doesn't know is left out: the core answers "who is that?".
        return ctx, {i: p.member for i, p in found.items() if p.found is Found.FOUND}

    async def _busy(self, team: str, channel: str, user: str, fallback: str = "") -> Reply:
        member, hint = Member(user, fallback or user), self._known_locale(team, user)
        ctx = Context(PLATFORM, team, channel, member, platform_locale=hint)
        return error_reply(await self.core.communities.private_locale(ctx), "error.slack_busy")

    async def _safely(self, team: str, work: Callable[[], Awaitable[list[Reply]]]) -> list[Reply]:
        """Replies of ``work``; an unexpected failure becomes the polite apology."""
        try:
            return await work()
        except Exception:
            log.exception("Unexpected error in a Slack handler for %s", team)
            return [error_reply(self.core.communities.defaults.locale, "error.unexpected")]

    async def _payload(self, team: str, reply: Reply) -> dict[str, Any]:
        shown = render(reply, image=await image_for(self.pictures, team, reply))
        public = reply.visibility is Visibility.PUBLIC
        return {
            "text": shown.text,
            "blocks": shown.blocks,
            "response_type": "in_channel" if public else "ephemeral",
        }

    async def _respond_all(self, respond: Any, replies: list[Reply], team: str) -> None:
        for reply in replies:
            try:
                await respond(**await self._payload(team, reply), replace_original=False)
            except Exception as exc:  # the response_url may have expired
                log.warning("response_url post failed: %s", type(exc).__name__)

    async def _post_all(
        self,
        channel: str,
        user: str,
        replies: list[Reply],
        thread_ts: str | None = None,
        origin_ts: str | None = None,
        *,
        team: str,
    ) -> None:
        """Post ``replies`` in ``channel`` (in the thread ``thread_ts`` when the event
        came from one). A reply marked ``thread`` (/roots-config announce thread) goes
        in the thread of the message ``origin_ts`` that caused it."""
        for reply in replies:
            shown = render(reply, image=await image_for(self.pictures, team, reply))
            try:
                if reply.visibility is Visibility.PUBLIC:
                    await self.client.chat_postMessage(
                        channel=channel,
                        text=shown.text,
                        blocks=shown.blocks,
                        thread_ts=(thread_ts or origin_ts) if reply.thread else thread_ts,
                        unfurl_links=False,
                    )
                else:
                    await self.client.chat_postEphemeral(
                        channel=channel,
                        user=user,
                        text=shown.text,
                        blocks=shown.blocks,
                        thread_ts=thread_ts,
                    )
            except SlackApiError as exc:
                log.warning("Posting a reply in %s failed: %s", channel, exc.response.get("error"))

    def _spawn(self, work: Awaitable[None]) -> None:
        """Run ``work`` after the ack; kept referenced until done, failures logged."""
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Future[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("Slack background work failed: %s", type(task.exception()).__name__)

    def start_directory(self) -> None:
        """Fill the member directory from users.list in the background, and keep it
        filled (one workspace; an org-wide install looks members up one by one)."""
        if self.installation is None or self.installation.org_wide or self._filling:
            self.filled.set()
            return
        self._filling = asyncio.create_task(
            self.directory.keep_filled(self.installation.team_id, self.filled),
            name="slack-directory",
        )

    async def on_member_changed(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """team_join / user_change: the directory learns the new profile at once (a
        promoted admin, a renamed member, a new bot), with no users.info call."""
        self.directory.learn(self._event_team(body, event), event.get("user") or {})
        # reconnect (issue 16): a deactivated member is never suggested
        self._spawn(self._on_user_change(event, body))

    async def drain(self, grace: float = 10.0) -> None:
        """Let work started after acks finish (up to ``grace`` seconds), then cancel it."""
        if self._filling is not None:
            self._filling.cancel()
        if self._tasks:
            _done, pending = await asyncio.wait(set(self._tasks), timeout=grace)
            for task in pending:
                task.cancel()

    def _remember(self, channel: str, ts: str, user: str, text: str) -> None:
        self.recent[(channel, ts)] = (user, text[:RECENT_TEXT])  # an excerpt is enough
        if len(self.recent) > RECENT_MESSAGES:
            self.recent.popitem(last=False)

    # ------------------------------------------------------------ slash commands

    async def on_command(self, ack: Any, command: dict[str, Any], respond: Any) -> None:
        payload = await self._answer_command(command, respond)
        if payload:
            await ack(**payload)
        else:
            await ack()

    async def http_command(self, form: dict[str, str]) -> dict[str, Any] | None:
        """HTTP mode's slash commands, straight from the server (``SlashCommands``) without
        Bolt's dispatch: the body of the acknowledgement (None: an empty one). The same
        checks as Bolt's path: a payload for another team or app is dropped."""
        if self.foreign is not None and self.foreign.drops(form):
            return None
        respond = AsyncRespond(
            response_url=form.get("response_url"), proxy=self.client.proxy, ssl=self.client.ssl
        )
        return await self._answer_command(form, respond)

    async def _answer_command(self, command: dict[str, Any], respond: Any) -> dict[str, Any] | None:
        """The acknowledgement's message when the core answers within ``ack_budget``
        (None: an empty one); later replies go through ``respond`` (the response_url)."""
        team = command.get("team_id", "")
        work = asyncio.ensure_future(self._safely(team, lambda: self._command(command)))
        done, _ = await asyncio.wait({work}, timeout=self.ack_budget)
        if not done:  # slow: ack now, answer through the response_url

            async def later() -> None:
                await self._respond_all(respond, await work, team)

            self._spawn(later())
            return None
        replies = work.result()
        if len(replies) > 1:
            self._spawn(self._respond_all(respond, replies[1:], team))
        return await self._payload(team, replies[0]) if replies else None

    async def _command(self, command: dict[str, Any]) -> list[Reply]:
        team, user = command["team_id"], command["user_id"]
        channel, user_name = command.get("channel_id", ""), command.get("user_name", "")
        name = command["command"].lstrip("/").lower()
        parsed = from_slack(command.get("text") or "", keep_channels=True)
        args = tuple(parsed.text.split())
        if name == "roots" and args[:1] and args[0].lower() in HELP_WORDS:
            name, args = "help", args[1:]
        trigger = command.get("trigger_id")
        event_id = f"slack:command:{trigger}" if trigger else None
        if sum(len(a) + 1 for a in args) > MAX_ARGS_TEXT:
            # The core refuses it before reading anyone: no lookup for it either.
            member, hint = Member(user, user_name or user), self._known_locale(team, user)
            ctx = Context(PLATFORM, team, channel, member, platform_locale=hint)
            return await self.core.router.command(CommandCall(ctx, name, args, event_id=event_id))
        group = _team_word(name, command.get("text") or "", parsed.subteams, args)
        if group is not None:  # /kudos @group reason: team kudos (issue 15)
            args = args[1:]
        ids = MENTION_RE.findall(" ".join(args))
        resolved = await self._resolve(
            team,
            channel,
            self.directory.admin_checked(team, user, user_name),
            ids,
            parsed.names,
        )
        if resolved is None:
            return [await self._busy(team, channel, user, user_name)]
        ctx, mentions = resolved
        thanked = await self._team(team, *group) if group is not None else None
        if group is not None and thanked is None:
            return [await self._busy(team, channel, user, user_name)]
        return await self.core.router.command(
            CommandCall(
                ctx,
                name,
                args,
                mentions,
                event_id=event_id,
                channels=parsed.channels,  # Slack resolved them in this workspace
                team=thanked,
            )
        )

    async def _team(self, team: str, group: str, label: str) -> Team | None:
        """The user group ``group`` as team kudos see it: its members from
        usergroups.users.list (needs the usergroups:read scope), their profiles from the
        directory (filled by users.list: no call in steady state). A group too big to be
        thanked is not looked up, only sized. None when Slack could not say who one of
        them is (busy), as for a mention."""
        try:
            answer = await self.client.usergroups_users_list(usergroup=group)
        except (SlackApiError, OSError, TimeoutError) as exc:
            error = exc.response.get("error") if isinstance(exc, SlackApiError) else exc
            log.warning("usergroups.users.list for %s in %s failed: %s", group, team, error)
            return Team(group, label, unavailable="team.slack_unavailable")
        ids = [str(i) for i in answer.get("users") or []]
        if len(ids) > TEAM_LISTED:
            return Team(group, label, size=len(ids))
        found = await self.directory.lookup(team, ids, {}, limit=len(ids))
        if any(p.found is Found.UNAVAILABLE for p in found.values()):
            return None
        members = tuple(p.member for p in found.values() if p.found is Found.FOUND)
        return Team(group, label, members)

    # ------------------------------------------------------------ messages: <@U1>++

    async def on_message(self, event: dict[str, Any], body: dict[str, Any], context: Any) -> None:
        self._spawn(self._on_message(event, body, context))

    def socket_message(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        """A Socket Mode ``message`` event handed over without Bolt's dispatch
        (adapters/slack/socket.py): dropped when meant for another team or app, as
        Bolt's middleware would; then what ``on_message`` does, Roots' own messages
        told apart by the member id ``auth.test`` gave."""
        if self.foreign is not None and self.foreign.drops(body):
            return
        me = self.installation.bot_user_id if self.installation is not None else None
        self._spawn(self._on_message(event, body, BotIdentity(me)))

    async def _on_message(self, event: dict[str, Any], body: dict[str, Any], context: Any) -> None:
        if event.get("subtype") == "message_deleted" and event.get("deleted_ts"):
            # A deleted message's pending "Keep this as kudos?" offer disappears.
            team = self._event_team(body, event)
            channel = event.get("channel", "")
            await self.core.router.message_deleted(team, channel, str(event["deleted_ts"]))
            return
        user = event.get("user")
        if (
            event.get("subtype") not in MESSAGE_SUBTYPES
            or event.get("bot_id")
            or not user
            or user == getattr(context, "bot_user_id", None)
        ):
            return  # edits, deletions, bots and Roots itself
        channel, ts = event.get("channel", ""), event.get("ts", "")
        raw = event.get("text") or ""
        self._remember(channel, ts, user, raw)
        if "<@" not in raw:
            return
        team = self._event_team(body, event)
        handle = self._plusplus if "++" in raw.replace("\uff0b", "+") else self._thanks
        replies = await self._safely(team, lambda: handle(team, channel, user, ts, raw))
        await self._post_all(
            channel, user, replies, thread_ts=event.get("thread_ts"), origin_ts=ts, team=team
        )

    async def _thanks(self, team: str, channel: str, user: str, ts: str, raw: str) -> list[Reply]:
        """A plain "thanks @bob": the core may ask the thanker, privately, to keep it as
        kudos. The text is read first (pure, no I/O); only a thank-you costs a read of the
        community's switch, then, when it is on, the lookups of the members it names."""
        parsed = from_slack(raw)
        found = detect(parsed.text, author_id=user)
        if found is None or not await self.core.detector.enabled(team):
            return []  # not a thank-you, or the community turned detection off
        # Whom it thanks first, then whoever else the excerpt (the kudos' reason) names.
        ids = list(dict.fromkeys([*found.receiver_ids, *MENTION_RE.findall(found.excerpt)]))
        resolved = await self._resolve(
            team, channel, self.directory.profile(team, user), ids, parsed.names
        )
        if resolved is None:
            return []  # Slack is busy: better not to ask than to answer "try again"
        ctx, mentions = resolved
        message = MessagePosted(
            ctx,
            ts,
            parsed.text,
            mentions,
            event_id=f"slack:message:{channel}:{ts}",
            posted_at=_ts_time(ts),
        )
        return await self.core.router.message(message)

    async def _plusplus(self, team: str, channel: str, user: str, ts: str, raw: str) -> list[Reply]:
        parsed = from_slack(raw)
        found = parse_plusplus(parsed.text)
        if found is None:
            return []  # no kudos here: nobody to look up
        # Only the receivers ++ names (none when too many: the core refuses that at
        # once), then mentions in a reason short enough to be kept.
        ids = list(found.receiver_ids) if len(found.receiver_ids) <= MAX_RECIPIENTS else []
        if len(found.reason) <= MAX_REASON:
            ids += MENTION_RE.findall(found.reason)
        resolved = await self._resolve(
            team, channel, self.directory.profile(team, user), ids, parsed.names
        )
        if resolved is None:
            return [await self._busy(team, channel, user)]
        ctx, mentions = resolved
        message = MessagePosted(
            ctx, ts, parsed.text, mentions, event_id=f"slack:message:{channel}:{ts}"
        )
        return await self.core.router.message(message)

    # ------------------------------------------------------------ reactions

    async def on_reaction(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        self._spawn(self._on_reaction(event, body))

    async def _on_reaction(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        item = event.get("item") or {}
        user = event.get("user")
        if item.get("type") != "message" or not user:
            return
        team = self._event_team(body, event)
        channel, ts = item.get("channel", ""), item.get("ts", "")
        emoji = str(event.get("reaction", "")).split("::", 1)[0]  # drop ::skin-tone-n
        hint = self._known_locale(team, user)
        probe = Context(PLATFORM, team, channel, Member(user, user), platform_locale=hint)
        settings = await self.core.communities.settings(probe)
        kind = reaction_kind(emoji, settings.kudos_emoji)
        if not (kind.kudos or kind.check):
            return
        kudos = kind.kudos
        author_id = event.get("item_user") or None
        replies = await self._safely(
            team,
            lambda: self._reaction(probe, ts, emoji, kudos, author_id, body.get("event_id")),
        )
        await self._post_all(channel, user, replies, origin_ts=ts, team=team)

    async def _reaction(
        self,
        probe: Context,
        ts: str,
        emoji: str,
        kudos: bool,
        author_id: str | None,
        event_id: str | None,
    ) -> list[Reply]:
        """One member's reactions one at a time; the core's pre-check first (budget,
        cooldown on the author, their own message), then reading the message."""
        router = self.core.router
        async with router.reaction_turn(probe):
            early = await router.reaction_precheck(probe, emoji, ts, author_id)
            if early is not None:
                return early
            return await self._react(probe, ts, emoji, kudos, author_id, event_id)

    async def _react(
        self,
        probe: Context,
        ts: str,
        emoji: str,
        kudos: bool,
        author_id: str | None,
        event_id: str | None,
    ) -> list[Reply]:
        team, channel, user = probe.community_id, probe.channel_id, probe.actor.id
        raw = ""
        if kudos or not author_id:  # a check mark needs neither the text nor a lookup
            seen_author, raw = await self._message_text(channel, ts)
            author_id = author_id or seen_author
        if not author_id:
            return []
        parsed = from_slack(raw)
        ids = [author_id, *MENTION_RE.findall(parsed.text)] if kudos else []
        resolved = await self._resolve(
            team, channel, self.directory.profile(team, user), ids, parsed.names
        )
        if resolved is None:
            return self.core.router.limit_notices(probe, [await self._busy(team, channel, user)])
        ctx, mentions = resolved
        author = mentions.get(author_id)
        if author is None:
            if kudos:  # Slack doesn't know the author: nobody to thank
                return []
            author = Member(author_id, author_id)
        text = humanize_mentions(parsed.text, mentions)
        event = ReactionAdded(ctx, ts, emoji, author, text, event_id=event_id)
        return await self.core.router.reaction(event)

    async def _message_text(self, channel: str, ts: str) -> tuple[str, str]:
        """(author id, raw text) of a message: from what we saw, else conversations.history."""
        seen = self.recent.get((channel, ts))
        if seen is not None:
            return seen
        try:
            found = await self.client.conversations_history(
                channel=channel, latest=ts, oldest=ts, inclusive=True, limit=1
            )
        except SlackApiError as exc:
            log.info("Could not read message %s in %s: %s", ts, channel, exc.response.get("error"))
            return "", ""
        for message in found.get("messages") or []:
            if message.get("ts") == ts:
                return message.get("user", ""), message.get("text", "")
        return "", ""

    # ------------------------------------------------------------ App Home

    # ------------------------------------------------------------ the kudos form

    async def on_thank_again(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        """Reconnect's "Say thanks again": the kudos form for that member, a modal (it
        must open within 3 seconds of the click, with its trigger_id)."""
        await ack()
        team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id", "")
        user = (body.get("user") or {}).get("id", "")
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
            "channel_id", ""
        )
        member_id = str(((body.get("actions") or [{}])[0]).get("value", ""))
        record = await self.core.store.get_member(team, member_id) if member_id else None
        if record is None or record.id == user or not body.get("trigger_id"):
            await self._on_button(body, respond)  # the core answers (politely refuses)
            return
        ctx = await self._ctx(team, channel, user)
        locale = await self.core.communities.private_locale(ctx)  # the form is theirs
        view = kudos_form(locale, record.id, record.name, channel)
        try:
            await self.client.views_open(trigger_id=body["trigger_id"], view=view)
        except SlackApiError as exc:
            log.warning("views.open failed: %s", exc.response.get("error"))
            await self._on_button(body, respond)  # the /kudos line instead

    async def on_kudos_form(self, ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        await ack()
        self._spawn(self._on_kudos_form(body, view))

    async def _on_kudos_form(self, body: dict[str, Any], view: dict[str, Any]) -> None:
        team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id", "")
        user = (body.get("user") or {}).get("id", "")
        try:
            meta = json.loads(view.get("private_metadata") or "{}")
            member_id, channel = str(meta["member"]), str(meta["channel"])
        except (ValueError, KeyError, TypeError):
            log.warning("A kudos form came back without its member")
            return
        state = ((view.get("state") or {}).get("values") or {}).get("reason") or {}
        reason = str((state.get("reason") or {}).get("value") or "")

        async def work() -> list[Reply]:
            ctx = await self._ctx(team, channel, user)
            receiver = (await self.directory.profile(team, member_id)).member
            call = CommandCall(
                ctx,
                "kudos",
                mentions={member_id: receiver},
                event_id=f"slack:view:{view.get('id', '')}",
                values={"member": receiver, "reason": reason},  # typed, as a form gives them
            )
            return await self.core.router.command(call)

        await self._post_all(channel, user, await self._safely(team, work), team=team)

    # ------------------------------------------------------------ members leaving

    async def _on_user_change(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """A member deactivated (``deleted``) or back: reconnect never suggests someone
        who left (issue 16)."""
        user = event.get("user") or {}
        if not isinstance(user, dict) or not user.get("id"):
            return
        team = self._event_team(body, event)
        left = bool(user.get("deleted"))
        try:
            await self.core.reconnect.member_left(team, str(user["id"]), left)
        except Exception:
            log.exception("Could not note that %s left or came back", user.get("id"))

    async def on_home(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        self._spawn(self._on_home(event, body))

    async def _on_home(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        team = self._event_team(body, event)
        user = event["user"]

        async def replies() -> list[Reply]:
            ctx = await self._ctx(team, "", user)
            roots = await self.core.router.command(CommandCall(ctx, "roots"))
            board = await self.core.router.command(CommandCall(ctx, "leaderboard"))
            return [*roots, *board]

        blocks: list[dict[str, Any]] = []
        for reply in await self._safely(team, replies):
            if blocks:
                blocks.append({"type": "divider"})
            blocks.extend(render(reply, max_blocks=HOME_BLOCKS).blocks)
        try:
            await self.client.views_publish(
                user_id=user, view={"type": "home", "blocks": blocks[:HOME_BLOCKS]}
            )
        except SlackApiError as exc:
            log.warning("views.publish failed: %s", exc.response.get("error"))

    # ------------------------------------------------------------ buttons

    async def on_button(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        await ack()
        self._spawn(self._on_button(body, respond))

    async def _on_button(self, body: dict[str, Any], respond: Any) -> None:
        team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id", "")
        user = (body.get("user") or {}).get("id", "")
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
            "channel_id", ""
        )
        actions = body.get("actions") or [{}]
        action = actions[0]

        async def work() -> list[Reply]:
            ctx = await self._ctx(team, channel, user, (body.get("user") or {}).get("name", ""))
            clicked = ButtonClicked(
                ctx,
                action.get("action_id", ""),
                str(action.get("value", "")),
                event_id=f"slack:action:{body.get('trigger_id') or action.get('action_ts')}",
            )
            return await self.core.router.button(clicked)

        replies = await self._safely(team, work)
        if body.get("response_url") and action.get("action_id") in DETECT_ACTIONS and replies:
            # The private question is answered in its place: its buttons go away.
            first = replies.pop(0)
            try:
                await respond(**await self._payload(team, first), replace_original=True)
            except Exception as exc:  # the response_url may have expired
                log.warning("response_url post failed: %s", type(exc).__name__)
        if body.get("response_url"):
            await self._respond_all(respond, replies, team)
        else:
            await self._post_all(channel, user, replies, team=team)


def _team_word(
    name: str, raw: str, subteams: tuple[tuple[str, str], ...], args: tuple[str, ...]
) -> tuple[str, str] | None:
    """(group id, label) when /kudos begins with a user group Slack made an entity of
    (``<!subteam^S123|@design>``; a typed "@design" is not one); None otherwise."""
    if name != "kudos" or not subteams or not raw.lstrip().startswith("<!subteam^"):
        return None
    group, label = subteams[0]
    if not args or args[0] != label:
        return None
    return group, label


def _ts_time(ts: str) -> datetime | None:
    """When Slack says a message was posted (its ``ts``, Unix seconds); None if unreadable."""
    try:
        return datetime.fromtimestamp(float(ts), UTC)
    except (ValueError, OverflowError, OSError):
        return None
