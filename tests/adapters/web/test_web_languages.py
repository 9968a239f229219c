"""The sign-in page speaks Spanish and German to browsers that ask for them."""

from __future__ import annotations

import pytest

from bot.messages import text
from tests.adapters.web.conftest import Web


@pytest.mark.parametrize(
    ("accept", "locale"),
    [("es-MX,es;q=0.9,en;q=0.5", "es"), ("de-AT,de;q=0.9", "de"), ("it,de;q=0.8", "de")],
)
async def test_the_sign_in_page_follows_the_browser_s_language(
    web: Web, accept: str, locale: str
) -> None:
    resp = await web.client.get("/", headers={"Accept-Language": accept})
    html = await resp.text()
    assert text(locale, "web.login.title") in html
    assert text("en", "web.login.title") not in html
    assert f'<html lang="{locale}">' in html
