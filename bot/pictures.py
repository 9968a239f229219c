"""Pictures in chat (issue #14): which picture goes with a reply, and signed links to it.

The core decides WHAT picture goes with a reply (:class:`bot.types.Picture`, an SVG with
its text alternative); an adapter decides HOW to show it: Discord attaches it as a PNG,
Slack shows an image block whose URL points at the dashboard, the console shows nothing.

A picture is named by ``(community, kind, subject)``: ``roots`` of a member, a
``leaderboard`` of one period, a ``weekly`` community chart. The dashboard draws it again
from that name (:meth:`PictureService.draw`) for Slack's servers, which fetch images
without cookies: the URL carries an expiry and an HMAC over the name and the expiry
(:class:`PictureLinks`), with a key Roots makes once and keeps in the database, so every
process (bots, ``roots web``) signs and checks with the same one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Sequence
from datetime import date, timedelta
from enum import Enum
from urllib.parse import quote, urlsplit

from bot.charts import MEASURES, Helper, community_charts, last_weeks, roots_chart
from bot.charts.leaderboard import BoardFigures, Standing, describe, leaderboard_svg
from bot.clock import Clock
from bot.messages import text as msg
from bot.periods import Window
from bot.storage.base import PictureStore
from bot.storage.records import Board, Role
from bot.types import Picture

SHOWN_ROOTS = 12  # the roots picture draws twelve roots at most
BOARD_TOP = 10
BOTH = "both"
BOARDS = {
    "givers": (Role.GIVERS,),
    "receivers": (Role.RECEIVERS,),
    BOTH: (Role.GIVERS, Role.RECEIVERS),
}
SECRET_NAME = "pictures"
# How long a picture link works: Slack's servers fetch the image when the message is
# shown; a private answer is read at once, a channel post (the digest) for weeks.
PRIVATE_TTL = timedelta(days=1)
PUBLIC_TTL = timedelta(days=30)
MAX_SUBJECT = 120


def board_subject(window: Window, roles: Sequence[Role], period: str) -> str:
    """``week.both.s1:w2026-W13``: the window (for the title), which boards, the period."""
    board = BOTH if len(roles) != 1 else ("givers" if roles[0] is Role.GIVERS else "receivers")
    return f"{window.value}.{board}.{period}"


def leaderboard_picture(
    locale: str, window: Window, season: int, period: str, boards: Sequence[Board]
) -> Picture:
    """The leaderboard's picture, from the boards the leaderboard read (no second query)."""
    title = msg(locale, f"leaderboard.title.{window.value}", season=season)
    figures = [
        BoardFigures(
            msg(locale, f"leaderboard.{board.role.name.lower()}"),
            [Standing(row.rank, row.member.name, row.count) for row in board.top],
        )
        for board in boards
    ]
    subject = board_subject(window, [b.role for b in boards], period)
    svg = leaderboard_svg("leaderboard", title, figures, locale)
    return Picture("leaderboard", subject, svg, f"{title}. {describe(locale, figures)}")


def roots_row(locale: str, helper: Helper) -> str:
    """One helper in the roots picture's text alternative."""
    key = "chart.roots_row_thanked" if helper.thanked_back else "chart.roots_row_waiting"
    return msg(locale, key, name=" ".join(helper.name.split()), count=helper.count)


