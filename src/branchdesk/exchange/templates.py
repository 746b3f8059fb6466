"""Blank import templates (cli.md ``export template``): one sheet per kind, ready to fill in Excel.

Layout of the sheet (named after the kind's title, e.g. 事業所台帳):

- row 1: a note per column (required or not, the key, the type with format examples, the
  allowed values, what a blank cell means) and, right of the last column, the legend;
- row 2: the canonical headers of ``fields.py`` in template order, required ones bold on a fill;
- rows 3 on: data. Row 1 and 2 are frozen.

The notes stand *above* the header because the importer reads every row under the header as data
(exchange.md §1 allows title and note rows above it): a filled template imports as it is. Every
column carries an input message (its note) and, where the type allows, Excel's input validation:
a list for coded values, a date range, whole numbers ≥ 0 for counts, decimals ≥ 0 for
quantities; code columns are formatted as text so leading zeros survive typing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from branchdesk.domain import enums
from branchdesk.domain.errors import InputRejected
from branchdesk.domain.kpi.catalogue import CATALOGUE, COMPUTED_IDS
from branchdesk.domain.messages import message
from branchdesk.domain.textwidth import display_width
from branchdesk.exchange.fields import KINDS, FieldSpec, KindSpec, code_key
from branchdesk.exchange.report import FONT
from branchdesk.exchange.safe_write import atomic_output
from branchdesk.exchange.validate_cells import FY_RANGE

#: 0-based rows of the sheet: the notes, the header, the first data row.
NOTE_ROW, HEADER_ROW, FIRST_DATA_ROW = 0, 1, 2
#: The last row input validation and column formats reach (Excel's last row, 0-based).
LAST_ROW = 1_048_575
REQUIRED_FILL = "#FCE4D6"
OPTIONAL_FILL = "#EDEDED"
DATE_FORMAT = "yyyy/m/d"
#: Cell types typed as text, so that 012345 stays 012345 and 2+ stays 2+.
TEXT_TYPES = frozenset({"text", "symbol", "municipality", "institution", "postal",
                        "office_number", "person_key", "urine_protein", "items", "raw", "month"})
_NUMBER_FORMATS = {"date": DATE_FORMAT, "int": "#,##0", "fy": "0"}
_MIN_WIDTHS = {"date": 12, "month": 10, "symbol": 11, "institution": 13, "postal": 10,
               "items": 24, "kpi": 30, "text": 14, "percent": 10}
#: The Japanese font on every format: named, not the theme's (whose minor font is Calibri).
FONT_PROPERTIES: dict[str, Any] = {"font_name": FONT, "font_size": 11, "font_charset": 128,
                                   "font_scheme": "none"}
_MAX_WIDTH = 36
_LEGEND_WIDTH = 44
_DATE_LIMITS = (date(1900, 1, 1), date(2100, 12, 31))
#: Fields a template marks required beyond ``FieldSpec.required``: 基準日 has no title row here.
_ALSO_REQUIRED = frozenset({("employers", "as_of")})
#: Extra note lines by (kind, field).
_EXTRA_NOTES = {
    ("employers", "as_of"): "template_note_as_of",
    ("generic", "code"): "template_note_generic_code",
    ("generic", "share"): "template_note_share",
    ("biosimilar", "institution_code"): "template_note_institution_code",
    ("declarations", "withdrawn_on"): "template_note_withdrawn_on",
    ("visits", "visit_on"): "template_note_visit_on",
    ("kpi_sheet", "direction"): "template_note_catalogue",
    ("kpi_sheet", "target_kind"): "template_note_catalogue",
}


@dataclass(frozen=True)
class TemplateColumn:
    """One column of a template: its field, whether a value is required, and what row 1 says."""

    spec: FieldSpec
    required: bool
    key: bool
    choices: tuple[str, ...]
    note: str


def write_template(kind: str, path: Path, lang: str = "ja") -> Path:
    """Write the blank import template of ``kind`` to ``path`` (.xlsx) and return ``path``.

    The notes are in ``lang`` ("ja" or "en"); headers, sheet name and list values are always the
    canonical Japanese ones the importer reads. Raises ``InputRejected``
    ("template_kind_unknown", "template_suffix", or "output_folder_missing" /
    "output_not_writable" from ``atomic_output``); a failed write leaves no file.
    """
    spec = _kind(kind)
    if path.suffix.lower() != ".xlsx":
        raise InputRejected("template_suffix", path=str(path))
    columns = template_columns(kind, lang)
    with atomic_output(path) as temp:
        _write_book(temp, spec, columns, lang)
    return path


def template_columns(kind: str, lang: str = "ja") -> list[TemplateColumn]:
    """The columns of ``kind``'s template in template order, with their notes in ``lang``."""
    spec = _kind(kind)
    columns = []
    for field in spec.fields:
        required = field.required or (kind, field.name) in _ALSO_REQUIRED
        key = field.name in spec.key
        choices = _choices(field)
        note = _note(kind, field, required=required, key=key, choices=choices, lang=lang)
        columns.append(TemplateColumn(field, required, key, choices, note))
    return columns


