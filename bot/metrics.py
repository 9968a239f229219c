"""Prometheus metrics, recorded around the core (never inside it).

:class:`Metrics` owns its own registry (nothing is built at import time).
:func:`instrument` wraps a core's router and scheduler sends so that every handled
event and every scheduled post is counted, without the services knowing.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from bot.messages import text
from bot.types import ButtonClicked, CommandCall, MessagePosted, ReactionAdded, Reply, Tone

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
        self._failures = {text(locale, key) for key in FAILURE_KEYS for locale in ("en", "fr")}

    def outcome(self, replies: list[Reply]) -> str:
        if not replies:
            return "ignored"
        if any(r.tone is Tone.ERROR and r.as_text() in self._failures for r in replies):
            return "error"
        if any(r.is_error for r in replies):
            return "refused"
        return "ok"

    def handled(self, command: str, platform: str, replies: list[Reply], seconds: float) -> None:
        self.commands.labels(command, platform, self.outcome(replies)).inc()
        self.latency.labels(command, platform).observe(seconds)
        if command in ("kudos", "plusplus", "reaction", "done"):
            given = sum(len(r.ping) for r in replies if r.tone is Tone.SUCCESS)
            if given:
                self.kudos.labels(platform).inc(given)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class MeteredRouter:
    """The router's four entry points, timed and counted; anything else passes through."""

    def __init__(self, router: Any, metrics: Metrics) -> None:
        self._router = router
        self._metrics = metrics

    def __getattr__(self, name: str) -> Any:
        return getattr(self._router, name)

    async def _timed(self, name: str, platform: str, work: Awaitable[list[Reply]]) -> list[Reply]:
        start = time.perf_counter()
        replies = await work
        self._metrics.handled(name, platform, replies, time.perf_counter() - start)
        return replies

    async def command(self, call: CommandCall) -> list[Reply]:
        name = call.name.lower()
        known = name if name in self._router.commands else "unknown"
        return await self._timed(known, call.ctx.platform, self._router.command(call))

    async def message(self, msg: MessagePosted) -> list[Reply]:
        return await self._timed("plusplus", msg.ctx.platform, self._router.message(msg))

    async def reaction(self, event: ReactionAdded) -> list[Reply]:
        return await self._timed("reaction", event.ctx.platform, self._router.reaction(event))

    async def button(self, event: ButtonClicked) -> list[Reply]:
        return await self._timed("button", event.ctx.platform, self._router.button(event))


def instrument(core: Any, metrics: Metrics) -> None:
    """Count every event the core's router handles and every post its scheduler sends."""
    if not isinstance(core.router, MeteredRouter):
        core.router = MeteredRouter(core.router, metrics)
    scheduler = core.scheduler
    original: Callable[[Any], Awaitable[str | None]] = scheduler.send

    async def send(post: Any) -> str | None:
        message_id = await original(post)
        if message_id is None:
            metrics.posts.labels("failed").inc()
        else:
            metrics.posts.labels("sent").inc()
            if getattr(post, "late", False):
                metrics.posts.labels("late").inc()
        return message_id

    scheduler.send = send
