"""A sheet validated a few rows at a time reports exactly what it reports validated whole: the
rules that span rows (duplicate keys, the one 基準日, a lone 7-digit 事業所記号) are settled at
the end, whatever chunk each row fell in."""

from __future__ import annotations

from typing import Any

import pytest
from workbooks_columns import AS_OF, EMPLOYER_HEADER, lines, validate

from branchdesk.domain.errors import Cancelled
from branchdesk.exchange import validate as validation

DECLARATIONS = ["事業所記号", "宣言日", "宣言区分"]


def _employer(symbol: Any, name: str = "鳥取商事", insured: Any = 1, as_of: Any = AS_OF
              ) -> list[Any]:
    return [symbol, name, insured, as_of]


SHEETS: dict[str, tuple[list[list[Any]], str, dict[str, Any]]] = {
    "lone 7-digit symbol, last row": ([EMPLOYER_HEADER, *[_employer(f"3100000{i}") for i in
                                                           range(1, 7)],
                                       _employer(1234567.0)], "employers", {}),
    "lone 7-digit symbol, first row": ([EMPLOYER_HEADER, _employer(1234567.0),
                                        *[_employer(f"3100000{i}") for i in range(1, 7)]],
                                       "employers", {}),
    "lone 7-digit symbol in an invalid row": ([EMPLOYER_HEADER, _employer(1234567.0, insured=-1),
                                               *[_employer(f"3100000{i}") for i in range(1, 5)]],
                                              "employers", {}),
    "two 7-digit symbols far apart": ([EMPLOYER_HEADER, _employer(1234567.0),
                                       *[_employer(f"3100000{i}") for i in range(1, 6)],
                                       _employer(2345678.0)], "employers", {}),
    "a 7-digit text symbol later": ([EMPLOYER_HEADER, _employer(1234567.0),
                                     *[_employer(f"3100000{i}") for i in range(1, 6)],
                                     _employer("2345678")], "employers", {}),
    "padding makes a duplicate": ([EMPLOYER_HEADER, _employer("01234567"),
                                   *[_employer(f"3100000{i}") for i in range(1, 4)],
                                   _employer(1234567.0)], "employers", {}),
    "csv padding": ([EMPLOYER_HEADER, *[_employer(f"3100000{i}") for i in range(1, 5)],
                     _employer("1234567")], "employers", {"csv": True}),
    "duplicates across chunks": ([EMPLOYER_HEADER, _employer("31000001"), _employer("31000002"),
                                  _employer("31000003"), _employer("31000001"),
                                  _employer("31000002", name="別名"), _employer("31000004"),
                                  _employer("31000002"), _employer("31000001")],
                                 "employers", {}),
    "mixed register dates": ([EMPLOYER_HEADER, _employer("31000001"), _employer("31000002"),
                              _employer("31000003", as_of="2025/6/30")], "employers", {}),
    "a bad date and blank and total rows": ([EMPLOYER_HEADER, _employer("31000001"),
                                             ["", "", "", ""], _employer("31000002",
                                                                          as_of="昨日"),
                                             ["", "合計", 2, ""], _employer("31A"),
                                             _employer("31000003")], "employers", {}),
    "declarations with duplicates": ([DECLARATIONS, ["31000001", "2024/4/1", "標準"],
                                      ["31000002", "2024/4/1", "標準"],
                                      ["31000001", "2024/4/1", "標準"],
                                      ["31000001", "2024/4/1", "従来"],
                                      [1234567.0, "2024/5/1", "標準"]], "declarations", {}),
}


def _summary(result: validation.SheetResult) -> tuple[Any, ...]:
    return (result.records, result.rows, lines(result.problems), result.rows_read,
            result.blank_skipped, result.total_skipped, result.invalid_rows,
            result.duplicates_merged, result.listed_symbols_extra, result.base_date,
            result.references, [p.params for p in result.problems])


@pytest.mark.parametrize("name", SHEETS)
@pytest.mark.parametrize("chunk", [1, 2, 3])
def test_chunks_report_what_the_whole_sheet_reports(monkeypatch, name, chunk):
    rows, kind, options = SHEETS[name]
    whole = _summary(validate(rows, kind, **options))
    monkeypatch.setattr(validation, "CHUNK_ROWS", chunk)
    assert _summary(validate(rows, kind, **options)) == whole


def test_the_lone_padded_symbol_is_reported_once_in_its_row():
    rows, kind, _ = SHEETS["lone 7-digit symbol, first row"]
    result = validate(rows, kind)
    assert result.records[0]["symbol"] == "01234567"
    assert lines(result.problems) == [("cell_symbol_padded", 2, "事業所記号", "1234567")]


def test_a_tick_between_chunks_can_stop_the_validation(monkeypatch):
    rows, kind, _ = SHEETS["duplicates across chunks"]
    monkeypatch.setattr(validation, "CHUNK_ROWS", 2)
    seen: list[int] = []

    def tick(done: int) -> None:
        seen.append(done)
        if done >= 4:
            raise Cancelled()

    from workbooks_columns import find_header, make_sheet
    sheet = make_sheet(rows)
    match = find_header(sheet, [kind])
    with pytest.raises(Cancelled):
        validation.validate_sheet(sheet, match, branch="31", tick=tick)
    assert seen == [2, 4]
