"""Time the employer register write at the large-branch scale (domain.md §6: 600,000 employers).

Prints the seconds for a first import into an empty store, a re-import of the same register
(everything unchanged: nothing written), and a next register that changes 1% of the employers
and drops 0.5% of them. Synthetic data only.

    .venv/bin/python bench/bench_registers.py [--employers 600000] [--cache-mb 256]

``--cache-mb`` raises SQLite's page caches (main and temp) on the store's connection (the
default connection keeps SQLite's 2 MB default), to show what that setting is worth here.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from branchdesk.store.connection import Store, create_store
from branchdesk.store.registers import Changes, EmployerRecord, apply_register

KANA = "アイウエオカキクケコサシスセソタチツテト"


def synthetic_register(count: int, revision: int = 0) -> list[EmployerRecord]:
    """``count`` synthetic employers; ``revision`` changes the name of every 100th one."""
    rows: list[EmployerRecord] = []
    for i in range(count):
        changed = revision and i % 100 == 0
        rows.append({
            "symbol": f"{10_000_000 + i:08d}",
            "name": f"株式会社サンプル{i}{'（新）' if changed else ''}",
            "name_kana": f"カブシキガイシャ{KANA[i % 20]}{KANA[(i // 20) % 20]}",
            "postal_code": f"{680_0000 + i % 10_000:07d}",
            "address": f"鳥取県鳥取市東町{i % 50}丁目{i % 997}番地",
            "municipality_code": "312011",
            "industry": "製造業",
            "applied_on": date(2000 + i % 20, 4, 1),
            "insured": 1 + i % 300,
            "dependents": i % 150,
        })
    return rows


def timed(label: str, store: Store, work: Callable[[], Changes]) -> None:
    """Run ``work`` in one transaction and print its time and counts."""
    started = time.perf_counter()
    with store.transaction():
        changes = work()
    seconds = time.perf_counter() - started
    counts = {k: v for k, v in changes.counts().items() if v}
    print(f"{label:<40} {seconds:7.2f} s  {counts}")


def main() -> None:
    """Build the registers and time the three imports."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employers", type=int, default=600_000)
    parser.add_argument("--cache-mb", type=int, default=0)
    args = parser.parse_args()
    count = args.employers
    first = synthetic_register(count)
    second = synthetic_register(count, revision=1)[: count - count // 200]
    with tempfile.TemporaryDirectory() as folder:
        store = create_store(Path(folder) / "bench.db", "13")
        if args.cache_mb:
            store.conn.execute(f"PRAGMA cache_size = -{args.cache_mb * 1024}")
            store.conn.execute(f"PRAGMA temp.cache_size = -{args.cache_mb * 1024}")
        print(f"SQLite page cache: {-store.scalar('PRAGMA cache_size') / 1024:.0f} MB")
        try:
            timed(f"first import ({count:,} employers)", store,
                  lambda: apply_register(store, date(2025, 3, 31), first, confirm_lost=False))
            timed("re-import, all unchanged", store,
                  lambda: apply_register(store, date(2025, 3, 31), first, confirm_lost=False))
            timed("next register (1% changed, 0.5% lost)", store,
                  lambda: apply_register(store, date(2025, 6, 30), second, confirm_lost=False))
            size = (Path(folder) / "bench.db").stat().st_size / 1e6
            print(f"store size {size:.0f} MB, audit rows "
                  f"{store.scalar('SELECT COUNT(*) FROM audit'):,}")
        finally:
            store.close()


if __name__ == "__main__":
    main()
