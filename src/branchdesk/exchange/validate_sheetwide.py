"""The rules of a sheet that span its chunks: where valid records go, duplicate keys, and the
padding of a lone 7-digit 事業所記号 (exchange.md §1–2).

``validate.validate_sheet`` works through a sheet a chunk of rows at a time; what one chunk
cannot decide alone is kept here in compact form (keys and row numbers, not rows) and settled
when the sheet ends. Valid records go to a ``RecordSink`` as they are found: ``MemorySink``
keeps them as dicts, a staging sink (``importer``) writes them to a temporary table.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any, Protocol, cast

from branchdesk.domain.normalize import normalize_key
from branchdesk.exchange.fields import KindSpec
from branchdesk.exchange.model import Problem, Severity


class RecordSink(Protocol):
    """Where the valid records of a sheet go, in positions 0, 1, … as they are added."""

    def add(self, names: tuple[str, ...], columns: list[list[Any]], rows: list[int]) -> None:
        """Append records given column-wise (``columns[j][i]`` is field ``names[j]`` of record
        ``i``), with their Excel row numbers."""

    def fetch(self, positions: Sequence[int]) -> list[dict[str, Any]]:
        """The records at ``positions``, comparable with each other (for duplicate keys)."""

    def drop(self, positions: Sequence[int]) -> None:
        """Remove the records at ``positions`` (duplicates merged, conflicting keys)."""


class MemorySink:
    """Records kept as dicts, in row order (``records[i]`` came from Excel row ``rows[i]``)."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.rows: list[int] = []

    def add(self, names: tuple[str, ...], columns: list[list[Any]], rows: list[int]) -> None:
        """Append records built from their columns."""
        self.records.extend(map(record_builder(names), *columns))
        self.rows.extend(rows)

    def fetch(self, positions: Sequence[int]) -> list[dict[str, Any]]:
        """The records at ``positions``."""
        return [self.records[p] for p in positions]

    def drop(self, positions: Sequence[int]) -> None:
        """Remove the records at ``positions``."""
        gone = set(positions)
        kept = [i for i in range(len(self.records)) if i not in gone]
        self.records = [self.records[i] for i in kept]
        self.rows = [self.rows[i] for i in kept]

    def in_row_order(self) -> None:
        """Sort the records by row (a record held back to the end goes back to its place)."""
        if any(a > b for a, b in zip(self.rows, self.rows[1:], strict=False)):
            order = sorted(range(len(self.rows)), key=self.rows.__getitem__)
            self.records = [self.records[i] for i in order]
            self.rows = [self.rows[i] for i in order]


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


def column_keys(spec: KindSpec, names: tuple[str, ...], columns: list[list[Any]]
                ) -> list[Hashable]:
    """``key_function(spec)`` of each record given column-wise."""
    if spec.key == ("symbol",):
        return list(columns[names.index("symbol")])
    return list(map(key_function(spec), map(record_builder(names), *columns)))


# --- duplicate keys ------------------------------------------------------------------------------


def _increasing(before: list[Hashable], keys: list[Hashable]) -> bool:
    """True when ``keys`` are in strictly increasing order and follow ``before``'s last."""
    try:
        if before and keys and not before[-1] < keys[0]:  # type: ignore[operator]
            return False
        return all(map(operator.lt, keys, itertools.islice(keys, 1, None)))  # type: ignore[arg-type]
    except TypeError:  # keys that do not compare (None in a compound key)
        return False


