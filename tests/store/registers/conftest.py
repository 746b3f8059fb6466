"""Fixtures for the register write tests: a fresh store per test, and register helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from branchdesk.store.connection import Store, create_store
from branchdesk.store.registers import Changes, EmployerRecord, apply_register

RegisterFn = Callable[..., Changes]


def employer_rows(symbols: list[str], insured: int = 10) -> list[EmployerRecord]:
    """Synthetic employer rows (name, kana, headcounts) for ``symbols``."""
    return [{"symbol": s, "name": f"株式会社テスト{s}", "name_kana": "テスト", "insured": insured,
             "dependents": insured // 2} for s in symbols]


def symbols(count: int, start: int = 1) -> list[str]:
    """``count`` 8-digit symbols from ``start``."""
    return [f"{31_000_000 + i:08d}" for i in range(start, start + count)]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A new, empty branch store (鳥取) open for writing."""
    opened = create_store(tmp_path / "branch.db", "31")
    yield opened
    opened.close()


@pytest.fixture
def portable_store(tmp_path: Path) -> Iterator[Store]:
    """A new portable store (never holds referral cases)."""
    opened = create_store(tmp_path / "portable.db", "31", portable=True)
    yield opened
    opened.close()


@pytest.fixture
def register(store: Store) -> RegisterFn:
    """Apply a register of synthetic employers in its own transaction."""

    def apply(as_of: date, listed: list[str] | list[EmployerRecord], *,
              confirm_lost: bool = False, extra: frozenset[str] = frozenset()) -> Changes:
        rows = [employer_rows([r])[0] if isinstance(r, str) else r for r in listed]
        with store.transaction():
            return apply_register(store, as_of, rows, confirm_lost=confirm_lost,
                                  listed_symbols_extra=extra)

    return apply


@pytest.fixture
def rows_for() -> Callable[..., list[EmployerRecord]]:
    """``employer_rows`` as a fixture (test modules cannot import the conftest)."""
    return employer_rows


@pytest.fixture
def syms() -> Callable[..., list[str]]:
    """``symbols`` as a fixture."""
    return symbols
