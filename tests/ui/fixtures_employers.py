"""Fixtures of the 事業所 page tests: the page on the small demo (shell's ``context``), and a
generic ``IdTableModel`` over rows held in a dict (no store) for the model's own behaviour."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from branchdesk.ui.context import UiContext
from branchdesk.ui.models import RIGHT, Column, IdTableModel, thousands
from branchdesk.ui.pages.employers import EmployersPage


@pytest.fixture
def employers_page(qtbot: Any, context: UiContext) -> Iterator[EmployersPage]:
    """The page inside a host widget, shown, loaded, with the runner's ``changed`` wired to it
    as the main window wires it."""
    host = QWidget()
    qtbot.addWidget(host)
    page = EmployersPage(context, host)
    host.resize(1300, 800)
    page.resize(1300, 800)
    host.show()
    qtbot.waitExposed(host)
    if context.jobs is not None:
        context.jobs.changed.connect(page.on_store_changed)
    page.refresh()
    yield page
    if context.jobs is not None:
        context.jobs.wait_idle(10)
        context.jobs.changed.disconnect(page.on_store_changed)
    host.close()
    host.deleteLater()


class DictRows:
    """Rows of a plain dict, answering like ``rows_by_ids``; records each request and can be
    told to fail (a register whose store went away)."""

    def __init__(self, count: int) -> None:
        self.rows = {i: (f"{i:08d}", f"事業所{i}", i * 3) for i in range(1, count + 1)}
        self.requests: list[list[int]] = []
        self.failing = False

    def __call__(self, wanted: Sequence[int]) -> Mapping[int, tuple[Any, ...]]:
        self.requests.append(list(wanted))
        if self.failing:
            raise OSError("the store is not reachable")
        return {i: self.rows[i] for i in wanted if i in self.rows}

    def ids(self, key: str, ascending: bool) -> array:
        """The ids ordered by column ``key`` ("symbol", "name" or "insured")."""
        position = {"symbol": 0, "name": 1, "insured": 2}[key]
        ordered = sorted(self.rows, key=lambda i: (self.rows[i][position], i),
                         reverse=not ascending)
        return array("q", ordered)


COLUMNS = [Column("Symbol", 0, sort_key="symbol"), Column("Name", 1),
           Column("Insured", 2, align=RIGHT, format=thousands, sort_key="insured")]


@pytest.fixture
def dict_rows() -> DictRows:
    """A register of 2,000 rows held in a dict."""
    return DictRows(2000)


@pytest.fixture
def dict_model(dict_rows: DictRows) -> Iterator[IdTableModel]:
    """An ``IdTableModel`` over ``dict_rows``, not yet showing ids."""
    model = IdTableModel(COLUMNS, dict_rows, dict_rows.ids, tr_context="DictColumns",
                         order=("symbol", True))
    yield model
    model.deleteLater()
