"""Headers, CSRF and the sign-in rate limit of the dashboard.

- Every response: a Content-Security-Policy allowing nothing but Roots' own stylesheet,
  images and forms (no script at all, no third-party origin, no framing),
  ``X-Frame-Options: DENY``, ``nosniff``, no referrer (a sign-in link never leaks in a
  Referer header); every page but the static files: ``Cache-Control: no-store``.
- Every POST carries a ``csrf`` form field equal to the session's token (before signing
  in, to the token of the short-lived sign-in cookie): otherwise 403, and nothing changes.
- Sign-in attempts are counted per address in a sliding window: the connecting address,
  or, when it is one of the trusted reverse proxies (ROOTS_WEB_TRUSTED_PROXIES), the
  visitor's address that proxy put in ``X-Forwarded-For``. From anyone else the header is
  ignored: it would let a visitor choose the address counted.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections import deque
from collections.abc import Iterable, Sequence
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


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class TrustedProxies:
    """Which connecting addresses may say, in ``X-Forwarded-For``, whom they forward."""

    def __init__(self, networks: Iterable[str] = ()) -> None:
        self.networks: tuple[Network, ...] = tuple(
            ipaddress.ip_network(n, strict=False) for n in networks
        )

    def trusts(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return False
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return any(ip.version == n.version and ip in n for n in self.networks)

    def client(self, remote: str | None, forwarded_for: Sequence[str]) -> str:
        """The visitor's address: walking ``X-Forwarded-For`` from the right (the entry
        the nearest proxy added) past trusted proxies, the first address that is not one.
        Without a trusted proxy connecting, the connecting address itself."""
        address = remote or "unknown"
        if not self.networks or not self.trusts(address):
            return address
        hops = [h.strip() for header in forwarded_for for h in header.split(",")]
        for hop in reversed(hops):
            try:
                ipaddress.ip_address(hop.split("%", 1)[0])
            except ValueError:
                return address  # a malformed entry: believe nothing further left
            if not self.trusts(hop):
                return hop
            address = hop
        return address


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
