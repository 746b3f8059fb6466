"""A tiny hand-built store per test, with helpers that insert rows by plain SQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from branchdesk.store.connection import Store, create_store
from branchdesk.store.kpi_sheet import KpiRow, kpi_sheet


class Builder:
    """Inserts rows for one test; every call runs in its own transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._next = 1

    def _run(self, sql: str, params: tuple = ()) -> int:
        with self.store.transaction() as conn:
            return int(conn.execute(sql, params).lastrowid or 0)

    def employer(self) -> int:
        symbol = f"{self._next:08d}"
        self._next += 1
        return self._run("INSERT INTO employers(symbol, name) VALUES (?, ?)",
                         (symbol, "社" + symbol))

    def register(self, as_of: str, insured: dict[int, int]) -> int:
        rid = self._run("INSERT INTO employer_registers(as_of) VALUES (?)", (as_of,))
        with self.store.transaction() as conn:
            conn.executemany("INSERT INTO employer_headcounts VALUES (?, ?, ?, 0)",
                             [(rid, e, n) for e, n in insured.items()])
        return rid

    def declaration(self, employer: int, declared_on: str, *, kind: str = "standard",
                    withdrawn_on: str | None = None) -> None:
        self._run("INSERT INTO declarations(employer_id, declared_on, kind, status, withdrawn_on) "
                  "VALUES (?, ?, ?, ?, ?)",
                  (employer, declared_on, kind, "withdrawn" if withdrawn_on else "active",
                   withdrawn_on))

    def member(self, employer: int, appointed_on: str, terminated_on: str | None = None) -> None:
        name = f"委員{self._next}"
        self._next += 1
        self._run("INSERT INTO committee_members(employer_id, name, name_key, appointed_on, "
                  "terminated_on) VALUES (?, ?, ?, ?, ?)",
                  (employer, name, name, appointed_on, terminated_on))

    def generic(self, month: int, generic: float, brand: float, *, claim: str = "total",
                amounts: tuple[float, float] | None = None, unit: str = "branch",
                code: str = "") -> None:
        ga, ba = amounts or (None, None)
        self._run("INSERT INTO generic_stats(month, unit, code, claim_type, generic_qty, "
                  "brand_qty, generic_amount, brand_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  (month, unit, code, claim, generic, brand, ga, ba))

    def biosimilar(self, month: int, ingredient: str, bs: float, ref: float,
                   institution: str = "") -> None:
        self._run("INSERT INTO biosimilar_stats(month, ingredient, ingredient_key, "
                  "institution_code, bs_qty, ref_qty) VALUES (?, ?, ?, ?, ?, ?)",
                  (month, ingredient, ingredient, institution, bs, ref))

    def case(self, checkup_on: str, visit_on: str | None = None, source: str = "claim") -> None:
        day = date.fromisoformat(checkup_on)
        cohort = day.year if day.month >= 4 else day.year - 1
        person = f"P{self._next:010d}"
        self._next += 1
        self._run("INSERT INTO referral_cases(person_key, checkup_on, checkup_month, cohort_fy, "
                  "visit_on, visit_source) VALUES (?, ?, ?, ?, ?, ?)",
                  (person, checkup_on, day.year * 100 + day.month, cohort, visit_on, source))

    def sheet(self, fy: int, as_of: str) -> dict[str, KpiRow]:
        return {r.kpi.id: r for r in kpi_sheet(self.store, fy, date.fromisoformat(as_of))}


@pytest.fixture
def build(tmp_path: Path) -> Iterator[Builder]:
    store = create_store(tmp_path / "kpi.db", "31")
    try:
        yield Builder(store)
    finally:
        store.close()
