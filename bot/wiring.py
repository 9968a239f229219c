"""The one place where Roots' parts are built and connected.

Adapters receive a :class:`Core` from here; nothing is built at import time.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.delivery import Delivery, DeliveryByPlatform
from bot.router import Router
from bot.scheduler import Scheduler
from bot.services.challenge import ChallengeService
from bot.services.community import CommunityService, Defaults
from bot.services.digest import DigestService
from bot.services.kudos import KudosService
from bot.services.leaderboard import LeaderboardService
from bot.services.prompts import PromptService
from bot.services.roots import RootsService
from bot.storage import store_from_url
from bot.storage.base import Store
from bot.storage.records import CommunityDefaults


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
    scheduler: Scheduler
    prompts: PromptService
    challenges: ChallengeService
    digest: DigestService
    deliveries: DeliveryByPlatform = field(init=False)

    def __post_init__(self) -> None:
        self.deliveries = DeliveryByPlatform(self._platform_of)

    def attach_delivery(self, delivery: Delivery, platform: str | None = None) -> None:
        """Connect a platform that posts scheduled prompts (the adapter calls this).

        With a ``platform``, it serves that platform's communities only, so Discord
        and Slack can share one scheduler; without, it serves every community.
        """
        self.deliveries.attach(delivery, platform)
        routes = self.deliveries.routes
        # One platform: send straight through it; several: route by community.
        self.scheduler.delivery = (
            next(iter(routes.values())) if len(routes) == 1 else self.deliveries
        )

    async def _platform_of(self, community_id: str) -> str:
        settings = await self.store.get_community(
            community_id, CommunityDefaults("unknown", self.settings.default_timezone, "en")
        )
        return settings.platform


def build_core(
    settings: Settings, *, clock: Clock | None = None, store: Store | None = None
) -> Core:
    """Wire services to their ports. The store is not opened here."""
    clock = clock or SystemClock()
    store = store or store_from_url(settings.database_url, pool_size=settings.db_pool)
    communities = CommunityService(
        store, clock, Defaults(timezone=settings.default_timezone, locale=settings.default_locale)
    )
    kudos = KudosService(store, clock, communities)
    leaderboard = LeaderboardService(store, clock, communities)
    scheduler = Scheduler(store, clock)
    prompts = PromptService(store, clock, communities, kudos, scheduler)
    challenges = ChallengeService(store, clock, communities, prompts, scheduler)
    digest = DigestService(store, scheduler)
    roots = RootsService(store, clock, communities, prompts=prompts)
    router = Router(communities, kudos, leaderboard, roots, prompts, challenges)
    return Core(
        settings,
        clock,
        store,
        communities,
        kudos,
        leaderboard,
        roots,
        router,
        scheduler,
        prompts,
        challenges,
        digest,
    )


@asynccontextmanager
async def running_core(
    settings: Settings, *, clock: Clock | None = None, store: Store | None = None
) -> AsyncIterator[Core]:
    """A core with its store open; the store is closed on the way out.

    The scheduler is built but not started: the adapter or the CLI starts it.
    """
    core = build_core(settings, clock=clock, store=store)
    await core.store.open()
    try:
        yield core
    finally:
        await core.scheduler.stop()
        await core.store.close()
