"""Fixtures of the store tests: a fresh store per test, and plain-SQL helpers to fill it."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from branchdesk.store.connection import Store, create_store

#: Tables compared by ``digest`` (everything a user's figures come from, and the audit).
DIGEST_TABLES = ("store_info", "employers", "employer_registers", "employer_headcounts",
                 "declarations", "committee_members", "referral_cases", "referral_actions",
                 "generic_stats", "audit")


class StoreRows:
    """Inserts rows with plain SQL, each in its own committed transaction; returns row ids."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _insert(self, table: str, values: dict[str, Any]) -> int:
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        with self.store.transaction() as conn:
            cursor = conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                                  tuple(values.values()))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def employer(self, symbol: str, *, lost_on: str | None = None,
                 name: str = "テスト商事") -> int:
        """An employer (事業所)."""
        return self._insert("employers", {"symbol": symbol, "name": name, "lost_on": lost_on})

    def register(self, as_of: str, employer_ids: list[int], insured: int = 10) -> int:
        """A full employer register dated ``as_of`` listing ``employer_ids``."""
        register_id = self._insert("employer_registers", {
            "as_of": as_of, "listed": len(employer_ids),
            "insured_total": insured * len(employer_ids)})
        with self.store.transaction() as conn:
            conn.executemany("INSERT INTO employer_headcounts VALUES (?, ?, ?, NULL)",
                             [(register_id, e, insured) for e in employer_ids])
        return register_id

    def member(self, employer_id: int, appointed_on: str, terminated_on: str | None = None,
               name: str = "山田花子") -> int:
        """A committee member (健康保険委員)."""
        return self._insert("committee_members", {
            "employer_id": employer_id, "name": name, "name_key": name,
            "appointed_on": appointed_on, "terminated_on": terminated_on})

    def declaration(self, employer_id: int, declared_on: str, **values: Any) -> int:
        """A health declaration (健康宣言); ``values`` sets further columns."""
        return self._insert("declarations", {
            "employer_id": employer_id, "declared_on": declared_on,
            "kind": "conventional", **values})

    def referral(self, person_key: str, checkup_on: str, **values: Any) -> int:
        """A referral case (受診勧奨); ``values`` sets further columns."""
        month = int(checkup_on[:4] + checkup_on[5:7])
        fy = int(checkup_on[:4]) - (1 if month % 100 < 4 else 0)
        return self._insert("referral_cases", {
            "person_key": person_key, "checkup_on": checkup_on, "checkup_month": month,
            "cohort_fy": fy, **values})

    def action(self, case_id: int, acted_on: str, method: str = "phone") -> int:
        """A 二次勧奨 action of a referral case."""
        return self._insert("referral_actions", {
            "case_id": case_id, "acted_on": acted_on, "method": method})

    def generic(self, month: int, generic_qty: float, brand_qty: float) -> int:
        """A 支部 generic statistics row (claim type 計)."""
        return self._insert("generic_stats", {
            "month": month, "unit": "branch", "code": "31",
            "generic_qty": generic_qty, "brand_qty": brand_qty})


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A new empty store of branch 31 (鳥取), open for writing; closed at teardown."""
    opened = create_store(tmp_path / "t.db", "31")
    yield opened
    opened.close()


@pytest.fixture
def rows(store: Store) -> StoreRows:
    """Plain-SQL row helpers on ``store``."""
    return StoreRows(store)


def digest(path: Path) -> str:
    """SHA-256 over every row of ``DIGEST_TABLES``, read through a fresh connection."""
    h = hashlib.sha256()
    conn = sqlite3.connect(path)
    try:
        for table in DIGEST_TABLES:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
                h.update(repr(tuple(row)).encode())
    finally:
        conn.close()
    return h.hexdigest()


@pytest.fixture
def store_digest() -> Any:
    """The ``digest`` function, for tests that compare a store before and after."""
    return digest
