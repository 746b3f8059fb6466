"""The log file shared by the command line and the app: keys and counts only, never record
values (cli.md). Top-level, like ``paths``, so both ``cli`` and ``ui`` use this one module."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from branchdesk.paths import log_dir

LOG_NAME = "branchdesk.log"


def log_path() -> Path:
    """The log file's path."""
    return log_dir() / LOG_NAME


def setup_logging() -> None:
    """Send branchdesk's log records to a rotating file (silently skipped if not writable)."""
    root = logging.getLogger("branchdesk")
    if any(isinstance(h, (RotatingFileHandler, logging.NullHandler)) for h in root.handlers):
        return  # already set up (other handlers, e.g. a test's log capture, do not count)
    root.setLevel(logging.INFO)
    root.propagate = False
    try:
        log_dir().mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            log_path(), maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)


def log_unexpected(error: BaseException) -> Path:
    """Log an unexpected error with its traceback; return the log's path."""
    logging.getLogger("branchdesk").error("unexpected error", exc_info=error)
    return log_path()
