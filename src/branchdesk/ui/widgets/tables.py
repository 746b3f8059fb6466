"""The table view every list page starts from."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def row_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A table over ``model`` named ``name``: whole rows selected one at a time, alternating
    row colours, rows as high as a line of text plus a margin. Pages add their own columns'
    sizing and sorting."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    return view


def sizable_columns(view: QTableView, measured_rows: int) -> QHeaderView:
    """``view``'s columns made widenable by hand, the last one stretched, each sized from its
    first ``measured_rows`` rows only (measuring every row of a long list stalls the GUI); the
    header, for the page's own sorting."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setResizeContentsPrecision(measured_rows)
    return header
