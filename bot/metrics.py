"""Prometheus metrics, recorded from the core's events (never inside it).

:class:`Metrics` owns its own registry (nothing is built at import time).
:func:`instrument` subscribes it to a core's :class:`~bot.events.Events`: the router
publishes every handled event, the kudos service every kudos given, the scheduler
every post sent, and the services know nothing of Prometheus.
"""

from __future__ import annotations

from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from bot.events import CommandHandled, Events, KudosGiven, PostSent
from bot.messages import LOCALES, VARIANTS, text
from bot.types import Reply, Tone

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
FAILURE_KEYS = ("error.storage", "error.unexpected")


class Metrics:
    content_type = CONTENT_TYPE_LATEST

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        self.commands = Counter(
            "roots_commands",
            "Events handled (slash commands, ++ messages, reactions, buttons)",
            ["command", "platform", "outcome"],
            registry=self.registry,
        )
        self.kudos = Counter(
            "roots_kudos_given", "Kudos given (one per receiver)", ["platform"],
            registry=self.registry,
        )  # fmt: skip
        self.posts = Counter(
            "roots_scheduled_posts",
            "Scheduled posts (prompts, recaps, digests) by outcome: sent, late, failed",
            ["outcome"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "roots_handler_seconds",
            "Time to handle one event, until the replies are ready",
            ["command", "platform"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        # every language, and its formal variant ("Désolé… réessayez"), counts as a failure
        self._failures = {
            text(locale, key) for key in FAILURE_KEYS for locale in (*LOCALES, *VARIANTS)
        }
        # The children of each label set seen (a few dozen: commands x platforms x outcomes)
        self._children: dict[tuple[str, str, str], tuple[Counter, Histogram]] = {}
        self._kudos_children: dict[str, Counter] = {}

    def outcome(self, replies: list[Reply]) -> str:
        if not replies:
            return "ignored"
        if any(r.tone is Tone.ERROR and r.as_text() in self._failures for r in replies):
            return "error"
        if any(r.is_error for r in replies):
            return "refused"
        return "ok"

    def subscribe(self, events: Events) -> None:
        events.subscribe(CommandHandled, self.handled)
        events.subscribe(KudosGiven, self.given)
        events.subscribe(PostSent, self.posted)

    def handled(self, event: CommandHandled) -> None:
        outcome = self.outcome(event.replies)
        key = (event.command, event.platform, outcome)
        found = self._children.get(key)
        if found is None:  # labels() checks and locks: once per label set, not per event
            found = (
                self.commands.labels(*key),
                self.latency.labels(event.command, event.platform),
            )
            self._children[key] = found
        found[0].inc()
        found[1].observe(event.seconds)

    def given(self, event: KudosGiven) -> None:
        child = self._kudos_children.get(event.platform)
        if child is None:
            child = self._kudos_children[event.platform] = self.kudos.labels(event.platform)
        child.inc(event.receivers)

    def posted(self, event: PostSent) -> None:
        if event.message_id is None:
            self.posts.labels("failed").inc()
        else:
            self.posts.labels("sent").inc()
            if event.late:
                self.posts.labels("late").inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


def instrument(core: Any, metrics: Metrics) -> None:
    """Count every event the core's router handles, every kudos its kudos service
    records and every post its scheduler sends: ``metrics`` subscribes to the core's
    events (nothing in the core is wrapped or replaced)."""
    metrics.subscribe(core.events)
