"""A store's first register is written through the rollback journal when the import is alone on
the store (pages written once, not into the WAL and again into the store): the store ends the
same as through the WAL, is back in WAL mode afterwards, keeps the automatic backup only when
the import changed it, and an import that is not alone on the store takes the WAL path."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from import_helpers import employer_rows, store_digest, write_xlsx

from branchdesk.domain.jobs import TaskState
from branchdesk.exchange.importer import ImportOptions, run_import, staging
from branchdesk.store.backup import list_backups
from branchdesk.store.connection import create_store, open_store


def journal_mode(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


class Watching(TaskState):
    """Notes the store's journal mode each time the import reports progress."""

    def __init__(self, path: Path) -> None:
        super().__init__(lambda fraction, text: self.modes.add(journal_mode(path)))
        self.modes: set[str] = set()


def test_a_first_register_alone_on_the_store_ends_as_through_the_wal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = write_xlsx(tmp_path / "台帳.xlsx", employer_rows(50), title="基準日：令和7年3月31日")
    bulk, wal = tmp_path / "bulk.db", tmp_path / "wal.db"
    for path in (bulk, wal):
        create_store(path, "31").close()
    watched = [Watching(bulk), Watching(wal)]
    assert run_import(bulk, [file], ImportOptions(), watched[0]).outcome == "imported"
    monkeypatch.setattr(staging, "is_fresh", lambda store: False)
    assert run_import(wal, [file], ImportOptions(), watched[1]).outcome == "imported"
    assert [w.modes for w in watched] == [{"delete"}, {"wal"}]
    assert journal_mode(bulk) == journal_mode(wal) == "wal"
    assert len(_rows(bulk)) == 50 and _rows(bulk) == _rows(wal)
    assert [b.reason for b in list_backups(bulk)] == ["import"]


def _rows(path: Path) -> list[tuple[object, ...]]:
    with open_store(path) as store:
        return [tuple(r) for r in store.query(
            "SELECT e.symbol, e.name, h.insured, r.as_of FROM employers e JOIN "
            "employer_headcounts h ON h.employer_id = e.id JOIN employer_registers r "
            "ON r.id = h.register_id ORDER BY e.id")]


def test_an_import_that_is_refused_keeps_no_backup_and_leaves_wal_mode(
        store_path: Path, tmp_path: Path) -> None:
    rows = employer_rows(5)
    rows[3][0] = "12AB"  # an invalid 事業所記号: the whole file is refused
    file = write_xlsx(tmp_path / "台帳.xlsx", rows, title="基準日：令和7年3月31日")
    before = store_digest(store_path)
    watching = Watching(store_path)
    assert run_import(store_path, [file], ImportOptions(), watching).outcome == "rejected"
    assert watching.modes == {"delete"}
    assert store_digest(store_path) == before
    assert list_backups(store_path) == [] and journal_mode(store_path) == "wal"


def test_an_import_not_alone_on_the_store_writes_through_the_wal(
        store_path: Path, tmp_path: Path) -> None:
    file = write_xlsx(tmp_path / "台帳.xlsx", employer_rows(20), title="基準日：令和7年3月31日")
    with open_store(store_path) as reader:  # the app's reader, say
        assert reader.scalar("SELECT COUNT(*) FROM employers") == 0
        watching = Watching(store_path)
        assert run_import(store_path, [file], ImportOptions(), watching).outcome == "imported"
        assert reader.scalar("SELECT COUNT(*) FROM employers") == 20
    assert watching.modes == {"wal"} and journal_mode(store_path) == "wal"


def test_a_store_left_in_rollback_mode_is_put_back_in_wal_mode_by_the_next_writer(
        store_path: Path) -> None:
    conn = sqlite3.connect(store_path)
    assert conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    conn.close()
    with open_store(store_path) as reader:  # a reader leaves it as it is
        assert reader.scalar("PRAGMA journal_mode") == "delete"
    with open_store(store_path, write=True):
        pass
    assert journal_mode(store_path) == "wal"
