"""A guard against a reference-count bug of PySide6 6.12.0 on Python 3.11.

``SignalInstance.emit`` returns ``True`` without taking a reference to it, so every ``emit``
called from Python takes one reference away from ``True``. Python 3.12+ makes ``True``
immortal and is unaffected; on 3.11, after some hundreds of emits (a dashboard refresh is
enough) the interpreter aborts with "bool_dealloc: deallocating True or False".

``guard_emit_refcount`` measures the bug once (ten emits of a private signal) and, only when
the count drops, gives ``True`` a reserve of references large enough for any session. It is
called before any window is made (``ui.app``; the app's tests' conftest).
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("branchdesk.ui")

_PROBES = 10
#: References given to ``True`` when the bug is present (2**40 emits before it could matter).
_RESERVE = 1 << 40
_guarded = False


class _Probe(QObject):
    ping = Signal()


def emit_leaks_true() -> bool:
    """True when ``emit`` takes references away from ``True`` (the PySide6 6.12.0 bug)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    return sys.getrefcount(True) < before


def guard_emit_refcount() -> bool:
    """Apply the guard once if the bug is present; return True when it was applied."""
    global _guarded
    if _guarded or sys.version_info >= (3, 12) or not emit_leaks_true():
        return _guarded
    refcount = ctypes.c_ssize_t.from_address(id(True))  # ob_refcnt: the first field
    refcount.value += _RESERVE
    _guarded = True
    log.info("PySide6 emit reference bug found: True given a reserve of references")
    return True
