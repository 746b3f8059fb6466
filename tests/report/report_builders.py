"""Small hand-built stores for the report tests (plain SQL, no demo generator)."""

from __future__ import annotations

from datetime import date

from branchdesk.store.connection import Store
from branchdesk.store.kpi_sheet import KpiRow, kpi_sheet

#: The names and person keys the fixtures insert: none may appear in a report.
MEMBER_NAMES = ("山田　太郎", "佐藤花子", "鈴木一郎")
PERSON_KEYS = ("P-SECRET-0001", "P-SECRET-0002", "P-SECRET-0003", "P-SECRET-0004")


class Builder:
    """Inserts rows for one test; every call runs in its own transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._next = 1

    def _run(self, sql: str, params: tuple = ()) -> int:
        with self.store.transaction() as conn:
            return int(conn.execute(sql, params).lastrowid or 0)

    def employer(self, name: str | None = None, symbol: str | None = None) -> int:
        symbol = symbol or f"{self._next:08d}"
        self._next += 1
        return self._run("INSERT INTO employers(symbol, name) VALUES (?, ?)",
                         (symbol, name or "社" + symbol))

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

    def member(self, employer: int, appointed_on: str, terminated_on: str | None = None,
               name: str | None = None) -> None:
        name = name or f"委員{self._next}"
        self._next += 1
        self._run("INSERT INTO committee_members(employer_id, name, name_key, appointed_on, "
                  "terminated_on) VALUES (?, ?, ?, ?, ?)",
                  (employer, name, name.replace("　", ""), appointed_on, terminated_on))

    def generic(self, month: int, generic: float, brand: float, *, claim: str = "total",
                amounts: tuple[float, float] | None = None, unit: str = "branch",
                code: str = "", name: str | None = None) -> None:
        ga, ba = amounts or (None, None)
        self._run("INSERT INTO generic_stats(month, unit, code, name, claim_type, generic_qty, "
                  "brand_qty, generic_amount, brand_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  (month, unit, code, name, claim, generic, brand, ga, ba))

    def biosimilar(self, month: int, ingredient: str, bs: float, ref: float,
                   institution: str = "") -> None:
        self._run("INSERT INTO biosimilar_stats(month, ingredient, ingredient_key, "
                  "institution_code, bs_qty, ref_qty) VALUES (?, ?, ?, ?, ?, ?)",
                  (month, ingredient, ingredient, institution, bs, ref))

    def case(self, checkup_on: str, visit_on: str | None = None, source: str = "claim",
             person: str | None = None, actions: tuple[str, ...] = ()) -> None:
        day = date.fromisoformat(checkup_on)
        cohort = day.year if day.month >= 4 else day.year - 1
        person = person or f"P{self._next:010d}"
        self._next += 1
        case_id = self._run(
            "INSERT INTO referral_cases(person_key, checkup_on, checkup_month, cohort_fy, "
            "visit_on, visit_source) VALUES (?, ?, ?, ?, ?, ?)",
            (person, checkup_on, day.year * 100 + day.month, cohort, visit_on, source))
        for acted_on in actions:
            self._run("INSERT INTO referral_actions(case_id, acted_on, method) VALUES (?, ?, ?)",
                      (case_id, acted_on, "phone"))

    def entered(self, fy: int, kpi_id: str, *, target: float | None = None,
                value: float | None = None, previous: float | None = None) -> None:
        self._run("INSERT INTO kpi_sheet_rows(fy, kpi_id, target, value, previous) "
                  "VALUES (?, ?, ?, ?, ?)", (fy, kpi_id, target, value, previous))

    def sheet(self, fy: int, as_of: str) -> dict[str, KpiRow]:
        return {r.kpi.id: r for r in kpi_sheet(self.store, fy, date.fromisoformat(as_of))}


def fill_branch(b: Builder, scale: int = 1) -> dict[str, int]:
    """A branch with data for every sheet of FY2024 Q4 (and FY2023 for previous values).

    ``scale`` multiplies the generic quantities and headcounts, so two branches can differ.
    """
    e = {name: b.employer(name) for name in ("=HYPERLINK(\"x\")", "株式会社あいう", "鳥取商事",
                                             "有限会社かきく", "山陰運輸")}
    ids = list(e.values())
    b.register("2024-03-31", {i: 10 * scale * (n + 1) for n, i in enumerate(ids[:4])})
    b.register("2024-12-31", {i: 10 * scale * (n + 1) for n, i in enumerate(ids)})
    b.register("2025-03-31", {i: 10 * scale * (n + 1) for n, i in enumerate(ids[1:])})
    b.declaration(ids[0], "2023-06-01")                          # lost at 2025-03-31
    b.declaration(ids[1], "2023-07-01", withdrawn_on="2025-02-10")  # withdrawn in Q4
    b.declaration(ids[2], "2024-11-01")
    b.declaration(ids[3], "2025-01-15")                          # new in Q4
    b.declaration(ids[4], "2025-03-03", kind="conventional")     # listed, not counted
    b.member(ids[1], "2023-05-01", name=MEMBER_NAMES[0])
    b.member(ids[2], "2025-01-20", name=MEMBER_NAMES[1])
    b.member(ids[3], "2024-04-01", "2025-02-28", name=MEMBER_NAMES[2])
    for month, g, br in ((202404, 70, 30), (202412, 78, 22), (202501, 79, 21),
                         (202503, 81, 19), (202403, 76, 24), (202304, 65, 35)):
        b.generic(month, g * scale, br * scale, amounts=(60.0 * scale, 40.0 * scale))
    b.generic(202503, 50, 50, unit="municipality", code="312011", name="鳥取市")
    b.generic(202503, 30, 10, unit="municipality", code="312029", name="米子市")
    b.generic(202503, 9, 1, unit="municipality", code="313297", name="岩美町", claim="medical")
    b.generic(202503, 1, 1, unit="municipality", code="313297", name="岩美町", claim="dispensing")
    b.biosimilar(202501, "インフリキシマブ", 85, 15)
    b.biosimilar(202501, "エタネルセプト", 10 * scale, 90)
    b.biosimilar(202501, "リツキシマブ", 0, 0)
    b.biosimilar(202501, "インフリキシマブ", 1, 99, institution="3111234567")
    for n, key in enumerate(PERSON_KEYS):
        b.case(f"2023-0{4 + n}-10", visit_on=f"2023-0{5 + n}-01" if n % 2 == 0 else None,
               person=key, actions=("2024-01-05",) if n < 3 else ("2025-06-01",))
    return e


