"""The 受診勧奨 page on the large demo store (440,000 referral cases): its queries and opening the
page, offscreen, with real widgets.

    .venv/bin/python bench/bench_referrals.py [--db PATH] [--runs 3] [--as-of 2026-06-30]

Prints, best of ``--runs``:
- the worklist's queries: the ordered ids (what the page waits for), one block of rows
  (what a screen shows), the whole list as ``worklist()`` returns it, the cohort table;
- page open: a new ``ReferralsPage`` made, shown and its worklist read and painted (the read
  runs on the job runner's reader thread, as in the app), until the first row is selected;
- the cohort tab's first show.

Target (issue 6): the worklist opens in ≤ 300 ms. The store is opened read-only; nothing is
written.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, best_of, large_store

TARGET_MS = 300


def query_cases(store, as_of: date) -> dict[str, Callable[[], object]]:  # type: ignore[no-untyped-def]
    """The timed queries, by name."""
    from branchdesk.store.queries import referrals as q

    crit = q.criteria(store, as_of)
    ids = q.worklist_ids(store, crit)
    print(f"open cases at {as_of}: {len(ids):,}")
    return {
        "worklist ids (criteria + ordered ids)": lambda: q.worklist_ids(
            store, q.criteria(store, as_of)),
        "rows of one block (256 ids)": lambda: q.rows_by_ids(store, ids[:256], crit),
        "worklist() every row": lambda: q.worklist(store, as_of),
        "ids sorted by age": lambda: q.worklist_ids(store, crit, "age", False),
        "cohort table (every cohort)": lambda: q.cohort_table(store, as_of),
    }


def page_open(db: Path, as_of: date, runs: int) -> None:
    """Time making, showing and loading the page, and the cohort tab's first show."""
    os.environ["BRANCHDESK_HOME"] = str(OUT / "ui_home")
    from branchdesk.ui.app import make_app
    from branchdesk.ui.context import UiContext
    from branchdesk.ui.jobs import JobRunner
    from branchdesk.ui.pages.referrals import ReferralsPage

    make_app("ja")
    opens, cohorts = [], []
    for _ in range(runs):
        jobs = JobRunner(db, "ja")
        context = UiContext(db, "ja", jobs)
        context.reader()  # the app's readers are open before any page is shown
        jobs.run_read(lambda store, state: None)
        _settle(jobs)
        start = time.perf_counter()
        page = ReferralsPage(context, today=as_of)
        page.resize(1400, 900)
        page.show()
        page.refresh()
        _settle(jobs)
        assert page.worklist.selected_id() is not None
        opens.append(time.perf_counter() - start)
        start = time.perf_counter()
        page.show_cohorts()
        _settle(jobs)
        cohorts.append(time.perf_counter() - start)
        page.close()
        jobs.close()
        context.close()
    print(f"page open (made, shown, worklist read and painted): {min(opens) * 1000:.0f} ms "
          f"(best of {runs}; all {', '.join(f'{t * 1000:.0f}' for t in opens)}; "
          f"target ≤ {TARGET_MS} ms)")
    print(f"cohort tab first show: {min(cohorts) * 1000:.0f} ms (best of {runs})")


def _settle(jobs) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    jobs.wait_idle(300)
    QCoreApplication.processEvents()


def main(argv: list[str]) -> int:
    """Measure on the large demo store (or ``--db``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 6, 30))
    args = parser.parse_args(argv)
    from branchdesk.store.connection import open_store

    db = args.db or large_store()
    with open_store(db) as store:
        for name, fn in query_cases(store, args.as_of).items():
            print(f"{name}: {best_of(args.runs, fn) * 1000:.0f} ms (best of {args.runs})")
    page_open(db, args.as_of, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
