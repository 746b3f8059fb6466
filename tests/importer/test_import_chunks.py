"""Large imports go through in chunks: a register is read, validated and written a few rows at a
time (here: tiny chunks and slices, so a small file takes every path a 600,000-row one takes).
Whatever the path — a store's first register written while it is read, or staged and compared —
the store ends the same, and a cancel at any point leaves it as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from import_helpers import EMPLOYER_HEADERS, employer_rows, store_digest, write_xlsx

from branchdesk.domain.errors import Cancelled
from branchdesk.domain.jobs import TaskState
from branchdesk.exchange import validate, xlsx_stream
from branchdesk.exchange.importer import ImportOptions, run_import, staging
from branchdesk.store.connection import create_store, open_store
from branchdesk.store.registers import stage

#: Columns compared between stores (uids and timestamps differ by nature).
EMPLOYER_COLUMNS = ("id, symbol, name, name_kana, municipality_code, lost_on, search_key, "
                    "locally_edited")


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 7 rows, writes of 5 positions, slices of a few rows."""
    monkeypatch.setattr(validate, "CHUNK_ROWS", 7)
    monkeypatch.setattr(stage, "WRITE_CHUNK", 5)
    monkeypatch.setattr(xlsx_stream, "FIRST_SLICE_BYTES", 200)
    monkeypatch.setattr(xlsx_stream, "SLICE_BYTES", 600)


def _contents(path: Path) -> dict[str, Any]:
    with open_store(path) as store:
        return {
            "employers": [tuple(r) for r in store.query(
                f"SELECT {EMPLOYER_COLUMNS} FROM employers ORDER BY id")],
            "headcounts": [tuple(r) for r in store.query(
                "SELECT register_id, employer_id, insured, dependents FROM employer_headcounts "
                "ORDER BY 1, 2")],
            "registers": [tuple(r) for r in store.query(
                "SELECT id, as_of, listed, insured_total FROM employer_registers")],
            "audit": [tuple(r) for r in store.query(
                "SELECT table_name, record_id, action, json_extract(changes, '$.count') "
                "FROM audit ORDER BY id")],
            "uids": store.scalar("SELECT COUNT(DISTINCT uid) = COUNT(*) FROM employers"),
        }


def _summary(result: Any) -> tuple[Any, ...]:
    return (result.outcome, [s.counts for s in result.sheets],
            [(p.code, p.row, p.value) for p in result.problems])


def _rows(kind: str) -> list[list[Any]]:
    rows = employer_rows(40)
    if kind == "exact duplicate":
        rows.insert(30, list(rows[3]))
    elif kind == "conflicting duplicate":
        rows.insert(30, [rows[3][0], "別の名前", "ベツ", "312011", 5, "2025/3/31"])
    elif kind == "a lone 7-digit symbol":
        rows[25][0] = 3100024.0
    elif kind == "no kana column":
        rows = [row[:2] + row[3:] for row in rows]
    return rows


@pytest.mark.parametrize("kind", ["plain", "exact duplicate", "conflicting duplicate",
                                  "a lone 7-digit symbol", "no kana column"])
def test_a_first_register_written_while_read_ends_as_the_staged_write(
        tmp_path, small_chunks, monkeypatch, kind):
    file = write_xlsx(tmp_path / "台帳.xlsx", _rows(kind), title="基準日：令和7年3月31日")
    options = ImportOptions(skip_invalid=True)
    fresh, staged = tmp_path / "fresh.db", tmp_path / "staged.db"
    for path in (fresh, staged):
        create_store(path, "31").close()
    written = _summary(run_import(fresh, [file], options))
    monkeypatch.setattr(staging, "is_fresh", lambda store: False)
    assert _summary(run_import(staged, [file], options)) == written
    assert _contents(fresh) == _contents(staged)
    assert _contents(fresh)["uids"] == 1
    assert written[1][0]["added"] == (39 if kind == "conflicting duplicate" else 40)


def test_a_register_in_chunks_then_again_changes_nothing(store_path, tmp_path, small_chunks):
    file = write_xlsx(tmp_path / "台帳.xlsx", employer_rows(60))
    first = run_import(store_path, [file], ImportOptions())
    assert (first.outcome, first.sheets[0].counts["added"]) == ("imported", 60)
    before = _contents(store_path)
    again = run_import(store_path, [file], ImportOptions())
    assert (again.outcome, again.sheets[0].counts["unchanged"]) == ("unchanged", 60)
    assert _contents(store_path) == before


class CancelAt(TaskState):
    """Cancels at the ``at``-th ``check`` once ``phase`` has shown in the progress text."""

    def __init__(self, phase: str, at: int) -> None:
        super().__init__()
        self.phase, self.at, self.checks = phase, at, 0

    def check(self) -> None:
        if self.phase in self.progress[1]:
            self.checks += 1
            if self.checks >= self.at:
                self.cancel()
        super().check()


@pytest.mark.parametrize(("phase", "at", "registers_before"), [
    ("台帳", 3, 0),  # reading a first register: chunks already written by the writer thread
    ("employers", 2, 1),  # writing: comparing the 60 staged rows (12 chunks of 5)
    ("employers", 20, 1),  # writing: 40 added employers, chunks 1–6 of 12 inserted
    ("backup", 1, 1),  # everything written and backed up, the import not yet recorded
])
def test_a_cancel_mid_way_leaves_the_store_as_it_was(store_path, tmp_path, small_chunks, phase,
                                                      at, registers_before):
    if registers_before:
        run_import(store_path, [write_xlsx(tmp_path / "旧.xlsx", employer_rows(
            20, as_of="2024/3/31"))], ImportOptions())
    file = write_xlsx(tmp_path / "台帳.xlsx", employer_rows(60, insured=30))
    before = store_digest(store_path)
    state = CancelAt(phase, at)
    with pytest.raises(Cancelled):
        run_import(store_path, [file], ImportOptions(), state)
    assert state.checks >= at  # it was cancelled where meant, not before
    assert store_digest(store_path) == before
    assert run_import(store_path, [file], ImportOptions()).outcome == "imported"


def test_headers_found_by_synonym_write_the_same_in_chunks(store_path, tmp_path, small_chunks):
    rows = employer_rows(30)
    rows[0] = ["記号", *EMPLOYER_HEADERS[1:]]
    result = run_import(store_path, [write_xlsx(tmp_path / "r.xlsx", rows)], ImportOptions())
    assert result.sheets[0].counts["added"] == 30
