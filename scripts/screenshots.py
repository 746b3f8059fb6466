"""Screenshots of every page of the app on the small demo store: docs/screenshots/<page_id>.png.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--lang ja|en]

Renders offscreen (``QWidget.grab()``; no display or Xvfb needed) at 1400×900. Japanese glyphs
need a Japanese font: on Linux the script installs ``fonts-noto-cjk`` with apt-get when it runs
as root and the font is missing, and otherwise says what to install. The demo store and the
app's settings live in a temporary folder, so a user's own store and preferences are untouched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.gettempdir()) / "branchdesk-screenshots"
SIZE = (1400, 900)
#: Time given to a page after its jobs are done (debounce timers, chart layout).
SETTLE_S = 0.8


def has_japanese_font() -> bool:
    """True when fontconfig knows a Japanese font (assumed on systems without fontconfig)."""
    if shutil.which("fc-list") is None:
        return True
    found = subprocess.run(["fc-list", ":lang=ja", "family"], capture_output=True, text=True)
    return bool(found.stdout.strip())


def ensure_japanese_font() -> None:
    """Install fonts-noto-cjk with apt-get when missing and possible; else say what to do."""
    if has_japanese_font():
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing fonts-noto-cjk (Japanese glyphs)…")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "fonts-noto-cjk"], check=True)
        return
    print("No Japanese font found: Japanese text would show as boxes. Install one, e.g.\n"
          "  sudo apt-get install -y fonts-noto-cjk\n"
          "(Xvfb is optional: the screenshots render offscreen.)")


def demo_store() -> Path:
    """The small demo store in the work folder (generated on first use)."""
    from branchdesk.demo import generate

    path = WORK / "demo.db"
    if not path.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        print(f"generating the small demo store at {path}…")
        generate(path, scale="small")
    return path


def settle(jobs, seconds: float = SETTLE_S) -> None:
    """Let the page finish its jobs, then process events a little longer."""
    from PySide6.QtCore import QCoreApplication

    jobs.wait_idle(120)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    jobs.wait_idle(120)


def sample_register(store: Path) -> Path:
    """The demo's employer register as .xlsx, its first 300 rows, one with a bad 事業所記号 (the
    import page's screenshot shows the preview, the mapping and that error)."""
    import openpyxl

    from branchdesk.exchange.registers_export import export_register
    from branchdesk.store.connection import open_store

    full = WORK / "employers_full.xlsx"
    with open_store(store) as opened:
        export_register(opened, "employers", full)
    book = openpyxl.load_workbook(full)
    sheet = book.active
    assert sheet is not None
    sheet.delete_rows(302, sheet.max_row)
    sheet.cell(row=6, column=1, value="12A45")
    path = WORK / "事業所台帳_サンプル.xlsx"
    book.save(path)
    return path


def prepare(page, page_id: str, store: Path, jobs) -> None:
    """Put a page in the state its screenshot shows (most pages need nothing)."""
    if page_id == "import":
        page.add_files([sample_register(store)])
        settle(jobs)
        page.check()
    elif page_id == "planner":
        settle(jobs)
        page.top_spin.setValue(40)


def take(out: Path, lang: str) -> list[Path]:
    """Open the main window and save one PNG per registered page; return the files."""
    os.environ["BRANCHDESK_HOME"] = str(WORK / "home")
    from branchdesk.ui.app import make_app
    from branchdesk.ui.context import UiContext
    from branchdesk.ui.jobs import JobRunner
    from branchdesk.ui.main_window import MainWindow
    from branchdesk.ui.pages import registry

    store = demo_store()
    make_app(lang)
    jobs = JobRunner(store, lang)
    context = UiContext(store, lang, jobs)
    window = MainWindow(context, remember=False)
    window.resize(*SIZE)
    window.show()
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    try:
        for entry in registry.PAGES:
            page = window.show_page(entry.page_id)
            prepare(page, entry.page_id, store, jobs)
            settle(jobs)
            path = out / f"{entry.page_id}.png"
            window.grab().save(str(path))
            saved.append(path)
            print(path)
    finally:
        window.close()
        jobs.close()
        context.close()
    return saved


def main(argv: list[str]) -> int:
    """Parse the arguments, make sure of the fonts, take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=("ja", "en"), default="ja")
    args = parser.parse_args(argv)
    ensure_japanese_font()
    take(args.out, args.lang)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
