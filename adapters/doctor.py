"""`roots doctor`: check a deployment, one line per check, with the fix when it fails.

In order: settings; the time zone data (the tzdata package); the database (reachable,
migrations current); Slack when configured (``auth.test`` and the scopes the manifest
asks for, from the ``x-oauth-scopes`` header); Discord when configured (the token, the
Message Content intent when ``++`` is on, slash commands synced); the scheduler (next
posts, paused schedules and why).
Nothing is changed: the database is opened read-only and never migrated. The exit code
is 1 when any check failed, else 0.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import aiohttp

from bot.config import Settings, SettingsError, load_settings, redact_url
from bot.pictures import is_public_https
from bot.storage.migrations import migrations

log = logging.getLogger("roots.doctor")

TIMEOUT = 10.0
DEFAULT_SLACK_URL = "https://slack.com/api/"
MANIFEST = Path(__file__).parent / "slack" / "manifest.yml"
MESSAGE_CONTENT_FLAGS = (1 << 18) | (1 << 19)  # GATEWAY_MESSAGE_CONTENT(_LIMITED)
GUILD_MEMBERS_FLAGS = (1 << 14) | (1 << 15)  # GATEWAY_GUILD_MEMBERS(_LIMITED)
NEXT_SHOWN = 3


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""

    def line(self) -> str:
        mark = "ok  " if self.ok else "FAIL"
        fix = f" — fix: {self.fix}" if not self.ok and self.fix else ""
        return f"{mark} {self.name}: {self.detail}{fix}"


# ---------------------------------------------------------------- settings


def check_settings(env: Mapping[str, str]) -> tuple[list[Check], Settings | None]:
    try:
        settings = load_settings(env)
    except SettingsError as exc:
        return [Check("settings", False, str(exc), "correct it in the environment or .env")], None
    checks: list[Check] = []
    platforms = settings.platforms
    if platforms:
        checks.append(Check("settings", True, f"platforms: {', '.join(platforms)}"))
    else:
        checks.append(Check("settings", True, "no platform token set: `roots` runs the console"))
    if settings.slack_bot_token and "slack" not in platforms:
        checks.append(
            Check(
                "settings",
                False,
                "SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN or SLACK_SIGNING_SECRET",
                "set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)",
            )
        )
    checks.append(check_web(settings))
    for platform in platforms:
        try:
            if platform == "slack":
                from adapters.slack.config import load_slack_settings

                load_slack_settings(env)
            else:
                from adapters.discord.config import load_discord_settings

                load_discord_settings(env)
        except SettingsError as exc:
            checks.append(Check(f"settings ({platform})", False, str(exc), "see .env.example"))
    return checks, settings


def check_web(settings: Settings) -> Check:
    """ROOTS_WEB, ROOTS_WEB_HOST, ROOTS_WEB_PORT, ROOTS_WEB_URL: where the dashboard listens
    and the address its sign-in links carry; ROOTS_WEB_TRUSTED_PROXIES: whose
    X-Forwarded-For the sign-in rate limit believes."""
    if not settings.web_enabled:
        return Check("web", True, "the dashboard is off (ROOTS_WEB=off)")
    where = f"{settings.web_host}:{settings.web_port}"
    url = settings.web_base_url
    if settings.web_url is None and settings.web_host not in ("127.0.0.1", "::1", "localhost"):
        return Check(
            "web",
            False,
            f"the dashboard listens on {where} for other machines, but sign-in links point"
            f" at {url}",
            "set ROOTS_WEB_URL to its public address (https://… behind a reverse proxy)",
        )
    secure = "Secure cookies" if url.startswith("https://") else "cookies without Secure (http)"
    # Slack's servers fetch chat pictures from the dashboard (issue 14): only a public https one
    pictures = (
        "Slack shows pictures"
        if is_public_https(url)
        else "Slack replies without pictures (ROOTS_WEB_URL is not public https)"
    )
    proxies = settings.web_trusted_proxies
    believed = (
        f"X-Forwarded-For believed from {', '.join(proxies)} (ROOTS_WEB_TRUSTED_PROXIES)"
        if proxies
        else "X-Forwarded-For ignored (no ROOTS_WEB_TRUSTED_PROXIES)"
    )
    return Check(
        "web",
        True,
        f"dashboard on {where}, sign-in links to {url}, {secure}, {believed}; {pictures}",
    )


# ---------------------------------------------------------------- time zones


def check_zones() -> Check:
    """Zone rules come from the tzdata package (bot/timezones.py), never the host."""
    from bot.timezones import load_zone, zone_data

    try:
        load_zone("Europe/Paris")
        return Check("zones", True, zone_data())
    except Exception as exc:  # a missing or broken tzdata package
        return Check(
            "zones",
            False,
            f"cannot read the tzdata package: {type(exc).__name__}: {exc}",
            "reinstall Roots' dependencies (pip install tzdata)",
        )


async def check_stored_zones(db: Database) -> list[Check]:
    """Zones saved before names were checked against the tzdata package read as UTC."""
    from bot.timezones import check_zone

    try:
        rows = await db.rows(
            "SELECT 'community', community_id, timezone FROM communities"
            " UNION SELECT 'schedule', community_id || ' #' || channel_id, timezone"
            " FROM schedules ORDER BY 1, 2"
        )
    except Exception:
        return []  # the database and scheduler checks say why
    checks: list[Check] = []
    for kind, where, zone in rows:
        try:
            check_zone(zone)
        except ValueError:
            checks.append(
                Check(
                    "zones",
                    False,
                    f"{kind} {where} uses the time zone {zone!r}, which the tzdata package"
                    " lacks: it is read as UTC",
                    "set it again with an IANA name such as Europe/Paris (/roots-config"
                    f" {'timezone' if kind == 'community' else 'prompts #channel HH:MM'} …)",
                )
            )
    return checks


# ---------------------------------------------------------------- database


async def _sqlite_rows(path: str, sql: str) -> list[tuple[Any, ...]]:
    import aiosqlite

    from bot.storage.sqlite import SqliteTx

    db = await aiosqlite.connect(f"file:{path}?mode=ro", uri=True, timeout=TIMEOUT)
    try:
        return [tuple(r) for r in await SqliteTx(db).rows(sql)]
    finally:
        await db.close()


async def _postgres_rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    import asyncpg

    from bot.storage.postgres import PgTx

    conn = await asyncpg.connect(url, timeout=TIMEOUT)
    try:
        return [tuple(r) for r in await PgTx(conn).rows(sql)]
    finally:
        await conn.close()


class Database:
    """Read-only queries on DATABASE_URL (SQLite or PostgreSQL), through the storage
    layer's executors (``?`` statements)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.backend = "sqlite" if url.startswith("sqlite:") else "postgres"

    async def rows(self, sql: str) -> list[tuple[Any, ...]]:
        if self.backend == "sqlite":
            from bot.storage.sqlite import sqlite_path

            return await _sqlite_rows(sqlite_path(self.url), sql)
        return await asyncio.wait_for(_postgres_rows(self.url, sql), TIMEOUT)


