"""The store's write-ahead log flushed to disk while a long write transaction grows it.

A store's first 600,000-employer register writes ~370 MB into the WAL before it commits. The
checkpoint after the commit must first flush all of it to disk (``synchronous=NORMAL`` syncs
the WAL before copying it into the database): ~0.5 s spent waiting at the very end. Flushed a
chunk at a time from the writer thread while the import goes on reading (``WalFlusher``), the
same bytes cost nothing the import waits for.

The flush opens the ``-wal`` file itself: SQLite locks the database and ``-shm`` files, never the
WAL, so another descriptor on it disturbs nothing. It is only an optimisation: any error
(no WAL yet, a file system that refuses) turns it off.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


class WalFlusher:
    """``flush()`` syncs the WAL of the store at ``path`` (callable from any thread; the
    GIL is released while the disk works); ``request()`` has a thread of its own do it, so that
    the writer goes on writing meanwhile; ``close()`` when the transaction ends."""

    def __init__(self, path: Path) -> None:
        self.path = Path(f"{path}-wal")
        self.fd: int | None = None
        self.failed = False
        self.wanted = threading.Event()
        self.stopping = False
        self.thread: threading.Thread | None = None

    def request(self) -> None:
        """Sync the WAL soon, on the flushing thread (started on the first request; none once
        flushing failed, as it does for a store written through its rollback journal)."""
        if self.failed:
            return
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="wal-flush", daemon=True)
            self.thread.start()
        self.wanted.set()

    def _run(self) -> None:
        while True:
            self.wanted.wait()
            self.wanted.clear()
            if self.stopping:
                return
            self.flush()

    def flush(self) -> None:
        """Sync what SQLite has written to the WAL so far."""
        if self.failed:
            return
        try:
            if self.fd is None:
                self.fd = os.open(self.path, os.O_RDWR | getattr(os, "O_BINARY", 0))
            os.fsync(self.fd)
        except OSError:
            self.failed = True

    def close(self) -> None:
        """Stop the flushing thread and let go of the WAL (before the commit: SQLite may delete
        it at its checkpoint)."""
        if self.thread is not None:
            self.stopping = True
            self.wanted.set()
            self.thread.join()
            self.thread = None
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
