"""The column-wide fast paths read the common cell exactly as the full parser does: a column of
郵便番号 mixing the clean 「680-0001」 with every other form gives each cell the reading it gets
alone, and keys that are all new in a chunk are remembered as the row-by-row path does."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from branchdesk.exchange.fields import KINDS
from branchdesk.exchange.validate_cells import CellOptions, parse_column
from branchdesk.exchange.validate_sheetwide import Duplicates

POSTAL = KINDS["employers"].field("postal_code")


@pytest.mark.parametrize(("cell", "value", "error", "note"), [
    ("680-0001", "6800001", None, None),
    ("060-0001", "0600001", None, None),
    ("６８０-０００１", "6800001", None, None),
    ("〒680-0001", "6800001", None, None),
    (" 680-0001", "6800001", None, None),
    ("6800001", "6800001", None, None),
    (6800001.0, "6800001", None, None),
    (600001.0, "0600001", None, "cell_postal_padded"),
    ("680-000", None, "postal_code_invalid", None),
    ("680-00012", None, "postal_code_invalid", None),
    ("68-00001", None, "postal_code_invalid", None),
    ("abc-defg", None, "postal_code_invalid", None),
    ("680ー0001", None, "postal_code_invalid", None),
    ("", None, None, None),
    (None, None, None, None),
])
def test_a_postal_code_reads_the_same_beside_clean_ones(cell: Any, value: str | None,
                                                        error: str | None,
                                                        note: str | None) -> None:
    cells = ["680-0001", cell, "681-0002", cell]
    column = parse_column(POSTAL, cells, CellOptions())
    assert column.values == ["6800001", value, "6810002", value]
    assert {i: e.code for i, e in column.errors.items()} == (
        {1: error, 3: error} if error else {})
    assert {i: n[0] for i, n in column.notes.items()} == ({1: note, 3: note} if note else {})


@pytest.mark.parametrize(("chunks", "first", "later"), [
    ([["a", "b"], ["c"]], {"a": (10, 0), "b": (11, 1), "c": (12, 2)}, []),
    ([["a", "b"], ["b", "c"]], {"a": (10, 0), "b": (11, 1), "c": (13, 3)}, [("b", 12, 2)]),
    ([["a", "a"], ["c"]], {"a": (10, 0), "c": (12, 2)}, [("a", 11, 1)]),
    ([[("k", 1), ("k", 2)], [("k", 1)]], {("k", 1): (10, 0), ("k", 2): (11, 1)},
     [(("k", 1), 12, 2)]),
])
def test_duplicate_keys_are_found_within_and_across_chunks(
        chunks: list[list[Any]], first: dict[Any, tuple[int, int]],
        later: list[tuple[Any, int, int]]) -> None:
    duplicates, start = Duplicates(), 0
    for keys in chunks:
        duplicates.see(keys, [10 + start + i for i in range(len(keys))], start)
        start += len(keys)
    assert {key: duplicates.first_of(key) for key in duplicates.seen_keys()} == first
    assert duplicates.later == later


def _reference(chunks: list[list[Any]]) -> tuple[dict[Any, int], list[tuple[Any, int, int]]]:
    """Duplicate detection the plain way: a dict of every key's first position."""
    first: dict[Any, int] = {}
    later = []
    for position, key in enumerate(k for chunk in chunks for k in chunk):
        if first.setdefault(key, position) != position:
            later.append((key, 100 + position, position))
    return first, later


KEYS = st.one_of(st.sampled_from(["3100", "3101", "3102", "3200", "4000"]),
                 st.tuples(st.sampled_from(["k", "m"]), st.one_of(st.none(), st.integers(0, 3))))


@settings(max_examples=300, deadline=None)
@given(chunks=st.lists(st.lists(KEYS, max_size=6), max_size=5),
       sorted_first=st.booleans())
def test_sorted_or_not_every_repeated_key_is_found(chunks: list[list[Any]],
                                                    sorted_first: bool) -> None:
    if sorted_first and chunks:  # the common register: keys in increasing order for a while
        chunks = [sorted({k for k in chunks[0] if isinstance(k, str)}), *chunks[1:]]
    duplicates, start = Duplicates(), 0
    for keys in chunks:
        duplicates.see(keys, [100 + start + i for i in range(len(keys))], start)
        start += len(keys)
    first, later = _reference(chunks)
    assert {k: duplicates.first_of(k)[1] for k in duplicates.seen_keys()} == first
    assert duplicates.later == later
    assert all(duplicates.seen(k) for k in first)
    assert not duplicates.seen("9999") and not duplicates.seen(("z", None))
