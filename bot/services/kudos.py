"""The kudos ledger's rules: give, undo, revoke."""

from __future__ import annotations

import itertools
import logging
import math
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.errors import Refusal, require_admin
from bot.events import Events, KudosGiven
from bot.messages import and_list, t
from bot.periods import local_date, month_key, next_midnight, week_key
from bot.services.community import CommunityService
from bot.storage.base import KudosStore
from bot.storage.records import (
    TEAM_SOURCE,
    CommunitySettings,
    KudosDraft,
    KudosOutcome,
    KudosStatus,
)
from bot.types import (
    Context,
    Member,
    Mention,
    Moment,
    MomentStyle,
    Plain,
    Reply,
    Team,
    Tone,
    UserText,
    Visibility,
)

log = logging.getLogger(__name__)

MAX_RECIPIENTS = 5
MAX_REASON = 280
EXCERPT = 80
UNDO_WINDOW = timedelta(minutes=5)
MAX_TEAM = 25  # members one team kudos may thank (issue 15)
SOURCES = ("command", "plusplus", "reaction", "checkin", "menu", "detected", "goal", TEAM_SOURCE)
# Action ids: random per process, then counted (uuid4 per action costs a syscall).
_ACTION_PREFIX = secrets.token_hex(8)
_action_ids = (f"{_ACTION_PREFIX}{n:016x}" for n in itertools.count())


