"""Opening the store: checks, WAL, busy timeout, the writer's lock, migrations.

``open_store(path, write=True)`` is the only way the program gets a store. It refuses, with
``StoreUnusable`` (exit 3), a path that is missing, a directory, not SQLite, not a branchdesk
store, damaged, locked by another writer, or made by a newer branchdesk.
"""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from branchdesk import __version__
from branchdesk.domain.errors import InputRejected, StoreUnusable
from branchdesk.domain.identifiers import validate_branch_code
from branchdesk.store.lock import WriterLock, os_user
from branchdesk.store.version import SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlite_utils import Database

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 3.0


class Store:
    """An open branch store: a sqlite-utils ``Database`` plus, for writers, the lock."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: WriterLock | None) -> None:
        self.path = path
        self.conn = conn
        self.lock = lock
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        """The sqlite-utils view of the connection (imported on first use: it is slow to load)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    @property
    def writable(self) -> bool:
        """True when this process holds the writer's lock."""
        return self.lock is not None

    @property
    def branch_code(self) -> str:
        """The store's 支部コード (01–47)."""
        return str(self.conn.execute("SELECT branch_code FROM store_info").fetchone()[0])

    @property
    def portable(self) -> bool:
        """True for a store made in portable mode (never holds referral cases)."""
        return bool(self.conn.execute("SELECT portable FROM store_info").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE … COMMIT); rolled back on any exception."""
        if not self.writable:
            raise RuntimeError("store opened read-only")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            raise StoreUnusable("store_busy", path=str(self.path)) from e
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        """Rows of a read query."""
        return self.conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Any = ()) -> Any:
        """The first column of the first row of a query (None when there is none)."""
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def close(self) -> None:
        """Close the connection and release the lock."""
        try:
            self.conn.close()
        finally:
            if self.lock is not None:
                self.lock.release()
                self.lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(path: Path) -> sqlite3.Connection:
    """A raw connection with branchdesk's settings and SQL functions (no checks)."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                           check_same_thread=False)
    conn.row_factory = sqlite3.Row
    user = os_user()
    conn.create_function("bd_user", 0, lambda: user, deterministic=True)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    # A 64 MB page cache (the default is 2 MB) and temporary tables in memory: the set-based
    # register writes stage and compare hundreds of thousands of rows in temp tables.
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


#: Page size of a new store. 16 KB rather than SQLite's 4 KB: a 600,000-employer register
#: writes, commits and checkpoints about a fifth faster (fewer pages, fewer B-tree splits), and
#: the lists' scans read as fast. Stores made before keep theirs.
PAGE_SIZE = 16384


def create_store(path: Path, branch_code: str, *, portable: bool = False) -> Store:
    """Make a new empty store for a branch and return it open for writing.

    Refuses (exit 2) a path that already holds a non-empty file.
    """
    branch_code = validate_branch_code(branch_code)
    if path.is_dir():
        raise StoreUnusable("store_is_directory", path=str(path))
    if path.exists() and path.stat().st_size > 0:
        raise InputRejected("store_exists", path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = WriterLock(path)
    lock.acquire()
    try:
        conn = connect(path)
        store = Store(path, conn, lock)
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # before the first table: fixed then
        store.db.enable_wal()
        _apply_migrations(store)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        conn.execute(
            "INSERT INTO store_info VALUES (1, ?, ?, ?, ?, ?)",
            (branch_code, uuid.uuid4().hex, now, __version__, int(portable)),
        )
    except BaseException:
        lock.release()
        raise
    return store


def open_store(path: Path, *, write: bool = False) -> Store:
    """Open an existing store, read-only or as the (single) writer."""
    _check_file(path)
    lock = WriterLock(path) if write else None
    if lock is not None:
        lock.acquire()
    conn: sqlite3.Connection | None = None
    try:
        conn = connect(path)
        store = Store(path, conn, lock)
        _check_schema(store)
        if store.scalar("PRAGMA user_version") < SCHEMA_VERSION:
            _migrate(store)
        if write:
            ensure_wal(store)
    except BaseException as e:
        if conn is not None:
            conn.close()
        if lock is not None:
            lock.release()
        if isinstance(e, sqlite3.DatabaseError):
            raise StoreUnusable("store_damaged", path=str(path), detail=str(e)) from e
        raise
    return store


def ensure_wal(store: Store) -> None:
    """Put a store found in rollback-journal mode (an import stopped while it held the store in
    that mode, ``journal.rollback_journal``) back in WAL mode, when no other connection has it
    open (else it stays as it is: it is still a good store)."""
    if str(store.scalar("PRAGMA journal_mode")).lower() != "wal":
        with contextlib.suppress(sqlite3.OperationalError):  # not alone on it
            store.conn.execute("PRAGMA journal_mode = WAL")


def _check_file(path: Path) -> None:
    if not path.exists():
        raise StoreUnusable("store_missing", path=str(path))
    if path.is_dir():
        raise StoreUnusable("store_is_directory", path=str(path))
    with open(path, "rb") as f:
        if f.read(16) != SQLITE_MAGIC:
            raise StoreUnusable("store_not_database", path=str(path))


def _check_schema(store: Store) -> None:
    version = store.scalar("PRAGMA user_version")
    names = {r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "store_info" not in names:
        raise StoreUnusable("store_not_branchdesk", path=str(store.path))
    if version > SCHEMA_VERSION:
        raise StoreUnusable("store_newer", path=str(store.path), version=version,
                            supported=SCHEMA_VERSION)


def _migrate(store: Store) -> None:
    """Back the store up, then apply pending migrations under the writer's lock.

    A reader that finds an old schema takes the lock only for the migration and gives it back.
    """
    from branchdesk.store.backup import backup_before

    borrowed = None if store.writable else WriterLock(store.path)
    if borrowed is not None:
        borrowed.acquire()
    try:
        backup_before(store, "migration")
        _apply_migrations(store)
    finally:
        if borrowed is not None:
            borrowed.release()


def _apply_migrations(store: Store) -> None:
    from branchdesk.store import migrations

    migrations.apply(store.db)
