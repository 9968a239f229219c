"""A demo community for the first five minutes: twelve members, eight weeks of history.

:func:`seed_demo` plays eight weeks of a small community into a core, the way an
adapter would: it builds neutral events (commands, ``@name++`` messages, 🌱 and ✅
reactions) and hands them to the router, while the scheduler moves a simulated clock
through every daily prompt, challenge day and weekly digest. Nothing is written
straight into tables, so every rule holds: daily budgets, cooldowns, opt-outs,
aggregates, streaks. A fixed seed (``random.Random(seed)``) and fixed dates make it
the same community for everyone, so docs and screenshots can show it.

The story, in short: ``ana`` hosts the community and sets a daily prompt and a Friday
digest; members thank each other in English and in French; ``farid`` opts out in week
3 (a later ``@farid++`` is refused, politely, and counts nothing); ``ana`` runs the
7-day Roots challenge in week 4 (three members finish it); ``maya`` arrives in week 5,
is welcomed and helped, and has people to thank back: the demo starts as her.

Used by ``roots console --demo``. The web dashboard (not built yet) can seed its demo
with the same call on its own store, so its charts show a living community at once.

Hooks for features to come (search for ``HOOK`` below):

- detected thank-yous: members already write plain "thanks @bob" / "merci @lea"
  messages (no ``++``); today they count nothing, and once Roots notices them, the
  same events will offer the private kudos;
- reconnect suggestions: ``ana`` and ``jules`` thanked each other in week 1 and never
  since, the case a "say hello again" suggestion is for;
- goals: the plan has a marked place where a member states a goal and others give
  time to it, to fill in once ``/goal`` exists.
"""

from __future__ import annotations

import logging
import random
import time as monotonic
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from bot.clock import ManualClock
from bot.delivery import Delivery, Ownership
from bot.services.schedules import channel_word
from bot.storage.records import PostRecord
from bot.storage.sqlite import sqlite_path
from bot.timezones import load_zone
from bot.types import CommandCall, Context, Member, MessagePosted, ReactionAdded, Reply
from bot.wiring import Core

log = logging.getLogger(__name__)

DEMO_SEED = 2026
TIMEZONE = "Europe/Paris"
FIRST_DAY = date(2026, 2, 23)  # a Monday
WEEKS = 8
LAST_DAY = FIRST_DAY + timedelta(days=WEEKS * 7 - 3)  # Friday 2026-04-17, week 8
END_TIME = time(17, 30)  # the demo opens just after that Friday's digest
PROMPT_TIME = "09:00"
DIGEST_TIME = "17:00"
CHALLENGE_ANNOUNCED = 14  # day index: Monday of week 3
CHALLENGE_FIRST = 21  # day index: Monday of week 4; the recap posts on day 28
OPT_OUT_DAY = 17
KUDOS_EMOJI = "🌱"
ROOTS = Member("roots", "roots", is_bot=True)  # the author of scheduled posts
CHECK = "✅"
BUDGET = 5  # the default daily budget: the plan keeps under it


@dataclass(frozen=True)
class Persona:
    name: str
    locale: str  # the language they write their thanks in
    giving: float  # how often they thank someone
    receiving: float  # how often someone thanks them
    checkin: float  # how likely they check in on a day's prompt
    joins: int = 0  # the day index of their first day


PEOPLE: tuple[Persona, ...] = (
    Persona("ana", "fr", 1.6, 1.3, 0.8),
    Persona("bob", "en", 1.3, 1.4, 0.7),
    Persona("camille", "fr", 1.0, 1.1, 0.6),
    Persona("dev", "en", 0.9, 1.0, 0.5),
    Persona("emma", "en", 1.1, 1.0, 0.4),
    Persona("farid", "fr", 0.6, 0.8, 0.3),
    Persona("hugo", "fr", 0.8, 0.9, 0.5),
    Persona("ines", "fr", 1.0, 1.0, 0.97),
    Persona("jules", "fr", 0.3, 0.4, 0.2),
    Persona("kenji", "en", 1.0, 1.0, 0.6),
    Persona("lea", "fr", 1.2, 1.0, 0.6, joins=3),
    Persona("maya", "en", 0.0, 1.0, 0.85, joins=28),  # her kudos are written out below
)
HOST = "ana"
VIEWER = "maya"  # the member a demo starts as
FRIEND = "bob"  # someone the viewer has yet to thank back
OPTED_OUT = "farid"
CHALLENGERS = ("bob", "ines", "camille", "dev", "hugo", "lea")  # ana is in as its starter
FINISHERS = ("ana", "ines", "bob")  # check in on all seven challenge days

