"""Backups (consistent copies, rotation) and restore (refusals leave the store untouched)."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from branchdesk.domain.errors import InputRejected, StoreUnusable
from branchdesk.store import migrations
from branchdesk.store.backup import (
    backup_before,
    backup_to,
    backups_dir,
    list_backups,
    restore,
    rotate_import_backups,
)
from branchdesk.store.connection import Store, connect, create_store, open_store

Digest = Callable[[Path], str]


def symbols_at(path: Path) -> list[str]:
    """The 事業所記号 of every employer of the store at ``path``, opened read-only."""
    with open_store(path) as store:
        return [r[0] for r in store.query("SELECT symbol FROM employers ORDER BY symbol")]


def add_employers(store: Store, *symbols: str) -> None:
    """Insert employers in one committed transaction."""
    with store.transaction() as conn:
        conn.executemany("INSERT INTO employers(symbol, name) VALUES (?, 'テスト')",
                         [(s,) for s in symbols])


# --- backup_to ---------------------------------------------------------------------------


def test_backup_during_another_write_transaction_holds_committed_rows_only(
        store: Store, tmp_path: Path) -> None:
    add_employers(store, "10000001", "10000002")
    other = connect(store.path)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO employers(symbol, name) VALUES ('99999999', 'uncommitted')")
    dest = backup_to(store, tmp_path / "copy.db")
    other.execute("COMMIT")
    other.close()
    assert dest == tmp_path / "copy.db"
    assert symbols_at(dest) == ["10000001", "10000002"]
    with open_store(dest) as copy:
        assert copy.scalar("PRAGMA integrity_check") == "ok"
        assert copy.branch_code == "31"
    assert symbols_at(store.path) == ["10000001", "10000002", "99999999"]


def test_backup_is_one_self_contained_file(store: Store, tmp_path: Path) -> None:
    add_employers(store, "10000001")
    out = tmp_path / "out"
    out.mkdir()
    dest = backup_to(store, out / "copy.db")
    assert sorted(p.name for p in out.iterdir()) == ["copy.db"]  # no -wal, no temporary file
    conn = sqlite3.connect(dest)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def _existing(dest: Path) -> None:
    dest.write_bytes(b"keep me")


def _parent_missing(dest: Path) -> None:
    pass


def _parent_is_a_file(dest: Path) -> None:
    dest.parent.parent.mkdir(exist_ok=True)
    dest.parent.write_text("a file, not a folder")


@pytest.mark.parametrize(("make", "relative", "code"), [
    (_existing, "copy.db", "backup_dest_exists"),
    (_parent_missing, "missing/copy.db", "backup_dest_no_folder"),
    (_parent_is_a_file, "sub/file/copy.db", "backup_dest_no_folder"),
])
def test_backup_to_refuses_a_bad_destination(
        store: Store, tmp_path: Path, make: Callable[[Path], None], relative: str,
        code: str) -> None:
    dest = tmp_path / relative
    make(dest)
    before = dest.read_bytes() if dest.is_file() else None
    with pytest.raises(InputRejected) as refused:
        backup_to(store, dest)
    assert refused.value.code == code
    assert refused.value.exit_code == 2
    assert (dest.read_bytes() if dest.is_file() else None) == before


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="permissions do not stop root (or Windows ACLs) from writing")
def test_backup_to_refuses_a_read_only_folder(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(InputRejected) as refused:
            backup_to(store, folder / "copy.db")
        assert refused.value.code == "backup_dest_unwritable"
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


# --- automatic backups and rotation --------------------------------------------------------


@pytest.mark.parametrize("reason", ["import", "restore", "migration"])
def test_automatic_backup_is_named_and_listed(store: Store, reason: str) -> None:
    add_employers(store, "10000001")
    path = backup_before(store, reason)
    assert path.parent == backups_dir(store.path) == store.path.parent / "backups"
    assert re.fullmatch(rf"t_{reason}_\d{{8}}-\d{{6}}-\d{{6}}\.db", path.name)
    [info] = list_backups(store.path)
    assert (info.path, info.reason, info.size) == (path, reason, path.stat().st_size)
    assert abs(info.taken_at - datetime.now()) < timedelta(minutes=1)
    assert symbols_at(path) == ["10000001"]


def test_unknown_backup_reason_is_a_programming_error(store: Store) -> None:
    with pytest.raises(ValueError, match="reason"):
        backup_before(store, "whim")


def test_rotation_keeps_ten_import_backups_and_every_other_backup(store: Store) -> None:
    kept_forever = [backup_before(store, "restore"), backup_before(store, "migration")]
    taken = [backup_before(store, "import") for _ in range(12)]
    listed = list_backups(store.path)
    imports = [b.path for b in listed if b.reason == "import"]
    assert imports == taken[::-1][:10]  # newest first, the two oldest removed
    assert not taken[0].exists() and not taken[1].exists()
    assert all(p.exists() for p in kept_forever)
    assert [b.taken_at for b in listed] == sorted((b.taken_at for b in listed), reverse=True)


@pytest.mark.parametrize(("budget_in_backups", "expected_kept"), [
    (10.0, 4), (2.5, 2), (1.0, 1), (0.0, 1),  # the newest is kept even when alone too large
])
def test_rotation_keeps_fewer_import_backups_within_the_size_limit(
        store: Store, budget_in_backups: float, expected_kept: int) -> None:
    taken = [backup_before(store, "import") for _ in range(4)]
    migration = backup_before(store, "migration")
    size = taken[0].stat().st_size
    removed = rotate_import_backups(store.path, max_bytes=int(size * budget_in_backups))
    remaining = [b.path for b in list_backups(store.path) if b.reason == "import"]
    assert remaining == taken[::-1][:expected_kept]
    assert sorted(removed) == sorted(taken[::-1][expected_kept:])
    assert migration.exists()


# --- restore -------------------------------------------------------------------------------


def test_restore_brings_back_earlier_data_and_keeps_the_current_store(
        store: Store, tmp_path: Path) -> None:
    add_employers(store, "10000001")
    earlier = backup_to(store, tmp_path / "earlier.db")
    add_employers(store, "10000002")
    store.close()
    source_bytes = earlier.read_bytes()
    kept = restore(store.path, earlier)
    assert symbols_at(store.path) == ["10000001"]
    assert symbols_at(kept) == ["10000001", "10000002"]
    assert [(b.path, b.reason) for b in list_backups(store.path)] == [(kept, "restore")]
    assert earlier.read_bytes() == source_bytes
    with open_store(store.path, write=True) as again:
        assert again.scalar("PRAGMA journal_mode") == "wal"
        assert again.scalar("PRAGMA integrity_check") == "ok"


def test_restore_while_a_reader_has_the_store_open(store: Store, tmp_path: Path) -> None:
    add_employers(store, "10000001")
    earlier = backup_to(store, tmp_path / "earlier.db")
    add_employers(store, "10000002", "10000003")
    store.close()
    with open_store(store.path) as reader:
        assert reader.scalar("SELECT count(*) FROM employers") == 3
        restore(store.path, earlier)
        assert reader.scalar("SELECT count(*) FROM employers") == 1
        assert reader.scalar("PRAGMA integrity_check") == "ok"


def test_restore_is_refused_while_another_writer_holds_the_store(
        store: Store, tmp_path: Path) -> None:
    earlier = backup_to(store, tmp_path / "earlier.db")
    with pytest.raises(StoreUnusable) as refused:
        restore(store.path, earlier)
    assert refused.value.code == "store_locked"
    assert list_backups(store.path) == []


def _text(tmp_path: Path, store: Store) -> Path:
    path = tmp_path / "notes.db"
    path.write_text("not a database", encoding="utf-8")
    return path


def _foreign_sqlite(tmp_path: Path, store: Store) -> Path:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (a)")
    conn.commit()
    conn.close()
    return path


def _newer(tmp_path: Path, store: Store) -> Path:
    path = backup_to(store, tmp_path / "newer.db")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.close()
    return path


def _truncated(tmp_path: Path, store: Store) -> Path:
    path = backup_to(store, tmp_path / "full.db")
    cut = tmp_path / "cut.db"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return cut


def _other_branch(tmp_path: Path, store: Store) -> Path:
    path = tmp_path / "tokyo.db"
    create_store(path, "13").close()
    return path


def _missing(tmp_path: Path, store: Store) -> Path:
    return tmp_path / "nowhere.db"


def _itself(tmp_path: Path, store: Store) -> Path:
    return store.path


@pytest.mark.parametrize(("make", "code"), [
    (_text, "restore_not_store"),
    (_foreign_sqlite, "restore_not_store"),
    (_newer, "restore_source_newer"),
    (_truncated, "restore_source_damaged"),
    (_other_branch, "restore_other_branch"),
    (_missing, "restore_source_missing"),
    (_itself, "restore_same_file"),
])
def test_restore_refuses_a_bad_source_and_leaves_the_store_untouched(
        store: Store, tmp_path: Path, make: Callable[[Path, Store], Path], code: str) -> None:
    add_employers(store, "10000001")
    source = make(tmp_path, store)
    store.close()
    before = store.path.read_bytes()
    with pytest.raises(InputRejected) as refused:
        restore(store.path, source)
    assert refused.value.code == code
    assert refused.value.exit_code == 2
    assert store.path.read_bytes() == before
    assert list_backups(store.path) == []
    assert symbols_at(store.path) == ["10000001"]


def test_restore_refuses_referral_cases_into_a_portable_store(tmp_path: Path) -> None:
    office = create_store(tmp_path / "office.db", "31")
    with office.transaction() as conn:
        conn.execute("INSERT INTO referral_cases(person_key, checkup_on, checkup_month, cohort_fy)"
                     " VALUES ('P0001', '2024-06-01', 202406, 2024)")
    office.close()
    laptop = tmp_path / "laptop" / "t.db"
    create_store(laptop, "31", portable=True).close()
    with pytest.raises(InputRejected) as refused:
        restore(laptop, office.path)
    assert refused.value.code == "restore_referrals_portable"
    with open_store(laptop) as store:
        assert store.scalar("SELECT count(*) FROM referral_cases") == 0


def test_restore_replaces_a_damaged_store_and_keeps_its_bytes(
        store: Store, tmp_path: Path) -> None:
    add_employers(store, "10000001")
    earlier = backup_to(store, tmp_path / "earlier.db")
    store.close()
    damaged = b"SQLite format 3\x00" + b"\xff" * 20000
    store.path.write_bytes(damaged)
    with pytest.raises(StoreUnusable):
        open_store(store.path)
    kept = restore(store.path, earlier)
    assert kept.read_bytes() == damaged
    assert symbols_at(store.path) == ["10000001"]


def test_restore_of_a_store_with_another_page_size(store: Store, tmp_path: Path) -> None:
    add_employers(store, "10000001")
    source = backup_to(store, tmp_path / "big_pages.db")
    conn = sqlite3.connect(source, isolation_level=None)
    conn.execute("PRAGMA page_size = 8192")
    conn.execute("VACUUM")
    assert conn.execute("PRAGMA page_size").fetchone()[0] == 8192
    conn.close()
    add_employers(store, "10000002")
    store.close()
    restore(store.path, source)
    assert symbols_at(store.path) == ["10000001"]


@pytest.mark.parametrize(("content", "code"), [
    (b"Excel? no, a text file", "store_not_database"),
    (None, "store_not_branchdesk"),
])
def test_restore_never_overwrites_a_file_that_is_not_a_store(
        tmp_path: Path, content: bytes | None, code: str) -> None:
    source = tmp_path / "src.db"
    create_store(source, "31").close()
    target = tmp_path / "wrong.db"
    if content is None:
        conn = sqlite3.connect(target)
        conn.execute("CREATE TABLE mine (a)")
        conn.commit()
        conn.close()
    else:
        target.write_bytes(content)
    before = target.read_bytes()
    with pytest.raises(StoreUnusable) as refused:
        restore(target, source)
    assert refused.value.code == code
    assert target.read_bytes() == before


def test_restore_on_a_missing_store_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "src.db"
    create_store(source, "31").close()
    with pytest.raises(StoreUnusable) as refused:
        restore(tmp_path / "absent.db", source)
    assert refused.value.code == "store_missing"
    assert not (tmp_path / "absent.db").exists()


def test_restored_backup_of_the_kept_store_round_trips(store: Store, tmp_path: Path) -> None:
    add_employers(store, "10000001")
    earlier = backup_to(store, tmp_path / "earlier.db")
    add_employers(store, "10000002")
    store.close()
    kept = restore(store.path, earlier)
    shutil.copyfile(kept, tmp_path / "undo.db")
    restore(store.path, tmp_path / "undo.db")  # undoing the restore brings both back
    assert symbols_at(store.path) == ["10000001", "10000002"]
