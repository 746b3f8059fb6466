"""Row validation of one sheet (exchange.md §1–2 step 2): records of the kind, or problems.

``validate_sheet`` reads the rows under the header found by ``columns.find_header``, parses
column by column (``validate_cells``), applies the rules of the kind (``validate_kinds``), skips
blank rows, total rows and rows of other branches, and merges exact duplicates. It returns the
store's record dicts (``EmployerRecord`` …, ``KpiSheetRecord``) of the valid rows with their
Excel row numbers, and every problem found. References to other records (a member's employer, a
visit's case) are exposed, not checked: the importer checks them against the store and the
other files of the same command. The CSV reader removes branchdesk's apostrophe guard (exchange.md
§4) before the cells get here; removing it again would turn 「'=x」 into 「=x」.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any, cast

from branchdesk.domain.normalize import is_blank, nfkc, normalize_key
from branchdesk.domain.numbers import PERCENT_READINGS
from branchdesk.exchange.columns import HeaderMatch
from branchdesk.exchange.fields import KINDS, KindSpec
from branchdesk.exchange.model import Problem, RawSheet, Severity
from branchdesk.exchange.validate_cells import CellOptions, parse_column
from branchdesk.exchange.validate_kinds import CHECK, RESOLVE, SheetContext

#: A reference a record makes: (kind, key) — ("employers", "12345678"),
#: ("referrals", (person_key, checkup_on)).
Reference = tuple[str, Hashable]
#: Text cells that make a row with empty or invalid key fields a total row.
TOTAL_LABELS = frozenset({"合計", "計", "総計", "小計"})
_BRACKETS = "()[]【】〔〕<>"
FORMULA_CODE = "cell_formula_without_value"


@dataclass
class SheetResult:
    """What a sheet holds: valid records (``rows[i]`` is the Excel row of ``records[i]``) and
    every problem. A problem without a row (``sheet_errors``) makes the whole sheet unusable.
    """

    kind: str
    file: str
    sheet: str
    records: list[dict[str, Any]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    blank_skipped: int = 0
    total_skipped: int = 0
    other_branch_skipped: int = 0
    duplicates_merged: int = 0
    invalid_rows: int = 0
    percent_reading: dict[str, str] = field(default_factory=dict)
    base_date: date | None = None
    listed_symbols_extra: set[str] = field(default_factory=set)
    references: list[tuple[Reference, ...]] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems that make a row (or the sheet) invalid."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems reported but imported anyway (paddings, merged duplicates …)."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def sheet_errors(self) -> list[Problem]:
        """Errors of the whole sheet (no row): nothing of it can be imported."""
        return [p for p in self.problems if p.row is None and p.severity == "error"]


def validate_sheet(sheet: RawSheet, match: HeaderMatch, *, percent: str | None = None,
                   branch: str, formula_cells: Collection[tuple[int, int]] = ()
                   ) -> SheetResult:
    """Validate every row under ``match``'s header of ``sheet``.

    ``percent``: "points" or "fractions" overrides the per-column percentage reading;
    ``branch``: the store's 支部コード (generic rows of other branches are skipped);
    ``formula_cells``: (Excel row, 1-based column) of formulas without a cached value, as
    ``readers.formulas_without_value`` gives them.
    """
    if percent is not None and percent not in PERCENT_READINGS:
        raise ValueError(f"percent must be one of {PERCENT_READINGS}, got {percent!r}")
    with _gc_paused():
        return _validate(sheet, match, percent, branch, formula_cells)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while building hundreds of thousands of records.

    Each collection walks every object alive, the sheet's cells included; the records hold no
    cycles, so pausing it only saves that time (a third of the validation at 600,000 rows).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _validate(sheet: RawSheet, match: HeaderMatch, percent: str | None, branch: str,
              formula_cells: Collection[tuple[int, int]]) -> SheetResult:
    spec = KINDS[match.kind]
    numbers, cells = _data_rows(sheet, match.header_row)
    ctx = SheetContext(sheet, match, spec, branch, percent, numbers, cells)
    if spec.name == "employers":
        ctx.sheet_problems.extend(match.problems)
    else:
        ctx.sheet_problems.extend(p for p in match.problems if p.severity == "warning")
    _parse_columns(ctx, CellOptions(sheet.date1904, sheet.from_csv))
    _formula_cells(ctx, formula_cells)
    if spec.name in RESOLVE:
        RESOLVE[spec.name](ctx)
    result = SheetResult(spec.name, sheet.path.name, sheet.name, rows_read=len(numbers))
    live = _skip_rows(ctx, result)
    _required(ctx, live)
    if spec.name in CHECK:
        CHECK[spec.name](ctx, live)
    _collect(ctx, live, result)
    return result


def _data_rows(sheet: RawSheet, header_row: int) -> tuple[list[int], list[list[Any]]]:
    numbers: list[int] = []
    cells: list[list[Any]] = []
    for number, row in sheet.rows():
        if number > header_row:
            numbers.append(number)
            cells.append(row)
    return numbers, cells


def _column(cells: list[list[Any]], index: int) -> list[Any]:
    try:
        return list(map(itemgetter(index), cells))
    except IndexError:  # a short row (ragged CSV, trailing empty cells dropped)
        return [row[index] if index < len(row) else None for row in cells]


def _parse_columns(ctx: SheetContext, options: CellOptions) -> None:
    for name, index in ctx.match.columns.items():
        raw = _column(ctx.cells, index)
        column = parse_column(ctx.spec.field(name), raw, options)
        ctx.raw[name] = raw
        ctx.values[name] = column.values
        for row, error in column.errors.items():
            ctx.reject(row, name, error)
        for row, (code, params) in column.notes.items():
            ctx.problem(row, name, code, severity="warning", **params)


def _formula_cells(ctx: SheetContext, cells: Collection[tuple[int, int]]) -> None:
    """A formula without a cached value is an error in a mapped column, whatever else."""
    if not cells:
        return
    by_column = {index + 1: name for name, index in ctx.match.columns.items()}
    by_number = {number: i for i, number in enumerate(ctx.numbers)}
    for number, column in sorted(cells):
        name, row = by_column.get(column), by_number.get(number)
        if name is None or row is None:
            continue
        ctx.problems[row] = [p for p in ctx.problems.get(row, []) if p.column != ctx.header(name)]
        ctx.values[name][row] = None
        ctx.failed.setdefault(name, set()).add(row)
        ctx.formula_rows.add(row)
        ctx.problem(row, name, FORMULA_CODE, cell="")


def _skip_rows(ctx: SheetContext, result: SheetResult) -> list[int]:
    """Drop blank rows, total rows and other branches' rows; the row indexes left, in order.

    A row of formulas without cached values reads as blank but is not: it stays, in error.
    """
    skipped: set[int] = set()
    for index in sorted(_key_broken(ctx) - ctx.formula_rows):
        if all(is_blank(c) for c in ctx.cells[index]):
            result.blank_skipped += 1
        elif _is_total(ctx, index):
            result.total_skipped += 1
        else:
            continue
        skipped.add(index)
    other = ctx.other_branch - skipped
    result.other_branch_skipped = len(other)
    skipped |= other
    for index in skipped:
        ctx.problems.pop(index, None)
    if not skipped:
        return list(range(len(ctx.numbers)))
    return [i for i in range(len(ctx.numbers)) if i not in skipped]


def _key_broken(ctx: SheetContext) -> set[int]:
    """Rows with an empty or invalid key field (a 支部 row's blank コード or a branch total's
    blank 医療機関コード included: a 合計 row there is a total, not the branch's figures).
    """
    broken: set[int] = set()
    count = len(ctx.numbers)
    for name in ctx.spec.key:
        broken |= ctx.failed.get(name, set())
        values = ctx.values.get(name)
        if values is None:
            return set(range(count))
        if None in values:
            broken.update(i for i, v in enumerate(values) if v is None)
    return broken


def _is_total(ctx: SheetContext, index: int) -> bool:
    """A text cell 合計, 計, 総計 or 小計 (計 as a レセプト種別 is data, not a total)."""
    claim_column = ctx.match.columns.get("claim_type")
    for column, cell in enumerate(ctx.cells[index]):
        if isinstance(cell, str) and column != claim_column and \
                "".join(nfkc(cell).split()).strip(_BRACKETS) in TOTAL_LABELS:
            return True
    return False


def _required(ctx: SheetContext, rows: list[int]) -> None:
    for spec in ctx.spec.fields:
        if not spec.required or spec.name not in ctx.values:
            continue
        values, failed = ctx.values[spec.name], ctx.failed.get(spec.name, set())
        if None not in values:
            continue
        for index in rows:
            if values[index] is None and index not in failed:
                ctx.problem(index, spec.name, "cell_required", field=spec.header)


def _collect(ctx: SheetContext, live: list[int], result: SheetResult) -> None:
    """Records of the valid rows, duplicates merged, problems in row order."""
    bad = {i for i, problems in ctx.problems.items()
           if any(p.severity == "error" for p in problems)}
    good = [i for i in live if i not in bad] if bad else live
    names = tuple(f.name for f in ctx.spec.fields if f.record and f.name in ctx.values)
    columns = [ctx.values[name] for name in names]
    if len(good) != len(ctx.numbers):
        columns = [[column[i] for i in good] for column in columns]
    records: list[dict[str, Any]] = list(map(record_builder(names), *columns))
    conflicted = _merge_duplicates(ctx, good, records, result)
    result.invalid_rows = len(bad) + len(conflicted)
    result.percent_reading = ctx.percent_reading
    result.base_date = ctx.base_date
    result.references = ([_references(ctx.spec, r) for r in result.records]
                         if ctx.spec.references else [()] * len(result.records))
    if ctx.spec.name == "employers":
        result.listed_symbols_extra = _extra_symbols(ctx, bad | conflicted, result)
    result.problems = ctx.sheet_problems + [p for i in sorted(ctx.problems)
                                            for p in ctx.problems[i]]


@functools.cache
def record_builder(names: tuple[str, ...]) -> Callable[..., dict[str, Any]]:
    """A function of one value per name that returns the record {name: value, …}.

    A dict display is the fastest way Python builds a dict (a third faster than
    ``dict(zip(names, values))``, which counts at 600,000 rows). The source is made from field
    names of ``fields.py`` only, each checked to be an identifier, never from file content.
    """
    if not all(name.isidentifier() for name in names):
        raise ValueError(f"field names must be identifiers: {names}")
    params = ", ".join(f"v{i}" for i in range(len(names)))
    items = ", ".join(f"{name!r}: v{i}" for i, name in enumerate(names))
    return cast(Callable[..., dict[str, Any]], eval(f"lambda {params}: {{{items}}}"))


def key_function(spec: KindSpec) -> Callable[[dict[str, Any]], Hashable]:
    """The key of a record of ``spec`` as the store compares it (names normalised, a blank
    generic コード "" and レセプト種別 計).
    """
    if spec.key == ("symbol",):
        return itemgetter("symbol")
    norm = [spec.field(name).key_norm for name in spec.key]
    defaults = {"code": "", "claim_type": "total", "institution_code": ""}

    def key(record: dict[str, Any]) -> Hashable:
        parts = []
        for name, normalized in zip(spec.key, norm, strict=True):
            value = record.get(name)
            if value is None:
                value = defaults.get(name)
            parts.append(normalize_key(value) if normalized else value)
        return tuple(parts)
    return key


def _merge_duplicates(ctx: SheetContext, good: list[int], records: list[dict[str, Any]],
                      result: SheetResult) -> set[int]:
    """Exact duplicates merged (warning); same key, other values: an error naming both rows.

    Returns the row indexes made invalid by a conflict; ``result`` gets the records kept.
    """
    keys = list(map(key_function(ctx.spec), records))
    if len(set(keys)) == len(keys):
        result.records, result.rows = records, [ctx.numbers[i] for i in good]
        return set()
    first: dict[Hashable, int] = {}
    conflicts: set[Hashable] = set()
    for position, key in enumerate(keys):
        other = first.setdefault(key, position)
        if other == position:
            continue
        same = records[position] == records[other]
        result.duplicates_merged += same
        if not same:
            conflicts.add(key)
        _duplicate_problem(ctx, good[position], good[other], key, merged=same)
    keep = [p for p, key in enumerate(keys) if first[key] == p and key not in conflicts]
    result.records = [records[p] for p in keep]
    result.rows = [ctx.numbers[good[p]] for p in keep]
    return {good[p] for p, key in enumerate(keys) if key in conflicts}


def _duplicate_problem(ctx: SheetContext, index: int, other: int, key: Hashable, *,
                       merged: bool) -> None:
    parts = key if isinstance(key, tuple) else (key,)
    text = " / ".join("" if p is None else p.isoformat() if isinstance(p, date) else str(p)
                      for p in parts)
    code = "row_duplicate_merged" if merged else "row_duplicate_key"
    severity: Severity = "warning" if merged else "error"
    ctx.problem(index, ctx.spec.key[0], code, severity=severity, cell=text,
                other_row=ctx.numbers[other], key=text)


def _references(spec: KindSpec, record: dict[str, Any]) -> tuple[Reference, ...]:
    refs: list[Reference] = []
    for kind, names in spec.references:
        values = tuple(record.get(name) for name in names)
        if all(v is not None for v in values):
            refs.append((kind, values[0] if len(values) == 1 else values))
    return tuple(refs)


def _extra_symbols(ctx: SheetContext, invalid: Iterable[int],
                   result: SheetResult) -> set[str]:
    """Symbols of invalid employer rows whose 事業所記号 parsed (they stay listed, not lost)."""
    symbols = ctx.values["symbol"]
    extra = {symbols[i] for i in invalid if symbols[i] is not None}
    if not extra:
        return set()
    return extra - {r["symbol"] for r in result.records}
