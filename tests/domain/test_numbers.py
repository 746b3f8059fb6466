"""Numbers, missing values, percentages and 尿蛋白 grades (exchange.md §1)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from branchdesk.domain.enums import URINE_PROTEIN
from branchdesk.domain.errors import ValueRejected
from branchdesk.domain.numbers import (
    decide_percent_reading,
    is_missing,
    parse_int,
    parse_number,
    parse_percent,
    parse_urine_protein,
)

MISSING = [None, "", "  ", "\u3000", float("nan"), "-", "－", "−", "‐", "ー", "ｰ", "—", "*", "＊",
           "秘匿", " - ", "\u3000＊\u3000"]


@pytest.mark.parametrize("value", MISSING)
def test_missing_values_are_missing_never_zero(value: object) -> None:
    assert is_missing(value)
    assert parse_number(value) is None
    assert parse_int(value) is None
    assert parse_percent(value, "points") is None


@pytest.mark.parametrize("value", [0, 0.0, "0", "０", "--", "**", "-1", "秘", "n/a", False])
def test_values_that_are_not_missing(value: object) -> None:
    assert not is_missing(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, 0.0),
        (1234, 1234.0),
        (12.5, 12.5),
        ("1234", 1234.0),
        ("1,234", 1234.0),
        ("1,234,567.5", 1234567.5),
        ("１２３", 123.0),
        ("１，２３４", 1234.0),
        ("１２３．５", 123.5),
        (" 42 ", 42.0),
        ("\u300042\u3000", 42.0),
        ("-5", -5.0),
        ("−5", -5.0),
        ("+5", 5.0),
        (".5", 0.5),
        ("1.5E+3", 1500.0),
        ("0", 0.0),
    ],
)
def test_parse_number(value: object, expected: float) -> None:
    assert parse_number(value) == expected


@pytest.mark.parametrize(
    "value", ["abc", "12人", "83.6%", "1,23", "12,34,567", "1.2.3", "1 234x", "inf", "nan",
              float("inf"), True, "--5", "e5", ".", "١٢٣"],
)
def test_parse_number_rejects(value: object) -> None:
    with pytest.raises(ValueRejected) as info:
        parse_number(value)
    assert info.value.code == "number_invalid"
    assert "value" in info.value.params


def test_parse_number_minimum() -> None:
    assert parse_number("0", minimum=0) == 0.0
    with pytest.raises(ValueRejected) as info:
        parse_number("-0.5", minimum=0)
    assert (info.value.code, info.value.params) == ("number_below_minimum",
                                                    {"value": "-0.5", "minimum": 0})


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [(12, {}, 12), (12.0, {}, 12), ("1,200", {}, 1200), ("１２", {}, 12), ("0", {}, 0),
     ("-3", {"minimum": None}, -3), ("-3", {"minimum": -5}, -3)],
)
def test_parse_int(value: object, kwargs: dict[str, int | None], expected: int) -> None:
    result = parse_int(value, **kwargs)
    assert result == expected
    assert isinstance(result, int)


@pytest.mark.parametrize(
    ("value", "kwargs", "code"),
    [(12.5, {}, "int_not_integer"), ("1,200.5", {}, "int_not_integer"),
     (-1, {}, "int_below_minimum"), ("-6", {"minimum": -5}, "int_below_minimum"),
     ("十二", {}, "number_invalid")],
)
def test_parse_int_rejects(value: object, kwargs: dict[str, int], code: str) -> None:
    with pytest.raises(ValueRejected) as info:
        parse_int(value, **kwargs)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("value", "reading", "expected"),
    [
        ("83.6%", "points", 0.836),
        ("83.6%", "fractions", 0.836),
        ("８３．６％", "fractions", 0.836),
        ("83.6 %", "points", 0.836),
        (83.6, "points", 0.836),
        ("83.6", "points", 0.836),
        (0.836, "fractions", 0.836),
        ("0.836", "fractions", 0.836),
        (1, "fractions", 1.0),
        (1, "points", 0.01),
        (0, "points", 0.0),
        ("100%", "fractions", 1.0),
    ],
)
def test_parse_percent(value: object, reading: str, expected: float) -> None:
    assert parse_percent(value, reading) == pytest.approx(expected)


@pytest.mark.parametrize("value", ["abc%", "%", "高い", "83.6%%"])
def test_parse_percent_rejects(value: object) -> None:
    with pytest.raises(ValueRejected) as info:
        parse_percent(value, "points")
    assert info.value.code == "percent_invalid"


def test_parse_percent_unknown_reading_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        parse_percent(1, "percent")


@pytest.mark.parametrize(
    ("values", "header", "expected"),
    [
        ([0.836, 0.5, 1, 0], "使用割合", "fractions"),
        ([0.836, None, "-", "", "秘匿"], "数量シェア", "fractions"),
        ([0.836, 0.5], "使用割合(%)", "points"),
        ([0.836, 0.5], "使用割合（％）", "points"),
        ([0.836, 0.5], "使用割合％", "points"),
        ([0.836, 0.5], "使用割合\n(%)", "points"),
        ([0.836, 83.6], "使用割合", "points"),
        ([83.6, 75.0], "使用割合", "points"),
        (["0.8", "1.5"], "使用割合", "points"),
        (["83.6%", 0.5], "使用割合", "fractions"),
        (["１．５"], "使用割合", "points"),
        ([0.5, "abc"], "使用割合", "fractions"),
    ],
)
def test_decide_percent_reading(values: list[object], header: str, expected: str) -> None:
    assert decide_percent_reading(values, header) == expected


@given(st.lists(st.floats(min_value=0, max_value=1), min_size=1))
def test_fraction_columns_read_back_unchanged(values: list[float]) -> None:
    reading = decide_percent_reading(values, "使用割合")
    assert reading == "fractions"
    assert [parse_percent(v, reading) for v in values] == values


@given(st.lists(st.floats(min_value=0, max_value=100), min_size=1).filter(lambda v: max(v) > 1))
def test_point_columns_are_divided_by_100(values: list[float]) -> None:
    reading = decide_percent_reading(values, "使用割合")
    assert reading == "points"
    assert [parse_percent(v, reading) for v in values] == [v / 100 for v in values]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("−", "-"), ("－", "-"), ("-", "-"), ("ー", "-"), ("(−)", "-"), ("（－）", "-"),
        ("±", "±"), ("(±)", "±"),
        ("+", "+"), ("＋", "+"), ("1+", "+"), ("(+)", "+"),
        ("++", "2+"), ("＋＋", "2+"), ("2+", "2+"), ("２＋", "2+"), ("(2+)", "2+"),
        ("+++", "3+"), ("3+", "3+"), ("＋＋＋", "3+"), (" 3+ ", "3+"),
        (None, None), ("", None), ("\u3000", None),
    ],
)
def test_parse_urine_protein(value: object, expected: str | None) -> None:
    result = parse_urine_protein(value)
    assert result == expected
    assert result is None or result in URINE_PROTEIN


@pytest.mark.parametrize("value", ["++++", "4+", "陽性", "*", "秘匿", 1, "()", "2"])
def test_parse_urine_protein_rejects(value: object) -> None:
    with pytest.raises(ValueRejected) as info:
        parse_urine_protein(value)
    assert info.value.code == "urine_protein_invalid"
