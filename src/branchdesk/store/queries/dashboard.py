"""What the dashboard shows: the KPI sheet and the series behind its four charts (Qt-free).

The cards show ``kpi_sheet``'s rows as they are. The charts reuse the KPI engine's own functions
(``kpi_measures``, ``kpi_queries``) per month or per date, so a chart's point at the KPI's period
is the KPI's figure, never a second computation of it. One exception, for speed: the coverage at
the earlier register dates is read as the register's stored total (``insured_total``, written
with its headcounts) and one indexed query for the covered insured instead of ``committee_at``'s
outer join; the tests hold the two equal at every register date, and the measurement date's
point is ``committee_at`` itself (the sheet's own figures when the sheet was just computed).

What is computed is kept per version of the store (``employer_sets.memo_of``, dropped by any
write): the sheet and the charts of a FY and as-of date, and the coverage at each register
date, so going back to a FY or to an overlapping one reads nothing again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from branchdesk.domain.calendar import fy_months, fy_of, fy_of_month, fy_start, month_of
from branchdesk.domain.kpi.catalogue import BIOSIMILAR_THRESHOLD, GENERIC_THRESHOLD
from branchdesk.store import kpi_queries as q
from branchdesk.store.connection import Store
from branchdesk.store.kpi_measures import Context, generic_share_of_month, measure, month_is_final
from branchdesk.store.kpi_sheet import KpiRow, kpi_sheet, latest_fy, measurement_date
from branchdesk.store.queries.employer_sets import memo_of, snapshot
from branchdesk.store.settings import get_settings

#: A member in office at :d (the rule of ``kpi_queries.committee_at``).
_IN_OFFICE = "appointed_on <= :d AND (terminated_on IS NULL OR terminated_on > :d)"
#: The line drawn on the generic and biosimilar charts.
GENERIC_LINE = GENERIC_THRESHOLD
BIOSIMILAR_LINE = BIOSIMILAR_THRESHOLD


def _share(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return float(numerator) / float(denominator)


@dataclass(frozen=True)
class MonthShare:
    """The branch's generic quantity share of one month (None parts: no data that month)."""

    month: int
    numerator: float | None
    denominator: float | None

    @property
    def share(self) -> float | None:
        """numerator ÷ denominator, or None."""
        return _share(self.numerator, self.denominator)


@dataclass(frozen=True)
class GenericChart:
    """Twelve months of FY ``fy`` (up to the as-of month) and the twelve of FY ``fy`` − 1."""

    fy: int
    current: list[MonthShare]
    previous: list[MonthShare]


@dataclass(frozen=True)
class IngredientRate:
    """One ingredient's biosimilar replacement in the branch-total rows of a month."""

    ingredient: str
    bs_qty: float
    ref_qty: float
    reached: bool

    @property
    def rate(self) -> float | None:
        """Biosimilar ÷ (biosimilar + reference), or None without quantities."""
        return _share(self.bs_qty, self.bs_qty + self.ref_qty)


@dataclass(frozen=True)
class BiosimilarChart:
    """The ingredients of the month the KPI uses (None when the FY has no biosimilar data)."""

    month: int | None
    ingredients: list[IngredientRate]


@dataclass(frozen=True)
class CoveragePoint:
    """Committee coverage at one date; ``measured`` marks the KPI's measurement date."""

    day: date
    covered_insured: int
    total_insured: int
    measured: bool = False

    @property
    def share(self) -> float | None:
        """Covered insured ÷ all insured, or None."""
        return _share(self.covered_insured, self.total_insured)


@dataclass(frozen=True)
class ReferralPoint:
    """One checkup month of the cohort: cases, visits in the window, and finality at as-of."""

    month: int
    cases: int
    visited: int
    final: bool

    @property
    def rate(self) -> float | None:
        """Visited ÷ cases, or None."""
        return _share(self.visited, self.cases)


