"""Shared helpers of the header and validation tests: sheets built from lists of rows."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

from branchdesk.exchange.columns import HeaderMatch, find_header
from branchdesk.exchange.model import Problem, RawSheet
from branchdesk.exchange.validate import SheetResult, validate_sheet

BRANCH = "31"  # 鳥取
EMPLOYER_HEADER = ["事業所記号", "事業所名称", "被保険者数", "基準日"]
AS_OF = "2025/3/31"


def make_sheet(rows: Iterable[list[Any]], *, name: str = "Sheet1", file: str = "book.xlsx",
               csv: bool = False, date1904: bool = False) -> RawSheet:
    """A sheet whose rows are ``rows``, numbered from 1 as Excel shows them."""
    data = [list(r) for r in rows]
    return RawSheet(Path(file), name, lambda: iter(enumerate(data, start=1)),
                    date1904=date1904, from_csv=csv, encoding="utf-8" if csv else None)


def header(rows: Iterable[list[Any]], kind: str | None = None, *,
           mapping: Mapping[str, str] | None = None, **options: Any) -> HeaderMatch | None:
    """``find_header`` on a sheet of ``rows``."""
    return find_header(make_sheet(rows, **options), None if kind is None else [kind],
                       mapping=mapping)


def validate(rows: Iterable[list[Any]], kind: str | None = None, *, branch: str = BRANCH,
             percent: str | None = None, mapping: Mapping[str, str] | None = None,
             formula_cells: Collection[tuple[int, int]] = (), **options: Any) -> SheetResult:
    """Find the header of a sheet of ``rows`` and validate it."""
    sheet = make_sheet(rows, **options)
    match = find_header(sheet, None if kind is None else [kind], mapping=mapping)
    assert match is not None, "no header found"
    return validate_sheet(sheet, match, percent=percent, branch=branch,
                          formula_cells=formula_cells)


def employers(*data: list[Any], head: list[str] | None = None, **options: Any) -> SheetResult:
    """An employer register: ``head`` (default ``EMPLOYER_HEADER``) and ``data`` rows."""
    return validate([head or EMPLOYER_HEADER, *data], "employers", **options)


def lines(problems: Iterable[Problem]) -> list[tuple[str, int | None, str | None, str | None]]:
    """(code, row, column, value) of each problem, in report order."""
    return [(p.code, p.row, p.column, p.value) for p in problems]


def codes(result: SheetResult) -> list[str]:
    """The message codes of a result's problems, in report order."""
    return [p.code for p in result.problems]
