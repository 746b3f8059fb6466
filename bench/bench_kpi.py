"""KPI sheet compute time on the large demo store (target ≤ 0.5 s per FY), and store size.

Run: .venv/bin/python bench/bench_kpi.py [--db PATH]
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from branchdesk.store.connection import open_store
from branchdesk.store.kpi_sheet import kpi_sheet
from common import best_of, large_store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=None)
    path = large_store(parser.parse_args().db)
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    print(f"store: {path} ({size / 1e6:.0f} MB on disk incl. WAL)")
    with open_store(path) as store:
        for fy, as_of in ((2024, date(2025, 6, 1)), (2025, date(2026, 6, 1)),
                          (2025, date(2025, 12, 31))):
            cold = best_of(1, lambda fy=fy, as_of=as_of: kpi_sheet(store, fy, as_of))
            warm = best_of(5, lambda fy=fy, as_of=as_of: kpi_sheet(store, fy, as_of))
            print(f"kpi sheet FY{fy} as of {as_of}: first {cold * 1000:.0f} ms, "
                  f"best of 5 {warm * 1000:.0f} ms (target ≤ 500 ms)")


if __name__ == "__main__":
    main()