@dataclass(frozen=True)
class Given:
    """What a successful give produced (for callers that need more than the reply)."""

    kudos_ids: tuple[int, ...]
    reply: Reply  # the public confirmation, in the community's language
    # The same confirmation written in another language, for someone who reads it alone
    # (a private confirmation, a direct message): ``written(locale)``.
    written: Callable[[str], Reply]


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """A short, single-line excerpt of a message for a reaction's reason."""
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class KudosService:
    def __init__(
        self,
        store: KudosStore,
        clock: Clock,
        communities: CommunityService,
        events: Events | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.communities = communities
        self.events = events or Events()

    async def give(
        self,
        ctx: Context,
        receivers: list[Member],
        reason: str,
        *,
        source: str,
        event_id: str | None = None,
    ) -> Given | None:
        """Record kudos from ``ctx.actor``; None when the event was already counted.

        Raises Refusal (nothing recorded) when a rule is broken.
        """
        settings = await self.communities.settings(ctx)
        giver = ctx.actor
        reason = " ".join(reason.split())  # already valid Unicode: see bot.types.valid_text
        unique: dict[str, Member] = {}
        for member in receivers:
            unique.setdefault(member.id, member)
        targets = list(unique.values())

        if giver.is_bot:
            raise Refusal("kudos.from_bot")
        if not targets:
            raise Refusal("kudos.no_receiver")
        if any(m.id == giver.id for m in targets):
            raise Refusal("kudos.self")
        bots = [m for m in targets if m.is_bot]
        if bots:
            raise Refusal("kudos.to_bot", name=Mention(bots[0].id, bots[0].name))
        if len(targets) > MAX_RECIPIENTS:
            raise Refusal("kudos.too_many", limit=MAX_RECIPIENTS, count=len(targets))
        _check_reason(settings, reason)

        now = self.clock.now()
        draft = self._draft(ctx, settings, targets, reason, source, event_id, now)
        outcome = await self.store.record_kudos(draft)
        self.communities.remember(ctx.community_id, giver, *targets)
        if outcome.status is KudosStatus.DUPLICATE:
            log.info("Duplicate event %s in %s ignored", event_id, ctx.community_id)
            return None
        _refuse(outcome, settings, targets, now)
        names = {m.id: m for m in targets}

        left = max(settings.daily_budget - outcome.given_today, 0)
        ids = Plain(", ".join(f"#{i}" for i in outcome.kudos_ids))  # ours, not user text

        def written(locale: str) -> Reply:
            mentions = and_list(locale, [(Mention(m.id, m.name),) for m in targets])
            giver_mention = Mention(giver.id, giver.name)
            body = t(locale, "kudos.given", giver=giver_mention, receivers=mentions)
            lines = [t(locale, "kudos.reason", reason=reason)] if reason else []
            lines.append(
                t(locale, "kudos.footer", ids=ids, left=left, budget=settings.daily_budget)
            )
            return Reply(
                body=body,
                lines=tuple(lines),
                visibility=Visibility.PUBLIC,
                tone=Tone.SUCCESS,
                ping=tuple(m.id for m in targets),
            )

        reply = written(settings.locale)
        log.info(
            "Kudos %s in %s: %s -> %s (%s)",
            ids,
            ctx.community_id,
            giver.id,
            ",".join(names),
            source,
        )
        if self.events.wants(KudosGiven):
            self.events.publish(KudosGiven(ctx.community_id, ctx.platform, source, len(targets)))
        return Given(outcome.kudos_ids, reply, written)

    async def give_team(
        self, ctx: Context, team: Team, reason: str, *, event_id: str | None = None
    ) -> Given | None:
        """Team kudos (issue 15): thank every member of ``team`` at once, less the
        giver, bots and opted-out members, at most :data:`MAX_TEAM`. One unit of the
        giver's budget; each member gets a kudos of source ``team`` (in their roots and
        the digest, never on leaderboards). The public confirmation names the group and
        pings nobody. None when the event was already counted; Refusal otherwise.
        """
        settings = await self.communities.settings(ctx)
        giver = ctx.actor
        group = UserText(team.name)
        reason = " ".join(reason.split())
        if giver.is_bot:
            raise Refusal("kudos.from_bot")
        if team.unavailable:
            raise Refusal(team.unavailable, team=group)
        if team.size is not None and team.size > MAX_TEAM:
            raise Refusal("team.too_big", team=group, count=team.size, limit=MAX_TEAM)
        unique: dict[str, Member] = {}
        for member in team.members:
            if member.id != giver.id and not member.is_bot:
                unique.setdefault(member.id, member)
        opted = await self.store.opted_out_among(ctx.community_id, list(unique))
        targets = [m for m in unique.values() if m.id not in opted]
        if not targets:
            raise Refusal("team.empty", team=group)
        if len(targets) > MAX_TEAM:
            raise Refusal("team.too_big", team=group, count=len(targets), limit=MAX_TEAM)
        _check_reason(settings, reason)

        now = self.clock.now()
        draft = self._draft(ctx, settings, targets, reason, TEAM_SOURCE, event_id, now)
        outcome = await self.store.record_kudos(draft)
        self.communities.remember(ctx.community_id, giver, *targets)
        if outcome.status is KudosStatus.DUPLICATE:
            log.info("Duplicate event %s in %s ignored", event_id, ctx.community_id)
            return None
        if outcome.status is KudosStatus.OVER_BUDGET:
            raise over_budget(settings, outcome.given_today, 1, now)
        _refuse(outcome, settings, targets, now)

        left = max(settings.daily_budget - outcome.given_today, 0)
        budget = settings.daily_budget

        def written(locale: str) -> Reply:
            body = t(locale, "team.given", giver=Mention(giver.id, giver.name), team=group)
            lines = [t(locale, "kudos.reason", reason=reason)] if reason else []
            lines.append(t(locale, "team.footer", count=len(targets), left=left, budget=budget))
            # Names the group, not its members: nobody is pinged (ping stays empty).
            return Reply(
                body=body, lines=tuple(lines), visibility=Visibility.PUBLIC, tone=Tone.SUCCESS
            )

        reply = written(settings.locale)
        log.info(
            "Team kudos %s..%s in %s: %s -> %s (%d members)",
            min(outcome.kudos_ids),
            max(outcome.kudos_ids),
            ctx.community_id,
            giver.id,
            team.id,
            len(targets),
        )
        if self.events.wants(KudosGiven):
            self.events.publish(
                KudosGiven(ctx.community_id, ctx.platform, TEAM_SOURCE, len(targets))
            )
        return Given(outcome.kudos_ids, reply, written)

    async def precheck(
        self, ctx: Context, receiver: Member | None, *, source: str, event_id: str | None
    ) -> bool:
        """Whether ``ctx.actor`` could give kudos to ``receiver`` (None: to someone) now.

        A cheap read for adapters, before they spend platform calls (reading the
        message a reaction is on): raises the Refusal ``give`` would raise for the
        giver's budget, a cooldown on ``receiver``, their opt-out or thanking oneself;
        False when ``event_id`` was already counted; True otherwise. Nothing recorded.
        """
        settings = await self.communities.settings(ctx)
        giver = ctx.actor
        if giver.is_bot:
            raise Refusal("kudos.from_bot")
        targets = [receiver] if receiver is not None else []
        if receiver is not None and receiver.id == giver.id:
            raise Refusal("kudos.self")
        now = self.clock.now()
        draft = self._draft(ctx, settings, targets, "", source, event_id, now)
        outcome = await self.store.check_kudos(draft)
        if outcome.status is KudosStatus.DUPLICATE:
            return False
        if receiver is not None and outcome.status is not KudosStatus.RECORDED:
            known = await self.store.get_member(ctx.community_id, receiver.id)
            if known is not None:  # the refusal names them as the store knows them
                targets = [Member(receiver.id, known.name, known.is_bot)]
        _refuse(outcome, settings, targets, now)
        if receiver is None and outcome.given_today >= settings.daily_budget:
            raise over_budget(settings, outcome.given_today, 1, now)
        return True

    @staticmethod
    def _draft(
        ctx: Context,
        settings: CommunitySettings,
        targets: list[Member],
        reason: str,
        source: str,
        event_id: str | None,
        now: datetime,
    ) -> KudosDraft:
        day = local_date(now, settings.timezone)
        cooldown = settings.cooldown_seconds
        return KudosDraft(
            community_id=ctx.community_id,
            action_id=next(_action_ids),
            giver=ctx.actor,
            receivers=tuple(targets),
            reason=reason,
            channel_id=ctx.channel_id,
            source=source,
            source_event_id=event_id,
            created_at=now,
            local_day=day,
            season=settings.season,
            week_key=week_key(day),
            month_key=month_key(day),
            budget=settings.daily_budget,
            cooldown_since=now - timedelta(seconds=cooldown) if cooldown else None,
        )

    async def undo(self, ctx: Context) -> Reply:
        locale = await self.communities.private_locale(ctx)
        now = self.clock.now()
        rows = await self.store.undo_last_action(
            ctx.community_id, ctx.actor.id, now - UNDO_WINDOW, now
        )
        if not rows:
            raise Refusal("kudos.nothing_to_undo", minutes=int(UNDO_WINDOW.total_seconds() // 60))
        members = [await self.store.get_member(ctx.community_id, r.receiver_id) for r in rows]
        names = and_list(locale, [(Mention(m.id, m.name),) for m in members if m])
        return Reply(t(locale, "kudos.undone", receivers=names), tone=Tone.SUCCESS)

    async def revoke(self, ctx: Context, raw_id: str | int) -> Reply:
        require_admin(ctx)
        raw = str(raw_id)  # a typed number (Discord) is checked like a typed word
        kudos_id = _parse_id(raw)
        row = await self.store.revoke_kudos(
            ctx.community_id, kudos_id, ctx.actor.id, self.clock.now()
        )
        if row is None:
            raise Refusal("kudos.unknown_id", id=raw.lstrip("#"))
        if row.revoked_at is not None:
            raise Refusal("kudos.already_revoked", id=kudos_id)
        log.info("Kudos #%d in %s revoked by %s", kudos_id, ctx.community_id, ctx.actor.id)
        locale = await self.communities.private_locale(ctx)
        return Reply(t(locale, "kudos.revoked", id=kudos_id), tone=Tone.SUCCESS)


def _check_reason(settings: CommunitySettings, reason: str) -> None:
    if settings.reason_required and not reason:
        raise Refusal("kudos.reason_required")
    if len(reason) > MAX_REASON:
        raise Refusal("kudos.reason_too_long", limit=MAX_REASON, length=len(reason))


def over_budget(
    settings: CommunitySettings, given_today: int, asked: int, now: datetime
) -> Refusal:
    """The refusal of kudos beyond the daily budget: how many are left, and when the
    budget resets (the community's next midnight, shown in its zone)."""
    zone = settings.timezone
    return Refusal(
        "kudos.over_budget",
        budget=settings.daily_budget,
        left=max(settings.daily_budget - given_today, 0),
        asked=asked,
        reset=Moment(next_midnight(now, zone), zone, MomentStyle.TIME),
    )


def _refuse(
    outcome: KudosOutcome, settings: CommunitySettings, targets: list[Member], now: datetime
) -> None:
    """Raise the Refusal for a store's 'no' (opt-out, budget, cooldown); else nothing."""
    names = {m.id: m for m in targets}
    if outcome.status is KudosStatus.OPTED_OUT:
        who = names[outcome.cooling_receiver or targets[0].id]
        raise Refusal("kudos.opted_out", name=Mention(who.id, who.name))
    if outcome.status is KudosStatus.OVER_BUDGET:
        raise over_budget(settings, outcome.given_today, len(targets), now)
    if outcome.status is KudosStatus.COOLDOWN:
        who = names[outcome.cooling_receiver or targets[0].id]
        cooldown = settings.cooldown_seconds
        wait = cooldown
        if outcome.last_given_at is not None:
            elapsed = (now - outcome.last_given_at).total_seconds()
            wait = max(math.ceil(cooldown - elapsed), 1)
        raise Refusal("kudos.cooldown", name=Mention(who.id, who.name), count=wait)


def _parse_id(raw: str) -> int:
    cleaned = raw.strip().lstrip("#")
    if not re.fullmatch(r"[0-9]{1,18}", cleaned):
        raise Refusal("kudos.bad_id", id=raw)
    return int(cleaned)
