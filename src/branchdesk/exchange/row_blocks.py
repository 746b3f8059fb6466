"""Rows handed over a block at a time: a streamed sheet's slice is one list of rows, numbered from
its first, so that validation takes 20,000 of them with a few list operations instead of a
Python step per row (``Reading.rest``); a header scan still reads row by row
(``Reading.next_row``, ``Reading.rows``), and the rest of the same reading goes on in blocks.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from branchdesk.exchange.model import Row

#: (Excel row number of the first row, the rows): consecutive rows of one sheet.
Block = tuple[int, list[list[Any]]]


class Reading:
    """One reading of a sheet as blocks, with a cursor for reading it row by row."""

    def __init__(self, blocks: Iterator[Block]) -> None:
        self.blocks = blocks
        self.first = 0
        self.current: list[list[Any]] = []
        self.index = 0

    def next_row(self) -> Row | None:
        """The next row, or None at the end."""
        while self.index >= len(self.current):
            block = next(self.blocks, None)
            if block is None:
                return None
            (self.first, self.current), self.index = block, 0
        self.index += 1
        return self.first + self.index - 1, self.current[self.index - 1]

    def rest(self) -> Iterator[Block]:
        """The rows not read yet, as blocks."""
        if self.index < len(self.current):
            first, rows = self.first + self.index, self.current[self.index:]
            self.current, self.index = [], 0
            yield first, rows
        yield from self.blocks

    def rows(self) -> Iterator[Row]:
        """The rows not read yet, one by one."""
        for first, rows in self.rest():
            yield from zip(itertools.count(first), rows)

    def close(self) -> None:
        """Stop the reading (its generator's clean-up runs)."""
        self.blocks.close()  # type: ignore[attr-defined]

