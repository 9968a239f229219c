"""Headers, CSRF and the sign-in rate limit of the dashboard.

- Every response: a Content-Security-Policy allowing nothing but Roots' own stylesheet,
  images and forms (no script at all, no third-party origin, no framing),
  ``X-Frame-Options: DENY``, ``nosniff``, no referrer (a sign-in link never leaks in a
  Referer header); every page but the static files: ``Cache-Control: no-store``.
- Every POST carries a ``csrf`` form field equal to the session's token (before signing
  in, to the token of the short-lived sign-in cookie): otherwise 403, and nothing changes.
- Sign-in attempts are counted per address in a sliding window.
"""

from __future__ import annotations

import hmac
from collections import deque
from datetime import datetime, timedelta

from bot.clock import Clock

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self';"
    " form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
PRIVATE = "no-store"


def same_secret(given: str | None, expected: str | None) -> bool:
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


class RateLimiter:
    """At most ``limit`` attempts per address within ``window``."""

    def __init__(
        self,
        clock: Clock,
        limit: int = 10,
        window: timedelta = timedelta(minutes=10),
        max_addresses: int = 10_000,
    ) -> None:
        self.clock = clock
        self.limit = limit
        self.window = window
        self.max_addresses = max_addresses
        self._seen: dict[str, deque[datetime]] = {}

    def allow(self, address: str) -> bool:
        """Count one attempt from ``address``; False when it is over the limit."""
        now = self.clock.now()
        if len(self._seen) >= self.max_addresses:
            self._forget_before(now - self.window)
        times = self._seen.setdefault(address, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) >= self.limit:
            return False
        times.append(now)
        return True

    def retry_after(self, address: str) -> int:
        times = self._seen.get(address)
        if not times:
            return 0
        left = times[0] + self.window - self.clock.now()
        return max(1, int(left.total_seconds()) + 1)

    def _forget_before(self, cutoff: datetime) -> None:
        for address in [a for a, t in self._seen.items() if not t or t[-1] <= cutoff]:
            del self._seen[address]
        if len(self._seen) >= self.max_addresses:  # a flood of fresh addresses
            self._seen.clear()
