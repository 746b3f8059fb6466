"""The app's log file: the same file as the command line's (``paths.log_dir()``), kept apart
from ``branchdesk.cli`` because ``ui`` must not import it. Keys and counts only, never values."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from branchdesk.paths import log_dir

LOG_NAME = "branchdesk.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_path() -> Path:
    """The log file's path."""
    return log_dir() / LOG_NAME


def setup_logging() -> None:
    """Send branchdesk's records to the rotating log file (once; skipped if not writable).

    When the command line already set the handler up (``branchdesk`` with no command), this
    keeps it: both write the same file.
    """
    root = logging.getLogger("branchdesk")
    if root.handlers:
        return
    root.setLevel(logging.INFO)
    root.propagate = False
    try:
        log_dir().mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            log_path(), maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)


def log_unexpected(error: BaseException) -> Path:
    """Log an unexpected error with its traceback; return the log file's path."""
    logging.getLogger("branchdesk.ui").error("unexpected error", exc_info=error)
    return log_path()
