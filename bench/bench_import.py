"""Time a whole employer-register import (600,000 rows × 12 columns) against calamine alone.

Issue target, side by side in one run: ``run_import`` of the register (.xlsx) into an empty store
vs python-calamine alone iterating every row of the same file; a re-import of the same file (all
rows unchanged); the same register as a CP932 CSV. Targets: import ≤ 1.5× calamine (stretch
1.25×), re-import ≤ 1.5× calamine, CSV import ≤ 1.0× the xlsx import, peak RSS ≤ 1 GB.

Inputs (written once into bench/out/, synthetic data only): the .xlsx of ``bench_readers.py``
(XlsxWriter constant_memory: inline strings, 「基準日：令和7年3月31日」 title row above the header);
the same register with a shared-strings table, as Excel writes it (XlsxWriter without
constant_memory; openpyxl writes inline strings too); the same register as a CP932 CSV with the
基準日 title line. Each step runs in its own child process; its peak RSS (the import's own, the
worker threads included) comes from ``wait4``. The load average is printed beside each figure:
the machine is shared, so compare figures of one run, and prefer ``--repeat 2`` or more (the
ratios then use the best run of each step). Finally a cProfile of the first import (top 25 by
cumulative time; it sees the main thread only: the slice parser and the register writer run on
threads of their own).

    .venv/bin/python bench/bench_import.py [--rows 600000] [--repeat N] [--no-profile]
        [--keep-store]

Run it against other sources (say, a checkout of an earlier commit) with
``PYTHONPATH=<that checkout>/src``: the children import branchdesk from there.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import pstats
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_readers
from bench_readers import HEADER, OUT, register_row

WORK = OUT / "import_bench"
TITLE = "基準日：令和7年3月31日"
PROFILE = WORK / "first_import.pstats"


# --- inputs --------------------------------------------------------------------------------------


def write_sst_xlsx(path: Path, rows: int) -> None:
    """The register of ``bench_readers.write_xlsx`` with a shared-strings table (all in memory)."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("事業所台帳")
    dates = workbook.add_format({"num_format": "yyyy/mm/dd"})
    sheet.write_row(0, 0, ["事業所台帳（ベンチマーク用・架空データ）"])
    sheet.write_row(1, 0, [TITLE])
    sheet.write_row(3, 0, HEADER)
    for i in range(rows):
        row = register_row(i)
        sheet.write_row(4 + i, 0, row[:11])
        sheet.write_datetime(4 + i, 11, row[11], dates)
    workbook.close()


