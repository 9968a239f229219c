"""Goals others give time to (issue 16): `/goal set`, `list`, `help`, `done`, `drop`,
an admin's `remove`, and the thank-you buttons of a closed goal.

A member has at most one open goal, visible to the community. Others record the
minutes they gave to it (5 to 240 at a time); its owner is told privately, through the
delivery's private messages (:func:`bot.delivery.tell_privately`). Closing it lists
everyone who helped, each with a button that gives them a kudos (source ``goal``)
through the same rules as /kudos, counted once however often it is clicked.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from bot.delivery import tell_privately
from bot.errors import Refusal, require_admin
from bot.messages import t, text
from bot.numbers import ascii_int
from bot.periods import local_date, week_key
from bot.scheduler import Scheduler
from bot.services.community import CommunityService
from bot.services.kudos import KudosService
from bot.storage.base import GoalsStore
from bot.storage.records import TOMBSTONE_PREFIX, GoalHelpDraft, GoalRecord
from bot.types import Button, Context, Member, Mention, Reply, Rich, Tone, Visibility

log = logging.getLogger(__name__)

MAX_GOAL = 200
MAX_NOTE = 200
MIN_MINUTES = 5
MAX_MINUTES = 240
DEFAULT_MINUTES = 15
RECENT = timedelta(days=7)  # "least helped recently": in the last week
LIST_LIMIT = 15
MAX_THANKS_BUTTONS = 20  # Discord and Slack take 25 buttons in one message
THANKS_ACTION = "roots:goal-thanks"
# "30", "30m", "30min", "30 minutes" as one word
MINUTES_WORD = re.compile(r"[+-]?[0-9]{1,9}(?:m|min|mins|mn|minutes?)?", re.IGNORECASE)


def minutes_word(word: str) -> int | None:
    """The minutes a typed word gives (``30``, ``45min``), None when it is no number."""
    if not MINUTES_WORD.fullmatch(word):
        return None
    digits = re.match(r"[+-]?[0-9]+", word)
    assert digits is not None
    return int(digits.group(0))


def thanks_value(goal_id: int, helper_id: str) -> str:
    """A thank-you button's value: ``<goal id>-<helper id>`` (no ":" for Discord's ids)."""
    return f"{goal_id}-{helper_id}"


def _one_line(raw: str) -> str:
    return " ".join(raw.split())


class GoalService:
    def __init__(
        self,
        store: GoalsStore,
        communities: CommunityService,
        kudos: KudosService,
        scheduler: Scheduler,
    ) -> None:
        self.store = store
        self.communities = communities
        self.kudos = kudos
        self.clock = kudos.clock
        self.scheduler = scheduler  # its delivery carries the private notices

    # ------------------------------------------------------------ a member's own goal

    async def set(self, ctx: Context, raw: str) -> Reply:
        locale = (await self.communities.settings(ctx)).locale
        _not_a_bot(ctx)
        goal = _one_line(raw)
        if not goal:
            raise Refusal("goal.set_usage", limit=MAX_GOAL)
        if len(goal) > MAX_GOAL:
            raise Refusal("goal.too_long", length=len(goal), limit=MAX_GOAL)
        stored = await self.store.set_goal(ctx.community_id, ctx.actor.id, goal, self.clock.now())
        if stored is None:
            current = await self.store.open_goal(ctx.community_id, ctx.actor.id)
            raise Refusal("goal.already_open", goal=current.text if current else "")
        log.info("Goal %d set in %s", stored.goal_id, ctx.community_id)
        who = Mention(ctx.actor.id, ctx.actor.name)
        return Reply(
            t(locale, "goal.set_done", name=who, goal=stored.text),
            lines=(t(locale, "goal.set_hint", name=who, minutes=DEFAULT_MINUTES),),
            tone=Tone.SUCCESS,
            visibility=Visibility.PUBLIC,
        )

    async def drop(self, ctx: Context) -> Reply:
        locale = await self.communities.private_locale(ctx)
        goal = await self._close(ctx, "dropped")
        return Reply(t(locale, "goal.dropped", goal=goal.text), tone=Tone.SUCCESS)

    async def done(self, ctx: Context) -> Reply:
        """Close the goal; the public reply lists who helped, each with a thank-you button."""
        locale = (await self.communities.settings(ctx)).locale
        goal = await self._close(ctx, "done")
        helpers = await self.store.goal_helpers(goal.goal_id)
        who = Mention(ctx.actor.id, ctx.actor.name)
        lines: list[Rich] = [
            t(
                locale,
                "goal.done_helper",
                name=Mention(h.member.id, h.member.name),
                minutes=h.minutes,
            )
            for h in helpers
        ]
        buttons = tuple(
            Button(
                THANKS_ACTION,
                t(locale, "goal.thanks_button", name=Mention(h.member.id, h.member.name)),
                thanks_value(goal.goal_id, h.member.id),
            )
            for h in helpers[:MAX_THANKS_BUTTONS]
            if not h.member.id.startswith(TOMBSTONE_PREFIX)
        )
        if helpers:
            total = sum(h.minutes for h in helpers)
            lines.insert(0, t(locale, "goal.done_helped", minutes=total))
            lines.append(t(locale, "goal.done_thank_hint", name=who))
        else:
            lines.append(t(locale, "goal.done_alone"))
        log.info("Goal %d done in %s (%d helpers)", goal.goal_id, ctx.community_id, len(helpers))
        return Reply(
            t(locale, "goal.done_body", goal=goal.text),
            title=t(locale, "goal.done_title", name=who),
            lines=tuple(lines),
            buttons=buttons,
            tone=Tone.SUCCESS,
            visibility=Visibility.PUBLIC,
        )

    async def _close(self, ctx: Context, status: str) -> GoalRecord:
        _not_a_bot(ctx)
        goal = await self.store.close_goal(
            ctx.community_id, ctx.actor.id, status, ctx.actor.id, self.clock.now()
        )
        if goal is None:
            raise Refusal("goal.none")
        return goal

    # ------------------------------------------------------------ everyone's goals

    async def listing(self, ctx: Context) -> Reply:  # private: in the member's language
        """The open goals, the least helped in the last week first."""
        locale = await self.communities.private_locale(ctx)
        now = self.clock.now()
        goals = await self.store.open_goals(ctx.community_id, now - RECENT, LIST_LIMIT)
        if not goals:
            return Reply(t(locale, "goal.list_empty", minutes=DEFAULT_MINUTES))
        lines: list[Rich] = []
        for found in goals:
            owner = Mention(found.owner.id, found.owner.name)
            if found.total_minutes:
                lines.append(
                    t(
                        locale,
                        "goal.list_row",
                        name=owner,
                        goal=found.goal.text,
                        recent=found.recent_minutes,
                        total=found.total_minutes,
                    )
                )
            else:
                lines.append(t(locale, "goal.list_row_new", name=owner, goal=found.goal.text))
        count = await self.store.count_open_goals(ctx.community_id)
        if count > len(goals):
            lines.append(t(locale, "goal.list_more", count=count - len(goals)))
        lines.append(t(locale, "goal.list_hint", minutes=DEFAULT_MINUTES))
        return Reply(
            t(locale, "goal.list_body", minutes=DEFAULT_MINUTES),
            title=t(locale, "goal.list_title"),
            lines=tuple(lines),
        )

    async def help(
        self,
        ctx: Context,
        owner: Member,
        minutes: int | None,
        raw_note: str,
        event_id: str | None = None,
    ) -> Reply:
        """``ctx.actor`` gave ``minutes`` (default 15) to ``owner``'s open goal."""
        settings = await self.communities.settings(ctx)
        locale = await self.communities.private_locale(ctx)  # the answer is theirs alone
        _not_a_bot(ctx)
        given = DEFAULT_MINUTES if minutes is None else minutes
        if not MIN_MINUTES <= given <= MAX_MINUTES:
            raise Refusal("goal.minutes_range", value=given, low=MIN_MINUTES, high=MAX_MINUTES)
        note = _one_line(raw_note)
        if len(note) > MAX_NOTE:
            raise Refusal("goal.note_too_long", length=len(note), limit=MAX_NOTE)
        if owner.id == ctx.actor.id:
            raise Refusal("goal.own", minutes=DEFAULT_MINUTES)
        record = await self.store.get_member(ctx.community_id, owner.id)
        who = Mention(owner.id, record.name if record else owner.name)
        goal = await self.store.open_goal(ctx.community_id, owner.id)
        if goal is None:
            raise Refusal("goal.none_other", name=who)
        now = self.clock.now()
        draft = GoalHelpDraft(
            community_id=ctx.community_id,
            goal_id=goal.goal_id,
            helper_id=ctx.actor.id,
            minutes=given,
            note=note,
            created_at=now,
            week_key=week_key(local_date(now, settings.timezone)),
            event_id=event_id,
        )
        if not await self.store.record_help(draft):
            if event_id is not None and await self.store.open_goal(ctx.community_id, owner.id):
                log.info("Duplicate event %s in %s ignored", event_id, ctx.community_id)
                return Reply(t(locale, "goal.help_again", name=who), tone=Tone.INFO)
            raise Refusal("goal.none_other", name=who)
        log.info("Goal %d: %d minutes given in %s", goal.goal_id, given, ctx.community_id)
        told = await self._tell(ctx, owner.id, goal, given, note)
        lines = (t(locale, "goal.told" if told else "goal.not_told", name=who),)
        return Reply(
            t(locale, "goal.helped", name=who, minutes=given, goal=goal.text),
            lines=lines,
            tone=Tone.SUCCESS,
        )

    async def _tell(
        self, ctx: Context, owner_id: str, goal: GoalRecord, minutes: int, note: str
    ) -> bool:
        """Tell the goal's owner, privately (in their language), who gave time and how."""
        shared = (await self.communities.settings(ctx)).locale
        locale = await self.communities.locale_of(ctx.community_id, owner_id, shared)
        helper = Mention(ctx.actor.id, ctx.actor.name)
        lines = (t(locale, "goal.notice_note", note=note),) if note else ()
        notice = Reply(
            t(locale, "goal.notice", name=helper, minutes=minutes, goal=goal.text),
            lines=lines,
            title=t(locale, "goal.notice_title"),
        )
        return await tell_privately(self.scheduler.delivery, ctx.community_id, owner_id, notice)

    # ------------------------------------------------------------ admins

    async def remove(self, ctx: Context, owner: Member) -> Reply:
        """An admin takes a member's open goal down (hostile text); audit-logged."""
        require_admin(ctx)
        locale = await self.communities.private_locale(ctx)
        shared = (await self.communities.settings(ctx)).locale
        theirs = await self.communities.locale_of(ctx.community_id, owner.id, shared)
        record = await self.store.get_member(ctx.community_id, owner.id)
        who = Mention(owner.id, record.name if record else owner.name)
        goal = await self.store.close_goal(
            ctx.community_id, owner.id, "removed", ctx.actor.id, self.clock.now()
        )
        if goal is None:
            raise Refusal("goal.none_other", name=who)
        log.info("Goal %d in %s removed by an admin", goal.goal_id, ctx.community_id)
        notice = Reply(t(theirs, "goal.removed_notice"), title=t(theirs, "goal.notice_title"))
        await tell_privately(self.scheduler.delivery, ctx.community_id, owner.id, notice)
        return Reply(t(locale, "goal.removed", name=who), tone=Tone.SUCCESS)

    # ------------------------------------------------------------ thank-you buttons

    async def thank(self, ctx: Context, value: str) -> list[Reply]:
        """A thank-you button of a closed goal: a kudos from its owner to one helper."""
        locale = (await self.communities.settings(ctx)).locale
        goal_part, _, helper_id = value.partition("-")
        goal_id = ascii_int(goal_part)
        goal = await self.store.get_goal(ctx.community_id, goal_id) if goal_id else None
        if goal is None or goal.status != "done" or not helper_id:
            raise Refusal("goal.thanks_unknown")
        if goal.member_id != ctx.actor.id:
            owner = await self.store.get_member(ctx.community_id, goal.member_id)
            name = Mention(goal.member_id, owner.name if owner else goal.member_id)
            raise Refusal("goal.thanks_not_yours", name=name)
        helpers = {h.member.id: h.member for h in await self.store.goal_helpers(goal.goal_id)}
        helper = helpers.get(helper_id)
        if helper is None or helper_id.startswith(TOMBSTONE_PREFIX):
            raise Refusal("goal.thanks_unknown")
        receiver = Member(helper.id, helper.name, helper.is_bot)
        reason = text(locale, "goal.thanks_reason", goal=goal.text)
        given = await self.kudos.give(
            ctx,
            [receiver],
            reason,
            source="goal",
            event_id=f"goal:{goal.goal_id}:{helper.id}",
        )
        if given is None:
            name = Mention(helper.id, helper.name)
            mine = await self.communities.private_locale(ctx)
            return [Reply(t(mine, "goal.thanks_already", name=name))]
        return [given.reply]


def _not_a_bot(ctx: Context) -> None:
    if ctx.actor.is_bot:
        raise Refusal("goal.bot")
