"""The command line (cli.md): thin; parses arguments, calls the store/exchange functions,
prints results to stdout and messages to stderr, and maps typed errors to exit codes."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from branchdesk.cli.main import main as _main


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``branchdesk`` command; returns the exit code."""
    return _main(list(sys.argv[1:] if argv is None else argv))


__all__ = ["main"]
