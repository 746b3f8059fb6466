"""The Qt-free progress/cancel protocol long work reports through (Orange's ``TaskState``).

Long work is a plain function ``run(..., state: TaskState)``: it calls ``state.set_progress`` now
and then and ``state.check()`` at safe points; ``check`` raises ``Cancelled`` once the user asked to
stop, and the work's own transaction rolls back. The app polls ``progress`` from a timer on the
GUI thread; the command line prints a bar. Thread-safe for one worker and one observer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from branchdesk.domain.errors import Cancelled


class TaskState:
    """Progress (0–1), a short status text, and a cancel flag shared with the observer."""

    def __init__(self, on_progress: Callable[[float, str], None] | None = None) -> None:
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._progress = 0.0
        self._text = ""
        self._on_progress = on_progress
        self.started = time.monotonic()

    def set_progress(self, fraction: float, text: str | None = None) -> None:
        """Report progress; ``text`` (a message code or plain words) is optional."""
        with self._lock:
            self._progress = min(1.0, max(0.0, fraction))
            if text is not None:
                self._text = text
        if self._on_progress is not None:
            self._on_progress(self._progress, self._text)

    @property
    def progress(self) -> tuple[float, str]:
        """(fraction done, status text)."""
        with self._lock:
            return self._progress, self._text

    def cancel(self) -> None:
        """Ask the work to stop at its next safe point."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """True once ``cancel`` was called."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if cancellation was asked for."""
        if self._cancel.is_set():
            raise Cancelled()

    def elapsed(self) -> float:
        """Seconds since the state was made."""
        return time.monotonic() - self.started


def null_state() -> TaskState:
    """A state nobody observes (for callers that need no progress)."""
    return TaskState()
