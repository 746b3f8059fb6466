"""The outreach planner (訪問計画) on the large demo store (東京-like, 600,000 employers): ranking
and what-if (target ≤ 300 ms), filters, top N, the export, and the page itself.

    .venv/bin/python bench/bench_planner.py [--db PATH] [--runs 3]

"cold" opens a new connection for each run (nothing kept: the figures are read from SQLite
again, with the OS file cache warm as on a desktop that has the store open); "warm" repeats on
one connection (the figures are kept until the store changes). The store is only read.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import best_of, large_store

FY, AS_OF = 2025, date(2026, 11, 27)
DAY = date(2026, 3, 31)  # FY2025's measurement date as of AS_OF
TOP = 40


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def rank_and_what_if(store) -> tuple[int, object, object]:  # type: ignore[no-untyped-def]
    """What the page needs first: the ranking, then the what-ifs of the top 40 (by 事業所記号,
    as the public API takes them)."""
    from branchdesk.store.queries import planner

    ranking = planner.candidates(store, DAY)
    symbols = [c.symbol for c in ranking.rows(store, 0, TOP)]
    coverage = planner.coverage_what_if(store, DAY, symbols)
    declarations = planner.declaration_what_if(store, DAY, FY, symbols)
    return len(ranking), coverage, declarations


def cold(path: Path, runs: int) -> None:
    """Ranking + what-if on a fresh connection, each run."""
    from branchdesk.store.connection import open_store

    times = []
    for _ in range(runs):
        with open_store(path) as store:
            start = time.perf_counter()
            count, coverage, declarations = rank_and_what_if(store)
            times.append(time.perf_counter() - start)
    print(f"ranking + what-if, cold: best {_ms(min(times))}, median "
          f"{_ms(statistics.median(times))} (target ≤ 300 ms; {runs} runs)")
    print(f"  {count:,} candidates; top {TOP}: {coverage}")
    print(f"  {declarations}")


def parts(path: Path, runs: int) -> None:
    """Each step cold, then the warm repeats."""
    from branchdesk.store.connection import open_store
    from branchdesk.store.queries import planner

    steps: dict[str, list[float]] = {}
    for _ in range(runs):
        with open_store(path) as store:
            for name, fn in _steps(store).items():
                start = time.perf_counter()
                fn()
                steps.setdefault(name, []).append(time.perf_counter() - start)
    for name, times in steps.items():
        print(f"  cold {name}: best {_ms(min(times))}")
    with open_store(path) as store:
        rank_and_what_if(store)
        ranking = planner.candidates(store, DAY)
        code = ranking.rows(store, 0, 1)[0].municipality_code
        for name, fn in _warm(store, ranking, code).items():
            print(f"  warm {name}: {_ms(best_of(runs, fn))} (best of {runs})")


def _steps(store) -> dict[str, Callable[[], object]]:  # type: ignore[no-untyped-def]
    from branchdesk.store.queries import planner

    return {
        "figures at the day (headcounts, members, declarations, 事業所記号 order)":
            lambda: planner.figures_at(store, DAY),
        "ranking (sort of the candidates)": lambda: planner.candidates(store, DAY),
        "industry filter, first use (a scan of employers)": lambda: planner.candidates(
            store, DAY, industry="建設業"),
        "industries list (DISTINCT over employers)": lambda: planner.industries(store),
        "declaration target (count at FY−1's 31 March)":
            lambda: planner.declaration_target(store, FY),
    }


def _warm(store, ranking, code: str) -> dict[str, Callable[[], object]]:  # type: ignore[no-untyped-def]
    from branchdesk.store.queries import planner

    top = ranking.top(TOP)
    return {
        "ranking + what-if": lambda: rank_and_what_if(store),
        f"what-if of {TOP} ids (the page's path)": lambda: planner.coverage_of(
            ranking.figures, top),
        "what-if of 10,000 ids": lambda: planner.coverage_of(ranking.figures,
                                                              ranking.top(10_000)),
        "municipality filter": lambda: planner.candidates(store, DAY, municipality=code),
        "industry + size filter": lambda: planner.candidates(
            store, DAY, industry="建設業", min_insured=10, max_insured=49),
        "top N for 55%": lambda: ranking.top_n_for(0.55),
        "rows of one block (256)": lambda: ranking.rows(store, 0, 256),
    }


def export(path: Path) -> None:
    """The visit plan of the top 1,000 to a workbook."""
    from branchdesk.exchange.plan_export import build_plan, write_plan
    from branchdesk.store.connection import open_store
    from branchdesk.store.queries import planner

    with open_store(path) as store, tempfile.TemporaryDirectory() as folder:
        ids = planner.candidates(store, DAY).top(1000)
        start = time.perf_counter()
        count = write_plan(build_plan(store, DAY, FY, ids), Path(folder) / "plan.xlsx")
        print(f"export of the top {count:,}: {_ms(time.perf_counter() - start)}")


def page(path: Path, runs: int) -> None:
    """The page without a job runner (its reads run in place, so they can be timed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from branchdesk.ui.context import UiContext
    from branchdesk.ui.pages.planner import PlannerPage

    app = QApplication.instance() or QApplication([])
    context = UiContext(path, "ja")
    shown = PlannerPage(context, today=AS_OF)
    shown.resize(1300, 800)
    shown.show()
    start = time.perf_counter()
    shown.reload()
    app.processEvents()
    print(f"page: first ranking shown (cold): {_ms(time.perf_counter() - start)}")
    start = time.perf_counter()
    shown.refresh()  # the ranking again (warm) and the filter lists (cold)
    app.processEvents()
    print(f"page: refresh with the filter lists (cold lists): "
          f"{_ms(time.perf_counter() - start)}")
    for name, fn in {"check the top 40 (what-if shown)": lambda: shown.top_spin.setValue(40),
                     "check one more row": lambda: shown.model.toggle(41),
                     "top 0 again": lambda: shown.top_spin.setValue(0)}.items():
        start = time.perf_counter()
        fn()
        app.processEvents()
        print(f"page: {name}: {_ms(time.perf_counter() - start)}")
    shown.close()
    context.close()


def main(argv: list[str]) -> int:
    """Every figure on the large store (or ``--db``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    path = args.db or large_store()
    cold(path, args.runs)
    parts(path, args.runs)
    export(path)
    page(path, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
