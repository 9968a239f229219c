"""The delivery port: how the core posts to a channel on its own (scheduled prompts,
recaps, digests), outside any reply to a member's command.

Adapters implement :class:`Delivery`. ``send`` returns the platform's message id.
``edit`` is optional (a platform that cannot edit returns False).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.types import Reply


class DeliveryError(RuntimeError):
    """The post could not be sent this time (network, rate limit...): worth retrying."""


class ChannelUnavailable(DeliveryError):
    """The channel is gone or the bot lost access: retrying will not help."""


class Delivery(Protocol):
    async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
        """Post ``reply`` in the channel; the platform message id.

        Raises ChannelUnavailable when the channel is gone or the bot lost access, any
        other exception for a failure worth retrying.
        """
        ...

    async def edit(self, community_id: str, channel_id: str, message_id: str, reply: Reply) -> bool:
        """Replace a message Roots posted; False when the platform cannot edit."""
        ...


class NoDelivery:
    """Used until an adapter connects: every send fails (and is retried later)."""

    async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
        raise DeliveryError("no platform is connected")

    async def edit(self, community_id: str, channel_id: str, message_id: str, reply: Reply) -> bool:
        return False


class DeliveryByPlatform:
    """Sends each community's posts through its own platform's delivery.

    One process may serve Discord and Slack at once with one scheduler: a post
    goes to the delivery registered for the community's platform. A delivery
    attached without a platform (the console, tests) serves every community
    that has no platform-specific one.
    """

    def __init__(self, platform_of: Callable[[str], Awaitable[str]]) -> None:
        self._platform_of = platform_of
        self.routes: dict[str | None, Delivery] = {}

    def attach(self, delivery: Delivery, platform: str | None = None) -> None:
        self.routes[platform] = delivery

    async def _route(self, community_id: str) -> Delivery:
        platform = await self._platform_of(community_id)
        delivery = self.routes.get(platform) or self.routes.get(None)
        if delivery is None:
            raise DeliveryError(f"no {platform} connection in this process")
        return delivery

    async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
        if not self.routes:
            raise DeliveryError("no platform is connected")
        return await (await self._route(community_id)).send(community_id, channel_id, reply)

    async def edit(self, community_id: str, channel_id: str, message_id: str, reply: Reply) -> bool:
        if not self.routes:
            return False
        delivery = await self._route(community_id)
        return await delivery.edit(community_id, channel_id, message_id, reply)
