"""Per-member limits for events members can repeat at will (reactions).

:class:`NoticeLimiter` lets a few refusal notices per member per minute through and
drops the rest (a member reacting 300 times is told a few times, then Roots stays
quiet). :class:`MemberTurns` runs one member's reactions one at a time, so the
"can they give at all?" check of the next one sees what the previous one recorded.
Both forget idle members: memory stays bounded whatever the flood.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Callable, Hashable
from datetime import datetime, timedelta

NOTICES_PER_WINDOW = 3
NOTICE_WINDOW = timedelta(minutes=1)
MAX_TRACKED = 10_000


class NoticeLimiter:
    """At most ``limit`` notices per key within any ``window``."""

    def __init__(
        self,
        now: Callable[[], datetime],
        *,
        limit: int = NOTICES_PER_WINDOW,
        window: timedelta = NOTICE_WINDOW,
        max_tracked: int = MAX_TRACKED,
    ) -> None:
        self.now = now
        self.limit = limit
        self.window = window
        self.max_tracked = max_tracked
        self._sent: OrderedDict[Hashable, deque[datetime]] = OrderedDict()

    def allow(self, key: Hashable) -> bool:
        """Whether one more notice may go to ``key`` now (counted when True)."""
        now = self.now()
        sent = self._sent.get(key)
        if sent is None:
            sent = self._sent[key] = deque()
        self._sent.move_to_end(key)
        while sent and now - sent[0] >= self.window:
            sent.popleft()
        if len(sent) >= self.limit:
            return False
        sent.append(now)
        while len(self._sent) > self.max_tracked:
            self._sent.popitem(last=False)
        return True

    def __len__(self) -> int:
        return len(self._sent)


class MemberTurns:
    """One turn at a time per key; a key's lock is dropped once nobody holds or awaits it."""

    def __init__(self) -> None:
        self._locks: dict[Hashable, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def turn(self, key: Hashable) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)