def _kind(kind: str) -> KindSpec:
    if kind not in KINDS:
        raise InputRejected("template_kind_unknown", kind=kind, kinds=", ".join(KINDS))
    return KINDS[kind]


def _choices(field: FieldSpec) -> tuple[str, ...]:
    """The values a list validation offers: a coded field's labels, 尿蛋白's grades, KPI names."""
    if field.type == "code":
        return field.labels
    if field.type == "urine_protein":
        return tuple(ja for ja, _ in enums.URINE_PROTEIN.values())
    if field.type == "kpi":
        return tuple(d.name_ja for d in CATALOGUE if d.id not in COMPUTED_IDS)
    return ()


def _note(kind: str, field: FieldSpec, *, required: bool, key: bool, choices: tuple[str, ...],
          lang: str) -> str:
    """Row 1's text for one column: one line per fact."""
    status = message("template_required" if required else "template_optional", lang)
    if key:
        status += "・" + message("template_key", lang)
    lines = [status]
    if choices and field.type != "kpi":
        lines.append(message("template_choices", lang, values="、".join(choices)))
    else:
        lines.append(message(f"template_type_{field.type}", lang))
    if (kind, field.name) in _EXTRA_NOTES:
        lines.append(message(_EXTRA_NOTES[kind, field.name], lang))
    if field.default is not None:
        lines.append(message("template_default", lang, value=_default_label(field)))
    return "\n".join(lines)


def _default_label(field: FieldSpec) -> str:
    """The label of the code a blank cell means (宣言中 for the code ``active``)."""
    codes = field.codes or {}
    return next((label for label in field.labels if codes.get(code_key(label)) == field.default),
                str(field.default))


# --- the workbook -----------------------------------------------------------------------------


class _Formats:
    """The workbook's formats, every one in the Japanese font."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = dict(FONT_PROPERTIES)
        self._book = book
        self._base = base
        self.required = book.add_format({**base, "bold": True, "bg_color": REQUIRED_FILL,
                                         "border": 1, "align": "center"})
        self.optional = book.add_format({**base, "bg_color": OPTIONAL_FILL, "border": 1,
                                         "align": "center"})
        self.note = book.add_format({**base, "font_size": 9, "text_wrap": True,
                                     "valign": "top", "font_color": "#404040"})
        self.legend = book.add_format({**base, "font_size": 9, "text_wrap": True,
                                       "valign": "top", "bold": True, "font_color": "#C00000"})
        self._cells: dict[str, Format] = {}

    def cell(self, field: FieldSpec) -> Format:
        """The column format of a field's data cells (text, date or number format)."""
        number = "@" if field.type in TEXT_TYPES else _NUMBER_FORMATS.get(field.type, "General")
        if number not in self._cells:
            self._cells[number] = self._book.add_format({**self._base, "num_format": number})
        return self._cells[number]