@dataclass
class Duplicates:
    """Keys seen so far: the first record of each, and the later records with a seen key.

    Exact duplicates are merged (a warning at the later row); records with the same key and
    other values are all invalid (an error at each later row naming the first).

    A register sorted by its key (as head office's are) cannot repeat one: while the keys come
    in increasing order they are only listed (``ordered``); the first key out of order turns the
    list into a dict (key → position), which looks every later key up.
    """

    ordered: list[Hashable] | None = field(default_factory=list)  # by position, increasing
    first: dict[Hashable, int] = field(default_factory=dict)  # key → position of its first
    rows: list[int] = field(default_factory=list)  # position → Excel row
    later: list[tuple[Hashable, int, int]] = field(default_factory=list)  # (key, row, position)

    def see(self, keys: list[Hashable], rows: list[int], start: int) -> None:
        """Record the keys of records ``start``, ``start + 1``, … (rows ``rows``); ``start`` is
        the number of records seen before."""
        if start != len(self.rows) or len(rows) != len(keys):
            raise ValueError(f"records {start}… follow {len(self.rows)} records")
        self.rows.extend(rows)
        if self.ordered is not None and _increasing(self.ordered, keys):
            self.ordered.extend(keys)
            return
        first = self._keyed()
        positions = range(start, start + len(keys))
        if len(keys) == len(set(keys)) and first.keys().isdisjoint(keys):
            first.update(zip(keys, positions, strict=True))  # every key new: no later record
            return
        for key, row, position in zip(keys, rows, positions, strict=True):
            if first.setdefault(key, position) != position:
                self.later.append((key, row, position))

    def _keyed(self) -> dict[Hashable, int]:
        """``first``, made from ``ordered`` the first time it is needed."""
        if self.ordered is not None:
            self.first = dict(zip(self.ordered, range(len(self.ordered)), strict=True))
            self.ordered = None
        return self.first

    def seen(self, key: Hashable) -> bool:
        """True when a record with ``key`` was seen."""
        if self.ordered is None:
            return key in self.first
        try:
            at = bisect.bisect_left(self.ordered, key)  # type: ignore[call-overload]
        except TypeError:  # a key of another kind than the sheet's
            return False
        return at < len(self.ordered) and self.ordered[at] == key

    def seen_keys(self) -> list[Hashable]:
        """Every key seen, each once."""
        return list(self.first) if self.ordered is None else list(self.ordered)

    def first_of(self, key: Hashable) -> tuple[int, int]:
        """(Excel row, position) of the first record of ``key``."""
        position = self._keyed()[key]
        return self.rows[position], position

    def settle(self, sink: RecordSink) -> Settled:
        """Compare every later record with the first of its key (in row order); the positions to
        drop, the rows made invalid, and the problems by row."""
        settled = Settled()
        groups: dict[Hashable, list[tuple[int, int]]] = {}
        for key, row, position in self.later:
            groups.setdefault(key, [self.first_of(key)]).append((row, position))
        for key, occurrences in groups.items():
            occurrences.sort()
            records = sink.fetch([p for _, p in occurrences])
            (first_row, _), *rest = occurrences
            conflict = any(r != records[0] for r in records[1:])
            for (row, position), record in zip(rest, records[1:], strict=True):
                merged = record == records[0]
                settled.merged += merged
                settled.problems.append((row, key, first_row, merged))
                settled.drop.append(position)
            if conflict:
                settled.drop.append(occurrences[0][1])
                settled.invalid.update((row, key) for row, _ in occurrences)
        return settled


@dataclass
class Settled:
    """What ``Duplicates.settle`` found."""

    merged: int = 0
    drop: list[int] = field(default_factory=list)
    invalid: set[tuple[int, Hashable]] = field(default_factory=set)  # (row, key)
    problems: list[tuple[int, Hashable, int, bool]] = field(default_factory=list)


def duplicate_problem(file: str, sheet: str, header: str, row: int, key: Hashable,
                      first_row: int, merged: bool) -> Problem:
    """The report line of a later record with a seen key."""
    parts = key if isinstance(key, tuple) else (key,)
    text = " / ".join("" if p is None else p.isoformat() if isinstance(p, date) else str(p)
                      for p in parts)
    code = "row_duplicate_merged" if merged else "row_duplicate_key"
    severity: Severity = "warning" if merged else "error"
    return Problem(file, sheet, row, header, text, code,
                   {"other_row": first_row, "key": text}, severity)


# --- a lone 7-digit 事業所記号 -------------------------------------------------------------------


@dataclass
class Padding:
    """One symbol column's padding rule (exchange.md §1): a 7-digit value of a numeric cell
    (or of a CSV) gets its leading zero back only when it is the only such value and every
    other value of the column has 8 digits.

    While a candidate is the only one so far, ``row`` is its Excel row (its report carries a
    tentative padding note) and ``held`` its record if the row is valid: the record is added
    when the sheet ends, padded or not.
    """

    name: str
    candidates: int = 0
    values: int = 0  # values of the column that parsed
    not_eight: int = 0  # of them, those that do not have 8 digits
    row: int | None = None
    held: tuple[int, dict[str, Any]] | None = None  # (row, record)

    def see(self, values: list[Any], candidates: list[int]) -> None:
        """Count one chunk's parsed values and its candidate row indexes."""
        self.values += len(values) - values.count(None)
        self.not_eight += sum(1 for v in values if v is not None and len(v) != 8)
        self.candidates += len(candidates)

    @property
    def pads(self) -> bool:
        """True when the one candidate is to be padded."""
        return self.candidates == 1 and self.values > 1 and self.not_eight == 1

    @property
    def holding(self) -> bool:
        """True while a candidate's record must wait for the end of the sheet."""
        return self.candidates == 1
