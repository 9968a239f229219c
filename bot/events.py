"""What happened in the core, for whoever wants to know (metrics, later a dashboard).

The router, the scheduler and the kudos service publish small typed events on one
:class:`Events` hub; subscribers are plain functions called at once, in order, on the
publisher's task. Publishing is synchronous and cheap (the kudos path is hot): events
are named tuples (building a frozen dataclass costs ten times more), and a publisher
can ask :meth:`Events.wants` first to build nothing when nobody listens. A
subscriber must be quick and must not raise; one that does is logged and the others
still run: an observer never changes what the core does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from bot.types import Reply

log = logging.getLogger(__name__)

E = TypeVar("E")


class CommandHandled(NamedTuple):
    """The router answered one event: a command, a ``++`` message, a reaction, a button.

    ``command`` is the name metrics count it under: the command's name ("unknown" for
    a name the router does not know), or "plusplus" (any other message), "detect" (a
    message that was a thank-you, asked about), "reaction", "button".
    """

    command: str
    platform: str
    replies: list[Reply]
    seconds: float


class KudosGiven(NamedTuple):
    """Kudos were recorded: one action, ``receivers`` kudos."""

    community_id: str
    platform: str
    source: str
    receivers: int


class PostSent(NamedTuple):
    """The scheduler sent a post (``message_id``) or gave up on this try (None)."""

    post_id: int
    kind: str
    late: bool
    message_id: str | None


class Events:
    """Subscribe and publish, by event type."""

    def __init__(self) -> None:
        self._subscribers: dict[type, list[Callable[[Any], None]]] = {}

    def subscribe(self, kind: type[E], handler: Callable[[E], None]) -> None:
        self._subscribers.setdefault(kind, []).append(handler)

    def wants(self, kind: type) -> bool:
        """Whether anyone listens to ``kind`` (to skip building an event for nobody)."""
        return kind in self._subscribers

    def publish(self, event: object) -> None:
        handlers = self._subscribers.get(type(event))
        if not handlers:
            return
        for handler in handlers:
            try:
                handler(event)
            except Exception:
                log.exception("A subscriber to %s failed", type(event).__name__)
