"""Socket Mode: ``message`` events go straight to the adapter, the rest through Bolt.

Every message posted in a channel Roots is in reaches it as a ``message`` event, most
of them nothing for Roots. Bolt would build a request, run its middleware and try its
listeners' matchers for each before the one listener that takes messages
(``SlackAdapter.on_message``); in a profile of ``bench.slack_plusplus`` that was a
tenth of the process's time. Here a ``message`` event is acknowledged as Bolt
acknowledges an event (an empty response to its envelope) and handed to
``SlackAdapter.socket_message``, which drops a payload for another team or app as
Bolt's middleware does and ignores Roots' own messages as ``on_message`` does. Every
other envelope (slash commands, buttons, forms, other events) goes to Bolt's handler
unchanged.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.socket_mode.async_client import AsyncBaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse

from adapters.slack.handlers import SlackAdapter

Listener = Callable[[Any, SocketModeRequest], Awaitable[None]]


def message_event(request: SocketModeRequest) -> dict[str, Any] | None:
    """The ``message`` event an Events API envelope carries; None for anything else."""
    payload = request.payload
    if request.type != "events_api" or not isinstance(payload, dict):
        return None
    event = payload.get("event")
    if isinstance(event, dict) and event.get("type") == "message":
        return event
    return None


class MessagesFirst:
    """The Socket Mode client's one listener: messages to the adapter, the rest to Bolt."""

    def __init__(self, adapter: SlackAdapter, bolt: Listener) -> None:
        self.adapter = adapter
        self.bolt = bolt

    async def __call__(self, client: AsyncBaseSocketModeClient, request: SocketModeRequest) -> None:
        event = message_event(request)
        if event is None:
            await self.bolt(client, request)
            return
        await client.send_socket_mode_response(SocketModeResponse(envelope_id=request.envelope_id))
        self.adapter.socket_message(request.payload, event)


def messages_first(handler: AsyncSocketModeHandler, adapter: SlackAdapter) -> None:
    """Put :class:`MessagesFirst` in place of Bolt's own listener on ``handler``'s client."""
    listeners = handler.client.socket_mode_request_listeners
    listeners[:] = [MessagesFirst(adapter, handler.handle)]
