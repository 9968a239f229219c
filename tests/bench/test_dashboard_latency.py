"""bench.dashboard_latency runs end to end at a tiny size on both backends and grades each
page against issue #14's targets; an unreachable PostgreSQL reads "not measured"."""

from __future__ import annotations

from bench import dashboard_latency

TINY = ["--sizes", "300,600", "--calls", "3", "--warmup", "1"]


def test_both_backends_are_timed_and_graded(postgres_url: str) -> None:
    server = postgres_url.split("?")[0]  # the bench makes a schema of its own
    result = dashboard_latency.main([*TINY, "--url", server])
    assert set(result["backends"]) == {"sqlite", "postgres"}
    for sizes in result["backends"].values():
        assert set(sizes) == {"300", "600"}
        assert all(sizes[s][page]["p99_ms"] > 0 for s in sizes for page in ("roots", "community"))
    names = [t["target"] for t in result["targets"]]
    assert names == [
        "Dashboard My roots p99 at 600 rows (sqlite)",
        "Dashboard Community p99 at 600 rows (sqlite)",
        "Dashboard My roots p99 at 600 rows (postgres)",
        "Dashboard Community p99 at 600 rows (postgres)",
    ]
    assert all(isinstance(t["met"], bool) for t in result["targets"])


def test_without_postgres_its_targets_are_not_measured() -> None:
    unreachable = "postgresql://postgres@127.0.0.1:1/test"
    result = dashboard_latency.main([*TINY, "--url", unreachable])
    assert "error" in result["backends"]["postgres"]
    graded = {t["target"]: t for t in result["targets"]}
    missing = graded["Dashboard My roots p99 at 600 rows (postgres)"]
    assert missing["met"] is None and missing["not_measured"]
    assert isinstance(graded["Dashboard My roots p99 at 600 rows (sqlite)"]["met"], bool)
