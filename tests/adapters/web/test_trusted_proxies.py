"""ROOTS_WEB_TRUSTED_PROXIES: the sign-in rate limit believes X-Forwarded-For only from
the reverse proxies named there; from anyone else the header is ignored (a visitor could
otherwise pick a fresh address for every attempt)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer
from aiohttp.web import Application, Request

from adapters.doctor import check_web
from adapters.web import RateLimiter, create_app
from adapters.web.security import TrustedProxies
from bot.clock import ManualClock
from bot.config import SettingsError, load_settings
from bot.weblogin import WebLogin
from tests.adapters.web.conftest import NOW, acme
from tests.adapters.web.memory import MemoryDashboardData, MemorySessionStore

FORGED = "/login/" + "B" * 43  # a link that doesn't work: each try counts


async def client_behind(proxies: TrustedProxies | None) -> TestClient[Request, Application]:
    clock = ManualClock(NOW)
    app = create_app(
        login=WebLogin(MemorySessionStore(), clock, "http://127.0.0.1"),
        data=MemoryDashboardData(acme()),
        clock=clock,
        limiter=RateLimiter(clock, limit=2),
        trusted_proxies=proxies,
    )
    client = TestClient(TestServer(app))  # connects from 127.0.0.1
    await client.start_server()
    return client


@pytest.fixture
async def proxied() -> AsyncIterator[TestClient[Request, Application]]:
    client = await client_behind(TrustedProxies(["127.0.0.1", "10.0.0.0/8"]))
    try:
        yield client
    finally:
        await client.close()


async def attempts(
    client: TestClient[Request, Application], forwarded: str | None, n: int = 3
) -> list[int]:
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return [(await client.get(FORGED, headers=headers)).status for _ in range(n)]


async def test_behind_a_trusted_proxy_each_visitor_is_counted_apart(proxied) -> None:
    assert await attempts(proxied, "203.0.113.7") == [410, 410, 429]
    assert await attempts(proxied, "198.51.100.9", 2) == [410, 410]  # another visitor
    # the proxy's own entry and a trusted hop are passed over, from the right
    assert await attempts(proxied, "198.51.100.23, 10.1.2.3", 2) == [410, 410]
    assert await attempts(proxied, "198.51.100.23", 1) == [429]


async def test_a_visitor_cannot_pick_an_address_left_of_the_proxys_entry(proxied) -> None:
    assert await attempts(proxied, "192.0.2.1, 203.0.113.7") == [410, 410, 429]
    assert await attempts(proxied, "192.0.2.99, 203.0.113.7", 1) == [429]


async def test_without_trusted_proxies_the_header_is_ignored() -> None:
    client = await client_behind(None)
    try:
        assert await attempts(client, "203.0.113.1", 2) == [410, 410]
        assert await attempts(client, "203.0.113.2", 1) == [429]  # the same connection
    finally:
        await client.close()


async def test_a_proxy_not_in_the_list_is_not_believed() -> None:
    client = await client_behind(TrustedProxies(["10.0.0.1"]))
    try:
        assert await attempts(client, "203.0.113.1", 2) == [410, 410]
        assert await attempts(client, "203.0.113.2", 1) == [429]
    finally:
        await client.close()


@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        ("10.0.0.5", ["203.0.113.7"], "203.0.113.7"),
        ("10.0.0.5", ["203.0.113.7, 10.0.0.9"], "203.0.113.7"),
        ("10.0.0.5", ["203.0.113.7", "10.0.0.9"], "203.0.113.7"),  # two header lines
        ("10.0.0.5", [], "10.0.0.5"),
        ("10.0.0.5", ["not-an-address"], "10.0.0.5"),
        ("10.0.0.5", ["10.0.0.8"], "10.0.0.8"),  # only proxies: the leftmost
        ("::ffff:10.0.0.5", ["2001:db8::1"], "2001:db8::1"),
        ("192.0.2.1", ["203.0.113.7"], "192.0.2.1"),  # not a trusted proxy
        (None, ["203.0.113.7"], "unknown"),
    ],
)
def test_the_visitors_address(remote, forwarded, client) -> None:
    assert TrustedProxies(["10.0.0.0/8"]).client(remote, forwarded) == client


def test_the_setting_is_read_checked_and_shown_by_doctor() -> None:
    assert load_settings({}).web_trusted_proxies == ()
    settings = load_settings({"ROOTS_WEB_TRUSTED_PROXIES": " 127.0.0.1, 10.0.0.0/8,::1 ,"})
    assert settings.web_trusted_proxies == ("127.0.0.1/32", "10.0.0.0/8", "::1/128")
    assert "X-Forwarded-For believed from 127.0.0.1/32" in check_web(settings).detail
    assert "X-Forwarded-For ignored" in check_web(load_settings({})).detail
    with pytest.raises(SettingsError, match="ROOTS_WEB_TRUSTED_PROXIES") as caught:
        load_settings({"ROOTS_WEB_TRUSTED_PROXIES": "10.0.0.0/8, proxy.local"})
    assert "CIDR" in str(caught.value)
