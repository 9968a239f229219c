"""The delivery port: how the core posts to a channel on its own (scheduled prompts,
recaps, digests), outside any reply to a member's command.

Adapters implement :class:`Delivery`. ``send`` returns the platform's message id.
``edit`` is optional (a platform that cannot edit returns False). ``ownership`` tells
whether a channel is one of a community's: the core asks before it stores or posts to
a channel a command named, and ``send`` itself refuses another community's channel
(:class:`ForeignChannel`), so one community can never make Roots post in another's.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Protocol

from bot.types import Reply

log = logging.getLogger(__name__)


class DeliveryError(RuntimeError):
    """The post could not be sent this time (network, rate limit...): worth retrying."""


class ChannelUnavailable(DeliveryError):
    """The channel is gone or the bot lost access: retrying will not help."""


class ForeignChannel(ChannelUnavailable):
    """The channel belongs to another community: Roots never posts there."""


class DirectMessagesClosed(DeliveryError):
    """The member does not take direct messages from Roots (Discord's 50007: they
    block DMs from server members): skipped, not retried; they are told once."""


class Ownership(Enum):
    """Whose channel a channel id is, as the platform sees it."""

    OWN = "own"  # one of the community's channels
    FOREIGN = "foreign"  # a channel of another community
    GONE = "gone"  # deleted, or the bot cannot see it
    UNKNOWN = "unknown"  # the platform cannot tell (now, or ever: then send decides)


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

    async def ownership(self, community_id: str, channel_id: str) -> Ownership:
        """Whether ``channel_id`` is one of ``community_id``'s channels."""
        ...


async def ownership(delivery: Delivery, community_id: str, channel_id: str) -> Ownership:
    """``delivery.ownership``, or UNKNOWN when that platform cannot tell or failed to.

    UNKNOWN lets a command go on: its channel came from the platform as one of the
    community's (``CommandCall.channels``) and ``send`` checks again before posting.
    """
    check = getattr(delivery, "ownership", None)
    if check is None:
        return Ownership.UNKNOWN
    try:
        found = await check(community_id, channel_id)
    except Exception:
        log.warning("Could not tell whose channel %s is", channel_id, exc_info=True)
        return Ownership.UNKNOWN
    return found if isinstance(found, Ownership) else Ownership.UNKNOWN


class PrivateDelivery(Protocol):
    """A platform that can message one member privately (the weekly nudge)."""

    async def send_private(self, community_id: str, member_id: str, reply: Reply) -> str:
        """Send ``reply`` to the member alone (a direct message); the message id.

        Raises DirectMessagesClosed when the member refuses direct messages, any
        other exception for a failure worth retrying.
        """
        ...


async def send_private(delivery: object, community_id: str, member_id: str, reply: Reply) -> str:
    """``delivery.send_private``; DeliveryError when that platform has no private messages."""
    send = getattr(delivery, "send_private", None)
    if send is None:
        raise DeliveryError("this platform cannot send private messages")
    message_id: str = await send(community_id, member_id, reply)
    return message_id


async def tell_privately(delivery: object, community_id: str, member_id: str, reply: Reply) -> bool:
    """:func:`send_private` for a notice that may go untold (who gave time to a goal, a
    kudos in private announcements): False, logged, when the platform has no private
    messages or refuses; never raises, so what the notice reports stands either way."""
    try:
        await send_private(delivery, community_id, member_id, reply)
    except DeliveryError as exc:
        log.info("A private notice in %s was not delivered: %s", community_id, exc)
        return False
    except Exception:
        log.warning("Could not send a private notice in %s", community_id, exc_info=True)
        return False
    return True


class NoDelivery:
    """Used until an adapter connects: every send fails (and is retried later)."""

    async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
        raise DeliveryError("no platform is connected")

    async def edit(self, community_id: str, channel_id: str, message_id: str, reply: Reply) -> bool:
        return False

    async def ownership(self, community_id: str, channel_id: str) -> Ownership:
        return Ownership.UNKNOWN

    async def send_private(self, community_id: str, member_id: str, reply: Reply) -> str:
        raise DeliveryError("no platform is connected")


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

    async def ownership(self, community_id: str, channel_id: str) -> Ownership:
        if not self.routes:
            return Ownership.UNKNOWN
        return await ownership(await self._route(community_id), community_id, channel_id)

    async def send_private(self, community_id: str, member_id: str, reply: Reply) -> str:
        if not self.routes:
            raise DeliveryError("no platform is connected")
        delivery = await self._route(community_id)
        return await send_private(delivery, community_id, member_id, reply)
