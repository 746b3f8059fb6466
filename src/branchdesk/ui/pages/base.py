"""The contract every page of the main window keeps."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from branchdesk.ui.context import UiContext


class Page(QWidget):
    """A page of the sidebar. Subclasses set ``page_id``, implement ``title`` (English source
    text through ``self.tr``, translated to Japanese by the page's .ts file) and set ``tables``
    (the store tables whose changes it shows)."""

    page_id: str = ""
    tables: frozenset[str] = frozenset()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    def title(self) -> str:
        """The sidebar label (translated)."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload what the page shows from the store (called when shown and after writes)."""

    def on_store_changed(self, tables: frozenset[str]) -> None:
        """Refresh when a write touched one of ``tables``."""
        if tables & self.tables:
            self.refresh()
