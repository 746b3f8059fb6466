"""References between records: a member's employer, a visit's case (exchange.md §2.2).

A reference is good when the record it names is in the store or in a file of the same command.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import date
from typing import Any

from branchdesk.exchange.importer.collect import SheetPlan
from branchdesk.exchange.importer.staging import FreshSink, StageSink
from branchdesk.exchange.model import Problem
from branchdesk.store.connection import Store

_CODES = {"employers": "reference_unknown_employer", "referrals": "reference_unknown_case"}
_FIELDS = {"employers": "symbol", "referrals": "person_key"}


def check_references(store: Store, plans: list[SheetPlan], *, drop: bool) -> list[Problem]:
    """Problems for references that resolve nowhere; with ``drop`` the records are removed."""
    wanted: dict[str, set[Hashable]] = {"employers": set(), "referrals": set()}
    for plan in plans:
        for refs in plan.result.references:
            for kind, key in refs:
                wanted.setdefault(kind, set()).add(key)
    if not any(wanted.values()):
        return []
    provided = _provided(plans)
    known = {kind: provided.get(kind, set()) | _in_store(store, kind, keys - provided.get(kind,
                                                                                       set()))
             for kind, keys in wanted.items()}
    problems: list[Problem] = []
    for plan in plans:
        problems.extend(_check_plan(plan, known, drop))
    return problems


def _provided(plans: list[SheetPlan]) -> dict[str, set[Hashable]]:
    provided: dict[str, set[Hashable]] = {"employers": set(), "referrals": set()}
    for plan in plans:
        kind = plan.match.kind
        if kind == "employers":
            provided["employers"] |= _symbols_of(plan)
            provided["employers"] |= set(plan.result.listed_symbols_extra)
        elif kind == "referrals":
            provided["referrals"] |= {(r["person_key"], _iso(r["checkup_on"]))
                                      for r in plan.result.records}
    return provided


def _symbols_of(plan: SheetPlan) -> set[Hashable]:
    """The 事業所記号 of a register's valid rows, staged or in memory."""
    sink = plan.result.sink
    if isinstance(sink, StageSink):
        return {k for k in sink.stage.keys("symbol") if k is not None}
    if isinstance(sink, FreshSink):
        return set(sink.register.symbols)
    return {r["symbol"] for r in plan.result.records}


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _in_store(store: Store, kind: str, keys: Iterable[Hashable]) -> set[Hashable]:
    keys = list(keys)
    found: set[Hashable] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        if kind == "employers":
            found |= _symbols(store, [str(k) for k in chunk])
        elif kind == "referrals":
            found |= _cases(store, chunk)
    return found


def _symbols(store: Store, symbols: list[str]) -> set[Hashable]:
    marks = ", ".join("?" * len(symbols))
    rows = store.query(f"SELECT symbol FROM employers WHERE symbol IN ({marks})", symbols)
    return {r[0] for r in rows}


def _cases(store: Store, keys: list[Hashable]) -> set[Hashable]:
    persons = sorted({k[0] for k in keys})  # type: ignore[index]
    marks = ", ".join("?" * len(persons))
    rows = store.query(
        f"SELECT person_key, checkup_on FROM referral_cases WHERE person_key IN ({marks})", persons)
    return {(r[0], r[1]) for r in rows}


def _check_plan(plan: SheetPlan, known: dict[str, set[Hashable]], drop: bool) -> list[Problem]:
    result = plan.result
    problems: list[Problem] = []
    keep: list[int] = []
    for index, refs in enumerate(result.references):
        bad = [(kind, key) for kind, key in refs if _normal(kind, key) not in known.get(kind, ())]
        for kind, key in bad:
            problems.append(_problem(plan, index, kind, key))
        if not bad:
            keep.append(index)
    if drop and len(keep) < len(result.records):
        result.records = [result.records[i] for i in keep]
        result.rows = [result.rows[i] for i in keep]
        result.references = [result.references[i] for i in keep]
    return problems


def _normal(kind: str, key: Hashable) -> Hashable:
    if kind == "referrals" and isinstance(key, tuple):
        return (key[0], _iso(key[1]))
    return key


def _problem(plan: SheetPlan, index: int, kind: str, key: Hashable) -> Problem:
    field = _FIELDS.get(kind, "")
    header = plan.match.headers.get(field, field)
    shown = key[0] if isinstance(key, tuple) else key
    return Problem(plan.path.name, plan.sheet.name, plan.result.rows[index], header, str(shown),
                   _CODES.get(kind, "reference_unknown"), {"kind": kind})
