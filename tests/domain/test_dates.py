"""Dates, months, Excel serials and 和暦 (exchange.md §1, domain.md §1)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from branchdesk.domain.dates import (
    excel_serial_to_date,
    format_wareki,
    format_wareki_month,
    parse_date,
    parse_month,
)
from branchdesk.domain.errors import ValueRejected

D = date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024/4/1", D(2024, 4, 1)),
        ("2024/04/01", D(2024, 4, 1)),
        ("2024-04-01", D(2024, 4, 1)),
        ("2024.4.1", D(2024, 4, 1)),
        ("2024年4月1日", D(2024, 4, 1)),
        ("20240401", D(2024, 4, 1)),
        ("R6.4.1", D(2024, 4, 1)),
        ("R06.04.01", D(2024, 4, 1)),
        ("R06/04/01", D(2024, 4, 1)),
        ("R6-4-1", D(2024, 4, 1)),
        ("r6.4.1", D(2024, 4, 1)),
        ("令和6年4月1日", D(2024, 4, 1)),
        ("令和元年5月1日", D(2019, 5, 1)),
        ("令和1年5月1日", D(2019, 5, 1)),
        ("R1.5.1", D(2019, 5, 1)),
        ("H31.4.30", D(2019, 4, 30)),
        ("平成31年4月30日", D(2019, 4, 30)),
        ("平成元年1月8日", D(1989, 1, 8)),
        ("S64.1.7", D(1989, 1, 7)),
        ("S60.4.1", D(1985, 4, 1)),
        ("昭和60年4月1日", D(1985, 4, 1)),
        ("昭和元年12月25日", D(1926, 12, 25)),
        ("２０２４／４／１", D(2024, 4, 1)),
        ("令和６年４月１日", D(2024, 4, 1)),
        ("Ｒ６．４．１", D(2024, 4, 1)),
        ("㋿6年4月1日", D(2024, 4, 1)),
        ("㍻31年4月30日", D(2019, 4, 30)),
        ("  2024/4/1  ", D(2024, 4, 1)),
        ("\u30002024/4/1\u3000", D(2024, 4, 1)),
        ("令和 6年 4月 1日", D(2024, 4, 1)),
        ("R 6 . 4 . 1", D(2024, 4, 1)),
        ("2024/04/01 0:00:00", D(2024, 4, 1)),
        ("2024-04-01T00:00:00", D(2024, 4, 1)),
        ("2024/4/1 13:45", D(2024, 4, 1)),
        ("令和6年4月1日(月)", D(2024, 4, 1)),
        ("令和6年4月1日（月）", D(2024, 4, 1)),
        ("2024/2/29", D(2024, 2, 29)),
    ],
)
def test_parse_date_text_forms(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (D(2024, 4, 1), {}, D(2024, 4, 1)),
        (datetime(2024, 4, 1, 13, 5), {}, D(2024, 4, 1)),
        (20240401, {}, D(2024, 4, 1)),
        (20240401.0, {}, D(2024, 4, 1)),
        (19000101, {}, D(1900, 1, 1)),
        (21001231, {}, D(2100, 12, 31)),
        (45383, {}, D(2024, 4, 1)),
        (45383.75, {}, D(2024, 4, 1)),
        (61, {}, D(1900, 3, 1)),
        (1, {}, D(1900, 1, 1)),
        (73050, {}, D(2099, 12, 31)),
        (43921, {"date1904": True}, D(2024, 4, 1)),
        (20240401, {"from_csv": True}, D(2024, 4, 1)),
        ("20240401", {"from_csv": True}, D(2024, 4, 1)),
    ],
)
def test_parse_date_cells(value: object, kwargs: dict[str, bool], expected: date) -> None:
    assert parse_date(value, **kwargs) == expected


@pytest.mark.parametrize("value", [None, "", "   ", "\u3000", float("nan")])
def test_parse_date_blank_is_none(value: object) -> None:
    assert parse_date(value) is None
    assert parse_month(value) is None


@pytest.mark.parametrize(
    ("value", "kwargs", "code", "params"),
    [
        ("H31.5.1", {}, "date_outside_era", {"value": "H31.5.1", "era": "平成"}),
        ("平成31年5月1日", {}, "date_outside_era", {"era": "平成", "last": "2019-04-30"}),
        ("R1.4.30", {}, "date_outside_era", {"value": "R1.4.30", "era": "令和"}),
        ("令和元年4月30日", {}, "date_outside_era", {"era": "令和", "first": "2019-05-01"}),
        ("昭和64年1月8日", {}, "date_outside_era", {"era": "昭和", "last": "1989-01-07"}),
        ("S1.12.24", {}, "date_outside_era", {"era": "昭和", "first": "1926-12-25"}),
        ("H1.1.7", {}, "date_outside_era", {"era": "平成"}),
        ("R0.12.1", {}, "date_outside_era", {"era": "令和"}),
        ("2023-02-29", {}, "date_invalid", {"value": "2023-02-29"}),
        ("2024/4/31", {}, "date_invalid", {"value": "2024/4/31"}),
        ("20241301", {}, "date_invalid", {"value": "20241301"}),
        ("R6.2.30", {}, "date_invalid", {"value": "R6.2.30"}),
        (20230229, {}, "date_invalid", {"value": "20230229"}),
        (60, {}, "date_invalid", {"value": "60"}),
        ("abc", {}, "date_unreadable", {"value": "abc"}),
        ("24/4/1", {}, "date_unreadable", {"value": "24/4/1"}),
        ("2024/4", {}, "date_unreadable", {"value": "2024/4"}),
        ("令和六年四月一日", {}, "date_unreadable", {}),
        ("T10.1.1", {}, "date_unreadable", {}),
        ("45383", {}, "date_unreadable", {"value": "45383"}),
        (45383, {"from_csv": True}, "date_unreadable", {"value": "45383"}),
        (0, {}, "date_unreadable", {"value": "0"}),
        (73051, {}, "date_unreadable", {}),
        (-5, {}, "date_unreadable", {}),
        (21001232, {}, "date_unreadable", {}),
        (20240401.5, {}, "date_unreadable", {}),
        (float("inf"), {}, "date_unreadable", {}),
        (True, {}, "date_unreadable", {}),
        ("1899/12/31", {}, "date_out_of_range", {"first": "1900-01-01"}),
        ("2200/1/1", {}, "date_out_of_range", {"last": "2199-12-31"}),
    ],
)
def test_parse_date_rejections(
    value: object, kwargs: dict[str, bool], code: str, params: dict[str, str]
) -> None:
    with pytest.raises(ValueRejected) as info:
        parse_date(value, **kwargs)
    assert info.value.code == code
    assert params.items() <= info.value.params.items()


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (202404, {}, 202404),
        (202404.0, {}, 202404),
        ("202404", {}, 202404),
        ("2024/04", {}, 202404),
        ("2024/4", {}, 202404),
        ("2024-04", {}, 202404),
        ("2024年4月", {}, 202404),
        ("２０２４年４月", {}, 202404),
        ("R6.4", {}, 202404),
        ("R06/04", {}, 202404),
        ("令和6年4月", {}, 202404),
        ("令和6年4月診療分", {}, 202404),
        ("令和6年4月分", {}, 202404),
        ("令和 6年 4月 診療分", {}, 202404),
        ("H31.4", {}, 201904),
        ("平成31年4月", {}, 201904),
        ("R1.5", {}, 201905),
        ("令和元年5月", {}, 201905),
        ("S64.1", {}, 198901),
        ("H1.1", {}, 198901),
        ("2024/4/15", {}, 202404),
        ("令和6年4月30日", {}, 202404),
        ("20240415", {}, 202404),
        (20240415, {}, 202404),
        (D(2024, 4, 15), {}, 202404),
        (datetime(2024, 4, 15, 9, 0), {}, 202404),
        (45383, {}, 202404),
        (43921, {"date1904": True}, 202404),
    ],
)
def test_parse_month_forms(value: object, kwargs: dict[str, bool], expected: int) -> None:
    assert parse_month(value, **kwargs) == expected


@pytest.mark.parametrize(
    ("value", "kwargs", "code", "params"),
    [
        ("H31.5", {}, "month_outside_era", {"value": "H31.5", "era": "平成"}),
        ("R1.4", {}, "month_outside_era", {"value": "R1.4", "era": "令和"}),
        ("令和元年4月診療分", {}, "month_outside_era", {"era": "令和"}),
        ("S64.2", {}, "month_outside_era", {"era": "昭和"}),
        ("H1.0", {}, "month_invalid", {}),
        ("2024/13", {}, "month_invalid", {"value": "2024/13"}),
        (202413, {}, "month_invalid", {"value": "202413"}),
        ("R6.13", {}, "month_invalid", {}),
        ("abc", {}, "month_unreadable", {"value": "abc"}),
        ("4月", {}, "month_unreadable", {}),
        (45383, {"from_csv": True}, "month_unreadable", {"value": "45383"}),
        ("H31.5.1", {}, "date_outside_era", {"era": "平成"}),
        ("2023/2/29", {}, "date_invalid", {}),
        ("2200/01", {}, "month_out_of_range", {}),
    ],
)
def test_parse_month_rejections(
    value: object, kwargs: dict[str, bool], code: str, params: dict[str, str]
) -> None:
    with pytest.raises(ValueRejected) as info:
        parse_month(value, **kwargs)
    assert info.value.code == code
    assert params.items() <= info.value.params.items()


@pytest.mark.parametrize(
    ("serial", "date1904", "expected"),
    [
        (1, False, D(1900, 1, 1)),
        (59, False, D(1900, 2, 28)),
        (61, False, D(1900, 3, 1)),
        (45382.999, False, D(2024, 3, 31)),
        (45383, False, D(2024, 4, 1)),
        (0, True, D(1904, 1, 1)),
        (43921, True, D(2024, 4, 1)),
    ],
)
def test_excel_serial_to_date(serial: float, date1904: bool, expected: date) -> None:
    assert excel_serial_to_date(serial, date1904=date1904) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 3, 31), "令和7年3月31日"),
        (D(2019, 5, 1), "令和元年5月1日"),
        (D(2019, 4, 30), "平成31年4月30日"),
        (D(1989, 1, 8), "平成元年1月8日"),
        (D(1989, 1, 7), "昭和64年1月7日"),
        (D(1926, 12, 25), "昭和元年12月25日"),
        (D(1926, 12, 24), "1926年12月24日"),
    ],
)
def test_format_wareki(day: date, expected: str) -> None:
    assert format_wareki(day) == expected
    if day >= D(1926, 12, 25):
        assert parse_date(expected) == day


@pytest.mark.parametrize(
    ("month", "expected"),
    [(202404, "令和6年4月"), (201904, "平成31年4月"), (201905, "令和元年5月"),
     (198901, "昭和64年1月")],
)
def test_format_wareki_month(month: int, expected: str) -> None:
    assert format_wareki_month(month) == expected
    assert parse_month(expected) == month


# --- properties ------------------------------------------------------------------------------

#: The test's own era table, independent of the module under test.
_ERAS = [("令和", "R", D(2019, 5, 1), 2018), ("平成", "H", D(1989, 1, 8), 1988),
         ("昭和", "S", D(1926, 12, 25), 1925)]
_FULL_WIDTH = str.maketrans("0123456789/.-", "０１２３４５６７８９／．－")


def _western_forms(d: date) -> list[str]:
    y, m, dd = d.year, d.month, d.day
    forms = [f"{y}/{m}/{dd}", f"{y}/{m:02}/{dd:02}", f"{y}-{m:02}-{dd:02}", f"{y}{m:02}{dd:02}",
             f"{y}年{m}月{dd}日", f"{y}.{m}.{dd}", f" {y} / {m} / {dd} "]
    return forms + [f.translate(_FULL_WIDTH) for f in forms[:3]]


def _wareki_forms(d: date) -> list[str]:
    name, letter, _first, offset = next(e for e in _ERAS if d >= e[2])
    n, m, dd = d.year - offset, d.month, d.day
    kanji_year = "元" if n == 1 else str(n)
    forms = [f"{letter}{n}.{m}.{dd}", f"{letter}{n:02}.{m:02}.{dd:02}",
             f"{letter}{n:02}/{m:02}/{dd:02}", f"{name}{kanji_year}年{m}月{dd}日",
             f"{name}{n}年{m}月{dd}日", f"{name} {kanji_year}年 {m}月 {dd}日"]
    return forms + [f.translate(_FULL_WIDTH) for f in forms]


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2199, 12, 31)))
def test_every_western_form_round_trips(d: date) -> None:
    for text in _western_forms(d):
        assert parse_date(text) == d, text


@given(st.dates(min_value=D(1926, 12, 25), max_value=D(2199, 12, 31)))
def test_every_wareki_form_round_trips(d: date) -> None:
    for text in [*_wareki_forms(d), format_wareki(d)]:
        assert parse_date(text) == d, text


@given(st.dates(min_value=D(1900, 3, 1), max_value=D(2099, 12, 31)), st.booleans())
def test_excel_serials_round_trip(d: date, date1904: bool) -> None:
    origin = D(1904, 1, 1) if date1904 else D(1899, 12, 30)
    serial = (d - origin).days
    if serial >= 1:
        assert parse_date(serial, date1904=date1904) == d
        assert parse_date(float(serial) + 0.5, date1904=date1904) == d


@given(st.dates(min_value=D(1926, 12, 25), max_value=D(2199, 12, 31)))
def test_months_round_trip_and_era_months_are_valid(d: date) -> None:
    expected = d.year * 100 + d.month
    name, letter, _first, offset = next(e for e in _ERAS if d >= e[2])
    n = d.year - offset
    for text in [f"{d.year}/{d.month:02}", f"{d.year}年{d.month}月", str(expected),
                 f"{letter}{n}.{d.month}", f"{name}{n}年{d.month}月診療分"]:
        assert parse_month(text) == expected, text
    assert parse_month(d) == expected


@given(st.dates(min_value=D(2019, 5, 1), max_value=D(2199, 12, 31)))
def test_reiwa_dates_written_as_heisei_are_rejected(d: date) -> None:
    with pytest.raises(ValueRejected) as info:
        parse_date(f"H{d.year - 1988}.{d.month}.{d.day}")
    assert info.value.code == "date_outside_era"


def test_day_before_and_after_each_boundary() -> None:
    for _name, letter, first, offset in _ERAS:
        assert parse_date(f"{letter}{first.year - offset}.{first.month}.{first.day}") == first
        before = first - timedelta(days=1)
        with pytest.raises(ValueRejected):
            parse_date(f"{letter}{before.year - offset}.{before.month}.{before.day}")