@dataclass(frozen=True)
class Charts:
    """The four chart series of the dashboard for one FY and as-of date."""

    fy: int
    as_of: date
    measured_at: date
    generic: GenericChart
    biosimilar: BiosimilarChart
    coverage: list[CoveragePoint]
    referral: list[ReferralPoint]


def sheet(store: Store, fy: int, as_of: date) -> list[KpiRow]:
    """The cards' rows: ``kpi_sheet`` itself (an as-of before 1 April ``fy`` raises
    ``InputRejected("as_of_before_fy")``, as ``branchdesk kpi`` does). Kept until the store
    changes; treat the rows as read-only."""
    with snapshot(store):
        return memo_of(store).get(store, ("dashboard", "sheet", fy, as_of),
                                  lambda: kpi_sheet(store, fy, as_of))


def charts(store: Store, fy: int, as_of: date) -> Charts:
    """The four chart series of FY ``fy`` as of ``as_of`` (same refusal as ``sheet``); kept
    until the store changes. Computed after ``sheet`` of the same FY and date, the coverage at
    the measurement date is the sheet's own figure."""
    day = measurement_date(fy, as_of)
    with snapshot(store):
        return memo_of(store).get(store, ("dashboard", "charts", fy, as_of),
                                  lambda: _charts(store, fy, as_of, day))


def _charts(store: Store, fy: int, as_of: date, day: date) -> Charts:
    ctx = context_of(store)
    rows = memo_of(store).peek(store, ("dashboard", "sheet", fy, as_of))
    return Charts(fy, as_of, day, generic_chart(ctx, fy, as_of), biosimilar_chart(ctx, fy, as_of),
                  coverage_series(store, fy, day, _measured_point(rows, day)),
                  referral_series(ctx, fy, as_of))


def _measured_point(rows: list[KpiRow] | None, day: date) -> CoveragePoint | None:
    """The coverage at the measurement date as the sheet measured it (None: not known)."""
    row = next((r for r in rows or [] if r.kpi.id == "committee_coverage"), None)
    if row is None or row.numerator is None or row.denominator is None:
        return None
    return CoveragePoint(day, int(row.numerator), int(row.denominator), True)


def context_of(store: Store) -> Context:
    """The KPI engine's measuring context for ``store`` (its branch and settings)."""
    return Context(store, store.branch_code, get_settings(store))


def generic_chart(ctx: Context, fy: int, as_of: date) -> GenericChart:
    """Monthly generic quantity shares of FY ``fy`` and FY ``fy`` − 1, per the KPI's month rule
    (``generic_share_of_month``); months after the as-of month carry no figure."""
    last = month_of(as_of)
    return GenericChart(fy, [_month_share(ctx, m, last) for m in fy_months(fy)],
                        [_month_share(ctx, m, last) for m in fy_months(fy - 1)])


def _month_share(ctx: Context, month: int, last: int) -> MonthShare:
    found = generic_share_of_month(ctx, month) if month <= last else None
    if found is None:
        return MonthShare(month, None, None)
    return MonthShare(month, float(found.numerator or 0), float(found.denominator or 0))


def biosimilar_chart(ctx: Context, fy: int, as_of: date) -> BiosimilarChart:
    """Per ingredient, the replacement rate of the month the biosimilar KPI of FY ``fy`` uses."""
    found = measure(ctx, "biosimilar_ingredients", fy, measurement_date(fy, as_of), as_of)
    if found is None:
        return BiosimilarChart(None, [])
    month = int(found.detail["month"])
    reached = set(found.detail["reached"])
    rows = [IngredientRate(name, bs, ref, name in reached)
            for name, bs, ref in q.biosimilar_totals(ctx.store, month)]
    return BiosimilarChart(month, rows)


