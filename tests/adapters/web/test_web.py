"""The dashboard as a browser sees it over HTTP: signing in by a link from chat, sessions,
CSRF, community boundaries, escaping, headers, languages (issue #14)."""

from __future__ import annotations

import re
from datetime import timedelta

import aiohttp
import pytest

from adapters.web.security import CSP, RateLimiter
from bot.charts import Helper
from bot.weblogin import hash_secret
from tests.adapters.web.conftest import HOSTILE, NOW, Web, hidden_fields, make_web
from tests.bot.charts import png

ASK_AGAIN = "type /roots web in your community&#39;s chat"


async def body(resp) -> str:
    text: str = await resp.text()
    return text


# ---------------------------------------------------------------- signing in


async def test_without_a_session_every_page_leads_to_the_sign_in_page(web: Web) -> None:
    resp = await web.client.get("/")
    assert resp.status == 200
    assert "In your community&#39;s chat, type /roots web" in await body(resp)

    for path in ("/c/T1/roots", "/c/T1/community", "/c/T1/charts/kudos.png"):
        resp = await web.client.get(path, allow_redirects=False)
        assert (resp.status, resp.headers["Location"]) == (303, "/"), path


async def test_a_link_from_chat_signs_in_and_opens_my_roots(web: Web) -> None:
    link = await web.link("T1", "U1")
    assert re.fullmatch(r"/login/[A-Za-z0-9_-]{43}", link)  # 256 random bits
    assert hash_secret(link.rsplit("/", 1)[1]) in web.store.tokens  # stored hashed only
    assert link.rsplit("/", 1)[1] not in repr(web.store.tokens)

    resp, fields = await web.open_link(link)
    assert "You are about to sign in to Roots as Maya." in await body(resp)
    resp = await web.client.post("/login", data=fields, allow_redirects=False)
    assert (resp.status, resp.headers["Location"]) == (303, "/c/T1/roots")
    cookie = resp.cookies["roots_session"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == str(7 * 24 * 3600)
    assert not cookie["secure"]  # plain http: a Secure cookie would never come back

    page = await web.client.get("/c/T1/roots")
    html = await body(page)
    assert page.status == 200
    assert "Signed in as Maya" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert "The roots of Maya" in html
    assert '<th scope="row">Claire</th><td>2</td><td>not yet</td>' in html


async def test_opening_the_link_twice_does_not_use_it(web: Web) -> None:
    """A link preview (Slack, Discord) fetches the URL: only the button signs in."""
    link = await web.link()
    await web.open_link(link)
    resp, fields = await web.open_link(link)
    assert resp.status == 200
    resp = await web.client.post("/login", data=fields, allow_redirects=False)
    assert resp.status == 303


async def test_a_used_link_says_how_to_ask_for_a_new_one(web: Web) -> None:
    link = await web.link()
    _, fields = await web.open_link(link)
    assert (await web.client.post("/login", data=fields, allow_redirects=False)).status == 303

    again = await web.client.post("/login", data=fields, allow_redirects=False)
    assert again.status == 410
    assert "This sign-in link doesn&#39;t work" in await body(again)
    assert ASK_AGAIN in await body(again)
    reopened = await web.client.get(link)
    assert reopened.status == 410 and ASK_AGAIN in await body(reopened)


async def test_a_link_older_than_ten_minutes_is_refused(web: Web) -> None:
    link = await web.link()
    web.clock.advance(timedelta(minutes=9, seconds=59))
    resp, fields = await web.open_link(link)
    assert resp.status == 200

    web.clock.advance(timedelta(seconds=1))
    late = await web.client.post("/login", data=fields, allow_redirects=False)
    assert late.status == 410 and ASK_AGAIN in await body(late)
    assert web.session_cookie() is None
    assert (await web.client.get(link)).status == 410


async def test_a_forged_link_is_refused(web: Web) -> None:
    await web.link()
    forged = "/login/" + "A" * 43
    resp = await web.client.get(forged)
    assert resp.status == 410 and ASK_AGAIN in await body(resp)

    _, fields = await web.open_link(await web.link())
    fields["token"] = "A" * 43
    resp = await web.client.post("/login", data=fields, allow_redirects=False)
    assert resp.status == 410
    assert web.store.sessions == {}


async def test_each_sign_in_gets_a_fresh_session_id_and_ends_the_old_one(web: Web) -> None:
    await web.sign_in()
    first = web.session_cookie()
    await web.sign_in()
    second = web.session_cookie()

    assert first and second and first != second
    assert list(web.store.sessions) == [hash_secret(second)]  # stored hashed
    assert await web.login.session(first) is None


async def test_a_session_lasts_seven_days(web: Web) -> None:
    await web.sign_in()
    web.clock.advance(timedelta(days=7) - timedelta(seconds=1))
    assert (await web.client.get("/c/T1/roots", allow_redirects=False)).status == 200
    web.clock.advance(timedelta(seconds=1))
    resp = await web.client.get("/c/T1/roots", allow_redirects=False)
    assert (resp.status, resp.headers["Location"]) == (303, "/")


async def test_signing_out_everywhere_ends_every_session_of_the_member(web: Web) -> None:
    """What `/roots web logout` will call: every browser of the member is signed out."""
    await web.sign_in("T1", "U1")
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as phone:
        resp = await phone.get(web.client.make_url(await web.link("T1", "U1")))
        await phone.post(web.client.make_url("/login"), data=hidden_fields(await resp.text()))
        bob = await web.login.sign_in((await web.link("T1", "U2")).rsplit("/", 1)[1])
        assert bob is not None and len(web.store.sessions) == 3

        assert await web.login.sign_out_everywhere("T1", "U1") == 2
        for browser in (web.client.session, phone):
            url = web.client.make_url("/c/T1/roots")
            assert (await browser.get(url, allow_redirects=False)).status == 303
        assert await web.login.session(bob[0]) is not None  # Bob stays signed in


async def test_https_makes_the_cookies_secure_with_the_host_prefix() -> None:
    web = await make_web("https://roots.example.org")
    try:
        resp, _ = await web.open_link(await web.link())
        assert resp.cookies["__Host-roots_login"]["secure"] is True
        fields = hidden_fields(await body(resp))
        # a test client over http cannot send a Secure cookie back: send it by hand
        resp = await web.client.post(
            "/login",
            data=fields,
            allow_redirects=False,
            headers={"Cookie": f"__Host-roots_login={fields['csrf']}"},
        )
        cookie = resp.cookies["__Host-roots_session"]
        assert resp.status == 303
        assert cookie["secure"] is True and cookie["httponly"] is True
        assert cookie["samesite"] == "Lax" and cookie["path"] == "/"
    finally:
        await web.client.close()


# ---------------------------------------------------------------- rate limit


async def test_sign_in_attempts_are_rate_limited_per_address() -> None:
    web = await make_web(limit=3)
    try:
        for _ in range(3):
            assert (await web.client.get("/login/" + "B" * 43)).status == 410
        refused = await web.client.get(await web.link())  # even a good link, for now
        assert refused.status == 429
        assert int(refused.headers["Retry-After"]) > 0
        assert "Too many sign-in attempts" in await body(refused)
        web.clock.advance(timedelta(minutes=10))
        assert (await web.client.get(await web.link())).status == 200
    finally:
        await web.client.close()


def test_the_limit_counts_each_address_apart() -> None:
    from bot.clock import ManualClock

    limiter = RateLimiter(ManualClock(NOW), limit=2)
    assert [limiter.allow("10.0.0.1") for _ in range(3)] == [True, True, False]
    assert limiter.allow("10.0.0.2") is True


# ---------------------------------------------------------------- CSRF


async def test_a_form_without_its_csrf_token_is_refused_and_changes_nothing(web: Web) -> None:
    await web.sign_in()
    for data in ({}, {"csrf": "wrong"}):
        resp = await web.client.post("/logout", data=data, allow_redirects=False)
        assert resp.status == 403
        assert "This form had expired" in await body(resp)
    assert (await web.client.get("/c/T1/roots", allow_redirects=False)).status == 200

    page = await body(await web.client.get("/c/T1/roots"))
    resp = await web.client.post("/logout", data=hidden_fields(page), allow_redirects=False)
    assert resp.status == 303
    assert (await web.client.get("/c/T1/roots", allow_redirects=False)).status == 303


async def test_signing_in_without_the_sign_in_cookie_is_refused(web: Web) -> None:
    """Login CSRF: another site cannot post its own link to sign a visitor in."""
    link = await web.link()
    _, fields = await web.open_link(link)
    web.client.session.cookie_jar.clear()
    resp = await web.client.post("/login", data=fields, allow_redirects=False)
    assert resp.status == 403
    token = link.rsplit("/", 1)[1]
    assert await web.login.peek(token) is not None  # the link still works


# ---------------------------------------------------------------- boundaries


async def test_another_communitys_pages_answer_404(web: Web) -> None:
    await web.sign_in("T1", "U1")
    for path in ("/c/T2/roots", "/c/T2/community", "/c/T2/charts/kudos.png", "/c/T3/roots"):
        resp = await web.client.get(path, allow_redirects=False)
        assert resp.status == 404, path
        assert "Beta" not in await body(resp)


# ---------------------------------------------------------------- escaping


async def test_hostile_names_are_escaped_in_the_html_and_the_svg(web: Web) -> None:
    acme = web.data.communities["T1"]
    acme.names["U1"] = HOSTILE
    acme.helpers["U1"] = [Helper(HOSTILE, 3, False)]
    web.data.rename("T1", name=HOSTILE)
    await web.sign_in()

    for path in ("/c/T1/roots", "/c/T1/community"):
        html = await body(await web.client.get(path))
        assert "<script" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;" in html, path
    html = await body(await web.client.get("/c/T1/roots"))
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in svg


# ---------------------------------------------------------------- headers and pages


async def test_every_response_carries_the_security_headers(web: Web) -> None:
    await web.sign_in()
    for path in ("/", "/c/T1/roots", "/c/T1/community", "/nowhere", "/static/roots.css"):
        resp = await web.client.get(path)
        assert resp.headers["Content-Security-Policy"] == CSP, path
        assert resp.headers["X-Frame-Options"] == "DENY", path
        assert resp.headers["X-Content-Type-Options"] == "nosniff", path
        assert resp.headers["Referrer-Policy"] == "no-referrer", path
        private = resp.headers.get("Cache-Control") == "no-store"
        assert private == (not path.startswith("/static/")), path
    assert "script-src" not in CSP and "default-src 'none'" in CSP
    assert "http" not in CSP  # no third-party origin


async def test_pages_have_no_script_no_inline_style_and_accessible_landmarks(web: Web) -> None:
    await web.sign_in()
    for path in ("/", "/c/T1/roots", "/c/T1/community"):
        html = await body(await web.client.get(path))
        assert "<script" not in html and " style=" not in html and "<style" not in html
        assert '<html lang="en">' in html
        assert '<a class="skip" href="#main">' in html and '<main id="main"' in html
    html = await body(await web.client.get("/c/T1/community"))
    assert '<nav aria-label="Dashboard">' in html
    assert html.count('role="img"') == 4 and html.count("<table>") == 4
    assert 'aria-current="page">Community</a>' in html


async def test_pages_speak_the_communitys_language(web: Web) -> None:
    resp = await web.client.get("/", headers={"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"})
    assert "Se connecter à Roots" in await body(resp)

    await web.sign_in("T2", "U9")
    html = await body(await web.client.get("/c/T2/community"))
    assert '<html lang="fr">' in html
    assert "Connecté en tant que Zoé" in html and "Kudos par semaine" in html


async def test_the_community_chart_is_also_a_png(web: Web) -> None:
    await web.sign_in()
    resp = await web.client.get("/c/T1/charts/kudos.png")
    assert resp.status == 200 and resp.content_type == "image/png"
    assert png.size(await resp.read()) == (1280, 520)
    assert (await web.client.get("/c/T1/charts/other.png")).status == 404


@pytest.mark.parametrize(
    "path", ["/login/" + "C" * 43, "/login/%3Cscript%3E", "/login/" + "x" * 5000]
)
async def test_odd_links_get_the_same_clear_page(web: Web, path: str) -> None:
    resp = await web.client.get(path)
    assert resp.status == 410 and ASK_AGAIN in await body(resp)


async def test_the_weeks_end_with_this_week_in_the_communitys_time_zone(web: Web) -> None:
    """Sunday 23:30 UTC is already Monday in Paris: Acme's charts end with the new week."""
    from datetime import UTC, datetime

    await web.sign_in("T1", "U1")
    web.clock.set(datetime(2026, 12, 6, 23, 30, tzinfo=UTC))
    html = await body(await web.client.get("/c/T1/community"))
    assert '<th scope="row">12/07/2026</th><td>0</td>' in html
    assert "12/14/2026" not in html and "06/08/2026" not in html
