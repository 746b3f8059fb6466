"""Quarterly report export on the large demo store (target ≤ 3 s) and consolidation of 47 branch
reports (target ≤ 10 s).

The 47 reports are the large branch's report written 47 times with the branch code changed on
表紙 (the data sheets, and so the digest, stay the same): the same size as 47 large branches'.

Run: .venv/bin/python bench/bench_report.py [--db PATH] [--fy 2024] [--quarter 4]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from branchdesk.domain.calendar import quarter_end
from branchdesk.domain.identifiers import BRANCHES, insurer_number
from branchdesk.exchange.quarterly import (
    build_report,
    consolidate,
    export_quarterly,
    write_national,
    write_report,
)
from branchdesk.exchange.quarterly.model import Report
from branchdesk.store.connection import open_store
from branchdesk.store.kpi_sheet import kpi_sheet
from common import best_of, large_store


def _timed(label: str, fn, target: float | None = None):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    goal = "" if target is None else f" (target ≤ {target:.0f} s)"
    print(f"{label}: {seconds:.2f} s{goal}")
    return result


def _variants(report: Report, folder: Path) -> list[Path]:
    paths = []
    for code, name in BRANCHES.items():
        cover = dataclasses.replace(report.cover, branch_code=code, branch_name=name,
                                    insurer_number=insurer_number(code))
        path = folder / f"四半期報告_{code}{name}_{cover.fy}Q{cover.quarter}.xlsx"
        write_report(dataclasses.replace(report, cover=cover), path)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--fy", type=int, default=2024)
    parser.add_argument("--quarter", type=int, default=4)
    args = parser.parse_args()
    path = large_store(args.db)
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp, open_store(path) as store:
        folder = Path(tmp)
        out = folder / "report.xlsx"
        export = best_of(3, lambda: export_quarterly(store, args.fy, args.quarter, out))
        print(f"quarterly export FY{args.fy} Q{args.quarter}: best of 3 {export:.2f} s "
              f"(target ≤ 3 s), {out.stat().st_size / 1e6:.2f} MB")
        report = _timed("  of which building from the store",
                        lambda: build_report(store, args.fy, args.quarter))
        _timed("    of which kpi_sheet at the quarter's last day (the KPI engine)",
               lambda: kpi_sheet(store, args.fy, quarter_end(args.fy, args.quarter)))
        for data in report.sheets:
            print(f"  {data.name}: {len(data.summary)} summary rows, "
                  f"{len(data.items or [])} list rows")
        reports = folder / "reports"
        reports.mkdir()
        _timed("writing 47 branch variants (setup, not timed against a target)",
               lambda: _variants(report, reports))
        national = _timed("consolidate 47 reports", lambda: consolidate([reports]), 10)
        _timed("write the national workbook",
               lambda: write_national(national, folder / "national.xlsx"))
        print(f"  branches {len(national.reports)}, refused {len(national.refused)}, "
              f"provisional {national.provisional}")


if __name__ == "__main__":
    main()
