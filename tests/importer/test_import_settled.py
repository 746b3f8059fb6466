"""A re-imported register is compared with the store while it is read: when that comparison
shows nothing to lose, reactivate or add to the history, the set-wise statements are skipped.
Either way the import must end exactly as the full comparison does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from import_helpers import employer_rows, write_xlsx

from branchdesk.exchange import validate, xlsx_stream
from branchdesk.exchange.importer import ImportOptions, run_import
from branchdesk.store.connection import create_store, open_store
from branchdesk.store.registers import stage
from branchdesk.store.registers.tally import RegisterTally

R6 = ("基準日：令和6年3月31日", "2024/3/31")
R7 = ("基準日：令和7年3月31日", "2025/3/31")
#: "Registers" that are statements run on the store instead.
LOSE = "UPDATE employers SET lost_on = '2025-03-31' WHERE symbol = '31000006'"
ADD = "INSERT INTO employers (symbol, name, locally_edited) VALUES ('31009999', '手入力', 1)"


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 7 rows, writes of 5 positions, slices of a few rows."""
    monkeypatch.setattr(validate, "CHUNK_ROWS", 7)
    monkeypatch.setattr(stage, "WRITE_CHUNK", 5)
    monkeypatch.setattr(xlsx_stream, "FIRST_SLICE_BYTES", 200)
    monkeypatch.setattr(xlsx_stream, "SLICE_BYTES", 600)


def _register(date: tuple[str, str], count: int = 40, change: str = "") -> tuple[str, list]:
    rows = employer_rows(count, as_of=date[1])
    if change == "name":
        rows[5][1] = "株式会社改名"
    elif change == "headcount":
        rows[5][4] = 99
    return date[0], rows


#: name → (the registers imported before, the one observed, settled without the statements)
SCENARIOS: dict[str, tuple[list[tuple[str, list]], tuple[str, list], bool]] = {
    "unchanged": ([_register(R7)], _register(R7), True),
    "a name changed": ([_register(R7)], _register(R7, change="name"), True),
    "a headcount changed": ([_register(R7)], _register(R7, change="headcount"), False),
    "an employer missing": ([_register(R7)], _register(R7, 39), False),
    "an employer new": ([_register(R7)], _register(R7, 41), False),
    "a lost employer listed again": ([_register(R7), _register(R7, 39)], _register(R7), False),
    "a newer register": ([_register(R6)], _register(R7), False),
    "an older register": ([_register(R7)], _register(R6), False),
    "an employer lost by hand": ([_register(R7), (LOSE, [])], _register(R7), False),
    "an employer added by hand": ([_register(R7), (ADD, [])], _register(R7), False),
}


def _contents(path: Path) -> dict[str, Any]:
    with open_store(path) as store:
        def rows(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(r) for r in store.query(sql)]
        return {
            "employers": rows("SELECT id, symbol, name, lost_on, search_key, locally_edited "
                              "FROM employers ORDER BY id"),
            "headcounts": rows("SELECT * FROM employer_headcounts ORDER BY 1, 2"),
            "registers": rows("SELECT id, as_of, listed, insured_total FROM employer_registers"),
            "audit": rows("SELECT table_name, record_id, action, changes FROM audit ORDER BY id"),
        }


def _import_all(path: Path, tmp_path: Path, name: str, seen: list[bool] | None = None
                ) -> tuple[Any, ...]:
    """Every register of the scenario; ``seen`` is emptied before the last one."""
    before, last, _ = SCENARIOS[name]
    create_store(path, "31").close()
    for index, (title, rows) in enumerate([*before, last]):
        if title in (LOSE, ADD):
            with open_store(path, write=True) as store, store.transaction():
                store.conn.execute(title)
            continue
        file = write_xlsx(tmp_path / f"台帳{index}.xlsx", rows, title=title)
        if index == len(before) and seen is not None:
            seen.clear()
        result = run_import(path, [file], ImportOptions())
    return result.outcome, [s.counts for s in result.sheets]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_a_settled_register_ends_as_the_full_comparison(tmp_path, small_chunks, monkeypatch,
                                                        name):
    settles = RegisterTally.settles
    seen: list[bool] = []

    def spy(self: RegisterTally, as_of: Any, staged: int) -> bool:
        seen.append(settles(self, as_of, staged))
        return seen[-1]

    monkeypatch.setattr(RegisterTally, "settles", spy)
    quick = _import_all(tmp_path / "quick.db", tmp_path, name, seen)
    assert (seen == [True]) is SCENARIOS[name][2]  # the observed import took the path meant
    monkeypatch.setattr(RegisterTally, "settles", lambda self, as_of, staged: False)
    full = _import_all(tmp_path / "full.db", tmp_path, name)
    assert quick == full
    assert _contents(tmp_path / "quick.db") == _contents(tmp_path / "full.db")


@pytest.mark.parametrize(("name", "outcome", "expected"), [
    ("unchanged", "unchanged", {"unchanged": 40, "changed": 0, "history": 0, "lost": 0}),
    ("a name changed", "imported", {"unchanged": 39, "changed": 1, "history": 0, "lost": 0}),
    ("a headcount changed", "imported", {"unchanged": 40, "history": 1, "lost": 0}),
    ("an employer missing", "imported", {"unchanged": 39, "history": 1, "lost": 1}),
    ("a lost employer listed again", "imported", {"changed": 1, "reactivated": 1}),
    ("an employer lost by hand", "imported", {"changed": 1, "reactivated": 1, "history": 0}),
    ("an employer added by hand", "imported", {"unchanged": 40, "lost": 1, "history": 0}),
])
def test_a_re_imported_register_reports_what_changed(tmp_path, small_chunks, name, outcome,
                                                     expected):
    result_outcome, counts = _import_all(tmp_path / "store.db", tmp_path, name)
    assert result_outcome == outcome
    assert {k: counts[0][k] for k in expected} == expected


def test_two_registers_in_one_import_compare_the_second_after_the_first(store_path, tmp_path,
                                                                        small_chunks):
    run_import(store_path, [write_xlsx(tmp_path / "台帳.xlsx", employer_rows(40), title=R7[0])],
               ImportOptions())
    renamed = employer_rows(39)
    renamed[6][1] = "株式会社改名"
    files = [write_xlsx(tmp_path / "a.xlsx", renamed, title=R7[0]),
             write_xlsx(tmp_path / "b.xlsx", employer_rows(40), title=R7[0])]
    result = run_import(store_path, files, ImportOptions())
    first, second = (s.counts for s in result.sheets)
    assert (first["lost"], first["changed"]) == (1, 1)
    assert (second["reactivated"], second["changed"], second["history"]) == (1, 2, 1)
    with open_store(store_path) as store:
        assert [tuple(r) for r in store.query(
            "SELECT name, lost_on FROM employers WHERE symbol IN ('31000006', '31000040') "
            "ORDER BY symbol")] == [
            ("株式会社テスト6", None), ("株式会社テスト40", None)]
