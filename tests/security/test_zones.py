"""Security issue #12, item 13: time zones come from the tzdata package, never the host.

A name only the host knows (``localtime``, ``posixrules``) or that is no place
(``Factory``) is refused: on a host with only the tzdata package, every command of a
community that saved one failed. And the rules of a zone are read from the tzdata
package Roots depends on, not the host's /usr/share/zoneinfo (Python's zoneinfo reads
the host copy first), so two hosts post the same schedule at the same instant.
"""

from __future__ import annotations

import asyncio
import importlib.resources
import sqlite3
import subprocess
import sys
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.config import Settings, SettingsError, load_settings
from bot.wiring import Core, running_core
from tests.adapters.test_runner import environment, roots
from tests.fakes import admin, ask, assert_given, assert_refused, en, thank
from tests.ops.test_doctor import console
from tests.storage import pg

PACKAGE_ZONES = importlib.resources.files("tzdata").joinpath("zoneinfo")


def package_zone(key: str) -> zoneinfo.ZoneInfo:
    with PACKAGE_ZONES.joinpath(*key.split("/")).open("rb") as f:
        return zoneinfo.ZoneInfo.from_file(f, key=key)


def stale_zone_dir(tmp_path: Path) -> Path:
    """A host zoneinfo directory that lies: 'America/Vancouver' has Tokyo's rules, and it
    has names the tzdata package does not (localtime, posixrules, Mars/Base)."""
    root = tmp_path / "zoneinfo"
    for name in ("America/Vancouver", "localtime", "posixrules", "Mars/Base"):
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with PACKAGE_ZONES.joinpath("Asia", "Tokyo").open("rb") as src:
            target.write_bytes(src.read())
    return root


@pytest.mark.parametrize("value", ["localtime", "Factory", "posixrules"])
async def test_item13_names_the_tzdata_package_lacks_are_refused(core: Core, value: str) -> None:
    reply = await admin(core, "roots-config", "timezone", value)
    assert_refused(reply, "config.bad_timezone", value=value)


async def test_item13_host_only_names_are_refused_wherever_a_zone_is_typed(core: Core) -> None:
    reply = await admin(core, "roots-config", "prompts", "#general", "09:00", "posix/localtime")
    assert_refused(reply, "config.bad_timezone", value="posix/localtime")
    with pytest.raises(SettingsError, match="ROOTS_DEFAULT_TIMEZONE"):
        load_settings({"ROOTS_DEFAULT_TIMEZONE": "localtime"})
    # a host-style name of a real zone is saved as the package's name
    await admin(core, "roots-config", "timezone", "posix/Europe/Paris")
    shown = await admin(core, "roots-config", "show")
    assert "Europe/Paris" in shown.as_text() and "posix" not in shown.as_text()


