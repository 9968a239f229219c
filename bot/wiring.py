"""The one place where Roots' parts are built and connected.

Adapters receive a :class:`Core` from here; nothing is built at import time.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.router import Router
from bot.services.community import CommunityService, Defaults
from bot.services.kudos import KudosService
from bot.services.leaderboard import LeaderboardService
from bot.services.roots import RootsService
from bot.storage import store_from_url
from bot.storage.base import Store


@dataclass
class Core:
    settings: Settings
    clock: Clock
    store: Store
    communities: CommunityService
    kudos: KudosService
    leaderboard: LeaderboardService
    roots: RootsService
    router: Router


def build_core(
    settings: Settings, *, clock: Clock | None = None, store: Store | None = None
) -> Core:
    """Wire services to their ports. The store is not opened here."""
    clock = clock or SystemClock()
    store = store or store_from_url(settings.database_url)
    communities = CommunityService(
        store, clock, Defaults(timezone=settings.default_timezone, locale=settings.default_locale)
    )
    kudos = KudosService(store, clock, communities)
    leaderboard = LeaderboardService(store, clock, communities)
    roots = RootsService(store, clock, communities)
    router = Router(communities, kudos, leaderboard, roots)
    return Core(settings, clock, store, communities, kudos, leaderboard, roots, router)


@asynccontextmanager
async def running_core(
    settings: Settings, *, clock: Clock | None = None, store: Store | None = None
) -> AsyncIterator[Core]:
    """A core with its store open; the store is closed on the way out."""
    core = build_core(settings, clock=clock, store=store)
    await core.store.open()
    try:
        yield core
    finally:
        await core.store.close()
