"""Records staged in a temporary table, and the set-wise write of a staged register.

A ``RecordStage`` holds records of one register table that carry the same fields, as SQLite
stores them, one row per record with its position as rowid; an import adds them chunk by chunk
while it validates a file, so a 600,000-row register never sits in Python's memory whole.
``write_stage`` then compares them with the stored rows and adds or updates what differs in a
few statements per chunk of ``WRITE_CHUNK`` positions (``tick`` runs between statements: the
import's cancel point and progress). Rows whose present fields all equal the stored values are
not written: their ``changed_at`` and the audit history stay untouched.
"""

from __future__ import annotations

import itertools
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any, Literal, NamedTuple

from branchdesk.domain.errors import BranchdeskError, InputRejected
from branchdesk.store.audit import max_id, record_inserts
from branchdesk.store.connection import Store
from branchdesk.store.registers.common import (
    Changes,
    Key,
    RegisterTable,
    Source,
    check_source,
    db_value,
    key_text,
    now,
    require_transaction,
)

#: Positions written (or compared) per statement.
WRITE_CHUNK = 50_000
_PLAIN_TYPES = {str, int, float, type(None)}
_DATE_TYPES = {date, datetime, type(None)}
#: Distinct dates a stage remembers the stored text of, per column (a register's few thousand).
DATE_MEMO = 100_000
_UID = "printf('%s%015x', :prefix, :start + s.rowid * :step + abs(random() % :step))"
_NAMES = itertools.count()
Tick = Callable[[], None]
Compute = Literal["carried", "none", "insert"]


