"""The frozen bundle (dist/branchdesk, from build.spec): size on disk and start-up times.

    .venv/bin/python bench/bench_bundle.py [--build] [--db PATH] [--runs 5]

Prints:
- the bundle's size (files, in MB = 10^6 bytes; symlinks count nothing) and its 15 largest
  parts, as folders (a package or Qt's library folder) and as single files;
- ``branchdesk-cli --version`` and ``branchdesk --version``: median wall time of ``--runs``;
- ``branchdesk --smoke-test`` (offscreen) on a small demo store made by the frozen program
  (or ``--db``): the app's own launch → dashboard figure, process start → dashboard (the
  wall time until the smoke test printed its launch line, which it flushes as soon as the
  dashboard is drawn), and the whole run; median of 3.

Targets (issue 7): bundle ≤ 250 MB, frozen --version ≤ 1.5 s. ``--build`` builds first
(``pyinstaller --noconfirm --clean build.spec``); otherwise dist/branchdesk must exist.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "branchdesk"
EXE = ".exe" if sys.platform == "win32" else ""
GUI = DIST / f"branchdesk{EXE}"
CLI = DIST / f"branchdesk-cli{EXE}"
SIZE_TARGET_MB = 250
VERSION_TARGET_S = 1.5
LARGEST = 15


def files_under(folder: Path) -> list[tuple[Path, int]]:
    """Every regular file under ``folder`` with its size (symlinks left out)."""
    return [(p, p.stat().st_size) for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]


def part_of(path: Path) -> str:
    """The part a file belongs to: its top folder under _internal (Qt's libs, plugins and
    translations apart), or the file itself when it stands alone."""
    parts = path.relative_to(DIST).parts
    if parts[0] != "_internal" or len(parts) == 2:
        return "/".join(parts)
    if parts[1] == "PySide6" and len(parts) > 4 and parts[2] == "Qt":
        return "/".join(parts[:4]) + "/"
    return "/".join(parts[:2]) + "/"


def print_size() -> None:
    """Total size, then the largest parts (folders) and the largest single files."""
    files = files_under(DIST)
    total = sum(size for _, size in files)
    verdict = "ok" if total / 1e6 <= SIZE_TARGET_MB else "OVER"
    print(f"bundle {DIST.relative_to(ROOT)}: {total / 1e6:.1f} MB in {len(files)} files "
          f"(target ≤ {SIZE_TARGET_MB} MB: {verdict})")
    parts: dict[str, int] = {}
    for path, size in files:
        parts[part_of(path)] = parts.get(part_of(path), 0) + size
    print(f"largest {LARGEST} parts:")
    for name, size in sorted(parts.items(), key=lambda kv: -kv[1])[:LARGEST]:
        print(f"  {size / 1e6:7.1f} MB  {name}")
    print(f"largest {LARGEST} files:")
    for path, size in sorted(files, key=lambda f: -f[1])[:LARGEST]:
        print(f"  {size / 1e6:7.1f} MB  {path.relative_to(DIST)}")


def frozen_env(home: Path) -> dict[str, str]:
    """The environment of a user's run: no venv, a scratch data folder, Qt offscreen."""
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update({"BRANCHDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"})
    return env


def wall(command: list[str], env: dict[str, str]) -> float:
    """Seconds one run of ``command`` takes (it must exit 0)."""
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def print_version_times(env: dict[str, str], runs: int) -> None:
    """Median wall time of ``--version`` for both programs."""
    for program in (CLI, GUI):
        times = [wall([str(program), "--version"], env) for _ in range(runs)]
        median = statistics.median(times)
        verdict = "ok" if median <= VERSION_TARGET_S else "OVER"
        print(f"{program.name} --version: median {median * 1000:.0f} ms of {runs} "
              f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}; "
              f"target ≤ {VERSION_TARGET_S * 1000:.0f} ms: {verdict})")


def smoke_once(store: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """One ``--smoke-test``: (app's launch → dashboard, process start → dashboard, whole run)."""
    start = time.perf_counter()
    proc = subprocess.Popen([str(GUI), "--smoke-test", "--db", str(store)], env=env, text=True,
                            encoding="utf-8", stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    printed = time.perf_counter() - start
    pages = proc.stdout.read().splitlines()
    if proc.wait() != 0 or not first.startswith("launch ->"):
        raise SystemExit(f"smoke test failed: {first!r} {pages}")
    return ms(first) / 1000, printed, time.perf_counter() - start  # the line is flushed at once


def ms(line: str) -> float:
    """The milliseconds at the end of a smoke-test line (``page drugs: 88 ms``)."""
    return float(line.rsplit(":", 1)[1].split()[0])


def print_smoke_times(store: Path, env: dict[str, str]) -> None:
    """Median of 3 smoke tests: the app's figure, process start → dashboard, whole run."""
    runs = [smoke_once(store, env) for _ in range(3)]
    app, process, whole = (statistics.median(values) for values in zip(*runs, strict=True))
    print(f"frozen --smoke-test on {store.name}: launch → dashboard interactive "
          f"{app * 1000:.0f} ms in the app, {process * 1000:.0f} ms from process start; "
          f"whole smoke test {whole:.1f} s (median of 3)")


def build() -> None:
    """Build the bundle (a minute or two)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "build.spec"],
                   cwd=ROOT, check=True, capture_output=True)
    print(f"built in {time.perf_counter() - start:.0f} s")


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description="frozen bundle: size and start-up times")
    parser.add_argument("--build", action="store_true", help="build dist/branchdesk first")
    parser.add_argument("--db", type=Path, default=None, help="store for the smoke test")
    parser.add_argument("--runs", type=int, default=5, help="--version runs (median)")
    args = parser.parse_args()
    if args.build:
        build()
    if not GUI.is_file():
        raise SystemExit(f"no bundle at {DIST}: run with --build or scripts/frozen_smoke.py")
    print_size()
    with tempfile.TemporaryDirectory(prefix="branchdesk-bench-") as scratch:
        env = frozen_env(Path(scratch) / "home")
        print_version_times(env, args.runs)
        store = args.db or Path(scratch) / "demo.db"
        if args.db is None:
            wall([str(CLI), "demo", "--scale", "small", "--db", str(store)], env)
        print_smoke_times(store, env)


if __name__ == "__main__":
    main()
