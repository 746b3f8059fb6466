"""What every register write shares: the ``Changes`` value, timestamps, and the bulk upsert.

Records are mappings of field → value. A missing field means "column absent: leave the stored
value"; ``None`` clears the field (or sets the default the spec gives). The upsert stages the rows
in a temporary table shaped like the register table and compares them set-wise in SQL, so 600,000
rows cost a few statements, never a SELECT per row. Rows whose present fields all equal the
stored values are not written at all: their ``changed_at`` and the audit history stay untouched.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from itertools import islice
from typing import Any, Literal

from branchdesk.domain.errors import BranchdeskError, InputRejected
from branchdesk.domain.messages import message
from branchdesk.store.connection import Store

Key = Hashable
Source = Literal["import", "app"]
SOURCES = ("import", "app")

#: The change lists of ``Changes``, in the order an import summary shows them.
CHANGE_LISTS = ("added", "changed", "unchanged", "removed", "lost", "reactivated",
                "locally_edited_overwritten", "history")


@dataclass(frozen=True)
class Notice:
    """A warning about one written record (it was stored; the user should look at it)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str = "ja") -> str:
        """The warning in ``lang`` ("ja" or "en")."""
        return message(self.code, lang, **self.params)


@dataclass
class Changes:
    """What a register write changed, as lists of record keys (the register's own key form).

    Each written record is in exactly one of ``added``, ``changed``, ``unchanged``;
    ``reactivated`` and ``locally_edited_overwritten`` are subsets of ``changed``; ``lost`` and
    ``removed`` name records the input did not list; ``history`` names records whose dated
    history (an employer's headcount at a register date) was written.
    """

    added: list[Key] = field(default_factory=list)
    changed: list[Key] = field(default_factory=list)
    unchanged: list[Key] = field(default_factory=list)
    removed: list[Key] = field(default_factory=list)
    lost: list[Key] = field(default_factory=list)
    reactivated: list[Key] = field(default_factory=list)
    locally_edited_overwritten: list[Key] = field(default_factory=list)
    history: list[Key] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)

    @property
    def nothing_changed(self) -> bool:
        """True when the write left the store as it was (an import is then 変更なし)."""
        return not any(getattr(self, name) for name in CHANGE_LISTS if name != "unchanged")

    def counts(self) -> dict[str, int]:
        """How many keys each list holds (for an import summary), warnings included."""
        counts = {name: len(getattr(self, name)) for name in CHANGE_LISTS}
        counts["warnings"] = len(self.warnings)
        return counts

    def merge(self, other: Changes) -> Changes:
        """Append ``other``'s lists to this one's; returns self."""
        for f in fields(self):
            getattr(self, f.name).extend(getattr(other, f.name))
        return self


@dataclass(frozen=True)
class RegisterTable:
    """How one register table is written through ``upsert``.

    ``key``: the columns of its unique key; ``fields``: the columns a record may carry;
    ``required``: fields a new row must have (not None); ``defaults``: the value a None takes;
    ``computed``: column → SQL expression over ``{field}`` placeholders, recomputed on every
    written row; ``computed_py``: for some of them, (fields, function of one list per field
    giving the column) to compute a staged chunk at once in Python instead; ``local_flag``:
    the table has ``locally_edited``.
    """

    name: str
    key: tuple[str, ...]
    fields: tuple[str, ...]
    required: tuple[str, ...] = ()
    defaults: Mapping[str, Any] = field(default_factory=dict)
    computed: Mapping[str, str] = field(default_factory=dict)
    computed_py: Mapping[str, tuple[tuple[str, ...], Callable[..., list[Any]]]] = field(
        default_factory=dict)
    local_flag: bool = False


def now() -> str:
    """The current UTC time in the store's timestamp form (2025-04-01T09:30:00.123Z)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def db_value(value: Any) -> Any:
    """A Python value as SQLite stores it: dates ISO text, bools 0/1, lists and dicts JSON."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def key_text(key: Key) -> str:
    """A key as people read it in a message ("12345678 / 2024-04-01")."""
    parts = key if isinstance(key, tuple) else (key,)
    return " / ".join("" if p is None else str(db_value(p)) for p in parts)


def check_source(source: str) -> None:
    """Refuse a ``source`` other than "import" or "app" (a programming error)."""
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}, got {source!r}")


def require_transaction(store: Store) -> None:
    """Refuse a register write outside ``store.transaction()`` (a programming error)."""
    if not store.conn.in_transaction:
        raise RuntimeError("register writes run inside `with store.transaction():`")


def check_code(table: Mapping[str, Any], field_name: str, value: Any) -> None:
    """Refuse a coded value not in ``table`` (None passes: it clears or defaults)."""
    if value is not None and value not in table:
        raise InputRejected("register_code_unknown", field=field_name, value=value,
                            allowed=", ".join(table))


