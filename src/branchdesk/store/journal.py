"""A store's first big import written through SQLite's rollback journal instead of its WAL.

A store lives in WAL mode, so that the app's readers go on reading while a writer writes. An
import into an empty store is ~370 MB of new pages at 600,000 employers: in WAL mode they are
written twice (into the WAL, then copied into the database by the checkpoint after the commit,
a second of the import's ten). Pages added at the end of a database need no journal at all in
rollback mode: written once, synced once.

``rollback_journal`` switches a store to rollback mode for one import, only when SQLite can:
leaving WAL mode needs every other connection to the store closed (the app's own readers, or
another process's), else it stays in WAL mode and nothing changes. A crash leaves a hot
journal: SQLite rolls it back at the next open, which restores the store as before, and the
next writer (``connection.ensure_wal``) puts the store back in WAL mode. While the import
writes, another process that opens the store waits for it (the busy timeout) instead of
reading the state before.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from branchdesk.store.connection import Store

log = logging.getLogger("branchdesk.store")


@contextmanager
def rollback_journal(store: Store, wanted: bool) -> Iterator[bool]:
    """With ``wanted``, the store in rollback-journal mode for the block when no other
    connection has it open (yields whether it is); back in WAL mode after. No transaction may be
    open on entry; the block must end its own."""
    switched = wanted and _switch(store, "delete")
    try:
        yield switched
    finally:
        if switched and not _switch(store, "wal"):
            log.warning("store left in rollback-journal mode: another connection opened it")


def _switch(store: Store, mode: str) -> bool:
    """Set the journal mode; False when another connection stands in the way."""
    try:
        found = store.conn.execute(f"PRAGMA journal_mode = {mode}").fetchone()[0]
    except sqlite3.OperationalError:  # "database is locked": not alone on it
        return False
    return str(found).lower() == mode
