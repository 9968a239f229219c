"""The core's Delivery port on Slack: scheduled prompts, recaps and digests.

Posts with ``chat.postMessage`` and edits with ``chat.update``. A 429 is retried
after ``Retry-After`` by the client's rate-limit retry handler (see
:func:`adapters.slack.app.make_client`); this runs in the scheduler, never on
an ack path. A channel that is gone or closed to the bot raises
:class:`ChannelUnavailable`; any other failure is a :class:`DeliveryError`
(worth retrying).
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.pictures import image_for, usable
from adapters.slack.render import render
from bot.delivery import ChannelUnavailable, DeliveryError, DirectMessagesClosed, Ownership
from bot.pictures import PictureLinks
from bot.types import Reply

log = logging.getLogger(__name__)

CHANNEL_GONE = frozenset(
    {"channel_not_found", "not_in_channel", "is_archived", "restricted_action", "access_denied"}
)

# A direct message Slack won't deliver to that member (the app's Messages tab is off,
# the member is deactivated or can't see the app): skipped, not retried.
DM_REFUSED = frozenset(
    {"messages_tab_disabled", "cannot_dm_bot", "user_disabled", "user_not_visible"}
)


def _error_code(exc: SlackApiError) -> str:
    return str(exc.response.get("error", "unknown_error"))


class SlackDelivery:
    def __init__(self, client: AsyncWebClient, pictures: PictureLinks | None = None) -> None:
        self.client = client
        self.pictures = usable(pictures)  # the digest's chart, as an image block (issue 14)

    async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
        shown = render(reply, image=await image_for(self.pictures, community_id, reply))
        try:
            response = await self.client.chat_postMessage(
                channel=channel_id,
                text=shown.text,
                blocks=shown.blocks,
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            raise self._failure(exc, channel_id) from None
        except OSError as exc:
            raise DeliveryError(f"network error: {type(exc).__name__}") from None
        return str(response["ts"])

    async def send_private(self, community_id: str, member_id: str, reply: Reply) -> str:
        """A direct message (reconnect's weekly nudge, issue 16): ``chat.postMessage``
        to the member's user id posts in the app's Messages tab (the manifest turns
        it on, read-only; scopes ``chat:write`` and ``im:write``)."""
        shown = render(reply, image=await image_for(self.pictures, community_id, reply))
        try:
            response = await self.client.chat_postMessage(
                channel=member_id,
                text=shown.text,
                blocks=shown.blocks,
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            code = _error_code(exc)
            log.warning("Slack refused a direct message to %s: %s", member_id, code)
            if code in DM_REFUSED:
                raise DirectMessagesClosed(code) from None
            raise DeliveryError(code) from None
        except OSError as exc:
            raise DeliveryError(f"network error: {type(exc).__name__}") from None
        return str(response["ts"])

    async def ownership(self, community_id: str, channel_id: str) -> Ownership:
        """Slack can't be asked cheaply, and needn't be: the bot token posts only in its
        own workspace's channels (another's answers channel_not_found), and a channel
        a command names is one Slack resolved in the command's workspace."""
        return Ownership.UNKNOWN

    async def edit(self, community_id: str, channel_id: str, message_id: str, reply: Reply) -> bool:
        shown = render(reply, image=await image_for(self.pictures, community_id, reply))
        try:
            await self.client.chat_update(
                channel=channel_id, ts=message_id, text=shown.text, blocks=shown.blocks
            )
        except SlackApiError as exc:
            raise self._failure(exc, channel_id) from None
        return True

    @staticmethod
    def _failure(exc: SlackApiError, channel_id: str) -> DeliveryError:
        code = _error_code(exc)
        log.warning("Slack refused a post in %s: %s", channel_id, code)
        if code in CHANNEL_GONE:
            return ChannelUnavailable(code)
        return DeliveryError(code)