def chunks(items: Sequence[Any], size: int = 500) -> Iterator[list[Any]]:
    """``items`` in lists of at most ``size`` (for IN (...) lists under SQLite's limits)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ids_by_key(store: Store, table: str, columns: Sequence[str],
               keys: Sequence[tuple[Any, ...]]) -> dict[tuple[Any, ...], int]:
    """The ids of the rows of ``table`` whose ``columns`` equal each of ``keys`` (found only).

    One staged join, whatever the number of keys.
    """
    if not keys:
        return {}
    conn = store.conn
    conn.execute("DROP TABLE IF EXISTS temp.bd_keys")
    conn.execute("CREATE TEMP TABLE bd_keys AS SELECT " + ", ".join(columns)
                 + f" FROM main.{table} WHERE 0")
    marks = ", ".join("?" * len(columns))
    conn.executemany(f"INSERT INTO temp.bd_keys VALUES ({marks})",
                     ([db_value(v) for v in k] for k in set(keys)))
    join = " AND ".join(f"t.{c} = k.{c}" for c in columns)
    cols = ", ".join(f"k.{c}" for c in columns)
    rows = conn.execute(f"SELECT {cols}, t.id FROM temp.bd_keys k JOIN main.{table} t ON {join}")
    found = {tuple(r[:-1]): int(r[-1]) for r in rows}
    conn.execute("DROP TABLE temp.bd_keys")
    return found


def employer_ids(store: Store, symbols: Sequence[str]) -> dict[str, int]:
    """Employer ids by 事業所記号, for the symbols that are stored."""
    found = ids_by_key(store, "employers", ("symbol",), [(s,) for s in symbols])
    return {k[0]: v for k, v in found.items()}


def unique_rows(rows: Sequence[Mapping[str, Any]], keys: Sequence[Key]
                ) -> tuple[list[Mapping[str, Any]], list[Key]]:
    """Rows with duplicate keys merged: exact duplicates once, differing ones refused."""
    seen: dict[Key, Mapping[str, Any]] = {}
    for row, key in zip(rows, keys, strict=True):
        earlier = seen.setdefault(key, row)
        if earlier is not row and earlier != row:
            raise InputRejected("register_duplicate_key", key=key_text(key))
    if len(seen) == len(rows):
        return list(rows), list(keys)
    return list(seen.values()), list(seen)


def upsert(store: Store, table: RegisterTable, rows: Sequence[Mapping[str, Any]],
           keys: Sequence[Key], *, source: Source, update_existing: bool = True,
           missing_error: Callable[[Key], BranchdeskError] | None = None,
           ignored: Collection[str] = ()) -> Changes:
    """Add or update ``rows`` (in table columns, key columns included) by ``table.key``.

    ``keys`` names each row in the returned ``Changes``. Rows equal to the stored ones in every
    present field are not written. ``source="import"`` overwrites app edits (reported, flag
    cleared); ``source="app"`` marks written rows ``locally_edited``. With
    ``update_existing=False`` stored rows are left as they are (reported unchanged); with
    ``missing_error`` a row whose key is not stored raises that error instead of being added.
    Fields named in ``ignored`` are not written (the caller writes them elsewhere). Rows are
    staged per set of fields they carry (``stage.RecordStage``) and written set-wise.
    """
    from branchdesk.store.registers.stage import RecordStage, write_stage  # it builds on us

    check_source(source)
    require_transaction(store)
    rows, keys = unique_rows(rows, keys)
    changes = Changes()
    stamp = now()
    for present, positions in field_groups(table, rows, ignored).items():
        with RecordStage(store, table, present) as stage:
            stage.add_rows([rows[p] for p in positions])
            changes.merge(write_stage(store, stage, [keys[p] for p in positions],
                                      source=source, update_existing=update_existing,
                                      missing_error=missing_error, stamp=stamp))
    return changes


def field_groups(table: RegisterTable, rows: Sequence[Mapping[str, Any]],
                 ignored: Collection[str] = ()) -> dict[tuple[str, ...], list[int]]:
    """Row positions grouped by the fields of ``table`` they carry (usually one group: one
    file's columns); refuses a field ``table`` does not have (``ignored`` ones aside)."""
    by_names: dict[frozenset[str], list[int]] = {}
    for pos, row in enumerate(rows):
        by_names.setdefault(frozenset(row), []).append(pos)
    groups: dict[tuple[str, ...], list[int]] = {}
    for names, positions in by_names.items():
        unknown = sorted(names - set(table.key) - set(table.fields) - set(ignored))
        unknown = unknown or sorted(set(table.key) - names)
        if unknown:
            raise InputRejected("register_field_unknown", table=table.name, field=unknown[0])
        present = tuple(f for f in table.fields if f in names)
        groups.setdefault(present, []).extend(positions)
    return groups
