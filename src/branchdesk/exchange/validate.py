"""Row validation of one sheet (exchange.md §1–2 step 2): records of the kind, or problems.

``validate_sheet`` reads the rows under the header found by ``columns.find_header``, a chunk of
``CHUNK_ROWS`` rows at a time: it parses column by column (``validate_cells``), applies the rules
of the kind (``validate_kinds``), skips blank rows, total rows and rows of other branches, and
hands the valid rows' records (``EmployerRecord`` …, ``KpiSheetRecord``) to a sink as it goes
(by default kept in ``SheetResult.records`` with their Excel row numbers), so a 600,000-row
register is never held whole. What spans chunks — duplicate keys (exact duplicates merged, others
errors), the one 基準日 of a register, the padding of a lone 7-digit 事業所記号 — is settled when
the sheet ends (``validate_sheetwide``); kinds whose rules read whole columns (percentages read
one way per column) are validated in one chunk. References to other records (a member's
employer, a visit's case) are exposed, not checked: the importer checks them against the store
and the other files of the same command. The CSV reader removes branchdesk's apostrophe guard
(exchange.md §4) before the cells get here; removing it again would turn 「'=x」 into 「=x」.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from branchdesk.domain.numbers import PERCENT_READINGS
from branchdesk.exchange.columns import HeaderMatch
from branchdesk.exchange.fields import KINDS
from branchdesk.exchange.model import Problem, RawSheet, Row
from branchdesk.exchange.row_blocks import Block
from branchdesk.exchange.validate_cells import CellOptions
from branchdesk.exchange.validate_kinds import CHECK, RESOLVE, SheetContext, check_employers
from branchdesk.exchange.validate_sheetwide import (
    Duplicates,
    MemorySink,
    Padding,
    RecordSink,
    Settled,
    column_keys,
    duplicate_problem,
)
from branchdesk.exchange.validate_steps import (
    PADDED,
    Reference,
    formula_cells_step,
    parse_columns,
    references,
    required,
    skip_rows,
)

#: Rows validated at a time; the first chunks are smaller (``FIRST_CHUNK_ROWS``, then twice the
#: last): a streamed sheet's first rows are validated while the next are still being parsed.
CHUNK_ROWS = 20_000
FIRST_CHUNK_ROWS = 2_500
#: Kinds whose rules read whole columns: validated in one chunk.
WHOLE_SHEET_KINDS = frozenset({"generic", "kpi_sheet"})
#: Called after each chunk with the number of data rows read so far (cancel point, progress).
Tick = Callable[[int], None]


@dataclass
class SheetResult:
    """What a sheet holds: valid records (``rows[i]`` is the Excel row of ``records[i]``;
    both empty when a sink other than ``MemorySink`` took them) and every problem. A problem
    without a row (``sheet_errors``) makes the whole sheet unusable.
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
    sink: RecordSink | None = None  # where the records went, when not to ``records``

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
                   branch: str, formula_cells: Collection[tuple[int, int]] = (),
                   sink: RecordSink | None = None, tick: Tick | None = None) -> SheetResult:
    """Validate every row under ``match``'s header of ``sheet``.

    ``percent``: "points" or "fractions" overrides the per-column percentage reading;
    ``branch``: the store's 支部コード (generic rows of other branches are skipped);
    ``formula_cells``: (Excel row, 1-based column) of formulas without a cached value, as
    ``readers.formula_cells`` gives them (it may fill while the rows are read);
    ``sink``: where the valid records go (default: ``SheetResult.records``);
    ``tick``: called between chunks (it may raise ``Cancelled`` to stop).
    """
    if percent is not None and percent not in PERCENT_READINGS:
        raise ValueError(f"percent must be one of {PERCENT_READINGS}, got {percent!r}")
    memory = MemorySink() if sink is None else None
    run = _Run(sheet, match, percent, branch, formula_cells, memory or sink)  # type: ignore[arg-type]
    run.result.sink = sink
    size = 1 << 62 if match.kind in WHOLE_SHEET_KINDS else CHUNK_ROWS
    with _gc_paused():
        for numbers, cells in _chunks_of(sheet, match.header_row, size):
            run.chunk(numbers, cells)
            if tick is not None:
                tick(run.result.rows_read)
        run.finish()
    if memory is not None:
        memory.in_row_order()
        run.result.records, run.result.rows = memory.records, memory.rows
        run.result.references = ([references(run.spec, r) for r in memory.records]
                                 if run.spec.references else [()] * len(memory.records))
    return run.result


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