def write_titled_csv(path: Path, rows: int) -> None:
    """The register as CP932 CSV: the 基準日 title line, the header, dates as 2001/04/01."""
    with path.open("w", encoding="cp932", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([TITLE])
        writer.writerow(HEADER)
        for i in range(rows):
            row = register_row(i)
            writer.writerow([*row[:11], f"{row[11]:%Y/%m/%d}"])


def inputs(rows: int) -> dict[str, Path]:
    """The cached input files, written when missing."""
    paths = {"xlsx": bench_readers.files(rows)["xlsx"], "sst": OUT / f"register_{rows}_sst.xlsx",
             "csv": OUT / f"register_{rows}_cp932_titled.csv"}
    writers: dict[str, Callable[[Path, int], None]] = {"sst": write_sst_xlsx,
                                                        "csv": write_titled_csv}
    for key, write in writers.items():
        if not paths[key].exists():
            start = time.perf_counter()
            write(paths[key], rows)
            print(f"wrote {paths[key].name} ({paths[key].stat().st_size >> 20} MB) in "
                  f"{time.perf_counter() - start:.1f} s")
    return paths


# --- the steps, each run in a child process ------------------------------------------------------


def step_calamine(path: Path, store: Path) -> dict[str, Any]:
    """Baseline: calamine opens the workbook, loads the first sheet and yields every row."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(path)
    rows = sum(1 for _ in workbook.get_sheet_by_name(workbook.sheet_names[0]).iter_rows())
    return {"count": rows}


def fresh_store(store: Path) -> None:
    """An empty store (branch 13) at ``store``; whatever was there is removed first."""
    from branchdesk.store.connection import create_store

    for old in store.parent.glob(store.name + "*"):
        old.unlink()
    shutil.rmtree(store.parent / "backups", ignore_errors=True)
    create_store(store, "13").close()


def _import(path: Path, store: Path) -> dict[str, Any]:
    from branchdesk.exchange.importer import ImportOptions, run_import

    result = run_import(store, [path], ImportOptions())
    counts = result.sheets[0].counts if result.sheets else {}
    return {"outcome": result.outcome, "errors": len(result.errors),
            "count": counts.get("added", 0) + counts.get("unchanged", 0)}


def step_first(path: Path, store: Path) -> dict[str, Any]:
    """``run_import`` into an empty store (made before the clock starts)."""
    fresh_store(store)
    return _timed(lambda: _import(path, store))


def step_again(path: Path, store: Path) -> dict[str, Any]:
    """``run_import`` of the same file again: every row unchanged, nothing written."""
    return _timed(lambda: _import(path, store))


def step_profile(path: Path, store: Path) -> dict[str, Any]:
    """The first import under cProfile; the stats go to ``PROFILE``."""
    import cProfile

    fresh_store(store)
    profiler = cProfile.Profile()
    figures = _timed(lambda: profiler.runcall(_import, path, store))
    profiler.dump_stats(PROFILE)
    return figures


def _timed(work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    start = time.perf_counter()
    figures = work()
    figures["seconds"] = time.perf_counter() - start
    return figures


STEPS: dict[str, Callable[[Path, Path], dict[str, Any]]] = {
    "calamine": step_calamine, "first": step_first, "again": step_again,
    "profile": step_profile,
}


def child(step: str, path: Path, store: Path) -> None:
    """Run one step and print its figures as JSON (calamine is timed around the whole step)."""
    import branchdesk.exchange.importer  # noqa: F401  (imports are not the step's cost)

    start = time.perf_counter()
    figures = STEPS[step](path, store)
    figures.setdefault("seconds", time.perf_counter() - start)
    print(json.dumps(figures))


# --- the parent ----------------------------------------------------------------------------------


def run_child(step: str, path: Path, store: Path) -> dict[str, Any]:
    """Run ``step`` in a fresh interpreter; its figures plus peak RSS (MB) and load average."""
    proc = subprocess.Popen([sys.executable, __file__, "--child", step, str(path), str(store)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"step {step} on {path.name} failed ({proc.returncode})")
    figures: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    figures["peak_mb"] = usage.ru_maxrss / 1024
    figures["load"] = os.getloadavg()[0]
    return figures


def show(label: str, figures: dict[str, Any]) -> None:
    """One line of the table."""
    outcome = figures.get("outcome", "")
    print(f"{label:<44} {figures['seconds']:>8.2f} {figures['peak_mb']:>8.0f} "
          f"{figures['count']:>9} {figures['load']:>6.2f}  {outcome}", flush=True)


def ratio(label: str, value: float, target: float, stretch: float | None = None) -> None:
    """A ratio against its target."""
    verdict = "ok" if value <= target else "MISSED"
    extra = f", stretch {stretch:.2f}×: {'ok' if value <= stretch else 'missed'}" if stretch else ""
    print(f"{label:<44} {value:>8.2f}×  target ≤ {target:.2f}×: {verdict}{extra}")


def measure(paths: dict[str, Path], store: Path, repeat: int) -> dict[str, dict[str, Any]]:
    """Every timed step ``repeat`` times, each run printed as it ends; the best run of each."""
    plan = [("calamine", "calamine", "xlsx", "calamine alone, all rows .xlsx (baseline)"),
            ("first", "first", "xlsx", "run_import .xlsx into an empty store"),
            ("again", "again", "xlsx", "run_import .xlsx again (all unchanged)"),
            ("calamine_sst", "calamine", "sst", "calamine alone, shared-strings .xlsx"),
            ("first_sst", "first", "sst", "run_import shared-strings .xlsx, empty store"),
            ("csv", "first", "csv", "run_import CP932 .csv into an empty store")]
    print(f"{'step':<44} {'seconds':>8} {'peak MB':>8} {'rows':>9} {'load':>6}  outcome")
    best: dict[str, dict[str, Any]] = {}
    for name, step, key, label in plan:
        for _ in range(repeat):
            figures = run_child(step, paths[key], store)
            show(label, figures)
            if name not in best or figures["seconds"] < best[name]["seconds"]:
                best[name] = figures
    return best


def report(results: dict[str, dict[str, Any]]) -> None:
    """The ratios of the issue's targets, from the best run of each step."""
    seconds = {name: figures["seconds"] for name, figures in results.items()}
    print()
    ratio("import ÷ calamine (.xlsx)", seconds["first"] / seconds["calamine"], 1.5, 1.25)
    ratio("re-import ÷ calamine (.xlsx)", seconds["again"] / seconds["calamine"], 1.5)
    ratio("import ÷ calamine (shared strings)",
          seconds["first_sst"] / seconds["calamine_sst"], 1.5, 1.25)
    ratio("CSV import ÷ .xlsx import", seconds["csv"] / seconds["first"], 1.0)
    peak = max(f["peak_mb"] for n, f in results.items() if not n.startswith("calamine"))
    print(f"{'highest peak RSS of an import':<44} {peak:>8.0f} MB  target ≤ 1024 MB: "
          f"{'ok' if peak <= 1024 else 'MISSED'}")


def profile(path: Path, store: Path) -> None:
    """Profile the first import and print the top 25 functions by cumulative time."""
    figures = run_child("profile", path, store)
    print(f"\ncProfile of the first import ({figures['seconds']:.1f} s under the profiler, "
          f"load {figures['load']:.2f}), top 25 by cumulative time:")
    pstats.Stats(str(PROFILE)).strip_dirs().sort_stats("cumulative").print_stats(25)


def main() -> None:
    """Write the inputs if needed, then time each step in a fresh process."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=600_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each step (best counts)")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile run")
    parser.add_argument("--keep-store", action="store_true", help="keep bench/out/import_bench")
    parser.add_argument("--child", nargs=3, metavar=("STEP", "PATH", "STORE"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    paths = inputs(args.rows)
    WORK.mkdir(parents=True, exist_ok=True)
    store = WORK / "bench.db"
    try:
        report(measure(paths, store, max(1, args.repeat)))
        if not args.no_profile:
            profile(paths["xlsx"], store)
    finally:
        if not args.keep_store:
            shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
