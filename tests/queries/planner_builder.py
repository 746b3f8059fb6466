"""A small hand-built branch for the planner's tests (synthetic data), written through the
register API as an import and the app would write it.

Measured at ``DAY`` (2025-06-30, FY2025) the register of 2025-03-31 is in force; a later one
(2025-09-30) has other counts and must not be used. Each employer stands for one rule:

| symbol   | insured | why it is or is not a candidate at DAY                          |
|----------|---------|-----------------------------------------------------------------|
| 20000001 | 500     | member in office: not a candidate                               |
| 10000099 | 300     | first listed in 2025 (a higher id): still first among the 300s  |
| 20000002 | 300     | member whose 解嘱日 is DAY: counts as none, candidate            |
| 20000003 | 300     | never had a member: candidate                                   |
| 9000009  | 300     | 7-digit symbol: after 20000003 in text order (tie on insured)   |
| 20000004 | 120     | member appointed the day after DAY: candidate; standard decl.   |
| 20000005 | 80      | member terminated before DAY: candidate; conventional decl.     |
| 20000006 | (60)    | lost at the 2025-03-31 register: not active, not a candidate    |
| 20000007 | 40      | member appointed on DAY: in office, not a candidate             |
| 20000010 | 10      | standard declaration withdrawn on DAY: candidate, not declared  |
| 20000011 | —       | entered by hand, in no register: not active                     |
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from branchdesk.store.connection import Store, create_store, open_store
from branchdesk.store.registers import (
    DeclarationRecord,
    EmployerRecord,
    MemberRecord,
    add_employer,
    apply_register,
    upsert_declarations,
    upsert_members,
)

DAY = date(2025, 6, 30)
FY = 2025
#: (symbol, name, 市区町村コード, 業態, insured at 2025-03-31) of the employers that register lists.
LISTED = [
    ("20000001", "株式会社アルファ建設", "131016", "建設業", 500),
    ("10000099", "オメガ物産", "131032", "卸売業・小売業", 300),
    ("20000002", "ベータ製作所", "131016", "製造業", 300),
    ("20000003", "ガンマ工務店", "131024", "建設業", 300),
    ("9000009", "デルタ工業", "131016", "製造業", 300),
    ("20000004", "医療法人イプシロン", "131024", "医療・福祉", 120),
    ("20000005", "ゼータ建材", "131016", "建設業", 80),
    ("20000007", "イータ設備", "131032", "建設業", 40),
    ("20000010", "シータ情報", "131024", "情報通信業", 10),
]
LOST = ("20000006", "カッパ製作所", "131032", "製造業", 60)
BY_HAND = "20000011"
#: The candidates at DAY in rank order.
RANKED = ["10000099", "20000002", "20000003", "9000009", "20000004", "20000005", "20000010"]
#: Σ insured of every active employer at DAY, and of those with a member in office.
TOTAL, COVERED = 1950, 540
#: Listed from the 2025-03-31 register on (so stored after the others).
NEW = "10000099"


def _record(row: tuple[str, str, str, str, int], factor: int = 1) -> EmployerRecord:
    symbol, name, municipality, industry, insured = row
    return {"symbol": symbol, "name": name, "municipality_code": municipality,
            "industry": industry, "insured": insured * factor}


def _member(symbol: str, appointed: date, terminated: date | None = None) -> MemberRecord:
    record: MemberRecord = {"symbol": symbol, "name": f"委員 {symbol}", "appointed_on": appointed}
    if terminated is not None:
        record["terminated_on"] = terminated
        record["termination_reason"] = "retired"
    return record


MEMBERS = [
    _member("20000001", date(2024, 4, 1)),
    _member("20000002", date(2023, 4, 1), DAY),
    _member("20000004", DAY + timedelta(days=1)),
    _member("20000005", date(2023, 4, 1), date(2025, 1, 31)),
    _member("20000007", DAY),
]
DECLARATIONS: list[DeclarationRecord] = [
    {"symbol": "20000004", "declared_on": date(2024, 6, 1), "kind": "standard"},
    {"symbol": "20000005", "declared_on": date(2024, 6, 1), "kind": "conventional"},
    {"symbol": "20000010", "declared_on": date(2024, 6, 1), "kind": "standard",
     "status": "withdrawn", "withdrawn_on": DAY, "withdrawal_reason": "担当者退職"},
    {"symbol": "20000001", "declared_on": date(2025, 1, 15), "kind": "standard"},
]


def write(store: Store, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """One register write in its own transaction."""
    with store.transaction():
        return fn(store, *args, **kwargs)


def build_store(path: Path) -> Store:
    """The branch described in the module docstring, open for writing."""
    store = create_store(path, "13")
    first = [_record(r) for r in [*LISTED, LOST] if r[0] != NEW]
    write(store, apply_register, date(2024, 3, 31), first, confirm_lost=True)
    write(store, apply_register, date(2025, 3, 31), [_record(r) for r in LISTED],
          confirm_lost=True)
    later = [_record(r, 2) for r in LISTED if r[0] != "20000003"]
    write(store, apply_register, date(2025, 9, 30), later, confirm_lost=True)
    write(store, add_employer, {"symbol": BY_HAND, "name": "手入力商店",
                                "municipality_code": "131016", "industry": "建設業"})
    write(store, upsert_members, MEMBERS, source="import")
    write(store, upsert_declarations, DECLARATIONS, source="import")
    return store


def copy_store(store: Store, path: Path) -> Store:
    """A copy of ``store`` at ``path`` (SQLite's backup: the WAL's pages included), open for
    writing."""
    target = sqlite3.connect(path)
    try:
        store.conn.backup(target)
    finally:
        target.close()
    return open_store(path, write=True)


def sign_up(store: Store, symbols: Sequence[str], day: date) -> None:
    """Give each employer a committee member appointed on ``day`` (the register API)."""
    write(store, upsert_members, [_member(s, day) for s in symbols], source="app")


def declare(store: Store, symbols: Sequence[str], day: date) -> None:
    """Each employer declares (standardised): an active declaration becomes standardised, else
    a new one dated ``day`` is added (the register API)."""
    records: list[DeclarationRecord] = []
    for symbol in symbols:
        active = store.scalar(
            "SELECT d.declared_on FROM declarations d JOIN employers e ON e.id = d.employer_id "
            "WHERE e.symbol = ? AND d.status = 'active'", (symbol,))
        declared_on = date.fromisoformat(active) if active else day
        records.append({"symbol": symbol, "declared_on": declared_on, "kind": "standard"})
    write(store, upsert_declarations, records, source="app")


def planner_branch(tmp_path: Path) -> Iterator[Store]:
    """A fresh hand-built branch for one test (test modules wrap it in their ``branch``
    fixture)."""
    store = build_store(tmp_path / "branch.db")
    try:
        yield store
    finally:
        store.close()