REASONS = {
    "en": (
        "thanks for the thorough code review",
        "for pairing with me on the flaky test",
        "for answering my question about the deploy",
        "for the great demo on Thursday",
        "for taking notes in the meeting",
        "for unblocking me on the database migration",
        "for the kind words after my talk",
        "for sharing that article on community building",
        "for covering my support shift",
        "for the patient walkthrough of the codebase",
        "for organising the Friday coffee chat",
        "for spotting the typo before the release",
        "for introducing me to the design team",
        "for checking in when I was stuck",
    ),
    "fr": (
        "merci pour la relecture attentive",
        "pour ton aide sur le bug de l'export",
        "merci d'avoir animé l'atelier",
        "pour tes conseils sur ma présentation",
        "merci pour le café virtuel, ça fait du bien",
        "pour avoir répondu à toutes mes questions",
        "merci de m'avoir présenté à l'équipe",
        "pour la doc claire sur le déploiement",
        "merci pour ta patience en binôme",
        "pour ton retour honnête sur mon projet",
        "merci d'avoir pris des nouvelles",
        "pour les ressources sur l'accessibilité",
    ),
}
# Messages whose authors get a 🌱 reaction: the kudos reason is an excerpt of them.
SHARED = {
    "en": (
        "Here's the fix for the flaky build, it was a timezone thing",
        "I wrote up the notes from today's call, they're in the wiki",
        "Short guide to our release checklist, feedback welcome",
    ),
    "fr": (
        "J'ai mis à jour le guide d'accueil des nouveaux",
        "Voici le compte rendu de l'atelier de ce matin",
        "Petite astuce pour relancer les tests plus vite",
    ),
}
NOTES = {
    "en": ("said hello to an old colleague", "15 minutes on a friend's side project", ""),
    "fr": ("j'ai écrit à une ancienne collègue", "15 minutes sur le projet d'un ami", ""),
}
THANKS_MESSAGE = {"en": "thanks {name}, that fixed it!", "fr": "merci {name}, ça m'a sauvé"}


@dataclass(frozen=True)
class Place:
    """Where the demo community lives: the adapter's platform, community and channel."""

    platform: str
    community_id: str
    channel_id: str


@dataclass(frozen=True)
class Step:
    """One thing a member does, at a local moment."""

    at: datetime  # UTC
    actor: str
    kind: str  # command | plusplus | react | checkin | message
    words: tuple[str | Member, ...] = ()  # a Member is a mention
    name: str = ""  # the command, or the kind of post a check-in answers
    admin: bool = False
    refused: bool = False  # a refusal the story expects (the rules at work)
    message_id: str = ""  # a message, and the 🌱 reaction to it


@dataclass
class DemoSummary:
    """What seeding produced, for the adapter that shows it."""

    viewer: str
    friend: str
    members: int
    steps: int
    posts: int
    seconds: float
    latest_digest: PostRecord | None
    # Replies the story did not expect (a refusal, an error): empty when all went well.
    problems: list[str] = field(default_factory=list)


def demo_database_url(database_url: str) -> str:
    """The demo's own SQLite database: next to a SQLite one (roots.db -> roots-demo.db),
    else roots-demo.db in the working directory. A demo never touches the real data."""
    path = Path(sqlite_path(database_url) if database_url.startswith("sqlite:///") else "roots.db")
    demo = path.with_name(path.stem + "-demo" + (path.suffix or ".db"))
    return f"sqlite:///{demo}"