def _chunks_of(sheet: RawSheet, header_row: int, size: int
               ) -> Iterator[tuple[list[int], list[list[Any]]]]:
    """The data rows of ``sheet`` in chunks: from its blocks when it is streamed."""
    if getattr(sheet.rows, "streams", False):
        return _block_chunks(sheet.rows.blocks(), header_row, size)  # type: ignore[attr-defined]
    return _chunks(sheet.rows(), header_row, size)


def _block_chunks(blocks: Iterator[Block], header_row: int, size: int
                  ) -> Iterator[tuple[list[int], list[list[Any]]]]:
    """``_chunks`` of rows given as blocks of consecutive rows (the same chunks)."""
    step = min(size, FIRST_CHUNK_ROWS)
    numbers: list[int] = []
    cells: list[list[Any]] = []
    for first, rows in blocks:
        skip = max(0, header_row + 1 - first)
        if skip < len(rows):
            numbers.extend(range(first + skip, first + len(rows)))
            cells.extend(rows[skip:] if skip else rows)
        while len(cells) >= step:
            yield numbers[:step], cells[:step]
            del numbers[:step], cells[:step]
            step = min(size, 2 * step)
    if cells:
        yield numbers, cells


def _chunks(rows: Iterator[Row], header_row: int, size: int
            ) -> Iterator[tuple[list[int], list[list[Any]]]]:
    """The data rows (below the header) in chunks of ``size``: (row numbers, cells)."""
    data = itertools.dropwhile(lambda row: row[0] <= header_row, rows)
    step = min(size, FIRST_CHUNK_ROWS)
    while chunk := list(itertools.islice(data, step)):
        yield [n for n, _ in chunk], [c for _, c in chunk]
        step = min(size, 2 * step)