async def check_database(settings: Settings) -> tuple[Check, Database | None]:
    db = Database(settings.database_url)
    url = settings.database_url
    where = url if db.backend == "sqlite" and "?" not in url else redact_url(url)
    if db.backend == "sqlite":
        from bot.storage.sqlite import sqlite_path

        if not await asyncio.to_thread(Path(sqlite_path(url)).is_file):
            return (
                Check(
                    "database",
                    False,
                    f"no database file at {where}",
                    "start Roots once (it creates the file), or correct DATABASE_URL",
                ),
                None,
            )
    try:
        rows = await db.rows("SELECT max(version) FROM schema_version")
    except Exception as exc:  # any driver, any failure: say what and where
        return (
            Check(
                "database",
                False,
                f"cannot read {where}: {type(exc).__name__}: {exc}",
                "check DATABASE_URL, that the server is up and the credentials are right",
            ),
            None,
        )
    current = int(rows[0][0] or 0) if rows else 0
    known = migrations(db.backend)
    latest = known[-1][0] if known else 0
    if current < latest:
        return (
            Check(
                "database",
                False,
                f"{where} is at schema version {current}, this Roots expects {latest}",
                "start Roots once: it applies the pending migrations on start",
            ),
            db,
        )
    if current > latest:
        return (
            Check(
                "database",
                False,
                f"{where} is at schema version {current}, newer than this Roots ({latest})",
                "upgrade Roots",
            ),
            db,
        )
    return Check("database", True, f"{where} reachable, migrations current ({current})"), db


# ---------------------------------------------------------------- Slack


