"""The ceiling for Slack HTTP mode: a Bolt app whose ``/kudos`` listener only acks.

    python -m bench.bare_slack_bot      (started by bench.slack_kudos, not by hand)

Bolt's own aiohttp server (``AsyncSlackAppServer``'s web app, signature checks
on) on 127.0.0.1:``ROOTS_HTTP_PORT``; the Web API at ``SLACK_API_URL``. The empty
ack is its whole answer. It runs until killed (SIGTERM).
"""

from __future__ import annotations

import os
from typing import Any

from aiohttp import web
from slack_bolt.app.async_server import AsyncSlackAppServer
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient


def main() -> None:
    client = AsyncWebClient(
        token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"]
    )
    app = AsyncApp(client=client, signing_secret=os.environ["SLACK_SIGNING_SECRET"], name="bare")

    @app.command("/kudos")
    async def only_ack(ack: Any) -> None:
        await ack()

    port = int(os.environ["ROOTS_HTTP_PORT"])
    server = AsyncSlackAppServer(port=port, path="/slack/events", app=app, host="127.0.0.1")
    web.run_app(server.web_app, host="127.0.0.1", port=port, access_log=None, print=None)


if __name__ == "__main__":
    main()
