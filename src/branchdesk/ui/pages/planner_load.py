"""What the planner page reads (off the GUI thread) and the what-if sentences it shows (Qt-free).

``load`` picks the FY (the one asked for, else the latest with data, as the dashboard does),
measures at ``kpi_sheet``'s date for it, ranks the candidates and resolves both targets. The
what-if of a checked set is then pure array work on the loaded figures (``planner.coverage_of``
/ ``declarations_of``): checking a box never waits for the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from branchdesk.domain.kpi.catalogue import BY_ID
from branchdesk.domain.kpi.format import format_percent, format_value
from branchdesk.domain.messages import message
from branchdesk.store.connection import Store
from branchdesk.store.kpi_sheet import measurement_date
from branchdesk.store.queries import planner
from branchdesk.store.queries.dashboard import fiscal_years
from branchdesk.store.queries.employers import municipalities


@dataclass(frozen=True)
class Filters:
    """The page's filters (None: no filter); sizes are inclusive 被保険者数 bounds."""

    municipality: str | None = None
    industry: str | None = None
    min_insured: int | None = None
    max_insured: int | None = None

    def as_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of ``planner.candidates``."""
        return {"municipality": self.municipality, "industry": self.industry,
                "min_insured": self.min_insured, "max_insured": self.max_insured}


@dataclass(frozen=True)
class PlannerData:
    """One load: the FY offered and chosen, the measurement day, the ranking and the targets."""

    years: list[int]
    fy: int
    day: date
    ranking: planner.Ranking
    coverage_target: Fraction | None
    declaration_target: Fraction | None
    filters: Filters = field(default_factory=Filters)

    @property
    def figures(self) -> planner.DayFigures:
        """The figures at the measurement day."""
        return self.ranking.figures


def load(store: Store, fy: int | None, today: date, filters: Filters) -> PlannerData:
    """Rank the candidates of FY ``fy`` (None or not offered: the default FY) as of ``today``."""
    years, default = fiscal_years(store, today)
    chosen = fy if fy in years else default
    day = measurement_date(chosen, today)
    ranking = planner.candidates(store, day, **filters.as_kwargs())
    return PlannerData(years, chosen, day, ranking, planner.coverage_target(store, chosen),
                       planner.declaration_target(store, chosen), filters)


@dataclass(frozen=True)
class FilterLists:
    """The choices of the municipality and industry filters."""

    municipalities: list[tuple[str, str]]
    industries: list[str]


def load_lists(store: Store) -> FilterLists:
    """(市区町村コード, name) of the employers' municipalities and every 業態."""
    return FilterLists(municipalities(store), planner.industries(store))


def _count(value: Fraction | int | None, lang: str) -> str:
    if value is None:
        return message("planner_no_target", lang)
    return format_value(BY_ID["declarations"], value)


def _share(value: Fraction | None, lang: str) -> str:
    return message("planner_no_target", lang) if value is None else format_percent(value)


def what_if_lines(data: PlannerData, checked: Iterable[int], lang: str) -> tuple[str, str]:
    """(the coverage sentence, the declaration sentence) for the ``checked`` employers."""
    figures = data.figures
    if figures.register_id is None:
        return message("planner_no_register", lang, day=data.day.isoformat()), ""
    chosen = planner.rank_order(figures, checked)
    cov = planner.coverage_of(figures, chosen, data.coverage_target)
    if not len(chosen):
        return message("planner_nothing_chosen", lang, now=format_percent(cov.now),
                       declarations=f"{figures.declarations:,}"), ""
    dec = planner.declarations_of(figures, data.fy, chosen, data.declaration_target)
    return (message("planner_coverage_what_if", lang, count=f"{len(chosen):,}",
                    now=format_percent(cov.now), after=format_percent(cov.after),
                    target=_share(cov.target, lang), employers_now=f"{cov.employers_now:,}",
                    employers_after=f"{cov.employers_after:,}"),
            message("planner_declaration_what_if", lang, now=f"{dec.now:,}",
                    after=f"{dec.after:,}", target=_count(dec.target, lang)))


def top_n_line(data: PlannerData, lang: str) -> str:
    """How many of the listed employers, from the top, reach the coverage target."""
    target = data.coverage_target
    if target is None or data.figures.register_id is None:
        return ""
    n = data.ranking.top_n_for(target)
    shown = format_percent(target)
    if n is None:
        return message("planner_target_unreachable", lang, target=shown)
    if n == 0:
        return message("planner_target_reached", lang, target=shown)
    return message("planner_top_n_reaches", lang, n=f"{n:,}", target=shown)