def _write_book(path: Path, spec: KindSpec, columns: list[TemplateColumn], lang: str) -> None:
    book = xlsxwriter.Workbook(str(path), {
        "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        "default_format_properties": dict(FONT_PROPERTIES)})
    try:
        sheet = book.add_worksheet(spec.title)
        formats = _Formats(book)
        widths = [_width(column) for column in columns]
        for index, column in enumerate(columns):
            _write_column(sheet, formats, index, column, widths[index])
            _validate(sheet, index, column, lang)
        legend_column = len(columns) + 1
        sheet.set_column(legend_column, legend_column, _LEGEND_WIDTH)
        sheet.write_string(NOTE_ROW, legend_column, message("template_legend", lang),
                           formats.legend)
        sheet.set_row(NOTE_ROW, _note_height(columns, widths))
        sheet.freeze_panes(FIRST_DATA_ROW, 0)
        sheet.activate()
    finally:
        book.close()


def _write_column(sheet: Worksheet, formats: _Formats, index: int, column: TemplateColumn,
                  width: int) -> None:
    sheet.set_column(index, index, width, formats.cell(column.spec))
    sheet.write_string(NOTE_ROW, index, column.note, formats.note)
    header = formats.required if column.required else formats.optional
    sheet.write_string(HEADER_ROW, index, column.spec.header, header)


def _width(column: TemplateColumn) -> int:
    """East-Asian width of the header (bold needs a little more), at least the type's minimum."""
    header = display_width(column.spec.header) + (4 if column.required else 3)
    choices = max((display_width(c) + 4 for c in column.choices), default=0)
    return min(_MAX_WIDTH, max(header, choices, _MIN_WIDTHS.get(column.spec.type, 10)))


def _note_height(columns: list[TemplateColumn], widths: list[int]) -> float:
    """Points for row 1 so that the longest wrapped note shows whole (9 pt text)."""
    lines = max(sum(max(1, math.ceil(display_width(line) / max(1, width - 1)))
                    for line in column.note.split("\n"))
                for column, width in zip(columns, widths, strict=True))
    return min(240.0, 12.0 * lines + 4.0)


# --- input validation -------------------------------------------------------------------------


def _validation(column: TemplateColumn, lang: str) -> dict[str, Any]:
    """XlsxWriter's ``data_validation`` options for one column (an input message at least)."""
    rule = _RULES.get("choices" if column.choices else column.spec.type)
    options = rule(column, lang) if rule else {"validate": "any"}
    options.update(input_title=column.spec.header[:32], input_message=column.note[:255])
    if options["validate"] != "any":
        options.update(error_title=message("template_error_title", lang)[:32])
    return options


def _list_rule(column: TemplateColumn, lang: str) -> dict[str, Any]:
    values = "、".join(column.choices)
    return {"validate": "list", "source": list(column.choices),
            "error_message": message("template_error_choices", lang, values=values)[:255]}


def _date_rule(column: TemplateColumn, lang: str) -> dict[str, Any]:
    return {"validate": "date", "criteria": "between", "minimum": _DATE_LIMITS[0],
            "maximum": _DATE_LIMITS[1], "error_message": message("template_error_date", lang)}


def _int_rule(column: TemplateColumn, lang: str) -> dict[str, Any]:
    return {"validate": "integer", "criteria": ">=", "value": 0,
            "error_message": message("template_error_int", lang)}


def _decimal_rule(column: TemplateColumn, lang: str) -> dict[str, Any]:
    return {"validate": "decimal", "criteria": ">=", "value": 0,
            "error_message": message("template_error_number", lang)}


def _fy_rule(column: TemplateColumn, lang: str) -> dict[str, Any]:
    low, high = FY_RANGE
    return {"validate": "integer", "criteria": "between", "minimum": low, "maximum": high,
            "error_message": message("template_error_fy", lang, minimum=low, maximum=high)}


_RULES: dict[str, Callable[[TemplateColumn, str], dict[str, Any]]] = {
    "choices": _list_rule, "date": _date_rule, "int": _int_rule, "number": _decimal_rule,
    "percent": _decimal_rule, "kpi_value": _decimal_rule, "fy": _fy_rule,
}


def _validate(sheet: Worksheet, index: int, column: TemplateColumn, lang: str) -> None:
    """Apply the column's validation to every data row; a rule Excel cannot hold is a bug."""
    options = _validation(column, lang)
    if sheet.data_validation(FIRST_DATA_ROW, index, LAST_ROW, index, options) != 0:
        raise ValueError(f"invalid data validation for {column.spec.header}: {options}")
