"""An import killed with SIGKILL leaves the store as it was (exchange.md §2 step 4, cli.md locks).

A real child process (``python -m branchdesk import``) imports a 100,000-row register and is
killed while it holds the writer's lock: once while reading (as soon as the lock names it) and
once while writing (its uncommitted pages already in the store's ``-wal`` file or, for the first
register of an empty store, written through the rollback journal into the store itself).
Afterwards the store opens, passes SQLite's integrity check, holds exactly what it held before,
is back in WAL mode, and a new writer takes the lock at once. Synthetic data only.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from branchdesk.exchange.importer import ImportOptions, run_import
from branchdesk.store.connection import Store, create_store, open_store
from branchdesk.store.lock import lock_path

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

BIG_ROWS = 100_000
FIRST_ROWS = 20
HEADER = ["事業所記号", "事業所名称", "事業所名称カナ", "郵便番号", "所在地", "業態区分",
          "被保険者数", "被扶養者数", "基準日"]
#: How much the ``-wal`` file must grow before the kill: the child is writing its transaction.
WAL_GROWTH = 1 << 20
TIMEOUT_S = 30.0


def write_register(path: Path, rows: int, as_of: str, *, bump: int = 0) -> Path:
    """A UTF-8 CSV employer register of ``rows`` synthetic employers dated ``as_of``."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(
            [f"{31_000_000 + i:08d}", f"株式会社テスト商事{i}", "テストショウジ",
             f"680-{i % 10_000:04d}", f"鳥取市東町{i % 50}丁目{i % 997}番地", "製造業",
             i % 300 + 1 + bump, i % 40, as_of] for i in range(rows))
    return path


def snapshot(store_path: Path) -> tuple[str, dict[str, int]]:
    """A digest of the employers table and the row count of every table."""
    with open_store(store_path) as store:
        digest = hashlib.sha256()
        for row in store.query("SELECT * FROM employers ORDER BY id"):
            digest.update(repr(tuple(row)).encode())
        return digest.hexdigest(), _counts(store)


def _counts(store: Store) -> dict[str, int]:
    names = [r[0] for r in store.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: store.scalar(f'SELECT COUNT(*) FROM "{name}"') for name in names}


def _lock_holder(store_path: Path) -> object:
    try:
        return json.loads(lock_path(store_path).read_text(encoding="utf-8") or "{}").get("pid")
    except (OSError, ValueError):
        return None


def _wal_size(store_path: Path) -> int:
    wal = store_path.with_name(store_path.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def _db_size(store_path: Path) -> int:
    return store_path.stat().st_size


def wait_for(trigger: str, child: subprocess.Popen[bytes], store_path: Path) -> None:
    """Poll until the child holds the lock ("lock"), or its transaction grows the WAL ("wal") or,
    written through the rollback journal, the store itself ("store")."""
    size = {"lock": _wal_size, "wal": _wal_size, "store": _db_size}[trigger]
    start, deadline = size(store_path), time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        assert child.poll() is None, "the import ended before it could be killed"
        if _lock_holder(store_path) == child.pid and (
                trigger == "lock" or size(store_path) > start + WAL_GROWTH):
            return
        time.sleep(0.005)
    pytest.fail(f"no {trigger} trigger within {TIMEOUT_S} s")


@pytest.fixture
def store_with_employers(tmp_path: Path) -> Path:
    """A store holding a first register of 20 employers."""
    store = tmp_path / "branch.db"
    create_store(store, "31").close()
    first = write_register(tmp_path / "first.csv", FIRST_ROWS, "2025/3/31")
    assert run_import(store, [first], ImportOptions()).outcome == "imported"
    return store


@pytest.fixture
def empty_store(tmp_path: Path) -> Path:
    """A store without employers: its first register is written through the rollback journal."""
    store = tmp_path / "branch.db"
    create_store(store, "31").close()
    return store


@pytest.mark.parametrize(("trigger", "fixture"), [
    ("lock", "store_with_employers"), ("wal", "store_with_employers"),
    ("lock", "empty_store"), ("store", "empty_store")])
def test_an_import_killed_mid_way_leaves_the_store_as_it_was(
        trigger: str, fixture: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    store: Path = request.getfixturevalue(fixture)
    before = snapshot(store)
    big = write_register(tmp_path / "big.csv", BIG_ROWS, "2025/6/30", bump=1)
    env = {**os.environ, "BRANCHDESK_HOME": str(tmp_path / "home")}
    with (tmp_path / "child.log").open("wb") as log:
        child = subprocess.Popen(
            [sys.executable, "-m", "branchdesk", "import", str(big), "--db", str(store)],
            stdout=log, stderr=log, env=env)
        try:
            wait_for(trigger, child, store)
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.kill()
            child.wait(timeout=TIMEOUT_S)
    assert child.returncode == -signal.SIGKILL
    with open_store(store, write=True) as writer:  # the lock is free at once, no waiting
        assert writer.scalar("PRAGMA integrity_check") == "ok"
        assert _lock_holder(store) == os.getpid()
        assert writer.scalar("PRAGMA journal_mode") == "wal"  # back from the rollback journal
    assert snapshot(store) == before
