"""Bots under test as their own OS processes, and what the platform benches share.

The platform benches (``bench.slack_kudos``, ``bench.slack_plusplus``,
``bench.discord_kudos``) run in production shape: the process running the bench
is the load generator AND the fake platform (the loopback fakes of tests/); each
bot under test is a separate OS process started here, Roots as the real ``roots``
command (``python -m bot.cli slack|discord``) with its environment pointing at
the fakes, the baselines as small scripts in bench/. A bot's CPU is read from
``/proc/<pid>/stat`` (utime + stime, every thread of the process) right before
and right after a measured pass, and divided by the requests answered in it.

Sides alternate within a run (A B, B A, A B, ...: :func:`alternating`), and the
reports give medians over rounds and, for ratios, the median of the per-round
ratios against the baseline measured in the same round (:func:`per_round_ratio`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import math
import os
import signal
import socket
import sqlite3
import sys
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Mapping, Sequence
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from bench._common import json_line, median, percentile, table

ROOT = Path(__file__).resolve().parent.parent
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
# Settings a bot under test must not inherit from the shell running the bench
# (a real token, a production DATABASE_URL, a metrics port already in use...).
_PREFIXES = ("SLACK_", "DISCORD_", "ROOTS_", "DATABASE_URL")
REPLY_TIMEOUT = 30.0  # seconds: a visible reply later than this fails the run


# ---------------------------------------------------------------- /proc


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system, all threads) used so far by process ``pid``."""
    # Fields after the command name, which may hold spaces: ")" ends it.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime (fields 14, 15)


def rss_bytes(pid: int) -> int:
    """Resident set size of process ``pid`` now."""
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE


def free_port() -> int:
    """A loopback TCP port free right now (the bot listens on it just after)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def port_open(port: int) -> bool:
    try:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return False
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    return True


def count_rows(db: Path, sql: str) -> int:
    """One number from the SQLite file a bot wrote (read-only, the bot may still run)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


# ---------------------------------------------------------------- processes


class BotDied(RuntimeError):
    pass


