"""Build the bundle from build.spec and prove the FROZEN programs work (issue 7; run by CI).

    .venv/bin/python scripts/frozen_smoke.py              # install PyInstaller, build, check
    .venv/bin/python scripts/frozen_smoke.py --no-build   # check an existing dist/branchdesk

A bundle that builds is not a bundle that runs: a hidden import or a missing resource shows only
when the frozen program reaches it. So each check runs ``dist/branchdesk/branchdesk-cli`` or
``dist/branchdesk/branchdesk`` as a user would (outside the repository, with no venv in the
environment, a fresh data folder, Qt offscreen): --version; demo then kpi --format json; an
import template written by the frozen program, filled here with openpyxl, imported, and read
back through a cp932 CSV export; the quarterly report; portable mode; and the GUI's
--smoke-test, where every page whose module exists must render as a page (a page module the
bundle lacks would otherwise show as a placeholder). Any failure exits 1.

PyInstaller is pinned in pyproject.toml's ``build`` extra; this script installs those pins
into the running interpreter's environment when they are missing.
"""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "branchdesk"
EXE = ".exe" if sys.platform == "win32" else ""
GUI = DIST / f"branchdesk{EXE}"
CLI = DIST / f"branchdesk-cli{EXE}"
BUILD_LOG = ROOT / "build" / "pyinstaller.log"
TIMEOUT_S = 300
#: Synthetic employers typed into the frozen program's own import template.
EMPLOYERS = [
    {"事業所記号": f"3190000{i}", "事業所名称": f"試験商事{i}株式会社",
     "事業所名称カナ": "シケンショウジ", "所在地": "鳥取市東町1-1", "市区町村コード": "312011",
     "業態区分": "製造業",
     "被保険者数": 10 + i, "被扶養者数": i, "適用年月日": date(2001, 4, 1),
     "基準日": date(2025, 3, 31)}
    for i in range(1, 4)
]


class Failure(Exception):
    """A check that did not pass; the message says what was seen."""


def build_pins() -> list[str]:
    """The ``build`` extra of pyproject.toml (PyInstaller and its hooks, pinned)."""
    with (ROOT / "pyproject.toml").open("rb") as f:
        return list(tomllib.load(f)["project"]["optional-dependencies"]["build"])


def ensure_pyinstaller() -> str:
    """Install the pinned PyInstaller unless exactly those versions are installed."""
    pins = build_pins()
    wanted = dict(pin.split("==") for pin in pins)
    try:
        have = {name: importlib.metadata.version(name) for name in wanted}
    except importlib.metadata.PackageNotFoundError:
        have = {}
    if have != wanted:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *pins], check=True)
    return ", ".join(pins)


def build() -> str:
    """``pyinstaller --noconfirm --clean build.spec``; the log goes to build/pyinstaller.log."""
    BUILD_LOG.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    with BUILD_LOG.open("w", encoding="utf-8") as log:
        done = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "build.spec"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        tail = BUILD_LOG.read_text(encoding="utf-8").splitlines()[-30:]
        raise Failure("pyinstaller failed:\n" + "\n".join(tail))
    return f"{size_mb(DIST):.0f} MB in {DIST.relative_to(ROOT)}"


def size_mb(folder: Path) -> float:
    """The size of the files under ``folder`` in MB (10^6 bytes); symlinks count nothing."""
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


class Frozen:
    """Runs the frozen programs in a scratch folder, as a user would."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        home = scratch / "home"
        drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "BRANCHDESK_HOME"}
        self.env = {k: v for k, v in os.environ.items() if k not in drop}
        self.env.update({"BRANCHDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"})

    def run(self, program: Path, *args: str, env: dict[str, str] | None = None,
            expect: int = 0) -> str:
        """Run ``program args``; return stdout; fail on another exit code."""
        done = subprocess.run([str(program), *args], cwd=self.scratch, env=env or self.env,
                              capture_output=True, text=True, encoding="utf-8",
                              timeout=TIMEOUT_S, check=False)
        if done.returncode != expect:
            raise Failure(f"{program.name} {' '.join(args)} exited {done.returncode}"
                          f" (expected {expect})\nstdout: {done.stdout[-2000:]}"
                          f"\nstderr: {done.stderr[-2000:]}")
        return done.stdout

    def path(self, name: str) -> str:
        """A file in the scratch folder."""
        return str(self.scratch / name)


def check_version(frozen: Frozen) -> str:
    """Both programs print the package's version."""
    from branchdesk import __version__

    for program in (CLI, GUI):
        out = frozen.run(program, "--version").strip()
        if out != f"branchdesk {__version__}":
            raise Failure(f"{program.name} --version printed {out!r}")
    return f"branchdesk {__version__}"


def check_bundle_files(frozen: Frozen) -> str:
    """Qt's Japanese translation, every built .qm of ours and the icon are in the bundle."""
    internal = DIST / "_internal"
    ours = sorted(p.name for p in (ROOT / "resources" / "translations").glob("*.qm"))
    bundled = sorted(p.name for p in (internal / "resources" / "translations").glob("*.qm"))
    if bundled != ours:
        raise Failure(f"translations in the bundle {bundled} != resources {ours}")
    qtbase = list(internal.rglob("qtbase_ja.qm"))
    icon = internal / "resources" / "icons" / "branchdesk.svg"
    if not qtbase or not icon.is_file():
        raise Failure(f"qtbase_ja.qm found: {bool(qtbase)}, icon found: {icon.is_file()}")
    return f"{len(ours)} translations + qtbase_ja, icon"


