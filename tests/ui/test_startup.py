"""Start-up checks: locked, newer, damaged, missing stores; the dialog that offers backups."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from branchdesk.store import migrations
from branchdesk.store.backup import backup_before
from branchdesk.store.connection import create_store, open_store
from branchdesk.store.lock import WriterLock
from branchdesk.ui.app import run
from branchdesk.ui.main_window import MainWindow
from branchdesk.ui.startup import StartupDialog, check_at_start

PAGE = 4096
_CRASH = """
import os, sys
from pathlib import Path
from branchdesk.store.connection import open_store
store = open_store(Path(sys.argv[1]), write=True)
with store.transaction() as conn:
    conn.execute("INSERT INTO settings VALUES ('crash', 'yes', 'now')")
os._exit(0)  # no close: the -wal file stays, as after a power cut
"""

_CRASH_IN_ROLLBACK_MODE = """
import os, sys
from pathlib import Path
from branchdesk.store.connection import open_store
from branchdesk.store.journal import rollback_journal
store = open_store(Path(sys.argv[1]), write=True)
with rollback_journal(store, True) as switched:
    assert switched
    store.conn.execute("PRAGMA cache_size = 20")  # pages reach the store before the commit
    store.conn.execute("BEGIN IMMEDIATE")
    store.conn.executemany("INSERT INTO employers (symbol, name) VALUES (?, ?)",
                           [(f"9{i:07d}", "途中" * 40) for i in range(20000)])
    os._exit(0)  # killed in the middle of the import: a hot journal is left
"""


def _store(path: Path, employers: int = 3000) -> Path:
    store = create_store(path, "31")
    with store.transaction() as conn:
        conn.executemany("INSERT INTO employers (symbol, name, search_key) VALUES (?, ?, ?)",
                         [(f"{i:08d}", f"事業所{i}", f"じぎょうしょ{i}" * 4)
                          for i in range(employers)])
    store.close()
    return path


def _crash_while_writing(path: Path) -> None:
    subprocess.run([sys.executable, "-c", _CRASH, str(path)], check=True)
    assert path.with_name(path.name + "-wal").stat().st_size > 0


def _damage_pages(path: Path, first: int, count: int = 8) -> None:
    with open(path, "r+b") as f:
        f.seek(first * PAGE)
        f.write(b"\xa5" * PAGE * count)


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    for suffix in ("", "-wal"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            h.update(part.read_bytes())
    return h.hexdigest()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return _store(tmp_path / "branch.db")


def test_a_clean_store_is_not_quick_checked(store_path: Path) -> None:
    check = check_at_start(store_path)
    assert check.usable and not check.read_only and not check.quick_checked


def test_after_an_unclean_shutdown_a_sound_store_is_checked_and_opens(store_path: Path) -> None:
    _crash_while_writing(store_path)
    check = check_at_start(store_path)
    assert check.quick_checked and check.usable
    with open_store(store_path) as store:  # the crashed transaction had committed
        assert store.scalar("SELECT value FROM settings WHERE key = 'crash'") == "yes"


def test_after_a_crash_in_a_first_import_the_store_opens_as_it_was(store_path: Path) -> None:
    size = store_path.stat().st_size
    subprocess.run([sys.executable, "-c", _CRASH_IN_ROLLBACK_MODE, str(store_path)], check=True)
    assert store_path.with_name(store_path.name + "-journal").exists()
    assert store_path.stat().st_size > size  # half an import reached the store itself
    check = check_at_start(store_path)  # SQLite rolls the hot journal back on opening
    assert check.usable and not check.read_only
    with open_store(store_path, write=True) as store:
        assert store.scalar("SELECT COUNT(*) FROM employers WHERE symbol LIKE '9%'") == 0
        assert store.scalar("SELECT COUNT(*) FROM employers") == 3000
        assert store.scalar("PRAGMA journal_mode") == "wal"
        assert store.scalar("PRAGMA integrity_check") == "ok"


@pytest.mark.parametrize(("damage", "code"), [
    ("header", "store_damaged"),
    ("pages_after_crash", "store_damaged"),
    ("newer", "store_newer"),
    ("missing", "store_missing"),
    ("not_a_store", "store_not_database"),
])
def test_problems_are_found_before_opening(store_path: Path, damage: str, code: str) -> None:
    _make_problem(store_path, damage)
    check = check_at_start(store_path)
    assert not check.usable
    assert check.problem is not None and check.problem.code == code
    assert str(store_path) in check.problem.render("ja")


def _make_problem(path: Path, damage: str) -> None:
    if damage == "header":
        with open(path, "r+b") as f:
            f.seek(16)
            f.write(b"\x00\x03")  # an impossible page size
    elif damage == "pages_after_crash":
        _crash_while_writing(path)
        _damage_pages(path, first=100)
    elif damage == "newer":
        with sqlite3.connect(path) as conn:
            conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    elif damage == "missing":
        path.unlink()
    elif damage == "not_a_store":
        path.write_bytes(b"PK\x03\x04 not sqlite at all" * 100)


@pytest.mark.parametrize("damage", ["header", "pages_after_crash", "newer"])
def test_a_store_with_a_problem_is_never_written(store_path: Path, damage: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _make_problem(store_path, damage)
    before = _digest(store_path)
    assert run(store_path, smoke_test=True) == 3
    assert _digest(store_path) == before
    assert "ストア" in capsys.readouterr().err


def test_a_locked_store_opens_read_only_with_a_banner(store_path: Path, qtbot,
                                                      make_context) -> None:
    lock = WriterLock(store_path)
    lock.acquire()
    try:
        check = check_at_start(store_path)
        assert check.usable and check.read_only
        context = make_context(store_path)
        window = MainWindow(context, locked_by=check.locked_by)
        qtbot.addWidget(window)
        window.show()
        assert window.banner.isVisible()
        assert "読み取り専用" in window.banner.text()
        assert "書き込み中" in window.banner.text()
        window.close()
    finally:
        lock.release()


@pytest.fixture
def damaged_with_backup(store_path: Path) -> Iterator[Path]:
    with open_store(store_path) as store:
        backup_before(store, "manual")
    _make_problem(store_path, "header")
    yield store_path


def test_the_dialog_lists_the_backups_and_restores_one(damaged_with_backup: Path,
                                                       qtbot) -> None:
    check = check_at_start(damaged_with_backup)
    dialog = StartupDialog(check, "ja")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "ストアを開けません"
    assert dialog.backups.count() == 1
    assert "手動" in dialog.backups.item(0).text()
    assert dialog.restore_button.text() == "復元(&R)"
    assert not dialog.create_button.isVisibleTo(dialog)
    assert dialog.restore_selected()
    assert dialog.result() == QDialog.DialogCode.Accepted
    again = check_at_start(damaged_with_backup)
    assert again.usable
    with open_store(damaged_with_backup) as store:
        assert store.scalar("SELECT COUNT(*) FROM employers") == 3000


def test_a_missing_store_can_be_made_for_a_branch(tmp_path: Path, qtbot) -> None:
    path = tmp_path / "new" / "branch.db"
    dialog = StartupDialog(check_at_start(path), "ja")
    qtbot.addWidget(dialog)
    assert dialog.create_button.isVisibleTo(dialog)
    assert not dialog.restore_button.isEnabled()  # no backups to restore
    dialog.branches.setCurrentIndex(dialog.branches.findData("13"))
    assert dialog.branches.currentText() == "13 東京"
    assert dialog.create_new()
    with open_store(path) as store:
        assert store.branch_code == "13"
