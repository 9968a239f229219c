"""`make bench`'s summary: a target is met only when a bench measured it and it holds."""

from __future__ import annotations

from typing import Any

import pytest

from bench import summary
from bench.summary import Bench


def target(name: str, met: bool | None, goal: str = ">= 1x") -> dict[str, Any]:
    return {"target": name, "measured": "x", "goal": goal, "met": met}


def fake_benches(monkeypatch: pytest.MonkeyPatch, **mains: Any) -> None:
    benches = {
        key: Bench(f"bench.{key}", main, [], ["--quick-args"], ((f"{key} target", ">= 1x"),))
        for key, main in mains.items()
    }
    monkeypatch.setattr(summary, "BENCHES", benches)


def test_a_failing_bench_shows_its_targets_as_not_measured(monkeypatch, capsys) -> None:
    def broken(argv: list[str] | None) -> dict[str, Any]:
        raise ConnectionRefusedError("PostgreSQL is down")

    def fine(argv: list[str] | None) -> dict[str, Any]:
        return {"targets": [target("fine target", True), target("fine info", None, "info")]}

    fake_benches(monkeypatch, fine=fine, broken=broken)
    result = summary.main([])
    statuses = {row["target"]: row["status"] for row in result["rows"]}
    assert statuses["fine target"] == "met"
    assert statuses["fine info"] == "info"
    assert statuses["broken target"].startswith("not measured (bench.broken failed: ")
    assert "PostgreSQL is down" in statuses["broken target"]
    assert result["met"] == 1 and result["not_measured"] == 1 and not result["all_met"]
    out = capsys.readouterr().out
    assert "1 met, 0 missed, 1 not measured" in out


def test_a_target_without_a_verdict_is_not_met(monkeypatch) -> None:
    def partial(argv: list[str] | None) -> dict[str, Any]:
        unreadable = {**target("server cpu", None), "not_measured": "server not readable"}
        return {"targets": [target("no samples", None), unreadable, target("slow", False)]}

    fake_benches(monkeypatch, partial=partial)
    result = summary.main([])
    statuses = [row["status"] for row in result["rows"]]
    assert statuses == ["not measured", "not measured (server not readable)", "MISSED"]
    assert not result["all_met"]
    with pytest.raises(SystemExit):
        summary.main(["--strict"])


def test_quick_and_only(monkeypatch) -> None:
    seen: list[list[str] | None] = []

    def record(argv: list[str] | None) -> dict[str, Any]:
        seen.append(argv)
        return {"targets": [target("a target", True)]}

    fake_benches(monkeypatch, a=record, b=record)
    result = summary.main(["--quick", "--only", "a"])
    assert seen == [["--quick-args"]]
    assert [row["status"] for row in result["rows"]] == [
        "met",
        "not measured (skipped by --only)",
    ]
    assert not result["all_met"]