def check_demo_and_kpi(frozen: Frozen) -> str:
    """``demo --scale small`` makes a store; ``kpi --format json`` prints a KPI list."""
    frozen.run(CLI, "demo", "--scale", "small", "--db", frozen.path("demo.db"))
    rows = json.loads(frozen.run(CLI, "kpi", "--format", "json", "--db", frozen.path("demo.db")))
    if not rows or not all("id" in row and "value" in row for row in rows):
        raise Failure(f"kpi --format json gave {str(rows)[:300]}")
    return f"{len(rows)} KPIs"


def fill_template(path: Path, rows: list[dict[str, object]]) -> None:
    """Type ``rows`` under the template's header row (row 2), as a user would."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[2]]
    for offset, row in enumerate(rows):
        for header, value in row.items():
            sheet.cell(row=3 + offset, column=headers.index(header) + 1, value=value)
    book.save(path)


def check_import(frozen: Frozen) -> str:
    """A template from the frozen program, filled here, imports; a cp932 CSV export has it."""
    store, template = frozen.path("branch.db"), frozen.scratch / "employers.xlsx"
    frozen.run(CLI, "init", "--branch", "31", "--db", store)
    frozen.run(CLI, "export", "template", "--kind", "employers", "-o", str(template))
    fill_template(template, EMPLOYERS)
    frozen.run(CLI, "import", str(template), "--db", store)
    csv = frozen.scratch / "employers.csv"
    frozen.run(CLI, "export", "register", "--name", "employers", "-o", str(csv),
               "--encoding", "cp932", "--db", store)
    text = csv.read_bytes().decode("cp932")
    missing = [row["事業所名称"] for row in EMPLOYERS if str(row["事業所名称"]) not in text]
    if missing:
        raise Failure(f"imported employers missing from the export: {missing}")
    return f"{len(EMPLOYERS)} employers imported and exported"


def check_quarterly(frozen: Frozen) -> str:
    """The quarterly report of the demo store is written and opens as a workbook."""
    import openpyxl

    out = frozen.scratch / "quarterly.xlsx"
    frozen.run(CLI, "export", "quarterly", "--fy", "2025", "--quarter", "4", "-o", str(out),
               "--db", frozen.path("demo.db"))
    book = openpyxl.load_workbook(out, read_only=True)
    sheets = len(book.sheetnames)
    book.close()
    return f"{sheets} sheets"


def check_portable(frozen: Frozen) -> str:
    """With a ``portable`` file beside the exe, the store is made in ``data/`` beside it."""
    marker, data = DIST / "portable", DIST / "data"
    env = {k: v for k, v in frozen.env.items() if k != "BRANCHDESK_HOME"}
    marker.write_text("", encoding="utf-8")
    try:
        frozen.run(CLI, "init", "--branch", "31", env=env)
        found = sorted(p.relative_to(DIST).as_posix() for p in data.rglob("*") if p.is_file())
    finally:
        marker.unlink()
        _remove_tree(data)
    if "data/branchdesk.db" not in found or "data/logs/branchdesk.log" not in found:
        raise Failure(f"portable mode wrote {found}")
    return ", ".join(found)


def _remove_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    if folder.exists():
        folder.rmdir()


def expected_pages() -> dict[str, bool]:
    """Page id -> True when its module exists in src (then it must render as a page)."""
    from branchdesk.ui.pages.registry import PAGES

    found = {}
    for entry in PAGES:
        module = entry.target.partition(":")[0]
        found[entry.page_id] = (ROOT / "src" / (module.replace(".", "/") + ".py")).is_file()
    return found


def check_gui(frozen: Frozen) -> str:
    """``branchdesk --smoke-test``: every page renders; no existing page is a placeholder."""
    out = frozen.run(GUI, "--smoke-test", "--db", frozen.path("demo.db"))
    shown = {}  # "page employers: 130 ms" -> {"employers": "page"}
    for line in out.splitlines():
        kind, _, rest = line.partition(" ")
        if kind in ("page", "placeholder"):
            shown[rest.split(":")[0]] = kind
    wrong = [page for page, exists in expected_pages().items()
             if shown.get(page) != ("page" if exists else "placeholder")]
    if wrong:
        raise Failure(f"pages not rendered as expected: {wrong}\n{out}")
    first = next((line for line in out.splitlines() if line.startswith("launch ->")), "")
    return f"{sum(v == 'page' for v in shown.values())} pages, {first}"


CHECKS: list[tuple[str, Callable[[Frozen], str]]] = [
    ("version", check_version), ("bundle files", check_bundle_files),
    ("demo + kpi json", check_demo_and_kpi), ("template + import + export", check_import),
    ("quarterly report", check_quarterly), ("portable mode", check_portable),
    ("gui --smoke-test", check_gui),
]


def step(name: str, action: Callable[[], str]) -> bool:
    """Run one step; print ok/FAILED with its time; True when it passed."""
    start = time.perf_counter()
    try:
        note = action()
    except (Failure, subprocess.TimeoutExpired, subprocess.CalledProcessError, OSError) as e:
        print(f"FAILED {name} ({time.perf_counter() - start:.1f} s): {e}", flush=True)
        return False
    print(f"ok     {name} ({time.perf_counter() - start:.1f} s): {note}", flush=True)
    return True


def main(argv: list[str] | None = None) -> int:
    """Install, build, run every check; exit 1 when anything failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-build", action="store_true", help="check dist/branchdesk as it is")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if not args.no_build and not (step("install PyInstaller", ensure_pyinstaller)
                                  and step("build", build)):
        return 1
    with tempfile.TemporaryDirectory(prefix="branchdesk-frozen-") as scratch:
        frozen = Frozen(Path(scratch))
        results = [step(name, functools.partial(check, frozen)) for name, check in CHECKS]
    passed = sum(results)
    print(f"frozen smoke test: {time.perf_counter() - started:.0f} s in all")
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
