"""Portable mode (cli.md): a file named ``portable`` beside the program keeps the store, settings,
logs and backups beside the program; without it they live in the user's data folder.

The program is a fake frozen one: ``sys.frozen`` set and ``sys.executable`` pointing at an
``branchdesk.exe`` in a temporary folder (``paths.program_dir`` reads exactly those two, as in
a PyInstaller bundle). Stores, backups, logs and the settings file are real files.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from branchdesk import logsetup, paths
from branchdesk.cli import main as cli_main
from branchdesk.store.backup import backups_dir
from branchdesk.store.connection import open_store


@pytest.fixture
def program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen program's folder (on a "USB stick"); the user's profile is elsewhere."""
    folder = tmp_path / "usb" / "branchdesk"
    folder.mkdir(parents=True)
    (folder / "branchdesk.exe").write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "branchdesk.exe"))
    monkeypatch.delenv("BRANCHDESK_HOME", raising=False)
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "profile"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "profile"))
    return folder


@pytest.fixture
def fresh_log() -> Iterator[None]:
    """Let ``setup_logging`` open the log where the paths say now; restore the handlers after."""
    root = logging.getLogger("branchdesk")
    saved = root.handlers[:]
    root.handlers.clear()
    yield
    for handler in root.handlers:
        handler.close()
    root.handlers[:] = saved


def _settings_file() -> Path:
    from branchdesk.ui.main_window import app_settings

    return Path(app_settings().fileName())


#: Every place portable mode moves, by name, and where it lands relative to the data folder.
PLACES: list[tuple[str, Callable[[], Path], str]] = [
    ("store", paths.default_store, "branchdesk.db"),
    ("demo store", paths.demo_store, "demo.db"),
    ("logs", paths.log_dir, "logs"),
    ("log file", logsetup.log_path, "logs/branchdesk.log"),
    ("backups", lambda: backups_dir(paths.default_store()), "backups"),
    ("settings", _settings_file, "settings.ini"),
]


@pytest.mark.parametrize(("name", "where", "relative"), PLACES, ids=[p[0] for p in PLACES])
def test_a_portable_marker_puts_everything_beside_the_program(
        program: Path, name: str, where: Callable[[], Path], relative: str) -> None:
    (program / "portable").write_text("")
    assert paths.is_portable()
    assert where() == program / "data" / relative


@pytest.mark.parametrize(("name", "where", "relative"), PLACES, ids=[p[0] for p in PLACES])
def test_without_the_marker_everything_is_in_the_users_data_folder(
        program: Path, tmp_path: Path, name: str, where: Callable[[], Path], relative: str) -> None:
    assert not paths.is_portable()
    assert where() == tmp_path / "profile" / "branchdesk" / relative


@pytest.mark.parametrize(("marker", "portable"), [
    ("file", True),
    ("folder", False),   # only a file named portable counts
    ("none", False),
])
def test_only_a_file_named_portable_beside_the_exe_makes_it_portable(
        program: Path, marker: str, portable: bool) -> None:
    if marker == "file":
        (program / "portable").write_text("")
    elif marker == "folder":
        (program / "portable").mkdir()
    assert paths.is_portable() is portable
    assert (paths.data_dir() == program / "data") is portable


def test_branchdesk_home_wins_over_the_marker(program: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (program / "portable").write_text("")
    monkeypatch.setenv("BRANCHDESK_HOME", str(tmp_path / "elsewhere"))
    assert paths.default_store() == tmp_path / "elsewhere" / "branchdesk.db"


def test_resources_come_from_the_bundle_when_frozen(program: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = program / "_internal"
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert paths.resources_dir() == bundle / "resources"


@pytest.mark.usefixtures("fresh_log")
def test_a_portable_program_keeps_store_backup_and_log_beside_it(
        program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (program / "portable").write_text("")
    assert cli_main(["init", "--branch", "31"]) == 0
    assert cli_main(["backup"]) == 0
    backup = Path(capsys.readouterr().out.strip())
    data = program / "data"
    assert backup.parent == data / "backups" and backup.is_file()
    with open_store(data / "branchdesk.db") as store:
        assert store.portable  # so referral cases are refused there (cli.md)
    assert (data / "logs" / "branchdesk.log").is_file()
    assert not (tmp_path / "profile").exists()  # nothing written to the user's profile
