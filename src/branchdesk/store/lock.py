"""The writer's lock file beside the store: one writing process at a time (cli.md).

The lock is an OS-level lock on ``<store>.lock`` (released by the OS if the process dies, so a
killed import never leaves a stale lock); the file's text names the holder for the message a
refused second writer gets.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from branchdesk.domain.errors import StoreUnusable


def lock_path(store_path: Path) -> Path:
    """Where the lock file of a store lives."""
    return store_path.with_name(store_path.name + ".lock")


def os_user() -> str:
    """The OS user name recorded in the audit history and the import history."""
    for var in ("USER", "USERNAME", "LOGNAME"):
        if os.environ.get(var):
            return os.environ[var]
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # getpass raises various errors when no name can be found
        return "unknown"


class WriterLock:
    """Holds the writer's lock of one store until ``release``."""

    def __init__(self, store_path: Path) -> None:
        self.path = lock_path(store_path)
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock or raise ``StoreUnusable('store_locked')`` at once, naming the holder."""
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release
        if not _try_lock(handle):
            holder = _read_holder(self.path)
            handle.close()
            raise StoreUnusable("store_locked", path=str(self.path), **holder)
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(_holder_info(), ensure_ascii=False))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        """Give the lock back (idempotent)."""
        if self._file is None:
            return
        try:
            self._file.seek(0)
            self._file.truncate()
            _unlock(self._file)
        finally:
            self._file.close()
            self._file = None


def _holder_info() -> dict[str, Any]:
    return {
        "user": os_user(),
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def _read_holder(path: Path) -> dict[str, Any]:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    return {
        "user": info.get("user", "?"),
        "host": info.get("host", "?"),
        "pid": info.get("pid", "?"),
        "since": info.get("since", "?"),
    }


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    _WIN_LOCK_OFFSET = 1 << 20

    def _try_lock(handle: IO[str]) -> bool:
        try:
            handle.seek(_WIN_LOCK_OFFSET)  # beyond the text, so others can still read it
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        handle.seek(_WIN_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
