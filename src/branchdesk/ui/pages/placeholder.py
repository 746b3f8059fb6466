"""The page shown for a registered page whose module is not there yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from branchdesk.ui.context import UiContext
from branchdesk.ui.pages.base import Page


class PlaceholderPage(Page):
    """A page that says it is not available yet; it keeps the registered id and label."""

    def __init__(self, context: UiContext, page_id: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.page_id = page_id
        self._title = title
        label = QLabel(self.tr("This page is not available yet."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setObjectName("placeholder")
        layout = QVBoxLayout(self)
        layout.addWidget(label)

    def title(self) -> str:
        """The registered label."""
        return self._title
