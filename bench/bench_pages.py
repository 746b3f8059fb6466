"""The queries behind the dashboard, drugs, declarations and committee pages on the large demo
store (東京-like), Qt-free: what a page waits for before it can paint.

    .venv/bin/python bench/bench_pages.py [--db PATH] [--runs 3]

Each query runs on a fresh connection, so nothing is kept from an earlier one: the figure is the
first answer (the best of ``--runs`` fresh connections), next to its target where it has one
(issue 5: search ≤ 100 ms after the debounce, detail ≤ 100 ms; the KPI sheet ≤ 0.5 s). A
"warm" case first does what the page does before the user acts (the committee page keeps the
search columns in memory once its list is shown; the dashboard has shown FY2025 before the FY
changes). The pages run the slow ones (the KPI sheet, the chart series, an ids search) on the job
runner's reader thread; rows by ids and a record's detail run on the GUI thread.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from branchdesk.store.connection import Store
from common import large_store

FY, AS_OF = 2025, date(2026, 6, 30)
#: Targets by the start of a case's name (ms). A search's target is for the list as a user
#: types in it: shown, with its search columns in memory ("warm"); the cold figure (typed
#: before that, or right after a write) is printed for comparison.
TARGETS = {"dashboard: kpi_sheet": 500.0, "committee: search 2 chars (warm)": 100.0,
           "committee: search 3 chars (warm)": 100.0, "committee: search kana (warm)": 100.0,
           "declarations: search 3 chars (warm)": 100.0,
           "declarations: search 1 char (warm)": 100.0, "committee: detail": 100.0,
           "declarations: detail": 100.0}
#: A case: (prepare(store) run first and not timed, the timed query(store)).
Case = tuple[Callable[[Store], object], Callable[[Store], object]]


def _nothing(store: Store) -> None:
    """No preparation."""


def dashboard_cases() -> dict[str, Case]:
    """The dashboard's reads (the sheet first, then the charts, as the page asks for them)."""
    from branchdesk.store.queries import dashboard

    def shown(store: Store) -> None:
        dashboard.sheet(store, FY, AS_OF)
        dashboard.charts(store, FY, AS_OF)

    return {
        "dashboard: kpi_sheet": (_nothing, lambda s: dashboard.sheet(s, FY, AS_OF)),
        "dashboard: charts after the sheet": (
            lambda s: dashboard.sheet(s, FY, AS_OF), lambda s: dashboard.charts(s, FY, AS_OF)),
        "dashboard: coverage series alone": (
            _nothing, lambda s: dashboard.coverage_series(s, FY, date(2026, 3, 31))),
        "dashboard: referral series": (
            _nothing, lambda s: dashboard.referral_series(dashboard.context_of(s), FY, AS_OF)),
        "dashboard: other FY, sheet + charts (warm)": (
            shown, lambda s: (dashboard.sheet(s, FY - 1, AS_OF),
                              dashboard.charts(s, FY - 1, AS_OF))),
        "dashboard: fiscal years (latest_fy)": (
            _nothing, lambda s: dashboard.fiscal_years(s, AS_OF)),
    }


def drug_cases() -> dict[str, Case]:
    """The generics and biosimilars page."""
    from branchdesk.store.queries import drugs

    def month(s: Store) -> int:
        return int(drugs.generic_months(s)[0])

    return {
        "drugs: months": (_nothing, drugs.generic_months),
        "drugs: municipalities": (_nothing, lambda s: drugs.unit_figures(s, "municipality",
                                                                           month(s))),
        "drugs: institutions": (_nothing, lambda s: drugs.unit_figures(s, "institution",
                                                                         month(s))),
        "drugs: ingredients": (_nothing, lambda s: drugs.ingredient_figures(s, month(s))),
    }


def register_cases() -> dict[str, Case]:
    """The declarations and committee lists."""
    from branchdesk.store.queries import committee, declarations

    member = committee.MemberFilter
    return {
        "declarations: all ids": (_nothing, lambda s: declarations.ids(
            s, declarations.DeclarationFilter())),
        "declarations: search 3 chars (cold: nothing in memory yet)": (
            _nothing, lambda s: declarations.ids(
                s, declarations.DeclarationFilter(search="株式会"))),
        "declarations: search 3 chars (warm)": (declarations.warm, lambda s: declarations.ids(
            s, declarations.DeclarationFilter(search="株式会"))),
        "declarations: search 1 char (warm)": (declarations.warm, lambda s: declarations.ids(
            s, declarations.DeclarationFilter(search="山"))),
        "declarations: sort by name": (_nothing, lambda s: declarations.ids(
            s, declarations.DeclarationFilter(), "employer_name", False)),
        "declarations: detail": (_nothing, lambda s: declarations.detail(s, 1)),
        "committee: all ids": (_nothing, lambda s: committee.ids(s, member())),
        "committee: in office": (_nothing, lambda s: committee.ids(
            s, member(state="in_office", on=AS_OF))),
        "committee: search 2 chars (cold: nothing in memory yet)": (
            _nothing, lambda s: committee.ids(s, member(search="山田"))),
        "committee: search 2 chars (warm)": (
            committee.warm, lambda s: committee.ids(s, member(search="山田"))),
        "committee: search 3 chars (warm)": (
            committee.warm, lambda s: committee.ids(s, member(search="株式会"))),
        "committee: search kana (warm)": (
            committee.warm, lambda s: committee.ids(s, member(search="やまだ"))),
        "committee: keep the search columns in memory": (_nothing, committee.warm),
        "committee: sort by symbol": (_nothing, lambda s: committee.ids(
            s, member(), "symbol", False)),
        "committee: sort by employer name": (_nothing, lambda s: committee.ids(
            s, member(), "employer_name", False)),
        "committee: detail": (_nothing, lambda s: committee.detail(
            s, int(committee.ids(s, member())[0]))),
    }


def first_answer(path: Path, case: Case) -> float:
    """ms of the timed query on a fresh connection, after its preparation."""
    from branchdesk.store.connection import open_store

    prepare, query = case
    with open_store(path) as store:
        prepare(store)
        start = time.perf_counter()
        query(store)
        return (time.perf_counter() - start) * 1000


def line(name: str, times: list[float]) -> str:
    """The case's best (median) and its target."""
    best = min(times)
    target = next((t for prefix, t in TARGETS.items() if name.startswith(prefix)), None)
    verdict = "" if target is None else (
        f"target ≤ {target:.0f} ms: {'ok' if best <= target else 'MISSED'}")
    return f"{name:58s} {best:7.0f} ms ({statistics.median(times):5.0f})  {verdict}"


def main(argv: list[str]) -> int:
    """Time every query on the large store (or ``--db``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    path = args.db or large_store()
    print(f"best of {args.runs} fresh connections (median)")
    for name, case in {**dashboard_cases(), **drug_cases(), **register_cases()}.items():
        print(line(name, [first_answer(path, case) for _ in range(args.runs)]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