def bot_env(extra: Mapping[str, str]) -> dict[str, str]:
    """This process's environment without platform or Roots settings, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(_PREFIXES)}
    env.update(extra)
    return env


def roots_argv(platform: str) -> list[str]:
    """The real ``roots <platform>`` command; no .env file is read."""
    return [sys.executable, "-m", "bot.cli", "--env-file", os.devnull, platform]


def script_argv(module: str, *args: str) -> list[str]:
    return [sys.executable, "-m", module, *args]


class BotProcess:
    """One bot under test, as its own process; its output goes to ``log``."""

    def __init__(self, name: str, argv: Sequence[str], env: Mapping[str, str], log: Path) -> None:
        self.name = name
        self.argv = list(argv)
        self.env = dict(env)
        self.log = log
        self.process: asyncio.subprocess.Process | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    async def start(self) -> BotProcess:
        with self.log.open("ab") as out:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv, env=self.env, cwd=ROOT, stdout=out, stderr=out
            )
        return self

    def check_alive(self) -> None:
        assert self.process is not None
        if self.process.returncode is not None:
            tail = self.log.read_text(errors="replace").splitlines()[-15:]
            raise BotDied(
                f"{self.name} exited with code {self.process.returncode}; its last output:\n  "
                + "\n  ".join(tail)
            )

    async def wait_until(self, ready: Callable[[], Awaitable[bool] | bool], within: float) -> None:
        """Poll ``ready`` until true; fail if the bot exits or ``within`` seconds pass."""
        deadline = time.monotonic() + within
        while True:
            self.check_alive()
            found = ready()
            if not isinstance(found, bool):
                found = await found
            if found:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"{self.name} was not ready after {within:.0f} s (see {self.log})"
                )
            await asyncio.sleep(0.05)

    def cpu(self) -> float:
        self.check_alive()
        return cpu_seconds(self.pid)

    def rss(self) -> int:
        return rss_bytes(self.pid)

    async def stop(self, grace: float = 10.0) -> int | None:
        """SIGTERM (Roots stops cleanly on it), SIGKILL after ``grace`` seconds."""
        if self.process is None or self.process.returncode is not None:
            return None if self.process is None else self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.process.wait(), grace)
        except TimeoutError:
            self.process.kill()
            return await self.process.wait()


@contextlib.asynccontextmanager
async def running(bot: BotProcess) -> Any:
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()


# ---------------------------------------------------------------- load


class Replies:
    """Visible replies seen by a fake, matched to the request waiting for each (by key)."""

    def __init__(self) -> None:
        self._waiting: dict[str, asyncio.Future[Any]] = {}
        self._early: dict[str, Any] = {}

    def expect(self, key: str) -> asyncio.Future[Any]:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        if key in self._early:
            future.set_result(self._early.pop(key))
        else:
            self._waiting[key] = future
        return future

    def arrived(self, key: str, payload: Any) -> None:
        future = self._waiting.pop(key, None)
        if future is None:
            self._early[key] = payload
        elif not future.done():
            future.set_result(payload)

    def clear(self) -> None:
        self._waiting.clear()
        self._early.clear()


async def measured_pass(
    bot: BotProcess, n: int, concurrency: int, one: Callable[[int], Awaitable[None]]
) -> dict[str, float]:
    """Run ``one(0..n-1)`` from ``concurrency`` workers; each returns at its visible reply.

    Answered/s over the pass's wall time, latency percentiles, the bot process's
    CPU (read from /proc right before and after) per answered request, and the
    share of one CPU this process (load generator + fake) was busy: near 100 %,
    the generator, not the bot, bounds the rate.
    """
    latencies: list[float] = []
    jobs = iter(range(n))

    async def worker() -> None:
        for i in jobs:
            started = time.perf_counter()
            await one(i)
            latencies.append(time.perf_counter() - started)

    cpu_before, own_before = bot.cpu(), time.process_time()
    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - began
    cpu_after, own_after = bot.cpu(), time.process_time()
    return {
        "n": n,
        "seconds": elapsed,
        "rate": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "cpu_ms": (cpu_after - cpu_before) / len(latencies) * 1000,
        "rss_mb": bot.rss() / 2**20,
        "gen_busy": (own_after - own_before) / elapsed,
    }


async def reply_within(future: Awaitable[Any], what: str) -> Any:
    try:
        return await asyncio.wait_for(future, REPLY_TIMEOUT)
    except TimeoutError:
        raise TimeoutError(f"no visible reply to {what} within {REPLY_TIMEOUT:.0f} s") from None


# ---------------------------------------------------------------- rounds and reports

KEYS = ("rate", "p50_ms", "p99_ms", "cpu_ms", "rss_mb", "gen_busy")
GEN_BUSY_WARN = 0.85


def alternating(sides: Sequence[str], rounds: int) -> Iterator[tuple[int, str]]:
    """(round, side): A B C, then C B A, then A B C... so no side always goes first."""
    for r in range(rounds):
        for side in sides if r % 2 == 0 else list(reversed(sides)):
            yield r, side


def medians(runs: Sequence[dict[str, float]]) -> dict[str, float]:
    return {key: median([run[key] for run in runs]) for key in KEYS if key in runs[0]}


def per_round_ratio(
    runs: Sequence[dict[str, float]], base: Sequence[dict[str, float]], key: str
) -> float:
    """Median over rounds of side/baseline, each round's pair having run back to back.
    A round whose baseline measured 0 (CPU time counts in 10 ms ticks: a tiny run may
    see none) has no ratio; with none left, the ratio is not a number (never "met")."""
    found = [r[key] / b[key] for r, b in zip(runs, base, strict=True) if b[key] > 0]
    return median(found) if found else math.nan


def side_rows(
    result: dict[str, Any], labels: Mapping[str, str], baseline: str
) -> list[list[object]]:
    """Table rows: each side's medians and its per-round ratios to the baseline."""
    rows: list[list[object]] = []
    for side, label in labels.items():
        if side not in result["sides"]:
            continue
        m = result["sides"][side]
        ratios = result["ratios"].get(side, {})
        rows.append(
            [
                label,
                f"{m['rate']:,.0f}",
                f"{m['p50_ms']:.1f}",
                f"{m['p99_ms']:.1f}",
                f"{m['cpu_ms']:.2f}",
                f"{m['rss_mb']:.0f}",
                f"{m['gen_busy']:.0%}",
                "" if side == baseline else f"{ratios['rate']:.2f}",
                "" if side == baseline else f"{ratios['cpu_ms']:.2f}",
            ]
        )
    return rows


