"""The import wizard's state: the files chosen, each one's preview and the user's choices, and
the ``ImportOptions`` of one import built from them; file work off the GUI thread.

One import is one ``run_import`` call, so every file of it shares one kind, sheet and mapping
(exchange.md §2: all or nothing). A file whose kind, sheet or mapping the user changed (or whose
kind was found only with a remembered mapping) therefore goes in an import of its own.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from branchdesk.domain.errors import InputRejected
from branchdesk.exchange.fields import KINDS
from branchdesk.exchange.importer import ImportOptions
from branchdesk.exchange.preview import Preview
from branchdesk.store.connection import Store
from branchdesk.store.imports import get_mapping

log = logging.getLogger("branchdesk.ui.import")

#: Files the wizard accepts (by the picker's filter and on a drop).
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
#: Every table an import may write (announced by the job runner's ``changed``).
IMPORT_TABLES = frozenset({
    "employers", "employer_registers", "employer_headcounts", "declarations",
    "committee_members", "member_events", "generic_stats", "biosimilar_stats", "referral_cases",
    "referral_actions", "contacts", "kpi_sheet_rows", "received_reports", "received_kpi_rows",
    "imports", "audit"})

W = TypeVar("W", bound=QObject)
OptionsKey = tuple[str | None, str | None, tuple[tuple[str, str], ...] | None]


@dataclass(eq=False)
class FileEntry:
    """One chosen file: its preview (or why it has none) and what the user changed.

    ``kind``, ``sheet``, ``mapping``: the user's choices (None: as detected); ``header_row``:
    the row whose cells the mapping table lists; ``request``: the newest preview asked for.
    Entries compare by identity (a late preview finds its own entry).
    """

    path: Path
    preview: Preview | None = None
    error: Exception | None = None
    kind: str | None = None
    sheet: str | None = None
    mapping: dict[str, str] | None = None
    header_row: int | None = None
    request: int = 0

    @property
    def loading(self) -> bool:
        """True until the first preview (or its error) arrived."""
        return self.preview is None and self.error is None

    @property
    def shown_kind(self) -> str | None:
        """The kind the mapping is edited for: chosen, else detected."""
        return self.kind or (self.preview.kind if self.preview else None)

    def import_kind(self) -> str | None:
        """The ``--kind`` this file's import needs (None: detection finds it)."""
        if self.kind is not None:
            return self.kind
        if self.preview is not None and (self.preview.by_memory or self.mapping):
            return self.preview.kind
        return None

    def options_key(self) -> OptionsKey:
        """(kind, sheet, mapping) as the import is told them."""
        mapping = tuple(sorted(self.mapping.items())) if self.mapping else None
        return self.import_kind(), self.sheet, mapping


def named(widget: W, name: str) -> W:
    """``widget`` with its object name set (tests and style sheets find it by that name)."""
    widget.setObjectName(name)
    return widget


def import_options(entries: list[FileEntry], *, dry_run: bool, skip_invalid: bool = False,
                   confirm_lost: bool = False) -> ImportOptions:
    """The options of one import of ``entries``; ``InputRejected`` when they cannot be one."""
    if not entries:
        raise InputRejected("wizard_no_files")
    unreadable = [e.path.name for e in entries if e.error is not None]
    if unreadable:
        raise InputRejected("wizard_unreadable", files="、".join(unreadable))
    keys = {e.options_key() for e in entries}
    if len(keys) > 1:
        changed = [e.path.name for e in entries if e.options_key() != (None, None, None)]
        raise InputRejected("wizard_mixed_options", files="、".join(changed))
    kind, sheet, mapping = keys.pop()
    return ImportOptions(kind=kind, sheet=sheet, mapping=dict(mapping) if mapping else None,
                         dry_run=dry_run, skip_invalid=skip_invalid, confirm_lost=confirm_lost)


def mappings_to_save(entries: list[FileEntry]) -> dict[str, dict[str, str]]:
    """Kind → the mapping the user set for it (remembered once the import succeeded)."""
    found: dict[str, dict[str, str]] = {}
    for entry in entries:
        kind = entry.import_kind()
        if entry.mapping and kind is not None:
            found[kind] = dict(entry.mapping)
    return found


def remembered_mappings(store: Store) -> dict[str, dict[str, str]]:
    """Kind → the mapping remembered for it (kinds without one left out)."""
    found = {kind: get_mapping(store, kind) for kind in KINDS}
    return {kind: mapping for kind, mapping in found.items() if mapping}


def accepted_files(paths: list[Path]) -> list[Path]:
    """The paths the wizard takes: files with one of ``SUFFIXES``, not Excel's lock files."""
    return [p for p in paths if p.suffix.lower() in SUFFIXES and not p.name.startswith("~$")]


class BackgroundReader(QObject):
    """Runs file work (a preview, a window of rows) on a thread of its own; ``done(token,
    result, error)`` arrives on the GUI thread. Never touches the store."""

    done = Signal(object, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threads: list[threading.Thread] = []

    def submit(self, token: Any, fn: Callable[[], Any]) -> None:
        """Run ``fn()`` in the background; its result or error comes back with ``token``."""
        thread = threading.Thread(target=self._run, args=(token, fn), daemon=True,
                                  name="branchdesk-preview")
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _run(self, token: Any, fn: Callable[[], Any]) -> None:
        result: Any = None
        error: Exception | None = None
        try:
            result = fn()
        except Exception as e:  # delivered to the GUI thread, never lost
            error = e
        try:
            self.done.emit(token, result, error)
        except RuntimeError:  # the page was closed meanwhile
            log.debug("preview result dropped: the page is gone")

    def wait(self, timeout_s: float = 30.0) -> None:
        """Join the running threads (for tests and closing)."""
        for thread in list(self._threads):
            thread.join(timeout_s)
