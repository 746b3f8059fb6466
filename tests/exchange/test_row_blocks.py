"""A streamed sheet is validated from blocks of rows (one per slice): the blocks hold exactly the
rows a row-by-row reading gives, a header scan's kept reading goes on in blocks from where it
stopped, and the chunks built from blocks are the chunks built from rows."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from workbooks_readers import write_xlsxwriter

from branchdesk.exchange import readers, validate, xlsx_stream
from branchdesk.exchange.readers import open_sheets


@pytest.fixture
def tiny_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_stream, "FIRST_SLICE_BYTES", 150)
    monkeypatch.setattr(xlsx_stream, "SLICE_BYTES", 300)
    monkeypatch.setattr(xlsx_stream, "SHARED_STRINGS_LIMIT", 1 << 30)


def register(path: Path, *, first_column: int = 1) -> Path:
    """Title rows, a header at row 4, 60 rows with a gap of blank rows after row 30."""
    cells: dict[tuple[int, int], Any] = {(1, first_column): "基準日：令和7年3月31日",
                                         (4, first_column): "事業所記号"}
    for i in range(60):
        row = 5 + i + (7 if i >= 30 else 0)
        cells[(row, first_column)] = f"3100{i:04d}"
        cells[(row, first_column + 1)] = f"株式会社テスト{i}"
    return write_xlsxwriter(path, {"台帳": cells})


def flattened(blocks: Any) -> list[tuple[int, list[Any]]]:
    return [(first + i, cells) for first, rows in blocks for i, cells in enumerate(rows)]


@pytest.mark.usefixtures("tiny_slices")
@pytest.mark.parametrize("first_column", [1, 3])
@pytest.mark.parametrize("scanned", [0, 1, 10, readers.REPLAY_ROWS + 5])
def test_blocks_hold_the_rows_a_row_reading_gives(tmp_path: Path, first_column: int,
                                                  scanned: int) -> None:
    path = register(tmp_path / "台帳.xlsx", first_column=first_column)
    [sheet] = open_sheets(path)
    expected = list(sheet.rows())
    assert len(expected) == 71 and expected[-1][1][first_column - 1] == "31000059"
    [sheet] = open_sheets(path)
    head = list(itertools.islice(sheet.rows(), scanned))  # a header scan
    assert head == expected[:scanned]
    blocks = list(sheet.rows.blocks())  # type: ignore[attr-defined]
    assert len(blocks) >= 3
    assert flattened(blocks) == expected


@pytest.mark.parametrize("header_row", [0, 3, 4, 70])
@pytest.mark.parametrize("size", [1, 7, 20_000])
def test_chunks_from_blocks_are_the_chunks_from_rows(monkeypatch: pytest.MonkeyPatch,
                                                     header_row: int, size: int) -> None:
    monkeypatch.setattr(validate, "FIRST_CHUNK_ROWS", 2)
    blocks = [(1, [[f"r{n}"] for n in range(1, 6)]), (6, []), (6, [["r6"]]),
              (7, [[f"r{n}"] for n in range(7, 50)])]
    rows = iter(flattened(blocks))
    assert list(validate._block_chunks(iter(blocks), header_row, size)) == list(
        validate._chunks(rows, header_row, size))
