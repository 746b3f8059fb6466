"""The queries behind the dashboard, drugs, declarations and committee pages on the large demo
store (東京-like), Qt-free: what a page waits for before it can paint.

    .venv/bin/python bench/bench_pages.py [--db PATH] [--runs 3]

Prints the best of ``--runs`` for each query. The pages run the slow ones (the KPI sheet, the
chart series, an ids search) on the job runner's reader thread; rows by ids and a record's
detail run on the GUI thread.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import best_of, large_store

FY, AS_OF = 2025, date(2026, 6, 30)


def cases(store) -> dict[str, Callable[[], object]]:  # type: ignore[no-untyped-def]
    """Every timed query, by name."""
    from branchdesk.store.queries import committee, dashboard, declarations, drugs

    ctx = dashboard.context_of(store)
    day = date(2026, 3, 31)
    month = drugs.generic_months(store)[0]
    members = committee.ids(store, committee.MemberFilter())
    return {
        "dashboard: kpi_sheet": lambda: dashboard.sheet(store, FY, AS_OF),
        "dashboard: generic chart": lambda: dashboard.generic_chart(ctx, FY, AS_OF),
        "dashboard: biosimilar chart": lambda: dashboard.biosimilar_chart(ctx, FY, AS_OF),
        "dashboard: coverage series": lambda: dashboard.coverage_series(store, FY, day),
        "dashboard: referral series": lambda: dashboard.referral_series(ctx, FY, AS_OF),
        "dashboard: fiscal years (latest_fy)": lambda: dashboard.fiscal_years(store, AS_OF),
        "drugs: months": lambda: drugs.generic_months(store),
        "drugs: municipalities": lambda: drugs.unit_figures(store, "municipality", month),
        "drugs: institutions": lambda: drugs.unit_figures(store, "institution", month),
        "drugs: pharmacies": lambda: drugs.unit_figures(store, "pharmacy", month),
        "drugs: ingredients": lambda: drugs.ingredient_figures(store, month),
        "declarations: all ids": lambda: declarations.ids(store, declarations.DeclarationFilter()),
        "declarations: search 3 chars": lambda: declarations.ids(
            store, declarations.DeclarationFilter(search="株式会")),
        "declarations: sort by name": lambda: declarations.ids(
            store, declarations.DeclarationFilter(), "employer_name", False),
        "declarations: detail": lambda: declarations.detail(store, 1),
        "committee: all ids": lambda: committee.ids(store, committee.MemberFilter()),
        "committee: in office": lambda: committee.ids(
            store, committee.MemberFilter(state="in_office", on=AS_OF)),
        "committee: search 2 chars": lambda: committee.ids(
            store, committee.MemberFilter(search="山田")),
        "committee: search 3 chars": lambda: committee.ids(
            store, committee.MemberFilter(search="株式会")),
        "committee: sort by symbol": lambda: committee.ids(
            store, committee.MemberFilter(), "symbol", False),
        "committee: 200 rows": lambda: committee.rows_by_ids(store, members[:200]),
        "committee: detail": lambda: committee.detail(store, int(members[0])),
    }


def main(argv: list[str]) -> int:
    """Time every query on the large store (or ``--db``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    from branchdesk.store.connection import open_store

    with open_store(args.db or large_store()) as store:
        for name, fn in cases(store).items():
            print(f"{name}: {best_of(args.runs, fn) * 1000:.0f} ms (best of {args.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
