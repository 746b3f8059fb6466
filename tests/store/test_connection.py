"""Opening the store: one writer at a time (real processes), crash safety, refusals."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from branchdesk.domain.errors import StoreUnusable
from branchdesk.store import migrations
from branchdesk.store.connection import Store, create_store, open_store
from branchdesk.store.lock import WriterLock

HOLDER = "holder-user"

#: A writer that holds the store until a line arrives on stdin.
HOLD_SCRIPT = """
import sys
from pathlib import Path
from branchdesk.store.connection import open_store
store = open_store(Path(sys.argv[1]), write=True)
print("ready", flush=True)
sys.stdin.readline()
store.close()
print("closed", flush=True)
"""

#: A writer that stops in the middle of a large write transaction (pages spill into the WAL).
WRITE_SCRIPT = """
import sys, time
from pathlib import Path
from branchdesk.store.connection import open_store
store = open_store(Path(sys.argv[1]), write=True)
store.conn.execute("PRAGMA cache_size = 8")
store.conn.execute("BEGIN IMMEDIATE")
store.conn.execute("UPDATE employers SET name = 'changed', lost_on = '2025-03-31'")
store.conn.executemany("INSERT INTO employers(symbol, name) VALUES (?, ?)",
                       ((f"9{i:07d}", "x" * 200) for i in range(20000)))
print("writing", flush=True)
time.sleep(120)
"""


@contextmanager
def child(script: str, path: Path, expect: str) -> Iterator[subprocess.Popen[str]]:
    """A second python process running ``script`` on ``path``, once it has printed ``expect``."""
    env = {**os.environ, "USER": HOLDER, "USERNAME": HOLDER}
    proc = subprocess.Popen([sys.executable, "-c", script, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line == expect, proc.stderr.read() if proc.stderr else line
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=30)


def closed_store(tmp_path: Path, employers: int = 3) -> Path:
    """A store with a few employers, closed (no lock, no WAL left)."""
    path = tmp_path / "s.db"
    with create_store(path, "31") as store, store.transaction() as conn:
        conn.executemany("INSERT INTO employers(symbol, name) VALUES (?, ?)",
                         [(f"{i:08d}", "テスト") for i in range(employers)])
    return path


def assert_unlocked(path: Path) -> None:
    """The writer's lock of ``path`` is free (taken and given back at once)."""
    lock = WriterLock(path)
    lock.acquire()
    lock.release()


def symbols(store: Store) -> list[str]:
    """The 事業所記号 of every employer."""
    return [r[0] for r in store.query("SELECT symbol FROM employers ORDER BY symbol")]


def test_second_writer_is_refused_at_once_naming_the_holder(tmp_path: Path) -> None:
    path = closed_store(tmp_path)
    with child(HOLD_SCRIPT, path, "ready") as proc:
        started = time.monotonic()
        with pytest.raises(StoreUnusable) as refused:
            open_store(path, write=True)
        assert time.monotonic() - started < 1.0
        assert refused.value.code == "store_locked"
        assert refused.value.exit_code == 3
        assert refused.value.params["user"] == HOLDER
        assert refused.value.params["pid"] == proc.pid
        assert HOLDER in refused.value.render("ja") and str(proc.pid) in refused.value.render("en")
        with open_store(path) as reader:  # a reader is never refused
            assert len(symbols(reader)) == 3
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "closed"
    with open_store(path, write=True) as writer:
        assert writer.writable


def test_killed_writer_leaves_the_store_as_before_and_unlocked(
        tmp_path: Path, store_digest: Callable[[Path], str]) -> None:
    path = closed_store(tmp_path, employers=50)
    before = store_digest(path)
    with child(WRITE_SCRIPT, path, "writing") as proc:
        wal = path.with_name(path.name + "-wal")
        assert wal.stat().st_size > 100_000  # the transaction had reached the disk
        with open_store(path) as reader:  # readers see the last commit meanwhile
            assert len(symbols(reader)) == 50
        proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
        proc.wait(timeout=30)
    with open_store(path, write=True) as store:
        assert store.scalar("PRAGMA integrity_check") == "ok"
        assert len(symbols(store)) == 50
        assert store.scalar("SELECT count(*) FROM employers WHERE lost_on IS NOT NULL") == 0
    assert store_digest(path) == before


@pytest.mark.parametrize("write", [False, True])
def test_store_from_a_newer_branchdesk_is_refused_untouched(tmp_path: Path, write: bool) -> None:
    path = closed_store(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreUnusable) as refused:
        open_store(path, write=write)
    assert refused.value.code == "store_newer"
    assert refused.value.params["version"] == migrations.SCHEMA_VERSION + 1
    assert "update branchdesk" in refused.value.render("en")
    assert path.read_bytes() == before
    assert_unlocked(path)  # the refusal did not keep the lock


def _directory(path: Path) -> None:
    path.mkdir()


def _text_file(path: Path) -> None:
    path.write_text("事業所記号,事業所名称\n12345678,テスト\n", encoding="utf-8")


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


def _truncated_store(path: Path) -> None:
    source = closed_store(path.parent / "src")
    path.write_bytes(source.read_bytes()[:8192])


def _garbage_after_header(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)


def _foreign_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE other (a)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(("make", "code"), [
    (None, "store_missing"),
    (_directory, "store_is_directory"),
    (_text_file, "store_not_database"),
    (_empty_file, "store_not_database"),
    (_truncated_store, "store_damaged"),
    (_garbage_after_header, "store_damaged"),
    (_foreign_database, "store_not_branchdesk"),
])
@pytest.mark.parametrize("write", [False, True])
def test_unusable_paths_are_refused_with_their_code(
        tmp_path: Path, make: Callable[[Path], Any] | None, code: str, write: bool) -> None:
    path = tmp_path / "bad.db"
    (tmp_path / "src").mkdir()
    if make is not None:
        make(path)
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(StoreUnusable) as refused:
        open_store(path, write=write)
    assert refused.value.code == code
    assert refused.value.exit_code == 3
    assert str(path) in refused.value.render("en")
    if before is not None:
        assert path.read_bytes() == before
    if path.exists():
        assert_unlocked(path)


def test_the_schema_version_constant_counts_every_migration() -> None:
    from branchdesk.store import migrations, version

    count = len(migrations.migrations._migrations)
    assert version.SCHEMA_VERSION == migrations.SCHEMA_VERSION == count
