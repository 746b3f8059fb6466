"""The entry of the windowed program (``branchdesk.exe`` in the bundle).

It takes the same arguments as the command line: none (or ``--demo``, ``--db``, ``--lang``,
``--smoke-test``) opens the app. A windowed Windows program has no console, so ``sys.stdout``
is None there; when it is started from a console (``branchdesk.exe --version`` in cmd), it
attaches to that console first so that what it prints is seen, as Picard's start-up hook does.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from branchdesk.cli import main as cli_main

ATTACH_PARENT_PROCESS = -1


def attach_parent_console() -> bool:
    """On Windows, without streams: write to the console of the parent process, if any.

    Returns True when the streams now go to that console.
    """
    if sys.platform != "win32" or sys.stdout is not None:
        return False
    import ctypes

    if not ctypes.windll.kernel32.AttachConsole(ATTACH_PARENT_PROCESS):
        return False  # started from Explorer: nothing to attach to, and nothing to print
    sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    sys.stderr = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app (or a command) with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    attach_parent_console()
    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
