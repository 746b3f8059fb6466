"""A small branch built through the register API for the page queries' tests (synthetic data).

Employers come in full registers (so search keys and headcounts are what an import writes);
declarations and members through ``upsert_declarations`` / ``upsert_members``; statistics by
plain SQL, as the KPI tests build them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from branchdesk.store.connection import Store, create_store
from branchdesk.store.registers import (
    DeclarationRecord,
    EmployerRecord,
    MemberRecord,
    apply_register,
    upsert_declarations,
    upsert_members,
)

#: (事業所記号, name, kana, insured) of the synthetic employers.
EMPLOYERS = [
    ("10000001", "株式会社サンプル商事", "カブシキガイシャサンプルショウジ", 100),
    ("10000002", "山田工業有限会社", "ヤマダコウギョウユウゲンガイシャ", 50),
    ("10000003", "ＡＢＣ物流", "エービーシーブツリュウ", 30),
    ("10000004", "みどり会計事務所", "ミドリカイケイジムショ", 20),
    ("10000005", "医療法人さくら会", "イリョウホウジンサクラカイ", 200),
]
REGISTER_DATES = (date(2024, 3, 31), date(2024, 9, 30), date(2025, 3, 31))


def employer_rows(insured_factor: int = 1) -> list[EmployerRecord]:
    """The employers as one full register lists them."""
    return [{"symbol": s, "name": n, "name_kana": k, "insured": i * insured_factor}
            for s, n, k, i in EMPLOYERS]


def write(store: Store, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Run one register write in its own transaction."""
    with store.transaction():
        return fn(store, *args, **kwargs)


def declaration(symbol: str, declared_on: str, kind: str = "standard", **fields: Any
                ) -> DeclarationRecord:
    """A declaration record (dates as ISO text for brevity)."""
    record: dict[str, Any] = {"symbol": symbol, "declared_on": date.fromisoformat(declared_on),
                              "kind": kind}
    for key, value in fields.items():
        record[key] = date.fromisoformat(value) if key.endswith("_on") and value else value
    return record  # type: ignore[return-value]


def member(symbol: str, name: str, appointed_on: str, **fields: Any) -> MemberRecord:
    """A member record (dates as ISO text for brevity)."""
    record: dict[str, Any] = {"symbol": symbol, "name": name,
                              "appointed_on": date.fromisoformat(appointed_on)}
    for key, value in fields.items():
        record[key] = date.fromisoformat(value) if key.endswith("_on") and value else value
    return record  # type: ignore[return-value]


DECLARATIONS = [
    declaration("10000001", "2023-05-01", items=["健診受診率 100%", "保健指導実施率 80%"]),
    declaration("10000002", "2023-06-15", "conventional"),
    declaration("10000003", "2024-04-01", status="withdrawn", withdrawn_on="2024-10-01",
                withdrawal_reason="担当者退職"),
    declaration("10000003", "2024-12-01"),
    declaration("10000005", "2025-01-10"),
]
MEMBERS = [
    member("10000001", "佐藤　花子", "2022-04-01", name_kana="サトウ　ハナコ", title="総務課"),
    member("10000001", "鈴木 一郎", "2023-04-01", name_kana="スズキ イチロウ",
           terminated_on="2024-09-30", termination_reason="retired"),
    member("10000002", "山田太郎", "2024-01-15", name_kana="ヤマダタロウ"),
    member("10000005", "高橋　次郎", "2024-10-01", name_kana="タカハシ　ジロウ"),
]


def build_store(path: Path) -> Store:
    """The small branch: three registers, five declarations, four members."""
    store = create_store(path, "31")
    for factor, day in enumerate(REGISTER_DATES, start=1):
        write(store, apply_register, day, employer_rows(factor), confirm_lost=True)
    write(store, upsert_declarations, DECLARATIONS, source="import")
    write(store, upsert_members, MEMBERS, source="import")
    return store


def branch_fixture(tmp_path: Path) -> Iterator[Store]:
    """A fresh small branch for one test (test modules wrap it in their ``branch`` fixture)."""
    store = build_store(tmp_path / "branch.db")
    try:
        yield store
    finally:
        store.close()


def sql(store: Store, statement: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert ``rows`` with one statement in one transaction."""
    with store.transaction() as conn:
        conn.executemany(statement, rows)
