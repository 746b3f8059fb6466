"""Fixtures of the import tests (workbook helpers live in import_helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from branchdesk.store.connection import Store, create_store, open_store


@pytest.fixture
def store_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "branch.db"
    create_store(path, "31").close()
    yield path


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    with open_store(store_path) as s:
        yield s