def manifest_scopes(path: Path = MANIFEST) -> list[str]:
    """The bot scopes listed under ``oauth_config.scopes.bot`` in the app manifest."""
    scopes: list[str] = []
    inside = False
    indent = 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip())
        if line.strip() == "bot:":
            inside, indent = True, depth
            continue
        if inside:
            if depth <= indent and not line.strip().startswith("-"):
                break
            if line.strip().startswith("- "):
                scopes.append(line.strip()[2:].strip())
    return scopes


async def check_slack(env: Mapping[str, str]) -> list[Check]:
    from adapters.slack.config import load_slack_settings

    slack = load_slack_settings(env)
    base = slack.api_url or DEFAULT_SLACK_URL
    url = base.rstrip("/") + "/auth.test"
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TIMEOUT)) as session,
            session.post(url, headers={"Authorization": f"Bearer {slack.bot_token}"}) as resp,
        ):
            body = await resp.json(content_type=None)
            scopes_header = resp.headers.get("x-oauth-scopes")
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        return [
            Check(
                "slack",
                False,
                f"cannot reach Slack at {base}: {type(exc).__name__}",
                "check the network (and SLACK_API_URL if set)",
            )
        ]
    if not body.get("ok"):
        return [
            Check(
                "slack",
                False,
                f"auth.test refused the bot token: {body.get('error', 'unknown error')}",
                "copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions into"
                " SLACK_BOT_TOKEN (reinstall the app if it was revoked)",
            )
        ]
    who = f"bot {body.get('user', '?')} in workspace {body.get('team', '?')}"
    checks = [Check("slack", True, f"token valid: {who} ({slack.mode} mode)")]
    needed = manifest_scopes()
    if scopes_header is None:
        checks.append(
            Check(
                "slack scopes",
                False,
                "Slack did not report the token's scopes",
                "use a bot token (xoxb-…), not a user or legacy token",
            )
        )
        return checks
    granted = {s.strip() for s in scopes_header.split(",") if s.strip()}
    missing = [s for s in needed if s not in granted]
    if missing:
        checks.append(
            Check(
                "slack scopes",
                False,
                f"missing {', '.join(missing)}",
                "add them in OAuth & Permissions (or update the app from"
                " adapters/slack/manifest.yml), then reinstall the app to the workspace",
            )
        )
    else:
        checks.append(Check("slack scopes", True, f"all {len(needed)} scopes granted"))
    return checks


# ---------------------------------------------------------------- Discord


def detection_check(message_content: bool) -> Check:
    """Thank-you detection (issue 15) on Discord: it reads messages, so it needs the
    Message Content intent; without it, it is off (not an error: a choice)."""
    if message_content:
        return Check("discord thank-you detection", True, "on (/roots-config detect off stops it)")
    return Check(
        "discord thank-you detection",
        True,
        'off: Roots can\'t read messages, so "thanks @member" and @member++ go unnoticed;'
        " to turn it on, enable the Message Content intent (developer portal, Bot,"
        " Privileged Gateway Intents) and set ROOTS_DISCORD_MESSAGE_CONTENT=1",
    )


def team_kudos_check(members: bool) -> Check:
    """Team kudos (issue 15) on Discord: listing a role's members needs the Server Members
    intent; without it a role is refused politely (not an error: a choice)."""
    if members:
        return Check("discord team kudos", True, "on: /kudos team:@role thanks its members")
    return Check(
        "discord team kudos",
        True,
        "off: Roots can't see who holds a role, so /kudos team:@role is refused politely;"
        " to turn it on, enable the Server Members intent (developer portal, Bot,"
        " Privileged Gateway Intents) and set ROOTS_DISCORD_MEMBERS=1",
    )