class PictureService:
    """Draws the pictures that go with replies, from the dashboard's aggregates."""

    def __init__(self, store: PictureStore, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    async def roots(self, community_id: str, member_id: str, name: str, locale: str) -> Picture:
        """The member's roots: the people who helped them, thicker for more thanks."""
        rows = await self.store.helpers_of(community_id, member_id, None, SHOWN_ROOTS)
        helpers = [Helper(m.name, count, back) for m, count, back in rows]
        chart = roots_chart(name, helpers, locale)
        people = "; ".join(roots_row(locale, helper) for helper in helpers)
        alt = f"{chart.title}. {chart.description}" + (f" {people}." if people else "")
        return Picture("roots", member_id, chart.svg, alt)

    async def weekly(
        self, community_id: str, measure: str, last_week: date, locale: str | None = None
    ) -> Picture | None:
        """A community chart (kudos per week…) of the 26 weeks ending with ``last_week``'s;
        None for a community Roots doesn't know."""
        settings = await self.store.find_community(community_id)
        if settings is None or measure not in MEASURES:
            return None
        locale = locale or settings.locale
        weeks = last_weeks(last_week)
        figures = await self.store.weekly_figures(
            community_id, settings.season, weeks, settings.timezone
        )
        chart = next(c for c in community_charts(figures, weeks, locale) if c.id.endswith(measure))
        subject = f"{measure}.{weeks[-1].isoformat()}"
        return Picture("weekly", subject, chart.svg, f"{chart.title}. {chart.description}")

    async def draw(self, community_id: str, kind: str, subject: str) -> Picture | None:
        """The picture named ``(community, kind, subject)``, drawn from today's figures;
        None when there is none to show (unknown names, leaderboards turned off)."""
        settings = await self.store.find_community(community_id)
        if settings is None:
            return None
        locale = settings.locale
        if kind == "roots":
            member = await self.store.get_member(community_id, subject)
            if member is None or member.opted_out:
                return None
            return await self.roots(community_id, subject, member.name, locale)
        if kind == "leaderboard":
            window_name, _, rest = subject.partition(".")
            board, _, period = rest.partition(".")
            window = next((w for w in Window if w.value == window_name), None)
            if window is None or board not in BOARDS or not period:
                return None
            if not settings.leaderboards_enabled:
                return None
            boards = await self.store.boards(community_id, period, BOARDS[board], "", BOARD_TOP)
            return leaderboard_picture(locale, window, settings.season, period, boards)
        if kind == "weekly":
            measure, _, day = subject.partition(".")
            try:
                last_week = date.fromisoformat(day)
            except ValueError:
                return None
            return await self.weekly(community_id, measure, last_week)
        return None


# ---------------------------------------------------------------- signed links


class Verdict(Enum):
    GOOD = "good"
    FORGED = "forged"  # no valid signature: 403
    EXPIRED = "expired"  # signed, but too old: 404


def is_public_https(base_url: str) -> bool:
    """Whether Slack's servers could fetch pictures from ``base_url``: https, and a host
    that is neither local nor a private address."""
    parts = urlsplit(base_url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host:
        return False
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." in host  # a name such as roots.example.org
    return address.is_global


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


class PictureLinks:
    """Signs and checks the dashboard's picture URLs (``/pictures/…``)."""

    def __init__(self, store: PictureStore, clock: Clock, base_url: str) -> None:
        self.store = store
        self.clock = clock
        self.base_url = base_url.rstrip("/")
        self._key: bytes | None = None

    @property
    def public(self) -> bool:
        """Whether Slack can fetch from ROOTS_WEB_URL (else Slack replies stay text)."""
        return is_public_https(self.base_url)

    async def _secret(self) -> bytes:
        if self._key is None:
            fresh = secrets.token_urlsafe(32)
            kept = await self.store.site_secret(SECRET_NAME, fresh, self.clock.now())
            self._key = kept.encode("ascii")
        return self._key

    async def signature(self, community_id: str, kind: str, subject: str, expires: int) -> str:
        message = "\n".join((community_id, kind, subject, str(expires))).encode(
            "utf-8", "surrogatepass"
        )
        return _b64(hmac.new(await self._secret(), message, hashlib.sha256).digest())

    async def url(self, community_id: str, picture: Picture, ttl: timedelta) -> str:
        expires = int((self.clock.now() + ttl).timestamp())
        sig = await self.signature(community_id, picture.kind, picture.subject, expires)
        parts = (community_id, picture.kind, picture.subject, str(expires))
        path = "/".join(quote(p, safe="") for p in parts)
        return f"{self.base_url}/pictures/{path}/{sig}.png"

    async def check(
        self, community_id: str, kind: str, subject: str, expires: str, sig: str
    ) -> Verdict:
        """GOOD for a URL this Roots signed and that has not expired. The signature is
        checked first (in constant time), so a forged URL learns nothing else."""
        if not expires.isascii() or not expires.isdigit() or len(expires) > 12:
            return Verdict.FORGED
        if len(subject) > MAX_SUBJECT:
            return Verdict.FORGED
        expected = await self.signature(community_id, kind, subject, int(expires))
        if not hmac.compare_digest(expected.encode(), sig.encode("utf-8", "surrogatepass")):
            return Verdict.FORGED
        if int(expires) <= self.clock.now().timestamp():
            return Verdict.EXPIRED
        return Verdict.GOOD
