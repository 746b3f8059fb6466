"""Backups and restore of the store (cli.md "Backups:").

Every copy goes through SQLite's backup API, so it is consistent even while the store is open and
another connection is in the middle of a write: the copy holds what was committed when it started.
A copy is written to a temporary name beside its destination and renamed into place, so a
destination never holds a partial file. Copies are single files (rollback journal, no -wal).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from branchdesk.domain.errors import InputRejected, StoreUnusable
from branchdesk.store.check import integrity_lines
from branchdesk.store.connection import SQLITE_MAGIC, Store
from branchdesk.store.lock import WriterLock
from branchdesk.store.version import SCHEMA_VERSION

#: Reasons of automatic backups; "manual" is the `backup` command's default destination.
REASONS = ("import", "restore", "migration", "manual")
KEEP_IMPORT_BACKUPS = 10
IMPORT_BACKUPS_MAX_BYTES = 5 * 1024**3
_STAMP = "%Y%m%d-%H%M%S-%f"
_TEMP_SUFFIX = ".partial"
_BUSY_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class BackupInfo:
    """One automatic backup in the `backups` folder."""

    path: Path
    reason: str
    taken_at: datetime
    size: int


@dataclass(frozen=True)
class _SourceInfo:
    branch_code: str
    has_referrals: bool


@dataclass(frozen=True)
class _CurrentInfo:
    branch_code: str
    portable: bool
    page_size: int


def backups_dir(store_path: Path) -> Path:
    """The `backups` folder beside the store."""
    return store_path.parent / "backups"


def backup_to(store: Store, dest: Path) -> Path:
    """Write a consistent copy of ``store`` to ``dest`` and return ``dest``.

    Refuses (``InputRejected``, exit 2) a destination that exists or whose folder is missing or
    not writable. Raises ``StoreUnusable('backup_failed')`` when the copy cannot be written (a
    full disk, a damaged store); nothing is left at ``dest`` then.
    """
    dest = Path(dest)
    _check_dest(dest)
    _copy_database(store.path, dest)
    return dest


def backup_before(store: Store, reason: str, *, rotate: bool = True) -> Path:
    """Take an automatic backup into `backups/` before an import, a restore or a migration.

    The file is named ``<store stem>_<reason>_<YYYYMMDD-HHMMSS-ffffff>.db`` (local time). After an
    import backup, older import backups are rotated (``rotate_import_backups``; with ``rotate``
    False the caller does it once it keeps the backup); backups for a restore or a migration are
    never removed automatically.
    """
    dest = _auto_backup_path(store.path, reason)
    backup_to(store, dest)
    if reason == "import" and rotate:
        rotate_import_backups(store.path)
    return dest


def list_backups(store_path: Path) -> list[BackupInfo]:
    """The automatic backups of the store at ``store_path``, newest first."""
    folder = backups_dir(store_path)
    if not folder.is_dir():
        return []
    pattern = re.compile(re.escape(store_path.stem) + r"_(" + "|".join(REASONS)
                         + r")_(\d{8}-\d{6}-\d{6})\.db")
    found = []
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if match and path.is_file():
            taken_at = datetime.strptime(match.group(2), _STAMP)
            found.append(BackupInfo(path, match.group(1), taken_at, path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def rotate_import_backups(store_path: Path, keep: int = KEEP_IMPORT_BACKUPS,
                          max_bytes: int = IMPORT_BACKUPS_MAX_BYTES) -> list[Path]:
    """Remove old automatic import backups; return the removed paths.

    Keeps the newest ``keep`` import backups, fewer where together they would exceed
    ``max_bytes`` (the newest one is always kept). Other backups are never touched.
    """
    kept, total, removed = 0, 0, []
    for info in (b for b in list_backups(store_path) if b.reason == "import"):
        if kept == 0 or (kept < keep and total + info.size <= max_bytes):
            kept, total = kept + 1, total + info.size
            continue
        with contextlib.suppress(FileNotFoundError):
            info.path.unlink()
        removed.append(info.path)
        kept = keep  # once one is dropped, every older one goes too
    return removed


def restore(store_path: Path, source: Path) -> Path:
    """Put the store ``source`` in place of the store at ``store_path``; return the kept backup.

    Refused with ``InputRejected`` (exit 2), the store untouched: a source that is missing, is
    the store itself, is not a branchdesk store, is newer than this program, fails its integrity
    check, or belongs to another branch (every figure would silently become another branch's;
    a branch change is a new store, made with ``init``). In a portable store, a source holding
    referral cases is refused too (a portable store never holds them). ``StoreUnusable``
    (exit 3): a missing store (``store_missing``), a store path holding a file that is not a
    branchdesk store (never overwritten), another writer holding the lock (``store_locked``).

    Otherwise, holding the writer's lock: keeps the current store as a backup (reason
    "restore"; a damaged store is kept byte for byte), then copies the source into place with
    the backup API, so readers that have the store open stay consistent. A source with an older
    schema is migrated the next time the store is opened.
    """
    source = Path(source)
    _check_restore_paths(store_path, source)
    with _staged_copy(source, store_path) as staged:
        info = _validate_source(staged, source)
        lock = WriterLock(store_path)
        lock.acquire()
        try:
            current = _read_current(store_path)
            _check_compatible(info, current, source)
            kept = _keep_current(store_path)
            _put_in_place(staged, store_path, current, kept)
        finally:
            lock.release()
    return kept


# --- copying -----------------------------------------------------------------------------


def _auto_backup_path(store_path: Path, reason: str) -> Path:
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    folder = backups_dir(store_path)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as e:
        raise StoreUnusable("backup_failed", path=str(folder), detail=str(e)) from e
    stamp = datetime.now().strftime(_STAMP)
    return folder / f"{store_path.stem}_{reason}_{stamp}.db"


def _check_dest(dest: Path) -> None:
    if dest.exists() or dest.is_symlink():
        raise InputRejected("backup_dest_exists", path=str(dest))
    if not dest.parent.is_dir():
        raise InputRejected("backup_dest_no_folder", path=str(dest.parent))
    if not os.access(dest.parent, os.W_OK):
        raise InputRejected("backup_dest_unwritable", path=str(dest.parent))


def _temp_beside(dest: Path) -> Path:
    try:
        handle, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=_TEMP_SUFFIX,
                                        dir=dest.parent)
    except OSError as e:
        raise InputRejected("backup_dest_unwritable", path=str(dest.parent)) from e
    os.close(handle)
    return Path(name)


def _copy_database(source: Path, dest: Path) -> None:
    """Copy the database ``source`` to the new single file ``dest`` via a temporary name."""
    temp = _temp_beside(dest)
    try:
        with _connection(source, read_only=True) as src, _connection(temp) as out:
            src.backup(out)
            out.execute("PRAGMA journal_mode = DELETE")
        os.replace(temp, dest)
    except (sqlite3.Error, OSError) as e:
        raise StoreUnusable("backup_failed", path=str(dest), detail=str(e)) from e
    finally:
        _remove_database_files(temp)


@contextlib.contextmanager
def _connection(path: Path, *, read_only: bool = False) -> Iterator[sqlite3.Connection]:
    """A plain connection (no branchdesk checks), closed on exit."""
    if read_only:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True,
                               timeout=_BUSY_TIMEOUT_S)
    else:
        conn = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def _remove_database_files(path: Path) -> None:
    for name in (path.name, path.name + "-journal", path.name + "-wal", path.name + "-shm"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(name).unlink()


# --- restore -----------------------------------------------------------------------------


def _check_restore_paths(store_path: Path, source: Path) -> None:
    if not source.is_file():
        raise InputRejected("restore_source_missing", path=str(source))
    with open(source, "rb") as f:
        if f.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise InputRejected("restore_not_store", path=str(source))
    if not store_path.exists():
        raise StoreUnusable("store_missing", path=str(store_path))
    if store_path.is_dir():
        raise StoreUnusable("store_is_directory", path=str(store_path))
    with open(store_path, "rb") as f:
        if f.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise StoreUnusable("store_not_database", path=str(store_path))
    if source.resolve() == store_path.resolve():
        raise InputRejected("restore_same_file", path=str(source))


@contextlib.contextmanager
def _staged_copy(source: Path, store_path: Path) -> Iterator[Path]:
    """A private copy of ``source`` beside the store, so what is checked is what is restored."""
    folder = backups_dir(store_path)
    folder.mkdir(exist_ok=True)
    staged = _temp_beside(folder / f"{store_path.stem}_restoring.db")
    try:
        try:
            with _connection(source, read_only=True) as src, _connection(staged) as out:
                src.backup(out)
                out.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.DatabaseError as e:
            raise InputRejected("restore_source_damaged", path=str(source), detail=str(e)) from e
        yield staged
    finally:
        _remove_database_files(staged)


def _validate_source(staged: Path, source: Path) -> _SourceInfo:
    """Refuse a staged copy that is not a sound branchdesk store this program can use."""
    try:
        with _connection(staged) as conn:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "store_info" not in names:
                raise InputRejected("restore_not_store", path=str(source))
            _check_source_version(conn, source)
            problems = integrity_lines(conn)
            if problems != ["ok"]:
                raise InputRejected("restore_source_damaged", path=str(source),
                                    detail="; ".join(problems[:3]))
            branch = conn.execute("SELECT branch_code FROM store_info").fetchone()
            referrals = conn.execute("SELECT EXISTS (SELECT 1 FROM referral_cases)").fetchone()
    except sqlite3.DatabaseError as e:
        raise InputRejected("restore_source_damaged", path=str(source), detail=str(e)) from e
    if branch is None:
        raise InputRejected("restore_not_store", path=str(source))
    return _SourceInfo(str(branch[0]), bool(referrals[0]))


def _check_source_version(conn: sqlite3.Connection, source: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise InputRejected("restore_source_newer", path=str(source), version=version,
                            supported=SCHEMA_VERSION)


def _read_current(store_path: Path) -> _CurrentInfo | None:
    """Branch, portable flag and page size of the current store; None when it is unreadable.

    A sound SQLite database that is not a branchdesk store is refused, never overwritten.
    """
    try:
        with _connection(store_path, read_only=True) as conn:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "store_info" not in names:
                raise StoreUnusable("store_not_branchdesk", path=str(store_path))
            row = conn.execute("SELECT branch_code, portable FROM store_info").fetchone()
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    except sqlite3.DatabaseError:
        return None
    if row is None:
        return None
    return _CurrentInfo(str(row[0]), bool(row[1]), int(page_size))


def _check_compatible(info: _SourceInfo, current: _CurrentInfo | None, source: Path) -> None:
    if current is None:
        return  # a damaged store: nothing to compare with, and restoring is the remedy
    if info.branch_code != current.branch_code:
        raise InputRejected("restore_other_branch", path=str(source),
                            source_branch=info.branch_code, store_branch=current.branch_code)
    if current.portable and info.has_referrals:
        raise InputRejected("restore_referrals_portable", path=str(source))


def _keep_current(store_path: Path) -> Path:
    """Back the current store up (reason "restore"); a damaged one is copied byte for byte."""
    dest = _auto_backup_path(store_path, "restore")
    try:
        _copy_database(store_path, dest)
        return dest
    except StoreUnusable:
        pass
    try:
        for suffix in ("", "-wal"):
            original = store_path.with_name(store_path.name + suffix)
            if original.exists():
                shutil.copyfile(original, dest.with_name(dest.name + suffix))
    except OSError as e:
        raise StoreUnusable("backup_failed", path=str(dest), detail=str(e)) from e
    return dest


def _put_in_place(staged: Path, store_path: Path, current: _CurrentInfo | None,
                  kept: Path) -> None:
    """Copy the staged store over the current one, through the backup API where it is sound."""
    try:
        if current is None:
            _remove_database_files(store_path)
        elif _page_size(staged) != current.page_size:
            _set_page_size(staged, current.page_size)
        with _connection(staged, read_only=True) as src, _connection(store_path) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = WAL")
    except (sqlite3.Error, OSError) as e:
        raise StoreUnusable("restore_failed", path=str(store_path), detail=str(e),
                            backup=str(kept)) from e


def _page_size(path: Path) -> int:
    with _connection(path, read_only=True) as conn:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])


def _set_page_size(path: Path, page_size: int) -> None:
    """Rewrite a (rollback-journal) database with another page size.

    The backup API cannot copy into a WAL database of a different page size.
    """
    with _connection(path) as conn:
        conn.execute(f"PRAGMA page_size = {int(page_size)}")
        conn.execute("VACUUM")
