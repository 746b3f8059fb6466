"""The columns of the 事業所 list and its model (rows from ``store.queries.employers``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject

from branchdesk.store.connection import Store
from branchdesk.store.queries import employers as queries
from branchdesk.ui.i18n import QT_TRANSLATE_NOOP
from branchdesk.ui.models.id_table import RIGHT, Column, IdsQuery, IdTableModel, plain, thousands

#: Translation context of the column headers.
TR_CONTEXT = "EmployerColumns"
#: Position of each field in a ``rows_by_ids`` tuple.
FIELD = {name: i for i, name in enumerate(queries.ROW_FIELDS)}
DEFAULT_ORDER = ("symbol", True)


def municipality_text(names: Mapping[str, str]) -> Callable[[Any], str]:
    """A formatter showing a 市区町村コード by its name where known, else the code."""
    def text(code: Any) -> str:
        return "" if code is None else names.get(code) or str(code)
    return text


def employer_columns(municipality_names: Mapping[str, str]) -> list[Column]:
    """The list's columns: 事業所記号, name, kana, municipality, 被保険者数, 喪失日."""
    return [
        Column(QT_TRANSLATE_NOOP("EmployerColumns", "Employer symbol"), FIELD["symbol"],
               sort_key="symbol"),
        Column(QT_TRANSLATE_NOOP("EmployerColumns", "Name"), FIELD["name"], sort_key="name"),
        Column(QT_TRANSLATE_NOOP("EmployerColumns", "Kana"), FIELD["name_kana"],
               sort_key="name_kana"),
        Column(QT_TRANSLATE_NOOP("EmployerColumns", "Municipality"), FIELD["municipality_code"],
               format=municipality_text(municipality_names), sort_key="municipality_code"),
        Column(QT_TRANSLATE_NOOP("EmployerColumns", "Insured"), FIELD["insured"], align=RIGHT,
               format=thousands, sort_key="insured"),
        Column(QT_TRANSLATE_NOOP("EmployerColumns", "Lost on"), FIELD["lost_on"], format=plain,
               sort_key="lost_on"),
    ]


def employer_model(reader: Callable[[], Store], ids_query: IdsQuery | None,
                   municipality_names: Mapping[str, str],
                   parent: QObject | None = None) -> IdTableModel:
    """The list's model: rows read through ``reader()`` (the GUI thread's store), ids from
    ``ids_query`` (the page's current search and filters in the asked order) or, without one,
    handed in by the page after ``orderChanged``."""
    return IdTableModel(employer_columns(municipality_names),
                        lambda wanted: queries.rows_by_ids(reader(), wanted), ids_query,
                        tr_context=TR_CONTEXT, order=DEFAULT_ORDER, parent=parent)
