"""A long write flushes the store's WAL as it goes: the data a reader then sees is the same,
and a WAL that cannot be flushed only turns the flushing off."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from branchdesk.store.connection import PAGE_SIZE, create_store, open_store
from branchdesk.store.walflush import WalFlusher


def test_a_new_store_has_the_large_page_size(tmp_path: Path) -> None:
    with create_store(tmp_path / "branch.db", "31") as store:
        assert store.scalar("PRAGMA page_size") == PAGE_SIZE == 16384


@pytest.mark.parametrize("background", [False, True])
def test_flushing_mid_transaction_changes_nothing_a_reader_sees(tmp_path: Path,
                                                                background: bool) -> None:
    path = tmp_path / "branch.db"
    create_store(path, "31").close()
    with open_store(path, write=True) as store:
        flusher = WalFlusher(path)
        store.conn.execute("BEGIN IMMEDIATE")
        for chunk in range(3):
            store.conn.executemany(
                "INSERT INTO settings (key, value, changed_at) VALUES (?, ?, 'now')",
                [(f"bench/{chunk}/{i}", "x" * 500) for i in range(400)])
            flusher.request() if background else flusher.flush()
        flusher.close()  # waits for the flushing thread
        assert not flusher.failed and flusher.fd is None and flusher.thread is None
        store.conn.execute("COMMIT")
    reader = sqlite3.connect(path)
    assert reader.execute("SELECT COUNT(*) FROM settings WHERE key LIKE 'bench/%'"
                          ).fetchone()[0] == 1200
    assert reader.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reader.close()


def test_a_missing_wal_turns_the_flushing_off_without_an_error(tmp_path: Path) -> None:
    flusher = WalFlusher(tmp_path / "nowhere.db")
    flusher.flush()
    flusher.flush()
    assert flusher.failed and flusher.fd is None
    flusher.close()
