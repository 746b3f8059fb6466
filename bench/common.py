"""Shared helpers of the benchmarks: the large demo store they measure on."""

from __future__ import annotations

import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def large_store(path: Path | None = None) -> Path:
    """The large demo store (generated once into bench/out/, reused after)."""
    from branchdesk.demo import generate

    path = path or OUT / "large.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        generate(path, scale="large")
        print(f"generated {path} in {time.perf_counter() - start:.1f} s")
    return path


def best_of(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    """The best wall time of ``runs`` calls of ``fn``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)