async def check_discord(env: Mapping[str, str]) -> list[Check]:
    import discord

    from adapters.discord.bot import create_bot
    from adapters.discord.config import load_discord_settings

    settings = load_discord_settings(env)
    assert settings is not None
    bot = create_bot(None, settings)  # type: ignore[arg-type]  # no core: REST only
    checks: list[Check] = []
    try:
        async with bot:
            try:
                await asyncio.wait_for(bot.login(settings.token), TIMEOUT)
            except discord.LoginFailure:
                return [
                    Check(
                        "discord",
                        False,
                        "Discord refused DISCORD_TOKEN (GET /users/@me: 401)",
                        "copy the bot token again (developer portal, Bot, Reset Token)",
                    )
                ]
            me = bot.user
            checks.append(Check("discord", True, f"token valid: {me} (id {me.id if me else '?'})"))
            app = await asyncio.wait_for(bot.application_info(), TIMEOUT)
            flags = int(getattr(app.flags, "value", 0) or 0)
            if settings.message_content and not flags & MESSAGE_CONTENT_FLAGS:
                checks.append(
                    Check(
                        "discord intents",
                        False,
                        "ROOTS_DISCORD_MESSAGE_CONTENT=1 but the Message Content intent is off",
                        "enable it in the developer portal (Bot, Privileged Gateway Intents)"
                        " or unset ROOTS_DISCORD_MESSAGE_CONTENT",
                    )
                )
            elif settings.members and not flags & GUILD_MEMBERS_FLAGS:
                checks.append(
                    Check(
                        "discord intents",
                        False,
                        "ROOTS_DISCORD_MEMBERS=1 but the Server Members intent is off",
                        "enable it in the developer portal (Bot, Privileged Gateway Intents)"
                        " or unset ROOTS_DISCORD_MEMBERS",
                    )
                )
            else:
                wanted = "guilds, reactions" + (
                    ", messages, message content" if settings.message_content else ""
                )
                wanted += ", server members" if settings.members else ""
                checks.append(Check("discord intents", True, wanted))
            checks.append(detection_check(settings.message_content))
            checks.append(team_kudos_check(settings.members))
            expected = sorted(c.name for c in bot.tree.get_commands())
            synced = await asyncio.wait_for(bot.tree.fetch_commands(), TIMEOUT)
            missing = [name for name in expected if name not in {c.name for c in synced}]
            if missing:
                checks.append(
                    Check(
                        "discord commands",
                        False,
                        f"not synced: {', '.join(missing)}",
                        "run `roots discord sync` (global commands can take an hour to show)",
                    )
                )
            else:
                checks.append(
                    Check("discord commands", True, f"{len(expected)} commands synced globally")
                )
    except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as exc:
        checks.append(
            Check(
                "discord",
                False,
                f"Discord API error: {type(exc).__name__}: {exc}",
                "check the network (and DISCORD_API_URL if set)",
            )
        )
    return checks


# ---------------------------------------------------------------- scheduler


async def check_scheduler(db: Database) -> list[Check]:
    try:
        rows = await db.rows(
            "SELECT community_id, channel_id, kind, at_time, timezone, enabled,"
            " paused_reason, next_due_at FROM schedules ORDER BY next_due_at"
        )
    except Exception as exc:
        return [
            Check(
                "scheduler",
                False,
                f"cannot read schedules: {exc}",
                "start Roots once to apply migrations",
            )
        ]
    active = [r for r in rows if r[5] and not r[6] and r[7]]
    nxt = ", ".join(f"{r[7]} {r[2]} #{r[1]} ({r[0]})" for r in active[:NEXT_SHOWN])
    off = sum(1 for r in rows if not r[5])
    detail = f"{len(rows)} schedules, {len(active)} planned, {off} switched off"
    checks = [Check("scheduler", True, f"{detail}; next: {nxt}" if nxt else detail)]
    for r in rows:
        if r[5] and r[6]:
            checks.append(
                Check(
                    "scheduler",
                    False,
                    f"{r[2]} schedule of #{r[1]} in {r[0]} is paused: {r[6]}",
                    "give Roots access to that channel again (or pick another), then set the"
                    f" schedule again: /roots-config {'digest' if r[2] == 'digest' else 'prompts'}"
                    " #channel HH:MM",
                )
            )
    return checks


# ---------------------------------------------------------------- entry point


async def diagnose(env: Mapping[str, str]) -> list[Check]:
    checks, settings = check_settings(env)
    if settings is None:
        return checks
    checks.append(check_zones())
    db_check, db = await check_database(settings)
    checks.append(db_check)
    if "slack" in settings.platforms:
        checks += await check_slack(env)
    if "discord" in settings.platforms:
        checks += await check_discord(env)
    if db is not None:
        checks += await check_stored_zones(db)
        checks += await check_scheduler(db)
    return checks


def run_doctor(env: Mapping[str, str], out: TextIO) -> int:
    """Print every check; 1 when any failed."""
    checks: Sequence[Check] = asyncio.run(diagnose(env))
    for check in checks:
        print(check.line(), file=out, flush=True)
    failed = sum(1 for c in checks if not c.ok)
    print(f"{failed} problem(s) found." if failed else "Everything looks right.", file=out)
    return 1 if failed else 0
