"""Signing in to the web dashboard by a link from chat (issue #14).

``/roots web`` mints a link ``ROOTS_WEB_URL/login/<token>``: the token has 256 random bits,
is stored only as its SHA-256, works once, for 10 minutes. Using it opens a server-side
session bound to that member and that community, with a fresh random id (also stored
hashed) and its own CSRF token, for 7 days. Admin rights are those the platform gave at
the moment of the link.

The sessions live behind :class:`SessionStore`, so several processes can share them in the
database; the table-backed store belongs to the storage layer. Nothing here knows HTTP.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.clock import Clock

LOGIN_TTL = timedelta(minutes=10)
SESSION_TTL = timedelta(days=7)
# An admin page asks the platform again when the session is older than this; an answer
# is then trusted this long.
ADMIN_RECHECK = timedelta(minutes=10)
ADMIN_ANSWER_TTL = timedelta(minutes=1)


def new_secret() -> str:
    """256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    """What the store keeps of a token or a session id: its SHA-256, in hex. A copy of the
    database gives no working link and no live session."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class LoginToken:
    token_hash: str
    community_id: str
    member_id: str
    is_admin: bool
    expires_at: datetime


@dataclass(frozen=True)
class WebSession:
    session_hash: str
    community_id: str
    member_id: str
    is_admin: bool
    csrf: str
    created_at: datetime
    expires_at: datetime


class SessionStore(Protocol):
    """Login tokens and sessions. Every method is one statement for a SQL store."""

    async def create_login_token(self, token: LoginToken) -> None: ...

    async def find_login_token(self, token_hash: str, now: datetime) -> LoginToken | None:
        """The token when it is unused and unexpired, without using it (the page that
        asks "sign in as …?" reads it; only the button uses it)."""
        ...

    async def consume_login_token(self, token_hash: str, now: datetime) -> LoginToken | None:
        """Mark the token used and return it, when it was unused and unexpired; else None.
        Atomic: of two concurrent uses, one wins (``UPDATE … WHERE used_at IS NULL AND
        expires_at > now RETURNING …``)."""
        ...

    async def create_session(self, session: WebSession) -> None: ...

    async def get_session(self, session_hash: str, now: datetime) -> WebSession | None:
        """The session when it exists and has not expired."""
        ...

    async def end_session(self, session_hash: str) -> None: ...

    async def end_sessions_of_member(self, community_id: str, member_id: str) -> int:
        """End every session of the member in the community (``/roots web logout``);
        returns how many were open."""
        ...

    async def forget_expired_web_logins(self, now: datetime) -> int:
        """Drop the tokens and sessions expired at ``now`` (used or not); how many went."""
        ...


class AdminCheck(Protocol):
    """Asks a platform whether a member is an admin of a community now: True or False,
    None when the platform cannot say (unreachable, rate limited). Slack's asks
    ``users.info`` (through the adapter's directory), Discord's the guild member's
    permissions. Registered by the adapter that runs the platform, in
    :attr:`WebLogin.admin_checks`, under the platform's name."""

    async def __call__(self, community_id: str, member_id: str) -> bool | None: ...


class WebLogin:
    """Mints links, turns a link into a session, finds the session of a cookie.

    ``admin_checks`` is the seam for the platforms' admin re-check (and, later, for a
    "Sign in with Slack" or Discord OAuth login, which would open the same sessions)."""

    def __init__(
        self,
        store: SessionStore,
        clock: Clock,
        base_url: str,
        admin_checks: dict[str, AdminCheck] | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.base_url = base_url.rstrip("/")
        self.admin_checks: dict[str, AdminCheck] = admin_checks or {}
        self._answers: dict[str, tuple[datetime, bool]] = {}  # session hash -> answer

    async def mint_link(self, community_id: str, member_id: str, *, is_admin: bool) -> str:
        token = new_secret()
        # Expired rows go here, by an indexed range: no sweeper task, no growing table.
        await self.store.forget_expired_web_logins(self.clock.now())
        await self.store.create_login_token(
            LoginToken(
                hash_secret(token),
                community_id,
                member_id,
                is_admin,
                self.clock.now() + LOGIN_TTL,
            )
        )
        return f"{self.base_url}/login/{token}"

    async def peek(self, token: str) -> LoginToken | None:
        return await self.store.find_login_token(hash_secret(token), self.clock.now())

    async def sign_in(self, token: str) -> tuple[str, WebSession] | None:
        """Use the link's token: a new session and its (unhashed) id for the cookie, or
        None for a used, expired or unknown token."""
        now = self.clock.now()
        login = await self.store.consume_login_token(hash_secret(token), now)
        if login is None:
            return None
        session_id = new_secret()
        session = WebSession(
            hash_secret(session_id),
            login.community_id,
            login.member_id,
            login.is_admin,
            new_secret(),
            now,
            now + SESSION_TTL,
        )
        await self.store.create_session(session)
        return session_id, session

    async def session(self, session_id: str | None) -> WebSession | None:
        if not session_id:
            return None
        return await self.store.get_session(hash_secret(session_id), self.clock.now())

    async def sign_out(self, session: WebSession) -> None:
        await self.store.end_session(session.session_hash)

    async def sign_out_everywhere(self, community_id: str, member_id: str) -> int:
        return await self.store.end_sessions_of_member(community_id, member_id)

    async def still_admin(self, session: WebSession, platform: str) -> bool:
        """Whether an admin page may open for ``session`` now.

        Admin rights are those of the moment of the link; a session older than
        :data:`ADMIN_RECHECK` asks the platform again (an answer is kept a minute).
        Without a way to ask (``roots web`` alone, a platform down), the answer is no:
        a fresh link from chat brings the rights of that moment. The console has no
        platform to ask: its rights are those of ``/as admin:…``, taken at the link.
        """
        if not session.is_admin:
            return False
        now = self.clock.now()
        if now - session.created_at < ADMIN_RECHECK or platform == "console":
            return True
        known = self._answers.get(session.session_hash)
        if known is not None and now - known[0] < ADMIN_ANSWER_TTL:
            return known[1]
        check = self.admin_checks.get(platform)
        answer = await check(session.community_id, session.member_id) if check else None
        if answer is None:
            return False
        if len(self._answers) > 10_000:
            self._answers.clear()
        self._answers[session.session_hash] = (now, answer)
        return answer
