"""What every page of the app is given: the store, the job runner, the language.

Pages read through ``context.reader()`` (a read-only store connection owned by the GUI thread;
reads are short: ids, visible blocks, counts) and write only through ``context.jobs`` (one worker
thread owns the writing connection). After a write, the runner emits ``changed`` with the names
of the tables it touched, and each page refreshes only if it shows one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from branchdesk.store.connection import Store, open_store

if TYPE_CHECKING:
    from branchdesk.ui.jobs import JobRunner


@dataclass
class UiContext:
    """The store path, the GUI thread's read-only store, the job runner and the language."""

    store_path: Path
    lang: str = "ja"
    jobs: JobRunner | None = None
    _reader: Store | None = field(default=None, repr=False)

    def reader(self) -> Store:
        """The GUI thread's read-only connection (opened on first use)."""
        if self._reader is None:
            self._reader = open_store(self.store_path)
        return self._reader

    def close(self) -> None:
        """Close the read connection."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None
