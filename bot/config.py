"""Process settings, read from the environment (and `.env`, via python-dotenv).

Per-community settings (time zone, locale, budget...) live in the database; see
:mod:`bot.services.community`. Every variable here is documented in `.env.example`.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.messages import DEFAULT_LOCALE, LOCALES, normalize_locale
from bot.storage import DEFAULT_POOL_SIZE

DEFAULT_OPS_HOST = "127.0.0.1"
DEFAULT_WEB_HOST = "127.0.0.1"
DEFAULT_WEB_PORT = 8080
# A host name (RFC 1123 labels) or an IPv4/IPv6 address, without scheme or port.
_HOSTNAME = re.compile(
    r"(?=.{1,253}\Z)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?"
)


class SettingsError(ValueError):
    """A setting is present but malformed; the message says how to fix it."""


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///roots.db"
    default_locale: str = DEFAULT_LOCALE
    default_timezone: str = "UTC"
    log_level: str = "INFO"
    log_format: str = "text"
    db_pool: int = DEFAULT_POOL_SIZE
    metrics_port: int | None = None
    ops_host: str = DEFAULT_OPS_HOST
    web_enabled: bool = True
    web_host: str = DEFAULT_WEB_HOST
    web_port: int = DEFAULT_WEB_PORT
    web_url: str | None = None  # the public base URL; None: http://host:port
    # Reverse proxies whose X-Forwarded-For the dashboard believes (addresses, networks)
    web_trusted_proxies: tuple[str, ...] = ()
    discord_token: str | None = None
    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_signing_secret: str | None = None

    @property
    def platforms(self) -> tuple[str, ...]:
        """Platforms whose tokens are set, in start order."""
        found: list[str] = []
        if self.discord_token:
            found.append("discord")
        if self.slack_bot_token and (self.slack_app_token or self.slack_signing_secret):
            found.append("slack")
        return tuple(found)

    @property
    def web_base_url(self) -> str:
        """The dashboard's base URL in links (no trailing slash)."""
        if self.web_url:
            return self.web_url
        host = f"[{self.web_host}]" if ":" in self.web_host else self.web_host
        return f"http://{host}:{self.web_port}"

    def __repr__(self) -> str:  # never print secrets
        return (
            f"Settings(database_url={redact_url(self.database_url)!r}, "
            f"platforms={self.platforms!r}, default_locale={self.default_locale!r})"
        )


