"""The delivery port: how the core posts to a channel on its own (scheduled prompts,
recaps, digests), outside any reply to a member's command.

Adapters implement :class:`Delivery`. ``send`` returns the platform's message id.
``edit`` is optional (a platform that cannot edit returns False).
"""

from __future__ import annotations

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
