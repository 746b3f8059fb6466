"""Measuring each computed KPI of domain.md §4 at a date: value, numerator, denominator, period.

A ``Measure`` is None when the store holds no data for the figure (status データなし).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from branchdesk.domain.calendar import (
    add_months,
    fy_months,
    month_first_day,
    month_label,
    month_of,
)
from branchdesk.domain.kpi.catalogue import BIOSIMILAR_THRESHOLD
from branchdesk.domain.kpi.status import exact, ratio
from branchdesk.store import kpi_queries as q
from branchdesk.store.connection import Store


@dataclass(frozen=True)
class Context:
    """What every measurement needs: the store, its branch and the figure-changing settings."""

    store: Store
    branch: str
    settings: dict[str, Any]
    cache: dict[Any, Any] = field(default_factory=dict)

    def committee(self, day: date) -> q.Coverage | None:
        """Committee figures at ``day``, computed once per sheet (two KPIs use them)."""
        key = ("committee", day)
        if key not in self.cache:
            self.cache[key] = q.committee_at(self.store, day)
        return self.cache[key]


@dataclass(frozen=True)
class Measure:
    """A measured KPI value with its parts; ``provisional`` marks a cohort not yet final."""

    value: Fraction | int
    numerator: float | int | None
    denominator: float | int | None
    period: str
    provisional: bool = False
    detail: dict[str, Any] = field(default_factory=dict)


def measure(ctx: Context, kpi_id: str, fy: int, day: date, as_of: date) -> Measure | None:
    """The KPI ``kpi_id`` of FY ``fy`` measured at ``day`` (the as-of date decides finality)."""
    return _MEASURES[kpi_id](ctx, fy, day, as_of)


def _period_month(months: list[int], preferred: int) -> int | None:
    """The preferred month if present, else the latest month available (or None)."""
    if preferred in months:
        return preferred
    return months[-1] if months else None


def generic_month(ctx: Context, fy: int, day: date) -> int | None:
    """The 診療年月 a generic KPI of FY ``fy`` uses: (N+1)03 if imported and not after the
    as-of month, else the latest imported month of the FY up to it."""
    first, last = fy * 100 + 4, min(month_of(day), (fy + 1) * 100 + 3)
    months = q.generic_months(ctx.store, ctx.branch, first, last)
    return _period_month(months, (fy + 1) * 100 + 3)


def generic_share_of_month(ctx: Context, month: int, amounts: bool = False) -> Measure | None:
    """The branch's generic share (quantity or amount) of one month."""
    figures = q.generic_figures(ctx.store, ctx.branch, month)
    if figures is None:
        return None
    part = figures.generic_amount if amounts else figures.generic_qty
    other = figures.brand_amount if amounts else figures.brand_qty
    if part is None or other is None:
        return None
    value = ratio(part, part + other)
    if value is None:
        return None
    return Measure(value, part, part + other, month_label(month),
                   detail={"month": month, "from_parts": figures.from_parts})


def _generic(ctx: Context, fy: int, day: date, as_of: date, amounts: bool) -> Measure | None:
    month = generic_month(ctx, fy, day)
    return None if month is None else generic_share_of_month(ctx, month, amounts)


def _generic_share(ctx: Context, fy: int, day: date, as_of: date) -> Measure | None:
    return _generic(ctx, fy, day, as_of, amounts=False)


def _generic_amount_share(ctx: Context, fy: int, day: date, as_of: date) -> Measure | None:
    return _generic(ctx, fy, day, as_of, amounts=True)


def _biosimilar(ctx: Context, fy: int, day: date, as_of: date) -> Measure | None:
    first, last = fy * 100 + 4, min(month_of(day), (fy + 1) * 100 + 3)
    month = _period_month(q.biosimilar_months(ctx.store, first, last), (fy + 1) * 100 + 1)
    if month is None:
        return None
    rows = [(name, bs, ref) for name, bs, ref in q.biosimilar_totals(ctx.store, month)
            if bs + ref > 0]
    threshold = exact(BIOSIMILAR_THRESHOLD)
    reached = [name for name, bs, ref in rows
               if Fraction(bs) >= threshold * (Fraction(bs) + Fraction(ref))]  # type: ignore[operator]
    value = ratio(len(reached), len(rows))
    if value is None:
        return None
    return Measure(value, len(reached), len(rows), month_label(month),
                   detail={"month": month, "reached": reached})


def _declarations(ctx: Context, fy: int, day: date, as_of: date) -> Measure | None:
    count = q.declarations_at(ctx.store, day)
    if count is None:
        return None
    return Measure(count, None, None, day.isoformat())


def _coverage(ctx: Context, fy: int, day: date, as_of: date) -> Measure | None:
    figures = ctx.committee(day)
    if figures is None:
        return None
    value = ratio(figures.covered_insured, figures.total_insured)
    if value is None:
        return None
    return Measure(value, figures.covered_insured, figures.total_insured, day.isoformat())


def _committee_employers(ctx: Context, fy: int, day: date, as_of: date) -> Measure | None:
    figures = ctx.committee(day)
    if figures is None:
        return None
    return Measure(figures.employers_with_member, None, None, day.isoformat())


def month_is_final(month: int, as_of: date, window: int, lag: int) -> bool:
    """Checkup month M is final iff as-of ≥ the first day of month M + window + lag."""
    return as_of >= month_first_day(add_months(month, window + lag))


def _referral(ctx: Context, fy: int, day: date, as_of: date) -> Measure | None:
    cohort = fy - 1
    window = int(ctx.settings["referral_window_months"])
    lag = int(ctx.settings["claims_lag_months"])
    months = q.referral_cohort(ctx.store, cohort, window, ctx.settings["referral_visit_sources"])
    cases = sum(m.cases for m in months)
    if not cases:
        return None
    visited = sum(m.visited for m in months)
    final = all(month_is_final(m, as_of, window, lag) for m in fy_months(cohort))
    return Measure(Fraction(visited, cases), visited, cases, f"cohort FY{cohort}",
                   provisional=not final, detail={"months": months})


_MEASURES = {
    "generic_share": _generic_share,
    "generic_amount_share": _generic_amount_share,
    "biosimilar_ingredients": _biosimilar,
    "declarations": _declarations,
    "committee_coverage": _coverage,
    "committee_employers": _committee_employers,
    "referral_visit_rate": _referral,
}
