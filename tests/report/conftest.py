"""Fixtures of the report tests (builders live in report_builders.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from report_builders import Builder

from branchdesk.store.connection import Store, create_store


@pytest.fixture
def build(tmp_path: Path) -> Iterator[Builder]:
    store = create_store(tmp_path / "branch.db", "31")
    try:
        yield Builder(store)
    finally:
        store.close()


@pytest.fixture
def make_store(tmp_path: Path) -> Iterator[Callable[..., Builder]]:
    """Make further stores (other branches) in the test's folder."""
    stores: list[Store] = []

    def make(branch: str, name: str | None = None) -> Builder:
        store = create_store(tmp_path / (name or f"branch{branch}.db"), branch)
        stores.append(store)
        return Builder(store)

    yield make
    for store in stores:
        store.close()
