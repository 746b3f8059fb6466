"""Where things live: the user's data folder (or beside the program in portable mode), the
default store, logs, and resources (from the source tree or PyInstaller's ``sys._MEIPASS``).

Portable mode (cli.md): a file named ``portable`` beside the program (``branchdesk.exe`` in the
bundle) puts the data folder at ``data/`` beside it, so the store, ``settings.ini``, ``logs/``
and ``backups/`` (beside the store) travel with the program on a USB stick; everything that
places a file goes through ``data_dir``. ``data/`` keeps them apart from the program's own
files, so a newer bundle can be copied over the folder without touching them.

``BRANCHDESK_HOME`` overrides the data folder (tests use it so they never touch a profile).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from branchdesk import APP_NAME

#: The file whose presence beside the program turns portable mode on.
PORTABLE_MARKER = "portable"
#: The data folder's name beside the program in portable mode.
PORTABLE_DATA = "data"


def program_dir() -> Path:
    """The folder of the running program: the exe's when frozen (PyInstaller sets
    ``sys.frozen`` and ``sys.executable``), else the package's."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent


def is_portable() -> bool:
    """True when a file named ``portable`` stands beside the program."""
    return (program_dir() / PORTABLE_MARKER).is_file()


def data_dir() -> Path:
    """The folder for the store, backups and logs."""
    override = os.environ.get("BRANCHDESK_HOME")
    if override:
        return Path(override)
    if is_portable():
        return program_dir() / PORTABLE_DATA
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / APP_NAME


def default_store() -> Path:
    """The store used when ``--db`` is not given."""
    return data_dir() / "branchdesk.db"


def demo_store() -> Path:
    """The demo store of ``branchdesk --demo`` (made on first use, reused after)."""
    return data_dir() / "demo.db"


def log_dir() -> Path:
    """Where the log file lives."""
    return data_dir() / "logs"


def resources_dir() -> Path:
    """The ``resources`` folder: in the bundle when frozen, else in the source tree."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
