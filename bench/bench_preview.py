"""Time the import wizard's preview on the 600,000-row registers (issue 6 target: first rows shown
≤ 1.5 s after choosing the file).

Prints, for each register in bench/out/ (written by bench_readers.py; the .xlsx is written here
if missing): ``preview_file`` (safety check + sheets + first 50 rows + header detection) in a
fresh child process and best of 3 in this one, a window of rows around row 500,000 (a problem
clicked far down the file), and the wizard itself: ``ImportPage.add_files`` until the preview
table is filled (offscreen Qt, an empty store). Synthetic data only.

    .venv/bin/python bench/bench_preview.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
FILES = ["register_600000.xlsx", "register_600000_sst.xlsx", "register_600000_f.xlsx",
         "register_600000_cp932.csv"]
TARGET_S = 1.5


def _ensure_register() -> None:
    path = OUT / FILES[0]
    if not path.exists():
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from bench_readers import write_xlsx

        OUT.mkdir(parents=True, exist_ok=True)
        write_xlsx(path, 600_000, formulas=False)


def _child(path: Path) -> float:
    code = ("import time, sys; from pathlib import Path; "
            "from branchdesk.exchange.preview import preview_file; "
            "t = time.perf_counter(); preview_file(Path(sys.argv[1])); "
            "print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], check=True,
                          capture_output=True, text=True)
    return float(done.stdout.strip())


def _in_process(path: Path) -> tuple[float, float]:
    from branchdesk.exchange.preview import preview_file, read_rows

    times = []
    for _ in range(3):
        start = time.perf_counter()
        preview = preview_file(path)
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    read_rows(path, preview.sheet, first=499_980, count=41)
    return min(times), time.perf_counter() - start


def _wizard(path: Path) -> float:
    """Seconds from ``add_files`` to the preview table filled, on an empty store."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from branchdesk.store.connection import create_store
    from branchdesk.ui.context import UiContext
    from branchdesk.ui.jobs import JobRunner
    from branchdesk.ui.pages.import_page import ImportPage

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "bench.db"
        create_store(store, "31").close()
        context = UiContext(store, "ja", JobRunner(store, "ja"))
        page = ImportPage(context)
        page.show()
        start = time.perf_counter()
        page.add_files([path])
        while page.panel.rows_view.rowCount() == 0 and time.perf_counter() - start < 30:
            app.processEvents()
            time.sleep(0.001)
        elapsed = time.perf_counter() - start
        page.reader.wait()
        page.close()
        context.jobs.close()  # type: ignore[union-attr]
        context.close()
    return elapsed


def main() -> None:
    """Print the figures."""
    _ensure_register()
    print(f"preview of the first 50 rows (target: shown ≤ {TARGET_S} s after choosing)")
    for name in FILES:
        path = OUT / name
        if not path.exists():
            print(f"  {name}: missing (run bench/bench_readers.py)")
            continue
        cold = _child(path)
        warm, window = _in_process(path)
        print(f"  {name:28s} fresh process {cold:5.2f} s   best of 3 {warm:5.2f} s   "
              f"rows around 500,000 {window:5.2f} s")
    shown = _wizard(OUT / FILES[0])
    verdict = "ok" if shown <= TARGET_S else "over target"
    print(f"wizard: {FILES[0]} chosen → first rows on screen in {shown:.2f} s ({verdict})")


if __name__ == "__main__":
    main()
