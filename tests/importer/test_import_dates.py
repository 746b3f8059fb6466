"""Dates repeated across the chunks of a register (適用年月日) are stored as the dates of their
own rows, on the first import (written while read or staged) and on a re-import that changes
one of them."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from import_helpers import employer_rows, write_xlsx

from branchdesk.exchange import validate
from branchdesk.exchange.importer import ImportOptions, run_import, staging
from branchdesk.store.connection import create_store, open_store


def _register(path: Path, changed: int | None = None) -> tuple[Path, dict[str, str]]:
    """30 employers whose 適用年月日 repeat every 4 rows; ``changed``: that row a day later."""
    rows: list[list[Any]] = employer_rows(30)
    rows[0] = [*rows[0], "適用年月日"]
    expected: dict[str, str] = {}
    for index, row in enumerate(rows[1:]):
        day = date(2001, 4, 1) + timedelta(days=index % 4 + (index == changed))
        row.append(day)
        expected[str(row[0])] = day.isoformat()
    return write_xlsx(path, rows), expected


def _stored(path: Path) -> dict[str, str]:
    with open_store(path) as store:
        return {r[0]: r[1] for r in store.query("SELECT symbol, applied_on FROM employers")}


@pytest.mark.parametrize("fresh", [True, False])
def test_dates_repeated_across_chunks_are_stored_row_by_row(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: bool) -> None:
    monkeypatch.setattr(validate, "CHUNK_ROWS", 7)
    if not fresh:
        monkeypatch.setattr(staging, "is_fresh", lambda store: False)
    store = tmp_path / "store.db"
    create_store(store, "31").close()
    file, expected = _register(tmp_path / "台帳.xlsx")
    assert run_import(store, [file], ImportOptions()).outcome == "imported"
    assert _stored(store) == expected
    again, changed = _register(tmp_path / "台帳2.xlsx", changed=25)
    result = run_import(store, [again], ImportOptions())
    assert result.sheets[0].counts["changed"] == 1
    assert _stored(store) == changed
