"""SQL aggregates behind the KPIs (domain.md §4): numerators and denominators, never rates.

Each function reads only what one figure needs (indexed ranges; no full-table loads into
Python). Dates are ``date`` objects, months YYYYMM integers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from branchdesk.domain.calendar import add_months, fy_months, month_last_day
from branchdesk.domain.enums import CLAIM_PARTS
from branchdesk.store.connection import Store

_IN_FORCE_MEMBER = ("appointed_on <= :d AND (terminated_on IS NULL OR terminated_on > :d)")
_IN_FORCE_DECL = ("kind = 'standard' AND declared_on <= :d "
                  "AND (withdrawn_on IS NULL OR withdrawn_on > :d)")


def register_at(store: Store, day: date) -> int | None:
    """The id of the latest full employer register dated on or before ``day``."""
    return store.scalar(
        "SELECT id FROM employer_registers WHERE as_of <= ? ORDER BY as_of DESC LIMIT 1",
        (day.isoformat(),),
    )


@dataclass(frozen=True)
class Coverage:
    """Committee coverage at a date: insured of covered employers over all active insured."""

    covered_insured: int
    total_insured: int
    employers_with_member: int


def committee_at(store: Store, day: date) -> Coverage | None:
    """Committee figures at ``day`` (None when no register is dated on or before it)."""
    register = register_at(store, day)
    if register is None:
        return None
    total = store.scalar("SELECT COALESCE(SUM(insured), 0) FROM employer_headcounts "
                         "WHERE register_id = ?", (register,))
    # CROSS JOIN keeps the members (tens of thousands) outside: a primary-key probe of the
    # register's headcounts per employer with a member, instead of a join over the register.
    covered, employers = store.conn.execute(
        f"""SELECT COALESCE(SUM(h.insured), 0), COUNT(*)
            FROM (SELECT DISTINCT employer_id FROM committee_members
                  WHERE {_IN_FORCE_MEMBER}) m
            CROSS JOIN employer_headcounts h
            WHERE h.register_id = :r AND h.employer_id = m.employer_id""",
        {"d": day.isoformat(), "r": register},
    ).fetchone()
    return Coverage(int(covered), int(total), int(employers))


def declarations_at(store: Store, day: date) -> int | None:
    """Active employers with a standardised declaration in force at ``day``."""
    register = register_at(store, day)
    if register is None:
        return None
    return int(store.scalar(
        # CROSS JOIN keeps the (small) declarations outside: one primary-key probe of the
        # register's headcounts per declaration instead of a scan of 600,000 headcounts.
        f"""SELECT COUNT(DISTINCT d.employer_id) FROM declarations d
            CROSS JOIN employer_headcounts h
            WHERE h.register_id = :r AND h.employer_id = d.employer_id AND {_IN_FORCE_DECL}""",
        {"d": day.isoformat(), "r": register},
    ))


_BRANCH_ROWS = "unit = 'branch' AND code IN ('', :branch)"


def generic_months(store: Store, branch: str, first: int, last: int) -> list[int]:
    """Months from ``first`` to ``last`` that hold the branch's own generic rows.

    One indexed probe per month: the (month, unit, code, …) key finds a branch row at once,
    where a DISTINCT over the range would read every municipality and institution row.
    """
    found = []
    month = first
    while month <= last:
        if store.conn.execute(
                f"SELECT 1 FROM generic_stats WHERE month = :month AND {_BRANCH_ROWS} LIMIT 1",
                {"branch": branch, "month": month}).fetchone():
            found.append(month)
        month = add_months(month, 1)
    return found


@dataclass(frozen=True)
class GenericFigures:
    """The branch's generic figures of one month (claim type 計, or the sum of the parts)."""

    month: int
    generic_qty: float | None
    brand_qty: float | None
    generic_amount: float | None
    brand_amount: float | None
    from_parts: bool


