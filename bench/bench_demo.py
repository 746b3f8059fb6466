"""Benchmark of `branchdesk demo`: seconds, peak memory and store size per scale.

Each scale runs in its own child process, so the peak RSS (``ru_maxrss``) of one does not hide
in the other's. Targets: the large branch within 90 s and 1 GB on a 2-core machine.

    .venv/bin/python bench/bench_demo.py [--scale small|large] [--seed N] [--profile]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

TARGET_SECONDS = 90.0
TARGET_RSS_MB = 1024.0


def child(scale: str, path: Path, seed: int, profile: bool) -> None:
    """Generate one store and print its figures as one JSON line."""
    from branchdesk.demo import generate

    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        summary = profiler.runcall(generate, path, scale=scale, seed=seed)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    else:
        summary = generate(path, scale=scale, seed=seed)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"scale": scale, "seconds": round(summary.seconds, 2),
                      "peak_rss_mb": round(rss_mb, 1),
                      "store_mb": round(path.stat().st_size / 2**20, 1),
                      "counts": summary.counts}, ensure_ascii=False))


def run(scale: str, seed: int, profile: bool) -> dict[str, object]:
    """Run one scale in a child process and return its figures."""
    with tempfile.TemporaryDirectory(prefix="bench_demo_") as folder:
        path = Path(folder) / f"demo_{scale}.db"
        command = [sys.executable, __file__, "--child", scale, str(path), "--seed", str(seed)]
        if profile:
            command.append("--profile")
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SystemExit(f"demo --scale {scale} failed:\n{result.stderr}")
        if profile:
            print(result.stderr, file=sys.stderr)
        figures: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
        return figures


def report(figures: dict[str, object]) -> None:
    """Print one scale's figures, flagging a miss of the targets."""
    seconds, rss = float(figures["seconds"]), float(figures["peak_rss_mb"])  # type: ignore[arg-type]
    flag = "" if seconds <= TARGET_SECONDS and rss <= TARGET_RSS_MB else "  ** over target **"
    print(f"demo --scale {figures['scale']}: {seconds:.1f} s, peak RSS {rss:.0f} MB, "
          f"store {figures['store_mb']} MB{flag}")
    counts: dict[str, int] = figures["counts"]  # type: ignore[assignment]
    print("  " + ", ".join(f"{table} {n:,}" for table, n in counts.items()))


def main(argv: list[str] | None = None) -> int:
    """Benchmark the scales asked for (both by default)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("small", "large"), default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary")
    parser.add_argument("--child", nargs=2, metavar=("SCALE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], Path(args.child[1]), args.seed, args.profile)
        return 0
    for scale in [args.scale] if args.scale else ["small", "large"]:
        report(run(scale, args.seed, args.profile))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
