"""The steps of row validation that work on one chunk of rows (``validate.validate_sheet``).

Each takes the chunk's ``SheetContext`` (raw cells, parsed columns, problems by row index):
parse the mapped columns, mark formulas without a cached value, skip blank rows, total rows and
other branches' rows, and require the required fields.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from branchdesk.domain.normalize import is_blank, nfkc
from branchdesk.exchange.fields import KindSpec
from branchdesk.exchange.validate_cells import CellOptions, Column, parse_column
from branchdesk.exchange.validate_kinds import SheetContext
from branchdesk.exchange.validate_sheetwide import Padding

if TYPE_CHECKING:
    from branchdesk.exchange.validate import SheetResult

#: A reference a record makes: (kind, key) — ("employers", "12345678"),
#: ("referrals", (person_key, checkup_on)).
Reference = tuple[str, Hashable]
#: Text cells that make a row with empty or invalid key fields a total row.
TOTAL_LABELS = frozenset({"合計", "計", "総計", "小計"})
_BRACKETS = "()[]【】〔〕<>"
FORMULA_CODE = "cell_formula_without_value"
PADDED = "cell_symbol_padded"


def column_of(cells: list[list[Any]], index: int) -> list[Any]:
    """Cell ``index`` of every row; None where a row is shorter."""
    try:
        return list(map(itemgetter(index), cells))
    except IndexError:  # a short row (ragged CSV, trailing empty cells dropped)
        return [row[index] if index < len(row) else None for row in cells]


def columns_of(cells: list[list[Any]], indexes: Collection[int]) -> dict[int, list[Any]]:
    """``column_of`` each of ``indexes``: the rows transposed at once (one C-speed ``zip``)
    unless few of a wide sheet's columns are wanted."""
    width = min(map(len, cells), default=0)
    if not indexes or 3 * len(indexes) < width:
        return {i: column_of(cells, i) for i in indexes}
    transposed = list(zip(*cells, strict=False))  # as many as the shortest row has
    return {i: list(transposed[i]) if i < len(transposed) else column_of(cells, i)
            for i in indexes}


def parse_columns(ctx: SheetContext, options: CellOptions, padding: Padding | None) -> None:
    """Parse every mapped column of the chunk; rejected cells and padding notes become
    problems. ``padding``: the sheet's rule for its 事業所記号 column, if it has one."""
    columns = columns_of(ctx.cells, set(ctx.match.columns.values()))
    for name, index in ctx.match.columns.items():
        raw = columns[index]
        column = parse_column(ctx.spec.field(name), raw, options)
        ctx.raw[name] = raw
        ctx.values[name] = column.values
        for row, error in column.errors.items():
            ctx.reject(row, name, error)
        if padding is not None and name == padding.name:
            symbol_candidates(ctx, column, options, padding)
        for row, (code, params) in column.notes.items():
            ctx.problem(row, name, code, severity="warning", **params)


def symbol_candidates(ctx: SheetContext, column: Column, options: CellOptions,
                       padding: Padding) -> None:
    """The padding of a lone 7-digit symbol is decided for the whole sheet (``Padding``): undo
    the chunk's own decision, count the chunk, and note the first candidate tentatively."""
    for row, (code, params) in list(column.notes.items()):
        if code == PADDED:
            column.values[row] = params["padded"][1:]
            del column.notes[row]
    values, raw = column.values, ctx.raw[padding.name]
    candidates = [i for i, v in enumerate(values) if v is not None and len(v) == 7
                  and (raw[i].__class__ is not str or options.from_csv)]
    before = padding.candidates
    padding.see(values, candidates)
    if before == 0 and padding.candidates == 1:
        column.notes[candidates[0]] = (PADDED, {"padded": "0" + values[candidates[0]]})
        padding.row = ctx.numbers[candidates[0]]


def formula_cells_step(ctx: SheetContext, cells: Collection[tuple[int, int]]) -> None:
    """A formula without a cached value is an error in a mapped column, whatever else."""
    if not cells or not ctx.numbers:
        return
    first, last = ctx.numbers[0], ctx.numbers[-1]
    by_column = {index + 1: name for name, index in ctx.match.columns.items()}
    by_number = {number: i for i, number in enumerate(ctx.numbers)}
    for number, column in sorted(c for c in cells if first <= c[0] <= last):
        name, row = by_column.get(column), by_number.get(number)
        if name is None or row is None:
            continue
        ctx.problems[row] = [p for p in ctx.problems.get(row, []) if p.column != ctx.header(name)]
        ctx.values[name][row] = None
        ctx.failed.setdefault(name, set()).add(row)
        ctx.formula_rows.add(row)
        ctx.problem(row, name, FORMULA_CODE, cell="")


def skip_rows(ctx: SheetContext, result: SheetResult) -> list[int]:
    """Drop blank rows, total rows and other branches' rows; the row indexes left, in order.

    A row of formulas without cached values reads as blank but is not: it stays, in error.
    """
    skipped: set[int] = set()
    for index in sorted(key_broken(ctx) - ctx.formula_rows):
        if all(is_blank(c) for c in ctx.cells[index]):
            result.blank_skipped += 1
        elif is_total(ctx, index):
            result.total_skipped += 1
        else:
            continue
        skipped.add(index)
    other = ctx.other_branch - skipped
    result.other_branch_skipped += len(other)
    skipped |= other
    for index in skipped:
        ctx.problems.pop(index, None)
    if not skipped:
        return list(range(len(ctx.numbers)))
    return [i for i in range(len(ctx.numbers)) if i not in skipped]


def key_broken(ctx: SheetContext) -> set[int]:
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


def is_total(ctx: SheetContext, index: int) -> bool:
    """A text cell 合計, 計, 総計 or 小計 (計 as a レセプト種別 is data, not a total)."""
    claim_column = ctx.match.columns.get("claim_type")
    for column, cell in enumerate(ctx.cells[index]):
        if isinstance(cell, str) and column != claim_column and \
                "".join(nfkc(cell).split()).strip(_BRACKETS) in TOTAL_LABELS:
            return True
    return False


def required(ctx: SheetContext, rows: list[int]) -> None:
    """A required field left blank in one of ``rows`` is an error (unless its cell was
    rejected already)."""
    for spec in ctx.spec.fields:
        if not spec.required or spec.name not in ctx.values:
            continue
        values, failed = ctx.values[spec.name], ctx.failed.get(spec.name, set())
        if None not in values:
            continue
        for index in rows:
            if values[index] is None and index not in failed:
                ctx.problem(index, spec.name, "cell_required", field=spec.header)


def references(spec: KindSpec, record: dict[str, Any]) -> tuple[Reference, ...]:
    """The records of other kinds ``record`` refers to (a member's employer …)."""
    refs: list[Reference] = []
    for kind, names in spec.references:
        values = tuple(record.get(name) for name in names)
        if all(v is not None for v in values):
            refs.append((kind, values[0] if len(values) == 1 else values))
    return tuple(refs)