def redact_url(url: str) -> str:
    """Hide passwords in a database URL (user:pass@ and ?password=) for logs.

    A URL too malformed to split shows its scheme only ('postgresql://***').
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        scheme, found, _ = url.partition("://")
        return f"{scheme}://***" if found and scheme.isalnum() else "***"
    netloc = parts.netloc
    if "@" in netloc:
        creds, host = netloc.rsplit("@", 1)
        netloc = f"{creds.split(':', 1)[0]}:***@{host}"
    query = urlencode(
        [
            (k, "***" if k.lower() in ("password", "pass", "pwd", "sslpassword") else v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
        ],
        safe="*",
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _is_host(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return value.isascii() and _HOSTNAME.fullmatch(value) is not None
    return True


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be read as a URL (an unbalanced '[', a port that is no number),
    or None. The reason never repeats the URL (it may hold a password)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  # raises on a port that is no number or out of range
    except ValueError as exc:
        reason = str(exc)
        if "could not be cast" in reason:
            return "the port is not a number"
        return reason
    return None


def load_dotenv_file(path: str | os.PathLike[str] = ".env") -> None:
    """Load `.env` into the environment without overriding real variables."""
    from dotenv import load_dotenv

    if Path(path).is_file():
        load_dotenv(path, override=False)


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env

    def get(name: str) -> str | None:
        value = env.get(name, "").strip()
        return value or None

    locale_raw = get("ROOTS_DEFAULT_LOCALE") or DEFAULT_LOCALE
    locale = normalize_locale(locale_raw)
    if locale is None:
        raise SettingsError(
            f"ROOTS_DEFAULT_LOCALE={locale_raw!r} is not supported; use "
            f"{', '.join(map(repr, LOCALES[:-1]))} or {LOCALES[-1]!r}."
        )
    tz = get("ROOTS_DEFAULT_TIMEZONE") or "UTC"
    from bot.timezones import TimezoneError, check_zone

    try:
        tz = check_zone(tz)  # the tzdata package's name ('posix/X' is read as 'X')
    except TimezoneError as exc:
        raise SettingsError(f"ROOTS_DEFAULT_TIMEZONE: {exc}") from exc
    url = get("DATABASE_URL") or "sqlite:///roots.db"
    if not url.startswith(("sqlite:///", "postgresql://", "postgres://")):
        raise SettingsError(
            f"DATABASE_URL={redact_url(url)!r}: use sqlite:///relative/path.db,"
            " sqlite:////absolute/path.db or postgresql://user@host/db."
        )
    malformed = url_problem(url)
    if malformed:
        raise SettingsError(
            f"DATABASE_URL={redact_url(url)!r} is malformed ({malformed}): use"
            " postgresql://user:password@host:5432/db (an IPv6 host in brackets: [::1])."
        )
    level = (get("ROOTS_LOG_LEVEL") or "INFO").upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise SettingsError(f"ROOTS_LOG_LEVEL={level!r}: use DEBUG, INFO, WARNING or ERROR.")
    pool_raw = get("ROOTS_DB_POOL") or "10"
    if not (pool_raw.isascii() and pool_raw.isdigit() and 1 <= int(pool_raw) <= 100):
        raise SettingsError(f"ROOTS_DB_POOL={pool_raw!r}: use a number of connections, 1 to 100.")
    log_format = (get("ROOTS_LOG_FORMAT") or "text").lower()
    if log_format not in {"text", "json"}:
        raise SettingsError(f"ROOTS_LOG_FORMAT={log_format!r}: use text or json.")
    metrics_raw = get("ROOTS_METRICS_PORT")
    if metrics_raw is not None and not (
        metrics_raw.isascii() and metrics_raw.isdigit() and 0 <= int(metrics_raw) <= 65535
    ):
        raise SettingsError(
            f"ROOTS_METRICS_PORT={metrics_raw!r}: use a port number from 0 to 65535."
        )
    ops_host = get("ROOTS_OPS_HOST") or DEFAULT_OPS_HOST
    if not _is_host(ops_host):
        raise SettingsError(
            f"ROOTS_OPS_HOST={ops_host!r}: use an address to listen on, such as 127.0.0.1"
            " (this machine only, the default), 0.0.0.0 (every interface) or ::1."
        )
    web_enabled, web_host, web_port, web_url = _web_settings(get)
    return Settings(
        database_url=url,
        default_locale=locale,
        default_timezone=tz,
        log_level=level,
        log_format=log_format,
        db_pool=int(pool_raw),
        metrics_port=int(metrics_raw) if metrics_raw is not None else None,
        ops_host=ops_host,
        web_enabled=web_enabled,
        web_host=web_host,
        web_port=web_port,
        web_url=web_url,
        web_trusted_proxies=_trusted_proxies(get("ROOTS_WEB_TRUSTED_PROXIES")),
        discord_token=get("DISCORD_TOKEN"),
        slack_bot_token=get("SLACK_BOT_TOKEN"),
        slack_app_token=get("SLACK_APP_TOKEN"),
        slack_signing_secret=get("SLACK_SIGNING_SECRET"),
    )


def _trusted_proxies(raw: str | None) -> tuple[str, ...]:
    """ROOTS_WEB_TRUSTED_PROXIES: comma-separated addresses or networks (CIDR)."""
    found: list[str] = []
    for part in (raw or "").split(","):
        word = part.strip()
        if not word:
            continue
        try:
            found.append(str(ipaddress.ip_network(word, strict=False)))
        except ValueError:
            raise SettingsError(
                f"ROOTS_WEB_TRUSTED_PROXIES: {word!r} is not an address or a network; use"
                " comma-separated addresses or CIDR networks, such as 127.0.0.1,10.0.0.0/8."
            ) from None
    return tuple(found)


def _web_settings(get: Callable[[str], str | None]) -> tuple[bool, str, int, str | None]:
    """ROOTS_WEB, ROOTS_WEB_HOST, ROOTS_WEB_PORT and ROOTS_WEB_URL: the dashboard."""
    switch = (get("ROOTS_WEB") or "on").lower()
    if switch not in {"on", "off", "1", "0", "true", "false", "yes", "no"}:
        raise SettingsError(f"ROOTS_WEB={switch!r}: use on or off.")
    host = get("ROOTS_WEB_HOST") or DEFAULT_WEB_HOST
    if not _is_host(host):
        raise SettingsError(
            f"ROOTS_WEB_HOST={host!r}: use an address to listen on, such as 127.0.0.1"
            " (this machine only, the default, behind a reverse proxy) or 0.0.0.0."
        )
    port_raw = get("ROOTS_WEB_PORT") or str(DEFAULT_WEB_PORT)
    if not (port_raw.isascii() and port_raw.isdigit() and 1 <= int(port_raw) <= 65535):
        raise SettingsError(f"ROOTS_WEB_PORT={port_raw!r}: use a port number from 1 to 65535.")
    url = get("ROOTS_WEB_URL")
    if url is not None:
        parts = urlsplit(url) if url_problem(url) is None else None
        if (
            parts is None
            or parts.scheme not in ("http", "https")
            or not parts.hostname
            or parts.query
            or parts.fragment
            or parts.username is not None
        ):
            raise SettingsError(
                f"ROOTS_WEB_URL={redact_url(url)!r}: use the dashboard's public address, such as"
                " https://roots.example.org (https behind a reverse proxy)."
            )
        url = url.rstrip("/")
    return switch in {"on", "1", "true", "yes"}, host, int(port_raw), url