def execute(url: str, sql: str) -> None:
    if url.startswith("sqlite:"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            conn.execute(sql)
    else:
        pg.rows(url, sql)


async def test_item13_a_community_saved_with_a_host_only_zone_keeps_working(
    core: Core, db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Saved before names were checked (or on a host that had it): read as UTC, with a
    warning for the operator, instead of failing every command of the community."""
    from bot.timezones import _warn_unknown

    _warn_unknown.cache_clear()  # the warning is logged once per name and process
    assert_given(await thank(core, "alice", "bob"))
    execute(db_url, "UPDATE communities SET timezone = 'localtime'")
    async with running_core(Settings(database_url=db_url), clock=core.clock) as fresh:
        assert_given(await thank(fresh, "carol", "bob"))
        board = await ask(fresh, "leaderboard", "week")
        assert board.as_text() != en("error.unexpected") and "@bob" in board.as_text()
    assert any("'localtime' is not in the tzdata package" in r.getMessage() for r in caplog.records)


def test_item13_zones_are_built_in_bot_timezones_only() -> None:
    """The one place: a ZoneInfo built anywhere else would read the host's files."""
    root = Path(__file__).parents[2]
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for folder in ("bot", "adapters", "cogs", "bench")
        for path in sorted((root / folder).rglob("*.py"))
        if path.name != "timezones.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "ZoneInfo(" in line or "available_timezones" in line or "reset_tzpath" in line
    ]
    assert offenders == []


def test_item13_host_only_names_are_refused_even_when_the_host_has_them(tmp_path: Path) -> None:
    script = (
        "from bot.timezones import TimezoneError, check_zone\n"
        "for name in ('localtime', 'posixrules', 'Mars/Base', 'Factory'):\n"
        "    try:\n"
        "        check_zone(name)\n"
        "        print(name, 'accepted')\n"
        "    except TimezoneError:\n"
        "        print(name, 'refused')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**environment(tmp_path), "PYTHONTZPATH": str(stale_zone_dir(tmp_path))},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.split("\n")[:4] == [
        "localtime refused",
        "posixrules refused",
        "Mars/Base refused",
        "Factory refused",
    ], done.stdout + done.stderr


def test_item13_a_schedule_fires_by_the_package_rules_whatever_the_host_has(
    tmp_path: Path,
) -> None:
    """A Vancouver prompt at 09:00, set on 2026-11-10 on a host whose zone files are wrong:
    Roots plans it by the tzdata package's rules."""
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--env-file", str(tmp_path / "none"), "console",
         "--clock", "2026-11-10T00:00"],
        input="/as admin:ana\n/roots-config prompts #general 09:00 America/Vancouver\n",
        env={**environment(tmp_path), "PYTHONTZPATH": str(stale_zone_dir(tmp_path))},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )  # fmt: skip
    with sqlite3.connect(tmp_path / "roots.db") as conn:
        rows = conn.execute("SELECT timezone, next_due_at FROM schedules").fetchall()
    assert len(rows) == 1, done.stdout + done.stderr
    zone, due = rows[0]
    assert zone == "America/Vancouver"
    vancouver = package_zone("America/Vancouver")
    expected = datetime.combine(date(2026, 11, 10), time(9), vancouver).astimezone(UTC)
    assert datetime.fromisoformat(due) == expected
    tokyo_nine = datetime(2026, 11, 10, 0, tzinfo=UTC)  # 09:00 by the host's wrong rules
    assert datetime.fromisoformat(due) - tokyo_nine >= timedelta(hours=15)


def test_item13_the_zone_autocomplete_offers_the_package_zones_only(tmp_path: Path) -> None:
    from cogs.config import _zones, zone_choices

    zoneinfo.reset_tzpath([str(stale_zone_dir(tmp_path))])
    _zones.cache_clear()
    try:
        assert zone_choices("Mars") == []
        offered = {c.value for c in zone_choices("Europe/Par")}
        assert offered == {"Europe/Paris"}
        listed = set(_zones())
        package = set(importlib.resources.files("tzdata").joinpath("zones").read_text().split())
        assert listed <= package
        assert {"UTC", "Europe/Paris", "America/Vancouver"} <= listed
    finally:
        zoneinfo.reset_tzpath()
        _zones.cache_clear()


async def test_item13_doctor_says_which_zone_data_it_uses(tmp_path: Path) -> None:
    from importlib.metadata import version

    proc = await roots(tmp_path, "doctor", PYTHONTZPATH=str(stale_zone_dir(tmp_path)))
    out, _ = await asyncio.wait_for(proc.communicate(), 60)
    lines = out.decode().splitlines()
    zones = [x for x in lines if x.startswith("ok   zones:")]
    assert zones == [f"ok   zones: tzdata {version('tzdata')} (package)"], lines


async def test_item13_doctor_names_a_stored_zone_the_package_lacks(tmp_path: Path) -> None:
    console(tmp_path, "/as admin:ana\n/roots-config prompts #general 09:00 Europe/Paris\n")
    with sqlite3.connect(tmp_path / "roots.db") as conn:
        conn.execute("UPDATE communities SET timezone = 'localtime'")
        conn.execute("UPDATE schedules SET timezone = 'Factory'")
    proc = await roots(tmp_path, "doctor")
    out, _ = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 1
    failed = [x for x in out.decode().splitlines() if x.startswith("FAIL zones:")]
    assert len(failed) == 2, out.decode()
    assert "community console uses the time zone 'localtime'" in failed[0]
    assert "schedule console #general uses the time zone 'Factory'" in failed[1]
    assert all("read as UTC — fix: set it again" in x for x in failed)