def coverage_series(store: Store, fy: int, day: date,
                    measured: CoveragePoint | None = None) -> list[CoveragePoint]:
    """Committee coverage at each register date of FY ``fy`` − 1 and FY ``fy`` up to ``day``,
    then at ``day`` (the KPI's measurement date, marked ``measured``): ``measured`` when the
    caller has it from the sheet, else ``committee_at``. Each register date's point is kept
    until the store changes."""
    with snapshot(store):
        kept: dict[tuple[int, date], CoveragePoint] = memo_of(store).get(
            store, ("dashboard", "register_coverage"), dict)
        points = []
        for register, each, total in _registers(store, fy_start(fy - 1), day):
            if each != day:
                if (register, each) not in kept:
                    kept[register, each] = _coverage_at_register(store, register, each, total)
                points.append(kept[register, each])
        if measured is None:
            figures = q.committee_at(store, day)
            if figures is not None:
                measured = CoveragePoint(day, figures.covered_insured, figures.total_insured,
                                         True)
    return points if measured is None else [*points, measured]


def _registers(store: Store, first: date, last: date) -> list[tuple[int, date, int]]:
    """(id, date, insured total) of the full employer registers from ``first`` to ``last``."""
    rows = store.query("SELECT id, as_of, insured_total FROM employer_registers "
                       "WHERE as_of BETWEEN ? AND ? ORDER BY as_of",
                       (first.isoformat(), last.isoformat()))
    return [(int(r[0]), date.fromisoformat(r[1]), int(r[2])) for r in rows]


def _coverage_at_register(store: Store, register: int, day: date, total: int) -> CoveragePoint:
    """``committee_at`` of a register's own date: the register's stored 被保険者数 total (the
    sum of its headcounts, written with them) and one indexed read of the covered insured,
    instead of one outer join over the register (~40 ms instead of ~400 ms at 600,000
    employers); tests hold the two equal at every register date."""
    covered = store.scalar(
        f"""SELECT COALESCE(SUM(h.insured), 0) FROM (SELECT DISTINCT employer_id
                FROM committee_members WHERE {_IN_OFFICE}) m
            CROSS JOIN employer_headcounts h
                ON h.register_id = :r AND h.employer_id = m.employer_id""",
        {"d": day.isoformat(), "r": register})
    return CoveragePoint(day, int(covered), int(total))


def referral_series(ctx: Context, fy: int, as_of: date) -> list[ReferralPoint]:
    """The referral KPI's cohort (FY ``fy`` − 1) per checkup month, each marked final or not
    by the KPI's own rule (``month_is_final``)."""
    window = int(ctx.settings["referral_window_months"])
    lag = int(ctx.settings["claims_lag_months"])
    months = q.referral_cohort(ctx.store, fy - 1, window, ctx.settings["referral_visit_sources"])
    return [ReferralPoint(m.month, m.cases, m.visited, month_is_final(m.month, as_of, window, lag))
            for m in months]


def _earliest_fy(store: Store) -> int | None:
    """The FY of the earliest employer register, generic month or sheet row (three index
    lookups; one UNION of them scans the tables)."""
    fys = []
    register = store.scalar("SELECT MIN(as_of) FROM employer_registers")
    if register:
        fys.append(fy_of(date.fromisoformat(register)))
    month = store.scalar("SELECT MIN(month) FROM generic_stats")
    if month is not None:
        fys.append(fy_of_month(int(month)))
    sheet = store.scalar("SELECT MIN(fy) FROM kpi_sheet_rows")
    if sheet is not None:
        fys.append(int(sheet))
    return min(fys) if fys else None


#: How far back the FY selector reaches when the store's data starts earlier.
MAX_YEARS = 10


def fiscal_years(store: Store, today: date) -> tuple[list[int], int]:
    """The FYs the selector offers, newest first, and the one it opens on.

    The default is the latest FY with data, as ``branchdesk kpi`` chooses it (``latest_fy``).
    The list runs from the earliest FY with an employer register, generic figures or sheet
    rows (at most ``MAX_YEARS`` back) to the default or the FY of ``today``, whichever is later.
    """
    default = latest_fy(store, today)
    last = max(default, fy_of(today))
    earliest = _earliest_fy(store)
    first = max(min(last if earliest is None else earliest, last), last - MAX_YEARS + 1)
    return list(range(last, first - 1, -1)), default
