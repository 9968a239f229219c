"""Security issue #12, item 15: a CSV export never hands a spreadsheet a formula.

A member's name or kudos reason such as ``=cmd|' /C calc'!A0`` or ``+SUM(A1:A9)`` was
written as is: opening the export in a spreadsheet ran it. Text cells starting with
``= + - @``, a tab or a carriage return now start with ``'`` (the spreadsheet's "this is
text" mark). Numbers are written as numbers (a negative integer is not a formula), and
the JSON export keeps the exact stored text.
"""

from __future__ import annotations

import asyncio
import csv
import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.clock import ManualClock
from bot.config import Settings
from bot.datatools.export import CommunityExport, TableData, write_csv_dir
from bot.wiring import running_core
from tests.fakes import COMMUNITY, START, assert_given, thank

FORMULAS = {
    "=1+2": "'=1+2",
    "+SUM(A1:A9)": "'+SUM(A1:A9)",
    "-2+3": "'-2+3",
    "@SUM(A1)": "'@SUM(A1)",
    "\tx=1": "'\tx=1",
    "\rx=1": "'\rx=1",
}
REASON = "=cmd|' /C calc'!A0 thanks"


async def seed(url: str) -> None:
    async with running_core(Settings(database_url=url), clock=ManualClock(START)) as core:
        for name in FORMULAS:
            assert_given(await thank(core, name, "bob", reason=f"for {name.strip()}"))
        assert_given(await thank(core, "alice", "bob", reason=REASON))


def export(monkeypatch: pytest.MonkeyPatch, url: str, *args: str) -> int:
    monkeypatch.setenv("DATABASE_URL", url)
    return main(["--env-file", "/nonexistent/roots.env", "export", "--community", COMMUNITY, *args])


def test_item15_csv_cells_never_start_a_formula(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asyncio.run(seed(db_url))
    out = tmp_path / "csv"
    assert export(monkeypatch, db_url, "--format", "csv", "--output", str(out)) == 0
    with open(out / "members.csv", encoding="utf-8", newline="") as f:
        names = {row["display_name"] for row in csv.DictReader(f)}
    assert set(FORMULAS.values()) <= names, names
    assert {"alice", "bob"} <= names  # ordinary text is untouched
    with open(out / "kudos.csv", encoding="utf-8", newline="") as f:
        kudos = list(csv.DictReader(f))
    assert "'" + REASON in {k["reason"] for k in kudos}
    assert [k["kudos_id"] for k in kudos] == [str(n) for n in range(1, len(kudos) + 1)]
    for path in out.iterdir():
        with open(path, encoding="utf-8", newline="") as f:
            for row in list(csv.reader(f))[1:]:
                for cell in row:
                    assert not cell.startswith(("=", "+", "@", "\t", "\r")), (path.name, cell)
                    assert not cell.startswith("-") or cell.lstrip("-").isdigit(), cell

    doc_path = tmp_path / "all.json"
    assert export(monkeypatch, db_url, "--output", str(doc_path)) == 0
    doc = json.loads(doc_path.read_text(encoding="utf-8"))
    assert set(FORMULAS) <= {m["display_name"] for m in doc["tables"]["members"]}  # JSON as stored
    assert REASON in {k["reason"] for k in doc["tables"]["kudos"]}


def test_item15_numbers_stay_numbers(tmp_path: Path) -> None:
    table = TableData("numbers", ["n", "x", "text"], [(-5, -1.5, "-5"), (7, 0.0, "=A1")])
    write_csv_dir(CommunityExport(COMMUNITY, 3, [table]), tmp_path / "out")
    with open(tmp_path / "out" / "numbers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [["n", "x", "text"], ["-5", "-1.5", "'-5"], ["7", "0.0", "'=A1"]]