class RecordStage:
    """A temporary table of records of ``table`` carrying the fields ``present`` (besides the
    key), plus ``extra`` columns (name → SQL type) the caller reads itself.

    ``compute`` says which computed columns of ``table`` are staged, their values computed in
    Python a whole chunk at a time (``RegisterTable.computed_py``) instead of per written row in
    SQL: "carried" those whose fields are all staged, "none" none (a stage mostly compared,
    rarely written), "insert" all, absent fields read as NULL (a stage only inserted).
    """

    def __init__(self, store: Store, table: RegisterTable, present: Sequence[str],
                 extra: Mapping[str, str] | None = None, compute: Compute = "carried") -> None:
        self.conn = store.conn
        self.table = table
        self.present = tuple(present)
        self.name = f"bd_stage_{next(_NAMES)}"
        carried = {*table.key, *self.present}
        self.computed = {c: spec for c, spec in table.computed_py.items()
                         if compute == "insert" or (compute == "carried"
                                                    and set(spec[0]) <= carried)}
        self.extra = dict(extra or {})
        #: Columns whose values the caller hands over as stored (str, int, float or None):
        #: staged without looking at each value's type.
        self.plain: frozenset[str] = frozenset()
        self.size = 0
        self._dates: dict[str, dict[Any, Any]] = {}  # column → date → stored text, across chunks
        columns = ", ".join((*table.key, *self.present))
        self.conn.execute(f"CREATE TEMP TABLE {self.name} AS SELECT {columns} "
                          f"FROM main.{table.name} WHERE 0")
        for name, kind in [*self.extra.items(), *((c, "TEXT") for c in self.computed)]:
            self.conn.execute(f"ALTER TABLE temp.{self.name} ADD COLUMN {name} {kind}")

    @property
    def columns(self) -> tuple[str, ...]:
        """The staged columns (rowid aside), in table order."""
        return (*self.table.key, *self.present, *self.extra, *self.computed)

    def add(self, values: Mapping[str, Sequence[Any]]) -> None:
        """Append one chunk of records given column-wise (every column of ``columns`` but the
        computed ones; an extra column may be missing: NULL)."""
        count = len(values[self.table.key[0]])
        columns = [self._converted(values[name], name) if name in values else [None] * count
                   for name in (*self.table.key, *self.present, *self.extra)]
        names = (*self.table.key, *self.present, *self.extra)
        for sources, compute in self.computed.values():
            columns.append(compute(*(columns[names.index(f)] if f in names else [None] * count
                                     for f in sources)))
        marks = ", ".join("?" * (len(columns) + 1))
        start, self.size = self.size, self.size + count
        # One transaction for the chunk (outside the caller's, each row would be one).
        self.conn.execute("SAVEPOINT bd_stage_add")
        try:
            self.conn.executemany(
                f"INSERT INTO temp.{self.name} (rowid, {', '.join(self.columns)}) "
                f"VALUES ({marks})", zip(range(start, self.size), *columns, strict=True))
        except BaseException:
            self.conn.execute("ROLLBACK TO bd_stage_add")
            raise
        finally:
            self.conn.execute("RELEASE bd_stage_add")

    def add_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Append records given row-wise (each carrying every column but the computed ones)."""
        names = (*self.table.key, *self.present, *self.extra)
        self.add({n: [row.get(n) for row in rows] if n in self.extra else
                  list(map(itemgetter(n), rows)) for n in names})

    def _converted(self, values: Sequence[Any], column: str) -> Sequence[Any]:
        if column in self.plain and self.table.defaults.get(column) is None:
            return values
        memo = self._dates.setdefault(column, {})
        if len(memo) > DATE_MEMO:
            memo.clear()
        return converted(values, self.table.defaults.get(column), memo)

    def fetch(self, positions: Sequence[int]) -> list[dict[str, Any]]:
        """The staged records at ``positions`` (as stored: dates as text), in that order."""
        found: dict[int, dict[str, Any]] = {}
        names = (*self.table.key, *self.present, *self.extra)
        for chunk in _batches(positions):
            marks = ", ".join("?" * len(chunk))
            cursor = self.conn.execute(f"SELECT rowid, {', '.join(names)} FROM temp.{self.name} "
                                       f"WHERE rowid IN ({marks})", chunk)
            found.update((row[0], dict(zip(names, row[1:], strict=True))) for row in cursor)
        return [found[p] for p in positions]

    def delete(self, positions: Sequence[int]) -> None:
        """Drop the records at ``positions`` (the others keep theirs)."""
        for chunk in _batches(positions):
            marks = ", ".join("?" * len(chunk))
            self.conn.execute(f"DELETE FROM temp.{self.name} WHERE rowid IN ({marks})", chunk)

    def keys(self, column: str) -> list[Any]:
        """``column`` by position; None at positions deleted."""
        keys: list[Any] = [None] * self.size
        cursor = self.conn.cursor()
        cursor.row_factory = None
        for position, key in cursor.execute(f"SELECT rowid, {column} FROM temp.{self.name}"):
            keys[position] = key
        return keys

    def count(self) -> int:
        """How many records are staged."""
        return int(self.conn.execute(f"SELECT COUNT(*) FROM temp.{self.name}").fetchone()[0])

    def ranges(self) -> Iterator[tuple[int, int]]:
        """Position ranges (first, last) of at most ``WRITE_CHUNK`` positions."""
        for first in range(0, self.size, WRITE_CHUNK):
            yield first, min(self.size, first + WRITE_CHUNK) - 1

    def drop(self) -> None:
        """Remove the table."""
        self.conn.execute(f"DROP TABLE IF EXISTS temp.{self.name}")

    def __enter__(self) -> RecordStage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.drop()


def converted(values: Sequence[Any], default: Any = None,
              memo: dict[Any, Any] | None = None) -> list[Any]:
    """One column's values as SQLite stores them: None → ``default`` (when given), dates →
    ISO text (each distinct date converted once; ``memo`` keeps those of a column without
    datetimes for its next chunk), bools → 0/1, lists → JSON."""
    out = list(values)
    types = set(map(type, out))
    if default is not None and type(None) in types:
        out = [default if v is None else v for v in out]
    if types <= _PLAIN_TYPES:
        return out
    if types <= _DATE_TYPES:
        stored = {} if memo is None or datetime in types else memo  # dates only: few, exact
        stored.update((v, db_value(v)) for v in set(out).difference(stored))
        return list(map(stored.__getitem__, out))
    return list(map(db_value, out))


def _columns_of(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA main.table_info({table})")}


def _batches(positions: Sequence[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(positions), size):
        yield list(positions[start:start + size])


def write_stage(store: Store, stage: RecordStage, keys: Sequence[Key | None], *,
                source: Source, update_existing: bool = True,
                missing_error: Callable[[Key], BranchdeskError] | None = None,
                stamp: str | None = None, tick: Tick | None = None,
                found: Sequence[Found] | None = None) -> Changes:
    """Add or update the staged records by ``stage.table.key`` (caller's transaction).

    ``keys[p]`` names the record at position ``p`` in the returned ``Changes`` (None: deleted
    from the stage). ``source="import"`` overwrites app edits (reported, flag cleared);
    ``source="app"`` marks written rows ``locally_edited``. With ``update_existing=False``
    stored rows are left as they are (reported unchanged); with ``missing_error`` a record
    whose key is not stored raises that error instead of being added. ``found``: the
    records' ``classify_range`` rows, when already compared with the table as it is now
    (rows of deleted positions are ignored).
    """
    check_source(source)
    require_transaction(store)
    write = _Write(store, stage, source, stamp or now(), tick or (lambda: None))
    if found is None:
        added, changed = write.classify()
    else:
        added, changed = write.classified(found, keys)
    if added and missing_error is not None:
        raise missing_error(keys[added[0]])
    changed = changed if update_existing else []
    changes = _changes(keys, added, changed, source)
    write.check_required(keys, added)
    if added:
        write.insert(every=not changed and len(added) == stage.count())
    if changed:
        write.update()
    return changes


def _changes(keys: Sequence[Key | None], added: list[int], changed: list[tuple[int, int, int]],
             source: Source) -> Changes:
    written = set(added).union(pos for pos, _, _ in changed)
    overwritten = [keys[pos] for pos, _, edited in changed if edited and source == "import"]
    return Changes(added=[keys[p] for p in added], changed=[keys[p] for p, _, _ in changed],
                   unchanged=[k for p, k in enumerate(keys) if k is not None and p not in written],
                   locally_edited_overwritten=overwritten)


#: A staged record that differs from its table: (position, stored id or None, locally edited).
Found = tuple[int, int | None, int]


def classify_range(stage: RecordStage, first: int, last: int) -> list[Found]:
    """The records at positions ``first`` … ``last`` that are new or differ from the stored row
    of their key, in position order."""
    table = stage.table
    local = "t.locally_edited" if table.local_flag else "0"
    join = " AND ".join(f"t.{c} = s.{c}" for c in table.key)
    differs = " OR ".join(f"t.{c} IS NOT s.{c}" for c in stage.present) or "0"
    cursor = stage.conn.cursor()
    cursor.row_factory = None  # plain tuples: much cheaper than sqlite3.Row in bulk
    return list(cursor.execute(
        f"SELECT s.rowid, t.id, {local} FROM temp.{stage.name} s LEFT JOIN "
        f"main.{table.name} t ON {join} WHERE s.rowid BETWEEN ? AND ? "
        f"AND (t.id IS NULL OR {differs}) ORDER BY s.rowid", (first, last)))


class Compared(NamedTuple):
    """A stage compared with its table while it was filled: its keys by position (None where
    deleted) and every record's ``classify_range`` row, in position order."""

    keys: list[Key | None]
    found: list[Found]


class _Write:
    """The statements of one ``write_stage``, each run over the stage chunk by chunk."""

    def __init__(self, store: Store, stage: RecordStage, source: Source, stamp: str,
                 tick: Tick) -> None:
        self.conn = store.conn
        self.stage = stage
        self.table = stage.table
        self.source = source
        self.stamp = stamp
        self.tick = tick
        self.join = " AND ".join(f"t.{c} = s.{c}" for c in self.table.key)
        self.differs = " OR ".join(f"t.{c} IS NOT s.{c}" for c in stage.present) or "0"

    def classify(self) -> tuple[list[int], list[tuple[int, int, int]]]:
        """Positions of records to add, and (position, stored id, locally edited) of differing
        ones."""
        found: list[Found] = []
        for first, last in self.stage.ranges():
            found.extend(classify_range(self.stage, first, last))
            self.tick()
        return split_found(found)

    def classified(self, found: Sequence[Found], keys: Sequence[Key | None]
                   ) -> tuple[list[int], list[tuple[int, int, int]]]:
        """``classify`` from rows compared before (those of deleted positions left out); the
        cancel points stay where the comparison had them."""
        for _ in self.stage.ranges():
            self.tick()
        return split_found([f for f in found if keys[f[0]] is not None])

    def check_required(self, keys: Sequence[Key | None], added: list[int]) -> None:
        """A required field may not be cleared, and a new record must carry it."""
        for name in self.table.required:
            if self.table.defaults.get(name) is not None:
                continue
            position: int | None = None
            if name in self.stage.present:
                row = self.conn.execute(f"SELECT MIN(rowid) FROM temp.{self.stage.name} "
                                        f"WHERE {name} IS NULL").fetchone()
                position = row[0]
            elif added:
                position = added[0]
            if position is not None:
                raise InputRejected("register_field_required", table=self.table.name,
                                    field=name, key=key_text(keys[position]))

    def _extra(self, absent: str) -> dict[str, str]:
        return _extra_sql(self.stage, self.source, absent)

    def insert(self, every: bool) -> None:
        """Insert the records whose key is not stored (``every``: all staged ones are new), in
        position order; one audit entry."""
        before = max_id(self.conn, self.table.name)
        insert = Inserter(self.conn, self.stage, self.source, self.stamp, every=every)
        for first, last in self.stage.ranges():
            insert(first, last)
            self.tick()
        record_inserts(self.conn, self.table.name, before, {"source": self.source})

    def update(self) -> None:
        """Update the stored rows whose present fields differ from their staged record."""
        sets = [f"{c} = s.{c}" for c in self.stage.present]
        sets += [f"{c} = {sql}" for c, sql in self._extra("t.").items()]
        for first, last in self.stage.ranges():
            self.conn.execute(
                f"UPDATE main.{self.table.name} AS t SET {', '.join(sets)} "
                f"FROM temp.{self.stage.name} s WHERE {self.join} "
                f"AND s.rowid BETWEEN :first AND :last AND ({self.differs})",
                {"stamp": self.stamp, "first": first, "last": last})
            self.tick()


def split_found(found: Sequence[Found]) -> tuple[list[int], list[tuple[int, int, int]]]:
    """``classify_range`` rows as (positions to add, (position, id, edited) of differing)."""
    added = [pos for pos, target, _ in found if target is None]
    changed = [row for row in found if row[1] is not None]
    return added, changed  # type: ignore[return-value]


class Inserter:
    """The insert of staged records into their table, one position range per call.

    Their ``uid`` is given, not left to the column default: the default's random tails scatter
    a big insert all over the unique index. Here each uid is the same 48 bits of milliseconds,
    then 20 random bits drawn once, then 60 bits that grow with the position by a random step:
    128 bits, unique, and appended to the index in order. ``created_at`` is the write's stamp,
    like ``changed_at``. ``every``: every staged record is new (no key is looked up first).
    """

    def __init__(self, conn: sqlite3.Connection, stage: RecordStage, source: Source,
                 stamp: str, *, every: bool) -> None:
        table = stage.table.name
        join = " AND ".join(f"t.{c} = s.{c}" for c in stage.table.key)
        columns = [*stage.table.key, *stage.present]
        extra = _extra_sql(stage, source, "")
        stored = _columns_of(conn, table)
        if "uid" in stored:
            extra["uid"] = _UID
        if "created_at" in stored:  # the default's strftime, run per row, costs a fifth
            extra["created_at"] = ":stamp"
        new = "" if every else f"AND NOT EXISTS (SELECT 1 FROM main.{table} t WHERE {join}) "
        self.conn = conn
        self.sql = (f"INSERT INTO main.{table} ({', '.join([*columns, *extra])}) "
                    f"SELECT {', '.join([*(f's.{c}' for c in columns), *extra.values()])} "
                    f"FROM temp.{stage.name} s WHERE s.rowid BETWEEN :first AND :last "
                    f"{new}ORDER BY s.rowid")
        self.params = {"stamp": stamp, "prefix": f"{int(time.time() * 1000):012x}"
                       f"{secrets.randbits(20):05x}", "start": secrets.randbits(57),
                       "step": 1 << 30}

    def __call__(self, first: int, last: int) -> int:
        """Insert the staged records of positions ``first`` … ``last``; how many."""
        return self.conn.execute(self.sql, {**self.params, "first": first, "last": last}).rowcount


def _extra_sql(stage: RecordStage, source: Source, absent: str) -> dict[str, str]:
    """SQL for the computed columns, the local-edit flag and ``changed_at`` of a written row.

    A computed column the stage carries is copied; another reads a field the stage does not
    carry as ``{absent}field`` (the stored value in an update) or, with ``absent=""`` (an
    insert), as NULL.
    """
    table = stage.table
    staged = set(table.key) | set(stage.present)
    refs = {f: (f"s.{f}" if f in staged else f"{absent}{f}" if absent else "NULL")
            for f in (*table.key, *table.fields)}
    extra = {c: (f"s.{c}" if c in stage.computed else sql.format(**refs))
             for c, sql in table.computed.items()}
    if table.local_flag:
        extra["locally_edited"] = str(int(source == "app"))
    extra["changed_at"] = ":stamp"
    return extra