def generic_figures(store: Store, branch: str, month: int) -> GenericFigures | None:
    """The 計 row of ``month``, or where there is none the sum of the 医科/DPC/歯科/調剤 rows."""
    rows = {r["claim_type"]: r for r in store.conn.execute(
        f"""SELECT claim_type, SUM(generic_qty) AS gq, SUM(brand_qty) AS bq,
                   SUM(generic_amount) AS ga, SUM(brand_amount) AS ba
            FROM generic_stats WHERE {_BRANCH_ROWS} AND month = :month GROUP BY claim_type""",
        {"branch": branch, "month": month},
    )}
    if "total" in rows:
        r = rows["total"]
        return GenericFigures(month, r["gq"], r["bq"], r["ga"], r["ba"], False)
    parts = [rows[c] for c in CLAIM_PARTS if c in rows]
    if not parts:
        return None
    gq, bq, ga, ba = (_sum([p[k] for p in parts]) for k in ("gq", "bq", "ga", "ba"))
    return GenericFigures(month, gq, bq, ga, ba, from_parts=True)


def _sum(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def biosimilar_months(store: Store, first: int, last: int) -> list[int]:
    """Months from ``first`` to ``last`` that hold branch-total biosimilar rows."""
    rows = store.conn.execute(
        "SELECT DISTINCT month FROM biosimilar_stats WHERE institution_code = '' "
        "AND month BETWEEN ? AND ? ORDER BY month", (first, last),
    ).fetchall()
    return [int(r[0]) for r in rows]


def biosimilar_totals(store: Store, month: int) -> list[tuple[str, float, float]]:
    """(ingredient, biosimilar qty, reference qty) of the branch-total rows of ``month``."""
    rows = store.conn.execute(
        "SELECT ingredient, COALESCE(bs_qty, 0), COALESCE(ref_qty, 0) FROM biosimilar_stats "
        "WHERE institution_code = '' AND month = ? ORDER BY ingredient_key", (month,),
    ).fetchall()
    return [(r[0], float(r[1]), float(r[2])) for r in rows]


@dataclass(frozen=True)
class ReferralMonth:
    """One checkup month of a cohort: cases and those with a counted visit in the window."""

    month: int
    cases: int
    visited: int


def referral_cohort(store: Store, cohort_fy: int, window: int,
                    sources: Sequence[str]) -> list[ReferralMonth]:
    """Per checkup month of cohort FY: cases, and cases whose first visit is dated from the
    checkup day to the last day of month M + window − 1, from an allowed source."""
    months = fy_months(cohort_fy)
    values = ", ".join("(?, ?)" for _ in months)
    ends = [x for m in months for x in (m, month_last_day(add_months(m, window - 1)).isoformat())]
    marks = ", ".join("?" for _ in sources) or "NULL"
    rows = store.conn.execute(
        f"""WITH w(month, end_on) AS (VALUES {values})
            SELECT c.checkup_month, COUNT(*),
                   SUM(c.visit_on >= c.checkup_on AND c.visit_on <= w.end_on
                       AND COALESCE(c.visit_source, 'claim') IN ({marks}))
            FROM referral_cases c JOIN w ON w.month = c.checkup_month
            WHERE c.cohort_fy = ? GROUP BY c.checkup_month ORDER BY c.checkup_month""",
        [*ends, *sources, cohort_fy],
    ).fetchall()
    return [ReferralMonth(int(r[0]), int(r[1]), int(r[2] or 0)) for r in rows]


def entered_rows(store: Store, fy: int) -> dict[str, dict[str, float | None]]:
    """The entered (or target-override) rows of the KPI sheet for FY ``fy``, by KPI id."""
    rows = store.conn.execute(
        "SELECT kpi_id, target, value, previous FROM kpi_sheet_rows WHERE fy = ?", (fy,),
    ).fetchall()
    return {r["kpi_id"]: {"target": r["target"], "value": r["value"], "previous": r["previous"]}
            for r in rows}
