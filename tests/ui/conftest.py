"""Fixtures of the app's tests (pytest-qt, offscreen).

- ``ui_home`` (autouse): BRANCHDESK_HOME in the test's tmp folder, so settings.ini, logs and
  the default store never touch a real profile.
- ``japanese`` (autouse, session): the QApplication speaks Japanese (qtbase_ja and every
  ``resources/translations/*_ja.qm``), as the app does by default; ``english`` switches to
  English for one test.
- ``small_demo_master`` (session): the small demo store, generated once. Do not write to it.
- ``small_demo`` (module): a private copy of it for one test module (writes allowed).
- ``make_context``: a factory of contexts (store path, lang) with a ``JobRunner``, closed
  afterwards; ``context``: one on ``small_demo``.
- ``main_window``: the main window on ``context`` (not yet shown).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from branchdesk.ui.context import UiContext
from branchdesk.ui.i18n import install_translators
from branchdesk.ui.jobs import JobRunner
from branchdesk.ui.main_window import MainWindow
from branchdesk.ui.qtfix import guard_emit_refcount

guard_emit_refcount()  # PySide6 6.12.0 on Python 3.11: see branchdesk.ui.qtfix


@pytest.fixture(autouse=True)
def ui_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data folder of the test (settings, logs, default store)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("BRANCHDESK_HOME", str(home))
    return home


@pytest.fixture(scope="session", autouse=True)
def japanese(qapp: QApplication) -> Iterator[QApplication]:
    """Japanese translators on the test QApplication for the whole session."""
    install_translators(qapp, "ja")
    yield qapp


@pytest.fixture
def english(qapp: QApplication) -> Iterator[QApplication]:
    """English (no translators) for one test; Japanese again afterwards."""
    install_translators(qapp, "en")
    yield qapp
    install_translators(qapp, "ja")


@pytest.fixture(scope="session")
def small_demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo store, generated once per session (a few seconds)."""
    from branchdesk.demo import generate

    path = tmp_path_factory.mktemp("demo_master") / "demo.db"
    generate(path, scale="small")
    return path


@pytest.fixture(scope="module")
def small_demo(small_demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the small demo store for one test module."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copyfile(small_demo_master, path)
    return path


@pytest.fixture
def make_context() -> Iterator[Callable[..., UiContext]]:
    """A factory ``make_context(store_path, lang="ja")`` of contexts with their own job
    runner; every context made is closed after the test."""
    made: list[UiContext] = []

    def make(store_path: Path, lang: str = "ja") -> UiContext:
        ctx = UiContext(Path(store_path), lang, JobRunner(Path(store_path), lang))
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        if ctx.jobs is not None:
            ctx.jobs.close()
        ctx.close()


@pytest.fixture
def context(small_demo: Path, make_context: Callable[..., UiContext]) -> UiContext:
    """A ``UiContext`` on the module's demo store."""
    return make_context(small_demo)


@pytest.fixture
def main_window(qtbot, context: UiContext) -> Iterator[MainWindow]:
    """The main window on ``context``; shown by the test when it needs to be."""
    window = MainWindow(context)
    qtbot.addWidget(window)
    yield window
    if context.jobs is not None:
        context.jobs.wait_idle(10)
    window.close()
    window.deleteLater()
