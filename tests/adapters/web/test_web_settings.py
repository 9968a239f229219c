"""ROOTS_WEB, ROOTS_WEB_HOST, ROOTS_WEB_PORT, ROOTS_WEB_URL: read, checked, explained."""

from __future__ import annotations

import pytest

from bot.config import SettingsError, load_settings


def test_the_dashboard_is_on_by_default_on_this_machine_only() -> None:
    settings = load_settings({})
    assert settings.web_enabled is True
    assert (settings.web_host, settings.web_port, settings.web_url) == ("127.0.0.1", 8080, None)
    assert settings.web_base_url == "http://127.0.0.1:8080"
    assert load_settings({"ROOTS_WEB_HOST": "::1"}).web_base_url == "http://[::1]:8080"


def test_the_dashboard_settings_are_read() -> None:
    settings = load_settings(
        {
            "ROOTS_WEB": "OFF",
            "ROOTS_WEB_HOST": "0.0.0.0",
            "ROOTS_WEB_PORT": "9000",
            "ROOTS_WEB_URL": "https://roots.example.org/",
        }
    )
    assert settings.web_enabled is False
    assert (settings.web_host, settings.web_port) == ("0.0.0.0", 9000)
    assert settings.web_base_url == "https://roots.example.org"


@pytest.mark.parametrize(
    ("name", "value", "hint"),
    [
        ("ROOTS_WEB", "maybe", "use on or off"),
        ("ROOTS_WEB_PORT", "80a", "port number from 1 to 65535"),
        ("ROOTS_WEB_PORT", "0", "port number from 1 to 65535"),
        ("ROOTS_WEB_PORT", "70000", "port number from 1 to 65535"),
        ("ROOTS_WEB_HOST", "exa mple", "an address to listen on"),
        ("ROOTS_WEB_URL", "roots.example.org", "public address"),
        ("ROOTS_WEB_URL", "ftp://roots.example.org", "public address"),
        ("ROOTS_WEB_URL", "https://roots.example.org/?x=1", "public address"),
        ("ROOTS_WEB_URL", "https://user:pw@roots.example.org", "public address"),
        ("ROOTS_WEB_URL", "https://[::1", "public address"),
    ],
)
def test_a_malformed_dashboard_setting_says_how_to_fix_it(name, value, hint) -> None:
    with pytest.raises(SettingsError, match=name) as caught:
        load_settings({name: value})
    assert hint in str(caught.value)
    assert "pw" not in str(caught.value)
