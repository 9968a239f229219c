"""The harness's process and CPU helpers: the CPU it reports is the bot process's own."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

from bench.procs import (
    BotDied,
    BotProcess,
    alternating,
    bot_env,
    cpu_seconds,
    per_round_ratio,
    roots_argv,
    running,
    summarize,
)

BURN = "import time\nend = time.process_time() + 0.4\nwhile time.process_time() < end: pass\n"
SLEEP = "import time\ntime.sleep(60)\n"


def child(tmp_path: Path, name: str, code: str) -> BotProcess:
    argv = [sys.executable, "-c", code]
    return BotProcess(name, argv, bot_env({}), tmp_path / f"{name}.log")


async def test_cpu_is_the_bot_process_time_not_ours(tmp_path: Path) -> None:
    """A child burning 0.4 s of CPU shows it; a sleeping child shows (almost) none."""
    burner = child(tmp_path, "burner", BURN + SLEEP)
    sleeper = child(tmp_path, "sleeper", SLEEP)
    async with running(burner), running(sleeper):
        await burner.wait_until(lambda: burner.cpu() >= 0.4, 20)
        assert 0.35 <= burner.cpu() < 2.0
        assert sleeper.cpu() < 0.2
        assert cpu_seconds(burner.pid) == pytest.approx(burner.cpu(), abs=0.05)


async def test_a_bot_that_exits_fails_with_its_last_output(tmp_path: Path) -> None:
    bot = child(
        tmp_path, "broken", "import sys\nprint('roots: configuration problem')\nsys.exit(2)"
    )
    async with running(bot):
        with pytest.raises(BotDied, match=r"exited with code 2(.|\n)*configuration problem"):
            await bot.wait_until(lambda: False, 20)


async def test_stop_ends_a_bot_that_ignores_sigterm(tmp_path: Path) -> None:
    ready = tmp_path / "ready"
    code = (
        "import pathlib, signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        f"pathlib.Path({str(ready)!r}).touch()\ntime.sleep(60)\n"
    )
    bot = child(tmp_path, "stubborn", code)
    await bot.start()
    # Started, handler installed: the file says so (its CPU time, once the sign, may be a
    # single 10 ms tick on a quiet machine).
    await bot.wait_until(ready.exists, 20)
    assert await bot.stop(grace=0.5) is not None
    with pytest.raises(BotDied):
        bot.check_alive()


def test_bot_env_drops_the_shells_platform_and_roots_settings(monkeypatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-real")
    monkeypatch.setenv("DATABASE_URL", "postgresql://prod")
    monkeypatch.setenv("ROOTS_METRICS_PORT", "9100")
    env = bot_env({"SLACK_API_URL": "http://127.0.0.1:1/api/"})
    assert "SLACK_BOT_TOKEN" not in env and "DATABASE_URL" not in env
    assert "ROOTS_METRICS_PORT" not in env
    assert env["SLACK_API_URL"] == "http://127.0.0.1:1/api/"
    assert roots_argv("slack")[1:3] == ["-m", "bot.cli"] and roots_argv("slack")[-1] == "slack"


def test_sides_alternate_so_none_always_goes_first() -> None:
    assert list(alternating(["a", "b"], 3)) == [
        (0, "a"), (0, "b"), (1, "b"), (1, "a"), (2, "a"), (2, "b"),
    ]  # fmt: skip


def test_ratios_are_taken_round_by_round() -> None:
    """A machine slow in one round slows both sides of that round: the ratio holds."""
    roots = [{"rate": 50.0}, {"rate": 500.0}, {"rate": 60.0}]
    bare = [{"rate": 100.0}, {"rate": 1000.0}, {"rate": 100.0}]
    assert per_round_ratio(roots, bare, "rate") == 0.5
    run = {"rate": 1.0, "p50_ms": 1.0, "p99_ms": 2.0, "cpu_ms": 1.0, "rss_mb": 1.0, "gen_busy": 0}
    sides, ratios = summarize({"bare": [run], "roots": [{**run, "cpu_ms": 3.0}]}, "bare")
    assert ratios["roots"]["cpu_ms"] == 3.0 and "bare" not in ratios
    assert sides["roots"]["cpu_ms"] == 3.0


def test_a_round_whose_baseline_measured_nothing_has_no_ratio() -> None:
    """CPU time counts in 10 ms ticks: a tiny run's baseline may measure 0 (this crashed
    the bench with a division by zero)."""
    roots = [{"cpu_ms": 1.0}, {"cpu_ms": 2.0}]
    assert per_round_ratio(roots, [{"cpu_ms": 0.0}, {"cpu_ms": 1.0}], "cpu_ms") == 2.0
    assert math.isnan(per_round_ratio(roots, [{"cpu_ms": 0.0}, {"cpu_ms": 0.0}], "cpu_ms"))
