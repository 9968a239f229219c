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
from bot.events import Events
from bot.pictures import PictureLinks, PictureService
from bot.router import Router
from bot.scheduler import PostKind, Scheduler
from bot.services.announce import AnnounceService
from bot.services.challenge import ChallengePosts, ChallengeService
from bot.services.checkins import CheckinService
from bot.services.community import CommunityService, Defaults
from bot.services.detect import DetectService
from bot.services.digest import DigestService
from bot.services.goals import GoalService
from bot.services.kudos import KudosService
from bot.services.leaderboard import LeaderboardService
from bot.services.member_summary import MemberSummaryService
from bot.services.prompts import PromptPosts, PromptService, choose_prompt
from bot.services.reconnect import ReconnectService
from bot.services.schedules import ScheduleService
from bot.services.wallboard import WallboardService
from bot.services.web import WebService
from bot.storage import store_from_url
from bot.storage.base import Store
from bot.storage.records import CommunityDefaults, ShardScope
from bot.weblogin import WebLogin


@dataclass
class Core:
    settings: Settings
    clock: Clock
    store: Store
    communities: CommunityService
    kudos: KudosService
    leaderboard: LeaderboardService
    summaries: MemberSummaryService
    router: Router
    scheduler: Scheduler
    schedules: ScheduleService
    prompts: PromptService
    checkins: CheckinService
    challenges: ChallengeService
    digest: DigestService
    events: Events
    detector: DetectService
    reconnect: ReconnectService
    goals: GoalService
    # Mints the dashboard's sign-in links (/roots web); None when ROOTS_WEB=off.
    web: WebLogin | None = None
    # Pictures in chat (issue 14); the links are None when ROOTS_WEB=off.
    pictures: PictureService | None = None
    picture_links: PictureLinks | None = None

    # The wallboard's tokens (/roots-config wallboard); the dashboard reads them.
    wallboards: WallboardService | None = None
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
    settings: Settings,
    *,
    clock: Clock | None = None,
    store: Store | None = None,
    scope: ShardScope | None = None,
) -> Core:
    """Wire services to their ports. The store is not opened here.

    ``scope``: the guilds this process posts for, when it holds some Discord shards
    only (see :meth:`adapters.discord.config.DiscordSettings.scope`).
    """
    clock = clock or SystemClock()
    store = store or store_from_url(settings.database_url, pool_size=settings.db_pool)
    events = Events()
    communities = CommunityService(
        store, clock, Defaults(timezone=settings.default_timezone, locale=settings.default_locale)
    )
    kudos = KudosService(store, clock, communities, events)
    leaderboard = LeaderboardService(store, clock, communities, pictures=True)
    # Pictures in chat (issue 14): drawn by the core, shown by each adapter its own way;
    # the links Slack fetches them by are signed by the dashboard's key.
    pictures = PictureService(store, clock)
    picture_links = (
        PictureLinks(store, clock, settings.web_base_url) if settings.web_enabled else None
    )
    # What the scheduler posts, and how: built first, handed to it.
    prompt_posts = PromptPosts(store, communities)
    digest = DigestService(store, goals=store, pictures=pictures)
    # Reconnect's weekly nudge is a post kind too; switching it wakes the scheduler.
    reconnect = ReconnectService(store, clock, communities, lambda: scheduler.changed())
    kinds = {
        "prompt": PostKind(render=prompt_posts.render),
        "challenge": ChallengePosts(store).kind(),
        "digest": PostKind(render=digest.render),
        "nudge": reconnect.kind(),
    }
    scheduler = Scheduler(
        store, clock, kinds=kinds, chooser=choose_prompt, scope=scope, events=events
    )
    goals = GoalService(store, communities, kudos, scheduler)
    detector = DetectService(store, clock, communities, kudos)
    schedules = ScheduleService(store, clock, communities, scheduler, prompt_posts)
    prompts = PromptService(store, clock, communities)
    checkins = CheckinService(store, clock, communities, kudos, scheduler, prompt_posts)
    challenges = ChallengeService(store, clock, communities, schedules, scheduler)
    summaries = MemberSummaryService(
        store,
        clock,
        communities,
        checkins=checkins,
        memories=reconnect.todays_memories,
        goals=store,
        pictures=pictures,
    )
    web = WebLogin(store, clock, settings.web_base_url) if settings.web_enabled else None
    announcer = AnnounceService(store, communities, scheduler)  # issue 15
    wallboards = WallboardService(
        store, clock, communities, settings.web_base_url if web is not None else None
    )
    router = Router(
        communities,
        kudos,
        leaderboard,
        summaries,
        schedules=schedules,
        prompts=prompts,
        checkins=checkins,
        challenges=challenges,
        events=events,
        detector=detector,
        reconnect=reconnect,
        goals=goals,
        web=WebService(web, communities),
        announcer=announcer,
        wallboards=wallboards,
    )
    return Core(
        settings,
        clock,
        store,
        communities,
        kudos,
        leaderboard,
        summaries,
        router,
        scheduler,
        schedules,
        prompts,
        checkins,
        challenges,
        digest,
        events,
        detector,
        reconnect,
        goals,
        web,
        pictures,
        picture_links,
        wallboards,
    )


@asynccontextmanager
async def running_core(
    settings: Settings,
    *,
    clock: Clock | None = None,
    store: Store | None = None,
    scope: ShardScope | None = None,
) -> AsyncIterator[Core]:
    """A core with its store open; the store is closed on the way out.

    The scheduler is built but not started: the adapter or the CLI starts it.
    """
    core = build_core(settings, clock=clock, store=store, scope=scope)
    await core.store.open()
    try:
        yield core
    finally:
        await core.scheduler.stop()
        await core.store.close()
