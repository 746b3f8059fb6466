"""The lists and summaries of the quarterly report (exchange.md §4) that are not KPI figures.

KPI figures come from ``kpi_sheet``; these queries add what the report shows around them:
generic figures per municipality, the flow of health declarations in a quarter, committee
appointments and terminations as employer-level rows (no member names), and the referral cohort
per checkup month with the number of cases that had a 二次勧奨 (no person keys).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from branchdesk.domain.enums import CLAIM_PARTS
from branchdesk.store import kpi_queries as q
from branchdesk.store.connection import Store


@dataclass(frozen=True)
class MunicipalityShare:
    """One municipality's generic figures of one month (claim type 計, or the parts summed)."""

    month: int
    code: str
    name: str
    generic_qty: float | None
    brand_qty: float | None

    @property
    def share_parts(self) -> tuple[float, float] | None:
        """(generic, generic + brand) when both are known and the total is positive."""
        if self.generic_qty is None or self.brand_qty is None:
            return None
        total = self.generic_qty + self.brand_qty
        return (self.generic_qty, total) if total > 0 else None


def latest_municipality_month(store: Store, first: int, last: int) -> int | None:
    """The latest month from ``first`` to ``last`` holding municipality generic rows."""
    value = store.scalar(
        "SELECT MAX(month) FROM generic_stats WHERE unit = 'municipality' "
        "AND month BETWEEN ? AND ?", (first, last))
    return None if value is None else int(value)


_PARTS = ", ".join(f"'{c}'" for c in CLAIM_PARTS)


def municipality_shares(store: Store, month: int) -> list[MunicipalityShare]:
    """Every municipality of ``month``, lowest quantity share first (unknown shares last).

    Per municipality the 計 row is used, or where it has none the sum of its 医科/DPC/歯科/調剤
    rows, by the rule the branch figure follows (domain.md §4).
    """
    rows = store.conn.execute(
        f"""WITH r AS (
                SELECT code, MAX(name) AS name, claim_type = 'total' AS is_total,
                       SUM(generic_qty) AS gq, SUM(brand_qty) AS bq
                FROM generic_stats WHERE unit = 'municipality' AND month = :m
                  AND claim_type IN ('total', {_PARTS})
                GROUP BY code, claim_type = 'total')
            SELECT code, MAX(name), gq, bq FROM r
            WHERE is_total OR NOT EXISTS (SELECT 1 FROM r t WHERE t.code = r.code AND t.is_total)
            GROUP BY code""",
        {"m": month},
    ).fetchall()
    shares = [MunicipalityShare(month, str(r[0]), r[1] or "", r[2], r[3]) for r in rows]
    return sorted(shares, key=_share_order)


def _share_order(row: MunicipalityShare) -> tuple[int, float, str]:
    parts = row.share_parts
    if parts is None:
        return (1, 0.0, row.code)
    return (0, parts[0] / parts[1], row.code)


@dataclass(frozen=True)
class DeclarationFlow:
    """Employers counted by the 健康宣言 KPI at the start and end of a quarter, and why they
    changed: 期首 + 新規 − 取下げ − その他 = 期末 holds by construction."""

    opening: int | None
    new: int
    withdrawn: int
    other: int
    closing: int


_IN_FORCE = ("d.kind = 'standard' AND d.declared_on <= :d "
             "AND (d.withdrawn_on IS NULL OR d.withdrawn_on > :d)")


def declared_employers(store: Store, day: date) -> set[int] | None:
    """Ids of the active employers with a standardised declaration in force at ``day``
    (None when no employer register is dated on or before it)."""
    register = q.register_at(store, day)
    if register is None:
        return None
    rows = store.conn.execute(
        # CROSS JOIN keeps declarations (thousands) outermost; the planner would otherwise walk
        # the register's headcounts (600,000 at a large branch): 35 ms instead of 280 ms.
        f"""SELECT DISTINCT d.employer_id FROM declarations d
            CROSS JOIN employer_headcounts h
                ON h.register_id = :r AND h.employer_id = d.employer_id
            WHERE {_IN_FORCE}""", {"d": day.isoformat(), "r": register}).fetchall()
    return {int(r[0]) for r in rows}


