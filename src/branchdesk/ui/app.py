"""Starting the desktop app: the QApplication, fonts, translations, start-up checks, window.

``run`` is what ``branchdesk`` with no command calls. With ``smoke_test`` it opens the main window
(the offscreen platform works), prints the time from launch to an interactive dashboard (its
cards and charts drawn) as soon as it is (its first line, flushed: ``bench/bench_ui.py`` times
the process by it), then shows every other registered page once, prints how long each took
(until its reads are done), and exits 0; anything unexpected exits 1.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from branchdesk import APP_NAME, __version__, paths
from branchdesk.domain.errors import BranchdeskError
from branchdesk.domain.messages import message
from branchdesk.logsetup import log_unexpected, setup_logging
from branchdesk.ui.context import UiContext
from branchdesk.ui.errors import install_excepthook
from branchdesk.ui.i18n import install_translators
from branchdesk.ui.jobs import JobRunner
from branchdesk.ui.main_window import (
    MainWindow,
    app_settings,
    last_page_of,
    preferred_language,
    preferred_store,
)
from branchdesk.ui.pages import registry
from branchdesk.ui.qtfix import guard_emit_refcount
from branchdesk.ui.startup import StartupCheck, check_at_start, resolve_at_start

log = logging.getLogger("branchdesk.ui")

#: Japanese UI fonts, best first; those installed are set as the app font's families.
JAPANESE_FONTS = ("Yu Gothic UI", "Meiryo UI", "Noto Sans CJK JP", "Noto Sans JP")
SMOKE_WINDOW = (1400, 900)
SMOKE_IDLE_TIMEOUT_S = 120.0


def run(store_path: Path | None = None, *, lang: str | None = None,
        smoke_test: bool = False) -> int:
    """Open the app on ``store_path`` in ``lang`` ("ja" or "en"); return the exit code. Without
    them (no ``--db`` / ``--lang``), the preferences decide (``start_preferences``)."""
    started = time.perf_counter()
    store_path, lang = start_preferences(store_path, lang)
    try:
        return _run(store_path, lang, smoke_test, started)
    except BranchdeskError as e:
        print(e.render(lang), file=sys.stderr)
        return e.exit_code
    except Exception as e:  # the last resort: log the traceback, say where it is
        path = log_unexpected(e)
        print(message("unexpected", lang, log=str(path)), file=sys.stderr)
        return 1


def start_preferences(store_path: Path | None, lang: str | None) -> tuple[Path, str]:
    """The store and language to start with: those given, else the preferences in
    ``settings.ini`` (``store/path``, ``ui/language``), else the default store and Japanese."""
    settings = app_settings()
    path = store_path or preferred_store(settings) or paths.default_store()
    return Path(path), lang or preferred_language(settings) or "ja"


def make_app(lang: str) -> QApplication:
    """The QApplication (made once): high-DPI policy, names, Japanese fonts, translators."""
    guard_emit_refcount()
    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    apply_japanese_font(app)
    install_translators(app, lang)
    icon = paths.resources_dir() / "icons" / "branchdesk.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def apply_japanese_font(app: QApplication) -> list[str]:
    """Put the installed Japanese UI fonts first in the app font's families; return them."""
    installed = set(QFontDatabase.families())
    chosen = [name for name in JAPANESE_FONTS if name in installed]
    if chosen:
        font = app.font()
        font.setFamilies([*chosen, font.family()])
        app.setFont(font)
    else:
        log.info("no Japanese UI font found (install fonts-noto-cjk on Linux)")
    return chosen


def _run(path: Path, lang: str, smoke_test: bool, started: float) -> int:
    setup_logging()
    app = make_app(lang)
    check = check_at_start(path) if smoke_test else resolve_at_start(path, lang)
    if check is None:
        return 3  # the store cannot be used and the user chose 終了
    if not check.usable:
        assert check.problem is not None
        raise check.problem
    jobs = JobRunner(path, lang)
    context = UiContext(path, lang, jobs)
    try:
        # The first page is shown before the status bar reads its counts: its reads go first.
        first = registry.PAGES[0].page_id if smoke_test else last_page_of(app_settings())
        window = MainWindow(context, locked_by=check.locked_by, remember=not smoke_test,
                            first_page=first)
        if smoke_test:
            return _smoke(window, started)
        return _interactive(app, window, check)
    finally:
        jobs.close()
        context.close()


def _interactive(app: QApplication, window: MainWindow, check: StartupCheck) -> int:
    install_excepthook(window.context.lang, lambda: window)
    window.show()  # the last page is current already (else the sidebar's focus would make
    # the first page current on show, and it would load for nothing)
    log.info("app opened (read-only: %s)", check.read_only)
    return int(app.exec())


def _smoke(window: MainWindow, started: float) -> int:
    """Show every page once; print per-page and launch-to-dashboard timings."""
    failures: list[BaseException] = []
    window.jobs.error_handler = failures.append
    previous_hook = sys.excepthook
    sys.excepthook = lambda kind, error, tb: failures.append(error)
    try:
        window.resize(*SMOKE_WINDOW)
        lines = [_smoke_first_page(window, started)]
        lines += [_smoke_page(window, e.page_id) for e in registry.PAGES[1:]]
        for text, seconds in lines:
            print(f"{text}: {seconds * 1000:.0f} ms")
        window.close()
    finally:
        sys.excepthook = previous_hook
    for error in failures:
        print(f"smoke test: {type(error).__name__}: {error}", file=sys.stderr)
    return 1 if failures else 0


def _smoke_first_page(window: MainWindow, started: float) -> tuple[str, float]:
    """Launch → the first page shown (its ``loaded``: the dashboard's cards and charts drawn;
    the status bar's counts, read after it, may still come); printed and flushed at once."""
    page_id = registry.PAGES[0].page_id
    page = window.show_page(page_id)
    window.show()
    loaded = getattr(page, "loaded", None)
    if loaded is not None and window.jobs.busy:
        loop = QEventLoop()
        timer = QTimer(loop)
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        loaded.connect(loop.quit)
        timer.start(int(SMOKE_IDLE_TIMEOUT_S * 1000))
        loop.exec()
    interactive = time.perf_counter() - started
    print(f"launch -> {page_id} interactive: {interactive * 1000:.0f} ms", flush=True)
    if not window.jobs.wait_idle(SMOKE_IDLE_TIMEOUT_S):
        raise TimeoutError(f"page {page_id} still busy after {SMOKE_IDLE_TIMEOUT_S:.0f} s")
    return f"page {page_id}", interactive


def _smoke_page(window: MainWindow, page_id: str) -> tuple[str, float]:
    start = time.perf_counter()
    page = window.show_page(page_id)
    window.show()
    if not window.jobs.wait_idle(SMOKE_IDLE_TIMEOUT_S):
        raise TimeoutError(f"page {page_id} still busy after {SMOKE_IDLE_TIMEOUT_S:.0f} s")
    QCoreApplication.processEvents()
    kind = "placeholder" if page.__class__.__name__ == "PlaceholderPage" else "page"
    return f"{kind} {page_id}", time.perf_counter() - start