class _Run:
    """One sheet's validation: per-chunk steps, and the state that spans chunks."""

    def __init__(self, sheet: RawSheet, match: HeaderMatch, percent: str | None, branch: str,
                 formula_cells: Collection[tuple[int, int]], sink: RecordSink) -> None:
        self.sheet, self.match, self.percent, self.branch = sheet, match, percent, branch
        self.spec = KINDS[match.kind]
        self.formula_cells = formula_cells
        self.sink = sink
        self.options = CellOptions(sheet.date1904, sheet.from_csv)
        self.result = SheetResult(self.spec.name, sheet.path.name, sheet.name)
        self.sheet_problems = list(match.problems if self.spec.name == "employers" else
                                   (p for p in match.problems if p.severity == "warning"))
        self.problems: dict[int, list[Problem]] = {}  # by Excel row
        self.duplicates = Duplicates()
        self.added = 0
        symbol = next((f.name for f in self.spec.fields if f.type == "symbol"), None)
        self.padding = Padding(symbol) if symbol in match.columns else None
        self.extra: dict[int, Any] = {}  # Excel row → 事業所記号 of an invalid employer row
        self.dates: set[date] = set()  # 基準日 column of an employer register
        self.dates_failed = False

    def chunk(self, numbers: list[int], cells: list[list[Any]]) -> None:
        """Validate one chunk of data rows and pass its valid records on."""
        ctx = SheetContext(self.sheet, self.match, self.spec, self.branch, self.percent,
                           numbers, cells)
        self.result.rows_read += len(numbers)
        parse_columns(ctx, self.options, self.padding)
        self._drop_tentative_padding()
        formula_cells_step(ctx, self.formula_cells)
        if self.spec.name in RESOLVE:
            RESOLVE[self.spec.name](ctx)
        live = skip_rows(ctx, self.result)
        required(ctx, live)
        if self.spec.name == "employers":
            self._register_dates(ctx, live)
        elif self.spec.name in CHECK:
            CHECK[self.spec.name](ctx, live)
        self._collect(ctx, live)

    def _register_dates(self, ctx: SheetContext, live: list[int]) -> None:
        if ctx.has("as_of"):
            column = ctx.values["as_of"]
            self.dates.update(column[i] for i in live if column[i] is not None)
        self.dates_failed = self.dates_failed or bool(ctx.failed.get("as_of"))

    def _collect(self, ctx: SheetContext, live: list[int]) -> None:
        bad = {i for i, problems in ctx.problems.items()
               if any(p.severity == "error" for p in problems)}
        self.result.invalid_rows += len(bad)
        good = [i for i in live if i not in bad] if bad else live
        if self.spec.name == "employers":
            symbols = ctx.values["symbol"]
            self.extra.update((ctx.numbers[i], symbols[i]) for i in bad
                              if symbols[i] is not None)
        held = self._hold(ctx, good)
        if held is not None:
            good = [i for i in good if i != held]
        names = tuple(f.name for f in self.spec.fields if f.record and f.name in ctx.values)
        columns = [ctx.values[name] for name in names]
        if len(good) != len(ctx.numbers):
            columns = [[column[i] for i in good] for column in columns]
        self._add(names, columns, [ctx.numbers[i] for i in good])
        self.result.percent_reading.update(ctx.percent_reading)
        for index in sorted(ctx.problems):
            self.problems[ctx.numbers[index]] = ctx.problems[index]

    def _add(self, names: tuple[str, ...], columns: list[list[Any]], rows: list[int]) -> None:
        if not rows:
            return
        self.duplicates.see(column_keys(self.spec, names, columns), rows, self.added)
        self.sink.add(names, columns, rows)
        self.added += len(rows)

    # --- the lone 7-digit symbol ---------------------------------------------------------------

    def _hold(self, ctx: SheetContext, good: list[int]) -> int | None:
        """The row index of the chunk's candidate when its record must wait for the end."""
        padding = self.padding
        if padding is None or not padding.holding or padding.held is not None:
            return None
        index = next((i for i in good if ctx.numbers[i] == padding.row), None)
        if index is not None:
            names = tuple(f.name for f in self.spec.fields if f.record and f.name in ctx.values)
            padding.held = (ctx.numbers[index], dict(zip(
                names, (ctx.values[n][index] for n in names), strict=True)))
        return index

    def _drop_tentative_padding(self) -> None:
        """A second candidate: nothing will be padded; the first one's record goes on."""
        padding = self.padding
        if padding is None or padding.candidates < 2 or padding.row is None:
            return
        self._remove_note(padding.row)
        if padding.held is not None:
            self._release(padding.held)
        padding.row, padding.held = None, None

    def _remove_note(self, row: int) -> None:
        kept = [p for p in self.problems.get(row, []) if p.code != PADDED]
        if kept:
            self.problems[row] = kept
        else:
            self.problems.pop(row, None)

    def _release(self, held: tuple[int, dict[str, Any]]) -> None:
        row, record = held
        names = tuple(record)
        self._add(names, [[record[n]] for n in names], [row])

    # --- the end of the sheet ------------------------------------------------------------------

    def finish(self) -> None:
        """Settle what spans chunks: padding, the register's date, duplicate keys."""
        self._settle_padding()
        if self.spec.name == "employers":
            self._check_register_date()
        settled = self.duplicates.settle(self.sink)
        self.result.duplicates_merged = settled.merged
        header = self.match.headers.get(self.spec.key[0]) or self.spec.field(
            self.spec.key[0]).header
        for row, key, first_row, merged in settled.problems:
            self.problems.setdefault(row, []).append(duplicate_problem(
                self.sheet.path.name, self.sheet.name, header, row, key, first_row, merged))
        self.sink.drop(settled.drop)
        self.result.invalid_rows += len(settled.invalid)
        if self.spec.name == "employers":
            self.extra.update(settled.invalid)
            self.result.listed_symbols_extra = self._extra_symbols(settled)
        self.result.problems = self.sheet_problems + [
            p for row in sorted(self.problems) for p in self.problems[row]]

    def _extra_symbols(self, settled: Settled) -> set[Any]:
        """事業所記号 of invalid rows that no kept record carries (they still count as listed)."""
        extra = set(self.extra.values())
        if not extra:
            return extra  # the common case: no set of every key is needed
        invalid = {key for _, key in settled.invalid}
        return {s for s in extra if not self.duplicates.seen(s) or s in invalid}

    def _settle_padding(self) -> None:
        padding = self.padding
        if padding is None or padding.row is None:
            return
        if not padding.pads:
            self._remove_note(padding.row)
        elif padding.row in self.extra:
            self.extra[padding.row] = "0" + self.extra[padding.row]
        if padding.held is not None:
            row, record = padding.held
            if padding.pads:
                record[padding.name] = "0" + record[padding.name]
            self._release((row, record))

    def _check_register_date(self) -> None:
        """One 基準日 per register: the column's (all rows alike) or the title row's."""
        ctx = SheetContext(self.sheet, self.match, self.spec, self.branch, self.percent, [], [])
        if "as_of" in self.match.columns:
            ctx.values["as_of"] = sorted(self.dates)
        if self.dates_failed:
            ctx.failed["as_of"] = {0}
        check_employers(ctx, list(range(len(self.dates))))
        self.sheet_problems.extend(ctx.sheet_problems)
        self.result.base_date = ctx.base_date
