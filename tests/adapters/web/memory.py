"""In-memory stand-ins for the dashboard's two ports, for tests only.

The real session store is a database table on the storage layer (several processes share
sessions); the real DashboardData reads the storage layer's aggregates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from adapters.web.data import BoardView, CommunityView, Health, Person, ThanksLine
from bot.charts import Helper
from bot.weblogin import LoginToken, WebSession


class MemorySessionStore:
    def __init__(self) -> None:
        self.tokens: dict[str, tuple[LoginToken, bool]] = {}  # hash -> (token, used)
        self.sessions: dict[str, WebSession] = {}

    async def create_login_token(self, token: LoginToken) -> None:
        self.tokens[token.token_hash] = (token, False)

    async def find_login_token(self, token_hash: str, now: datetime) -> LoginToken | None:
        found = self.tokens.get(token_hash)
        if found is None or found[1] or found[0].expires_at <= now:
            return None
        return found[0]

    async def consume_login_token(self, token_hash: str, now: datetime) -> LoginToken | None:
        token = await self.find_login_token(token_hash, now)
        if token is not None:
            self.tokens[token_hash] = (token, True)
        return token

    async def create_session(self, session: WebSession) -> None:
        self.sessions[session.session_hash] = session

    async def get_session(self, session_hash: str, now: datetime) -> WebSession | None:
        found = self.sessions.get(session_hash)
        return found if found is not None and found.expires_at > now else None

    async def end_session(self, session_hash: str) -> None:
        self.sessions.pop(session_hash, None)

    async def end_sessions_of_member(self, community_id: str, member_id: str) -> int:
        ended = [
            h
            for h, s in self.sessions.items()
            if s.community_id == community_id and s.member_id == member_id
        ]
        for h in ended:
            del self.sessions[h]
        return len(ended)

    async def forget_expired_web_logins(self, now: datetime) -> int:
        tokens = [h for h, (t, _) in self.tokens.items() if t.expires_at <= now]
        sessions = [h for h, s in self.sessions.items() if s.expires_at <= now]
        for h in tokens:
            del self.tokens[h]
        for h in sessions:
            del self.sessions[h]
        return len(tokens) + len(sessions)


@dataclass
class MemoryCommunity:
    view: CommunityView
    names: dict[str, str] = field(default_factory=dict)
    figures: dict[str, list[tuple[date, int]]] = field(default_factory=dict)
    helpers: dict[str, list[Helper]] = field(default_factory=dict)


class MemoryDashboardData:
    def __init__(self, *communities: MemoryCommunity) -> None:
        self.communities = {c.view.id: c for c in communities}

    async def community(self, community_id: str) -> CommunityView | None:
        found = self.communities.get(community_id)
        return found.view if found else None

    async def member_name(self, community_id: str, member_id: str) -> str | None:
        found = self.communities.get(community_id)
        return found.names.get(member_id) if found else None

    async def member_language(self, community_id: str, member_id: str) -> str | None:
        return None  # auto: the community's language

    async def weekly_figures(
        self, community_id: str, weeks: Sequence[date]
    ) -> Mapping[str, Sequence[tuple[date, int]]]:
        return self.communities[community_id].figures

    async def helpers(self, community_id: str, member_id: str) -> Sequence[Helper]:
        return self.communities[community_id].helpers.get(member_id, [])

    async def opted_out(self, community_id: str, member_id: str) -> bool:
        return False

    async def people(
        self, community_id: str, member_id: str, since: datetime | None
    ) -> Sequence[Person]:
        helpers = self.communities[community_id].helpers.get(member_id, [])
        return [Person(f"id-{h.name}", h.name, h.count, h.thanked_back) for h in helpers]

    async def thanks(
        self, community_id: str, member_id: str, received: bool, page: int
    ) -> tuple[Sequence[ThanksLine], bool]:
        return [], False

    async def goal_minutes(self, community_id: str, member_id: str, today: date) -> tuple[int, int]:
        return 0, 0

    async def streaks(self, community_id: str, member_id: str, today: date) -> tuple[int, int]:
        return 0, 0

    async def health(self, community: CommunityView, now: datetime, today: date) -> Health:
        return Health(None, None, None)

    async def boards(
        self, community: CommunityView, member_id: str, window: str, today: date
    ) -> Sequence[BoardView]:
        return []

    def rename(self, community_id: str, **changes: Any) -> None:
        c = self.communities[community_id]
        c.view = replace(c.view, **changes)
