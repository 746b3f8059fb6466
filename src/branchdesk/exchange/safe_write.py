"""Writing output files safely: never a formula from text, never a half-written file.

Every writer writes to a temporary file beside the target and renames it into place, so a failed
or cancelled export leaves nothing behind. Text cells are always written as text.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from branchdesk.domain.errors import InputRejected

#: Text beginning with these could run as a formula in a spreadsheet (exchange.md §4).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_guard(text: str) -> str:
    """One leading apostrophe before text a spreadsheet could take as a formula (CSV only).

    Text that already begins with an apostrophe gets one more, so the importer's removal of one
    apostrophe gives back exactly the original text.
    """
    if text.startswith(FORMULA_STARTS) or text.startswith("'"):
        return "'" + text
    return text


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place only on success."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputRejected("output_folder_missing", path=str(path))
    try:
        handle, temp = tempfile.mkstemp(prefix=".~" + path.stem, suffix=path.suffix, dir=folder)
    except OSError as e:
        raise InputRejected("output_not_writable", path=str(path), detail=str(e)) from e
    os.close(handle)
    temp_path = Path(temp)
    try:
        yield temp_path
        os.replace(temp_path, path)
    except PermissionError as e:
        raise InputRejected("output_not_writable", path=str(path), detail=str(e)) from e
    finally:
        if temp_path.exists():
            temp_path.unlink()
