"""Column parsers: one column of raw cells → parsed values, rejected cells and padding notes.

Validation runs column by column (architecture.md: per-row objects cost seconds at 600,000
rows): each parser has a fast path for the common cell (8-digit text, an integral float, a date
object) and a cache of repeated values (業態, 市区町村コード, dates); the domain parsers and
validators run only on the rest, and messages are built only for bad cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from branchdesk.domain.dates import parse_date, parse_month
from branchdesk.domain.errors import ValueRejected
from branchdesk.domain.identifiers import (
    validate_employer_symbol,
    validate_institution_code,
    validate_municipality_code,
    validate_office_number,
    validate_person_key,
    validate_postal_code,
)
from branchdesk.domain.kpi.catalogue import CATALOGUE, KpiDef, find
from branchdesk.domain.normalize import cell_text, clean_text, is_blank, is_number_cell, nfkc
from branchdesk.domain.numbers import parse_int, parse_number, parse_urine_protein
from branchdesk.exchange.fields import FieldSpec, code_key

#: A parsed cell and its padding note (message code, params), or the rejection.
Parsed = tuple[Any, tuple[str, dict[str, Any]] | None]
_INF = float("inf")
_SLOW: Any = object()  # a cell the column's fast path leaves to the full parser
_ITEM_SEPARATORS = re.compile(r"[、､,，/／\r\n]+")
_FY = re.compile(r"(?:FY)?(\d{4})(?:年度|年)?", re.ASCII)
_ERA_FY = re.compile(r"(令和|平成|R|H)(元|\d{1,2})年?度?")
_ERA_OFFSETS = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988}
FY_RANGE = (1990, 2199)
_KPI_NAMES = {code_key(text): d for d in CATALOGUE for text in (d.id, d.name_ja, d.name_en)}


#: Distinct cells a column's readings are kept for across chunks (``Readings``).
READINGS_LIMIT = 100_000


@dataclass
class Readings:
    """One column's readings of distinct cells, kept from chunk to chunk of a sheet: a CSV's
    dates are text, and a 600,000-row register has thousands of them in every chunk."""

    plain: dict[Any, Any] = field(default_factory=dict)  # cell → value
    special: dict[Any, Parsed | ValueRejected] = field(default_factory=dict)  # note or error

    def __len__(self) -> int:
        return len(self.plain) + len(self.special)


@dataclass
class CellOptions:
    """What the sheet says about its cells, and the readings of its columns so far (by field).
    """

    date1904: bool = False
    from_csv: bool = False
    readings: dict[str, Readings] = field(default_factory=dict, compare=False, repr=False)

    def readings_of(self, name: str) -> Readings:
        """The readings kept for field ``name`` (emptied when they grow past the limit)."""
        found = self.readings.setdefault(name, Readings())
        if len(found) > READINGS_LIMIT:
            found = self.readings[name] = Readings()
        return found


@dataclass
class Column:
    """One parsed column: values by row index, rejections and padding notes by row index."""

    values: list[Any]
    errors: dict[int, ValueRejected] = field(default_factory=dict)
    notes: dict[int, tuple[str, dict[str, Any]]] = field(default_factory=dict)


def parse_column(spec: FieldSpec, cells: list[Any], options: CellOptions) -> Column:
    """Parse one column of raw cells by ``spec.type``.

    "percent", "kpi_value" and "raw" cells are kept as they are: the kind's rules read them
    (their reading depends on the whole column or on another field).
    """
    kind = spec.type
    if kind == "text":
        return Column(text_values(cells))
    if kind == "symbol":
        return symbol_column(cells, options)
    if kind == "int":
        return int_column(cells)
    if kind == "number":
        return number_column(cells)
    if kind in ("percent", "kpi_value", "raw"):
        return Column(list(cells))
    memo = options.readings_of(spec.name)
    if kind in _FAST:
        return fast_column(cells, _FAST[kind], _cell_parser(spec, options), memo)
    return memo_column(cells, _cell_parser(spec, options), memo)


def _cell_parser(spec: FieldSpec, options: CellOptions) -> Callable[[Any], Parsed]:
    """The one-cell parser of a cached column type."""
    if spec.type == "date":
        return lambda c: (parse_date(c, date1904=options.date1904, from_csv=options.from_csv),
                          None)
    if spec.type == "month":
        return lambda c: (parse_month(c, date1904=options.date1904, from_csv=options.from_csv),
                          None)
    if spec.type == "code":
        return lambda c: (parse_code(c, spec), None)
    simple: dict[str, Callable[[Any], Parsed]] = {
        "municipality": _municipality, "institution": _institution, "postal": _postal,
        "office_number": _office_number, "person_key": _person_key,
        "urine_protein": lambda c: (parse_urine_protein(c), None),
        "items": lambda c: (split_items(c), None), "fy": lambda c: (parse_fy(c), None),
        "kpi": lambda c: (parse_kpi(c), None),
    }
    return simple[spec.type]


def _fast_dates(cells: list[Any]) -> list[Any]:
    return [c if c.__class__ is date else _SLOW for c in cells]


def _fast_person_key(cells: list[Any]) -> list[Any]:
    return [c if c.__class__ is str and c.isascii() and c.isalnum() else _SLOW for c in cells]


#: Column-wide fast paths: the common cell read inline, ``_SLOW`` for the rest. 郵便番号 and
#: 事業所番号 repeat across a register: the sheet's readings of distinct cells serve them better.
_FAST: dict[str, Callable[[list[Any]], list[Any]]] = {
    "date": _fast_dates, "person_key": _fast_person_key,
}


def fast_column(cells: list[Any], fast: Callable[[list[Any]], list[Any]],
                parse: Callable[[Any], Parsed], memo: Readings | None = None) -> Column:
    """``fast`` on the whole column, then ``memo_column`` on the cells it left (``_SLOW``)."""
    values = fast(cells)
    if _SLOW not in values:
        return Column(values)
    slow = [i for i, v in enumerate(values) if v is _SLOW]
    rest = memo_column([cells[i] for i in slow], parse, memo)
    for position, index in enumerate(slow):
        values[index] = rest.values[position]
    column = Column(values)
    column.errors = {slow[p]: error for p, error in rest.errors.items()}
    column.notes = {slow[p]: note for p, note in rest.notes.items()}
    return column


def memo_column(cells: list[Any], parse: Callable[[Any], Parsed],
                memo: Readings | None = None) -> Column:
    """Parse ``cells`` with ``parse``, once per distinct value (once per sheet with ``memo``,
    the column's readings of the chunks before).

    Equal cells share one reading (as a dict does: 1 == 1.0 == True); readers never mix
    booleans with numbers in a column where that would matter.
    """
    try:
        distinct = set(cells)
    except TypeError:  # an unhashable cell: never from a reader, but never a crash
        return _parse_each(cells, parse)
    memo = Readings() if memo is None else memo
    plain, special = memo.plain, memo.special
    for cell in distinct.difference(plain).difference(special):
        hit = _attempt(parse, cell)
        if isinstance(hit, ValueRejected) or hit[1] is not None:
            special[cell] = hit
        else:
            plain[cell] = hit[0]
    column = Column(list(map(plain.get, cells)))
    if special and not special.keys().isdisjoint(distinct):
        for index, cell in enumerate(cells):
            if cell in special:
                _record(column, index, special[cell])
    return column


def _parse_each(cells: list[Any], parse: Callable[[Any], Parsed]) -> Column:
    column = Column([None] * len(cells))
    for index, cell in enumerate(cells):
        _record(column, index, _attempt(parse, cell))
    return column


def _record(column: Column, index: int, hit: Parsed | ValueRejected) -> None:
    if isinstance(hit, ValueRejected):
        column.values[index] = None
        column.errors[index] = hit
    else:
        column.values[index] = hit[0]
        if hit[1] is not None:
            column.notes[index] = hit[1]


def _attempt(parse: Callable[[Any], Parsed], cell: Any) -> Parsed | ValueRejected:
    try:
        return parse(cell)
    except ValueRejected as error:
        return error


def text_values(cells: list[Any]) -> list[str | None]:
    """Text as stored and shown: trimmed (full-width spaces too), None when blank."""
    try:
        stripped = list(map(str.strip, cells))  # all text, the common case: one C-speed pass
    except TypeError:  # a number, a date or an empty cell (None) among them
        return [(c.strip() or None) if c.__class__ is str else clean_text(c) for c in cells]
    return [text or None for text in stripped]


def symbol_column(cells: list[Any], options: CellOptions) -> Column:
    """事業所記号 as 7–8 digit text. A 7-digit value of a numeric cell (or of a CSV, which has
    no types) is padded to 8 digits only when every other value of the column has 8 digits.
    """
    if _all_eight_digits(cells):
        return Column(list(cells))
    column = Column([])
    append = column.values.append
    candidates: list[int] = []
    for index, cell in enumerate(cells):
        if cell.__class__ is str and len(cell) == 8 and cell.isdigit() and cell.isascii():
            append(cell)
            continue
        text = _symbol_text(cell, index, column)
        append(text)
        if text is not None and len(text) == 7 and (
                cell.__class__ is not str or options.from_csv):
            candidates.append(index)
    _pad_symbols(column, candidates)
    return column


def _all_eight_digits(cells: list[Any]) -> bool:
    """True when every cell is 8-digit text (checked a column at a time)."""
    try:
        joined = "".join(cells)
    except TypeError:  # a number or an empty cell among them
        return False
    return set(map(len, cells)) == {8} and joined.isascii() and joined.isdigit()


def _symbol_text(cell: Any, index: int, column: Column) -> str | None:
    kind = cell.__class__
    if (kind is float or kind is int) and 1_000_000 <= cell < 100_000_000 and cell % 1 == 0:
        return str(int(cell))
    if is_blank(cell):
        return None
    try:
        return validate_employer_symbol(cell)
    except ValueRejected as error:
        column.errors[index] = error
        return None


def _pad_symbols(column: Column, candidates: list[int]) -> None:
    if len(candidates) != 1:
        return
    index = candidates[0]
    others = [v for i, v in enumerate(column.values) if v is not None and i != index]
    if others and all(len(v) == 8 for v in others):
        padded = "0" + column.values[index]
        column.notes[index] = ("cell_symbol_padded", {"padded": padded})
        column.values[index] = padded


def int_column(cells: list[Any]) -> Column:
    """Counts: whole numbers ≥ 0; missing marks (blank, -, *, 秘匿) are None, never 0."""
    return memo_column(cells, _int_cell)


def _int_cell(cell: Any) -> Parsed:
    kind = cell.__class__
    if ((kind is float or kind is int) and 0 <= cell < _INF and cell % 1 == 0) or (
            kind is str and cell.isdigit() and cell.isascii()):
        return int(cell), None
    return parse_int(cell, minimum=0), None


def number_column(cells: list[Any]) -> Column:
    """Quantities and amounts: numbers ≥ 0 as floats; missing marks are None, never 0."""
    return memo_column(cells, _number_cell)


def _number_cell(cell: Any) -> Parsed:
    kind = cell.__class__
    if (kind is float or kind is int) and 0 <= cell < _INF:
        return float(cell), None
    return parse_number(cell, minimum=0), None


def parse_code(cell: Any, spec: FieldSpec) -> str | None:
    """A coded value (区分) as its code; a blank cell is the field's default (or None)."""
    if is_blank(cell):
        return spec.default
    code = (spec.codes or {}).get(code_key(cell_text(cell)))
    if code is None:
        raise ValueRejected("cell_code_unknown", value=cell_text(cell).strip(),
                            field=spec.header, allowed="、".join(spec.labels))
    return code


def _municipality(cell: Any) -> Parsed:
    if is_blank(cell):
        return None, None
    code = validate_municipality_code(cell)
    if is_number_cell(cell) and len(cell_text(cell)) == 4:
        return code, ("cell_municipality_padded", {"padded": code})
    return code, None


def _institution(cell: Any) -> Parsed:
    if is_blank(cell):
        return None, None
    code, padded = validate_institution_code(cell)
    return code, ("cell_institution_padded", {"padded": code}) if padded else None


def _postal(cell: Any) -> Parsed:
    if cell.__class__ is str and len(cell) == 8 and cell[3] == "-" and cell.isascii() \
            and cell[:3].isdigit() and cell[4:].isdigit():
        return cell[:3] + cell[4:], None
    if is_blank(cell):
        return None, None
    code = validate_postal_code(cell)
    if is_number_cell(cell) and len(cell_text(cell)) < 7:
        return code, ("cell_postal_padded", {"padded": code})
    return code, None


def _office_number(cell: Any) -> Parsed:
    if is_blank(cell):
        return None, None
    code = validate_office_number(cell)
    if len(nfkc(cell_text(cell)).strip()) < 5:
        return code, ("cell_office_number_padded", {"padded": code})
    return code, None


def _person_key(cell: Any) -> Parsed:
    if cell.__class__ is str and cell.isascii() and cell.isalnum():
        return cell, None
    if is_blank(cell):
        return None, None
    return validate_person_key(cell), None


def split_items(cell: Any) -> list[str] | None:
    """宣言項目: a list split on 、 , / or line breaks (・ stays inside an item: こころ・休養)."""
    if is_blank(cell):
        return None
    items = [part.strip() for part in _ITEM_SEPARATORS.split(cell_text(cell))]
    return [item for item in items if item] or None


def parse_fy(cell: Any) -> int | None:
    """A 年度: 2024, "2024", "2024年度", "FY2024", "令和6年度", "R6", "平成30年度"."""
    if is_blank(cell):
        return None
    text = "".join(nfkc(cell_text(cell)).split()).upper()
    year: int | None = None
    if match := _FY.fullmatch(text):
        year = int(match[1])
    elif match := _ERA_FY.fullmatch(text):
        year = _ERA_OFFSETS[match[1]] + (1 if match[2] == "元" else int(match[2]))
    if year is None or not FY_RANGE[0] <= year <= FY_RANGE[1]:
        raise ValueRejected("cell_fy_unreadable", value=cell_text(cell).strip())
    return year


def parse_kpi(cell: Any) -> KpiDef | None:
    """A KPI sheet row named by its id or its Japanese or English name."""
    if is_blank(cell):
        return None
    text = cell_text(cell)
    found = find(text) or _KPI_NAMES.get(code_key(text))
    if found is None:
        raise ValueRejected("cell_kpi_unknown", value=text.strip())
    return found