def _withdrawn_between(store: Store, start: date, end: date) -> set[int]:
    """Employers whose declaration in force at ``start`` was withdrawn after it, up to ``end``."""
    rows = store.conn.execute(
        f"""SELECT DISTINCT d.employer_id FROM declarations d
            WHERE {_IN_FORCE} AND d.withdrawn_on <= :e""",
        {"d": start.isoformat(), "e": end.isoformat()}).fetchall()
    return {int(r[0]) for r in rows}


def declaration_flow(store: Store, start: date, end: date) -> DeclarationFlow | None:
    """The flow between the count at ``start`` (the previous quarter's last day) and at ``end``.

    新規: counted at the end but not at the start; 取下げ: counted at the start, not at the end,
    and withdrawn in between; その他: the rest of those no longer counted (lost employers,
    employers a later register no longer lists). None when nothing can be counted at ``end``.
    """
    closing = declared_employers(store, end)
    if closing is None:
        return None
    opening = declared_employers(store, start)
    before = opening or set()
    gone = before - closing
    withdrawn = len(gone & _withdrawn_between(store, start, end))
    return DeclarationFlow(None if opening is None else len(opening), len(closing - before),
                           withdrawn, len(gone) - withdrawn, len(closing))


@dataclass(frozen=True)
class NewDeclaration:
    """A declaration dated in the quarter (either kind)."""

    symbol: str
    name: str
    declared_on: date
    kind: str


def declarations_between(store: Store, first: date, last: date) -> list[NewDeclaration]:
    """Declarations dated from ``first`` to ``last``, by 宣言日 then 事業所記号."""
    rows = store.conn.execute(
        """SELECT e.symbol, e.name, d.declared_on, d.kind FROM declarations d
           JOIN employers e ON e.id = d.employer_id
           WHERE d.declared_on BETWEEN ? AND ? ORDER BY d.declared_on, e.symbol""",
        (first.isoformat(), last.isoformat())).fetchall()
    return [NewDeclaration(r[0], r[1], date.fromisoformat(r[2]), r[3]) for r in rows]


@dataclass(frozen=True)
class CommitteeChange:
    """An employer-level appointment or termination: never a member's name."""

    day: date
    symbol: str
    name: str
    kind: str  # "appointed" or "terminated"


def committee_changes(store: Store, first: date, last: date) -> list[CommitteeChange]:
    """Employers with a member appointed or terminated from ``first`` to ``last``: one row per
    (date, employer, kind), by date, then 事業所記号, appointments first."""
    rows = store.conn.execute(
        """SELECT day, symbol, name, kind FROM (
               SELECT m.appointed_on AS day, e.symbol, e.name, 'appointed' AS kind, 0 AS o
               FROM committee_members m JOIN employers e ON e.id = m.employer_id
               WHERE m.appointed_on BETWEEN :f AND :l
               UNION
               SELECT m.terminated_on, e.symbol, e.name, 'terminated', 1
               FROM committee_members m JOIN employers e ON e.id = m.employer_id
               WHERE m.terminated_on BETWEEN :f AND :l)
           ORDER BY day, symbol, o""",
        {"f": first.isoformat(), "l": last.isoformat()}).fetchall()
    return [CommitteeChange(date.fromisoformat(r[0]), r[1], r[2], r[3]) for r in rows]


@dataclass(frozen=True)
class ReferralMonthRow:
    """One checkup month of a cohort: cases, cases with a 二次勧奨, cases with a counted visit."""

    month: int
    cases: int
    followed_up: int
    visited: int


def referral_months(store: Store, cohort_fy: int, window: int, sources: Sequence[str],
                    day: date) -> list[ReferralMonthRow]:
    """Per checkup month of the cohort (months with cases): the KPI's cases and visits
    (``kpi_queries.referral_cohort``) and the cases with an action dated on or before ``day``."""
    followed = dict(store.conn.execute(
        """SELECT c.checkup_month, COUNT(*) FROM referral_cases c
           WHERE c.cohort_fy = ? AND EXISTS (SELECT 1 FROM referral_actions a
                                             WHERE a.case_id = c.id AND a.acted_on <= ?)
           GROUP BY c.checkup_month""", (cohort_fy, day.isoformat())).fetchall())
    return [ReferralMonthRow(m.month, m.cases, int(followed.get(m.month, 0)), m.visited)
            for m in q.referral_cohort(store, cohort_fy, window, sources)]