def sides_table(result: dict[str, Any], labels: Mapping[str, str], baseline: str) -> str:
    headers = ["side", "answered/s", "p50 ms", "p99 ms", "CPU ms/req", "RSS MB", "gen busy"]
    headers += [f"rate x {baseline}", f"CPU x {baseline}"]
    return table(headers, side_rows(result, labels, baseline))


def summarize(
    runs: Mapping[str, Sequence[dict[str, float]]], baseline: str
) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """Medians per side, and per-round ratios (rate, CPU, p99) of each side to ``baseline``."""
    sides = {side: medians(found) for side, found in runs.items() if found}
    ratios = {
        side: {
            key: per_round_ratio(found, runs[baseline], key) for key in ("rate", "cpu_ms", "p99_ms")
        }
        for side, found in runs.items()
        if side != baseline and found and len(found) == len(runs[baseline])
    }
    return sides, ratios


def progress(round_: int, rounds: int, label: str, run: dict[str, float]) -> None:
    print(
        f"  round {round_ + 1}/{rounds} {label:>18}: {run['rate']:>7,.0f} answered/s"
        f"  p50 {run['p50_ms']:6.1f} ms  p99 {run['p99_ms']:6.1f} ms"
        f"  cpu {run['cpu_ms']:.2f} ms/req",
        file=sys.stderr,
        flush=True,
    )


def verdict(met: bool | None) -> str:
    return "info" if met is None else ("met" if met else "MISSED")


def target_lines(targets: Sequence[dict[str, Any]]) -> list[str]:
    return [
        f"{t['target']}: {t['measured']} (goal {t['goal']}): {verdict(t['met'])}" for t in targets
    ]


def notes(result: dict[str, Any], labels: Mapping[str, str]) -> list[str]:
    """Warnings about what may skew the figures: a saturated load generator, a busy machine."""
    lines = []
    busy = [labels[s] for s, m in result["sides"].items() if m["gen_busy"] > GEN_BUSY_WARN]
    if busy:
        lines.append(
            f"WARNING: the load generator (this process) was busy > {GEN_BUSY_WARN:.0%} of a CPU"
            f" on: {', '.join(busy)}; those rates are bounded by the generator, not the bot."
        )
    load = result.get("loadavg_before", [0.0])[0]
    cpus = os.cpu_count() or 1
    if load > 0.5 * cpus:
        lines.append(
            f"WARNING: load average {load:.1f} on {cpus} CPUs before the run: other processes"
            " share the machine, rates and p99 are noisy (CPU per request much less so)."
        )
    return lines


def platform_args(prog: str, unit: str, argv: list[str] | None = None) -> argparse.Namespace:
    """The options every platform bench takes; ``unit`` names what one request is."""
    parser = argparse.ArgumentParser(prog=f"python -m {prog}")
    parser.add_argument("--n", type=int, default=1_000, help=f"{unit} per pass (distinct givers)")
    parser.add_argument("--receivers", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of the sides")
    parser.add_argument("--warmup", type=int, default=100, help=f"untimed {unit} per bot start")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if args.receivers < 3:
        parser.error("--receivers must be at least 3")
    return args


def run_platform_bench(
    args: argparse.Namespace,
    measure: Callable[[argparse.Namespace], Coroutine[Any, Any, dict[str, Any]]],
    report: Callable[[dict[str, Any]], str],
    log_level: int = logging.WARNING,
) -> dict[str, Any]:
    """Measure, print the table and the JSON line; with --strict, exit 1 on a missed target."""
    logging.basicConfig(level=log_level)
    started = time.perf_counter()
    result: dict[str, Any] = asyncio.run(measure(args))
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(report(result))
    print(json_line(result))
    if args.strict and not all(t["met"] for t in result["targets"] if t["met"] is not None):
        raise SystemExit(1)
    return result


async def run_rounds(
    sides: Sequence[str],
    labels: Mapping[str, str],
    rounds: int,
    prefix: str,
    run_side: Callable[[str, Path, str], Awaitable[dict[str, dict[str, float]]]],
) -> dict[str, list[dict[str, float]]]:
    """Every side ``rounds`` times, alternating, each in a fresh temporary directory's
    subfolder: the runs of each label, in order, with a progress line per run."""
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in labels}
    with TemporaryDirectory(prefix=prefix) as tmp:
        for r, side in alternating(sides, rounds):
            for name, run in (await run_side(side, Path(tmp), f"{side}-{r}")).items():
                runs[name].append(run)
                progress(r, rounds, name, run)
    return runs
