"""A progress bar on stderr for long work, shown only on a terminal and after a few seconds."""

from __future__ import annotations

import sys
import time

from branchdesk.domain.jobs import TaskState
from branchdesk.domain.messages import CATALOGUE, message

SHOW_AFTER_S = 2.0


def terminal_state(lang: str = "ja") -> TaskState:
    """A task state that draws a bar on stderr when it is a terminal (else stays silent);
    a text that is a message code is shown in ``lang``."""
    if not sys.stderr.isatty():
        return TaskState()
    started = time.monotonic()
    drawn = [False]

    def draw(fraction: float, text: str) -> None:
        if time.monotonic() - started < SHOW_AFTER_S and not drawn[0]:
            return
        drawn[0] = True
        if text in CATALOGUE:
            text = message(text, lang)
        filled = int(fraction * 30)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%} {text[:30]:30}")
        if fraction >= 1.0:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return TaskState(on_progress=draw)