def reset_demo_database(url: str) -> Path:
    """Delete the demo database (and SQLite's side files) so a demo starts fresh."""
    path = Path(sqlite_path(url))
    if not path.stem.endswith("-demo"):
        raise ValueError(f"{path} is not a demo database; it is left alone")
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return path


def member(name: str) -> Member:
    return Member(name, name)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """Day index and local time -> the UTC instant."""
    moment = datetime.combine(FIRST_DAY + timedelta(days=day), time(hour, minute))
    return moment.replace(tzinfo=load_zone(TIMEZONE)).astimezone(UTC)


def start_time() -> datetime:
    """Where the demo's clock starts (before the host's first command)."""
    return at(0, 8, 0) - timedelta(minutes=1)


def end_time() -> datetime:
    return at((LAST_DAY - FIRST_DAY).days, END_TIME.hour, END_TIME.minute)


class _Planner:
    """The eight weeks as a list of steps, drawn from one random.Random."""

    def __init__(self, seed: int, channel_id: str) -> None:
        self.rng = random.Random(seed)
        self.channel = f"<#{channel_id}>"
        self.steps: list[Step] = []
        self.given: Counter[tuple[str, int]] = Counter()  # (giver, day) -> recipients
        self.pairs: set[tuple[str, str, int]] = set()  # (giver, receiver, day)
        self.people = {p.name: p for p in PEOPLE}

    # ------------------------------------------------------------ helpers

    def minute(self, day: int, first: int, last: int) -> datetime:
        """A random local moment of ``day`` between ``first`` and ``last`` o'clock."""
        minutes = self.rng.randint(first * 60, last * 60 - 1)
        return at(day, minutes // 60, minutes % 60)

    def reason(self, giver: str) -> str:
        return self.rng.choice(REASONS[self.people[giver].locale])

    def add(self, step: Step) -> None:
        self.steps.append(step)

    def kudos(
        self,
        day: int,
        when: datetime,
        giver: str,
        receivers: Sequence[str],
        *,
        reacting_to: str | None = None,
    ) -> None:
        """A kudos by command, ``++`` or 🌱 reaction (to ``reacting_to``, a message the
        receiver posts just before, if given), within the giver's daily budget."""
        if self.given[(giver, day)] + len(receivers) > BUDGET:
            return
        if any((giver, name, day) in self.pairs for name in receivers):
            return  # once a day per pair is plenty (and far from the cooldown)
        self.given[(giver, day)] += len(receivers)
        self.pairs.update((giver, name, day) for name in receivers)
        locale = self.people[giver].locale
        how = self.rng.random()
        if reacting_to is not None or (how < 0.15 and len(receivers) == 1):
            author = receivers[0]
            text = reacting_to or self.rng.choice(SHARED[self.people[author].locale])
            shared = f"m{len(self.steps)}"
            self.add(
                Step(when - timedelta(minutes=7), author, "message", (text,), message_id=shared)
            )
            self.add(Step(when, giver, "react", (member(author), text), message_id=shared))
        elif how < 0.4:
            words: list[str | Member] = []
            for name in receivers:
                words += [member(name), "++ "]
            self.add(Step(when, giver, "plusplus", (*words, self.rng.choice(REASONS[locale]))))
        else:
            reason = tuple(self.rng.choice(REASONS[locale]).split())
            self.add(Step(when, giver, "command", (*map(member, receivers), *reason), "kudos"))

    def thank_on_checkin(self, day: int, when: datetime, person: Persona) -> bool:
        """`/done @someone reason`: a check-in and a kudos at once, within the budget."""
        if person.name == VIEWER or self.given[(person.name, day)] + 1 > BUDGET:
            return False
        others = [
            p.name
            for p in self.present(day)
            if p.name not in (person.name, OPTED_OUT, VIEWER)
            and (person.name, p.name, day) not in self.pairs
        ]
        name = self.rng.choice(others)
        self.given[(person.name, day)] += 1
        self.pairs.add((person.name, name, day))
        reason = tuple(self.reason(person.name).split())
        self.add(Step(when, person.name, "command", (member(name), *reason), "done"))
        return True

    def present(self, day: int) -> list[Persona]:
        return [p for p in PEOPLE if p.joins <= day]

    # ------------------------------------------------------------ the story

    def plan(self) -> list[Step]:
        days = (LAST_DAY - FIRST_DAY).days + 1
        self.setup()
        self.story()  # first, so its kudos come first in each giver's daily budget
        for day in range(days):
            self.checkins(day)
            self.everyday_kudos(day)
        # Stable: steps planned for the same minute keep their order. The demo opens on
        # the last Friday at END_TIME: what would come later that evening never happens.
        end = end_time()
        return sorted((s for s in self.steps if s.at < end), key=lambda step: step.at)

    def setup(self) -> None:
        """Monday of week 1, 08:00: the host sets the community up."""
        host = HOST
        first = at(0, 8, 0)
        for words in (
            ("timezone", TIMEZONE),
            ("prompts", self.channel, PROMPT_TIME, TIMEZONE),
            ("digest", self.channel, "friday", DIGEST_TIME, TIMEZONE),
        ):
            self.add(Step(first, host, "command", words, "roots-config", admin=True))

    def checkins(self, day: int) -> None:
        weekend = (FIRST_DAY + timedelta(days=day)).weekday() >= 5
        challenge_day = CHALLENGE_FIRST <= day < CHALLENGE_FIRST + 7
        # /done answers the channel's latest post: a challenge post or the recap, then.
        done_ok = not CHALLENGE_FIRST <= day <= CHALLENGE_FIRST + 7
        for person in self.present(day):
            likely = person.checkin * (0.6 if weekend else 1.0)
            if person.name == VIEWER and day >= (LAST_DAY - FIRST_DAY).days - 5:
                likely = 1.0  # her check-in streak, this last week
            if self.rng.random() < likely:
                when = self.minute(day, 9, 21) + timedelta(minutes=5)
                if not done_ok or self.rng.random() < 0.5:
                    self.add(Step(when, person.name, "checkin", (), "prompt"))
                elif self.rng.random() < 0.2 and self.thank_on_checkin(day, when, person):
                    pass
                else:
                    note = self.rng.choice(NOTES[person.locale])
                    self.add(Step(when, person.name, "command", tuple(note.split()), "done"))
            in_challenge = person.name in (HOST, *CHALLENGERS)
            finisher = person.name in FINISHERS
            if challenge_day and in_challenge and (finisher or self.rng.random() < 0.6):
                when = self.minute(day, 9, 20) + timedelta(minutes=5)
                self.add(Step(when, person.name, "checkin", (), "challenge"))

    def everyday_kudos(self, day: int) -> None:
        weekend = (FIRST_DAY + timedelta(days=day)).weekday() >= 5
        count = self.rng.randint(1, 3) if weekend else self.rng.randint(4, 8)
        last_day = (LAST_DAY - FIRST_DAY).days
        givers = [
            p
            for p in self.present(day)
            if p.giving > 0 and not (p.name == OPTED_OUT and day >= OPT_OUT_DAY)
        ]
        for _ in range(count):
            giver = self.rng.choices(givers, weights=[p.giving for p in givers])[0].name
            can_thank = [
                p
                for p in self.present(day)
                if p.name != giver
                and not (p.name == OPTED_OUT and day >= OPT_OUT_DAY)
                and not (day >= 7 and {giver, p.name} == {HOST, "jules"})
                and not (p.name == VIEWER and day < last_day - 20)
            ]
            size = self.rng.choices((1, 2, 3), weights=(80, 15, 5))[0]
            receivers: list[str] = []
            for _ in range(size):  # weighted, without replacement
                chosen = self.rng.choices(can_thank, weights=[p.receiving for p in can_thank])[0]
                can_thank.remove(chosen)
                receivers.append(chosen.name)
            self.kudos(day, self.minute(day, 8, 22), giver, receivers)
        if day % 7 == 2 and day >= 7:
            # HOOK (detected thank-yous): a plain thank-you, no ++; it counts nothing today.
            author, thanked = self.rng.sample(["bob", "camille", "emma", "hugo", "lea"], 2)
            before, after = THANKS_MESSAGE[self.people[author].locale].split("{name}")
            words = (before, member(thanked), after)
            self.add(Step(self.minute(day, 10, 18), author, "message", words))

    def story(self) -> None:
        """The written parts: week-1 friends, an opt-out, the challenge, maya's arrival."""
        # Week 1: ana and jules thank each other, then lose touch (HOOK: reconnect).
        self.kudos(2, at(2, 18, 10), HOST, ["jules"])
        self.kudos(3, at(3, 9, 40), "jules", [HOST])
        # Week 3: farid opts out; a later ++ to him is refused and changes nothing.
        self.add(Step(at(OPT_OUT_DAY, 12, 5), OPTED_OUT, "command", ("optout",), "roots"))
        self.add(
            Step(
                at(OPT_OUT_DAY + 2, 11, 20),
                "hugo",
                "plusplus",
                (member(OPTED_OUT), "++ merci pour le coup de main"),
                refused=True,
            )
        )
        # Weeks 3-4: the 7-day challenge; the recap posts on day 28.
        start = (FIRST_DAY + timedelta(days=CHALLENGE_FIRST)).isoformat()
        announced = at(CHALLENGE_ANNOUNCED, 9, 30)
        self.add(
            Step(announced, HOST, "command", ("start", self.channel, start), "challenge", True)
        )
        for i, name in enumerate(CHALLENGERS):
            when = at(CHALLENGE_ANNOUNCED + i, 12, 15 + i)
            self.add(Step(when, name, "command", ("join",), "challenge"))
        # HOOK (goals): once /goal exists, lea states a goal here (week 6) and bob and
        # kenji give time to it; she thanks them when it is done.
        # Week 5 onwards: maya arrives, is welcomed and helped, and thanks a few back.
        hello = "Hello everyone! Maya here, just joined the team 👋"
        self.kudos(28, at(28, 10, 30), HOST, [VIEWER], reacting_to=hello)
        self.kudos(29, at(29, 15, 5), FRIEND, [VIEWER])
        self.kudos(30, at(30, 11, 0), VIEWER, [HOST])
        self.kudos(40, at(40, 16, 45), "kenji", [VIEWER])
        self.kudos(45, at(45, 14, 20), "lea", [VIEWER])
        self.kudos(46, at(46, 9, 50), VIEWER, ["lea"])
        # Her giving streak: one thank-you a day, this last week.
        last = (LAST_DAY - FIRST_DAY).days
        for day in range(last - 4, last + 1):
            owed = ("ines", "dev", "emma", "camille", "hugo")[day % 5]
            self.kudos(day, self.minute(day, 10, 16), VIEWER, [owed])


class _QuietChannel:
    """The demo's delivery while seeding: posts are kept (with an id), not shown."""

    def __init__(self) -> None:
        self.posts = 0

    async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
        self.posts += 1
        return f"demo-post-{self.posts}"

    async def edit(self, community_id: str, channel_id: str, message_id: str, reply: Reply) -> bool:
        return True

    async def ownership(self, community_id: str, channel_id: str) -> Ownership:
        return Ownership.UNKNOWN  # the demo's channels are its own: send decides


class _Player:
    """Turns steps into neutral events, as an adapter would, and checks the replies."""

    def __init__(self, core: Core, place: Place) -> None:
        self.core = core
        self.place = place
        self.count = 0
        self.problems: list[str] = []

    def _ctx(self, step: Step) -> Context:
        p = self.place
        return Context(p.platform, p.community_id, p.channel_id, member(step.actor), step.admin)

    def _id(self, kind: str) -> str:
        self.count += 1
        return f"demo-{kind}-{self.count}"

    @staticmethod
    def _canonical(words: Sequence[str | Member]) -> tuple[list[str], dict[str, Member]]:
        out: list[str] = []
        mentions: dict[str, Member] = {}
        for word in words:
            if isinstance(word, Member):
                mentions[word.id] = word
                out.append(f"<@{word.id}>")
            else:
                out.append(word)
        return out, mentions

    async def play(self, step: Step) -> None:
        router = self.core.router
        ctx = self._ctx(step)
        words, mentions = self._canonical(step.words)
        replies: list[Reply] = []
        if step.kind == "command":
            # The demo is its own platform: every channel it names is the community's own,
            # as the console vouches for its channels.
            channels = tuple(c for c in map(channel_word, words) if c is not None)
            call = CommandCall(
                ctx, step.name, tuple(words), mentions, self._id("cmd"), channels=channels
            )
            replies = await router.command(call)
        elif step.kind in ("plusplus", "message"):
            message_id = f"demo-msg-{step.message_id}" if step.message_id else self._id("msg")
            text = "".join(words)
            replies = await router.message(MessagePosted(ctx, message_id, text, mentions))
        elif step.kind == "react":
            author = step.words[0]
            assert isinstance(author, Member)
            message_id = f"demo-msg-{step.message_id}"
            event = ReactionAdded(ctx, message_id, KUDOS_EMOJI, author, words[1], self._id("r"))
            replies = await router.reaction(event)
        elif step.kind == "checkin":
            p = self.place
            post = await self.core.store.latest_post(p.community_id, p.channel_id, (step.name,))
            if post is None or post.platform_message_id is None:
                self.problems.append(f"{step.at:%Y-%m-%d %H:%M} {step.actor}: no post to check in")
                return
            event = ReactionAdded(ctx, post.platform_message_id, CHECK, ROOTS, "", self._id("r"))
            replies = await router.reaction(event)
        refusals = [r for r in replies if r.is_error]
        if refusals and not step.refused:
            self.problems.append(f"{step.at:%Y-%m-%d %H:%M} {step.actor}: {refusals[0].as_text()}")
        elif step.refused and not refusals:
            self.problems.append(f"{step.at:%Y-%m-%d %H:%M} {step.actor}: was not refused")


async def seed_demo(core: Core, place: Place, *, seed: int = DEMO_SEED) -> DemoSummary:
    """Play the demo's eight weeks into ``core``, a fresh community on a ManualClock.

    The clock ends on the last Friday at 17:30 local time, just after the weekly digest.
    The core's delivery is put back as it was; posts made while seeding are not shown.
    """
    clock = core.clock
    if not isinstance(clock, ManualClock):
        raise TypeError("the demo needs a core on a ManualClock")
    began = monotonic.perf_counter()
    clock.set(start_time())
    scheduler = core.scheduler
    previous: Delivery = scheduler.delivery
    quiet = _QuietChannel()
    scheduler.delivery = quiet
    player = _Player(core, place)
    steps = _Planner(seed, place.channel_id).plan()
    try:
        for step in steps:
            await scheduler.advance_to(step.at)
            await player.play(step)
        await scheduler.advance_to(end_time())
    finally:
        scheduler.delivery = previous
    digest = await core.store.latest_post(place.community_id, place.channel_id, ("digest",))
    seconds = monotonic.perf_counter() - began
    summary = DemoSummary(
        viewer=VIEWER,
        friend=FRIEND,
        members=len(PEOPLE),
        steps=len(steps),
        posts=quiet.posts,
        seconds=seconds,
        latest_digest=digest,
        problems=player.problems,
    )
    for problem in summary.problems:
        log.warning("Demo: %s", problem)
    log.info("Demo seeded: %d steps, %d posts in %.2f s", len(steps), quiet.posts, seconds)
    return summary
