"""Every rejection of the value parsers has a ja/en message that names the value."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from pathlib import Path

import pytest

import branchdesk.domain.dates as dates_module
import branchdesk.domain.identifiers as identifiers_module
import branchdesk.domain.numbers as numbers_module
from branchdesk.domain.dates import parse_date, parse_month
from branchdesk.domain.errors import ValueRejected
from branchdesk.domain.messages import CATALOGUE
from branchdesk.domain.numbers import parse_int, parse_number, parse_percent, parse_urine_protein

_RAISED_CODE = re.compile(r'(?:ValueRejected|_outside_era)\(\s*"(\w+)"')


def test_every_code_the_parsers_raise_is_in_the_catalogue() -> None:
    codes: set[str] = set()
    for module in (dates_module, numbers_module, identifiers_module):
        codes |= set(_RAISED_CODE.findall(Path(str(module.__file__)).read_text("utf-8")))
    assert len(codes) >= 30
    assert codes - CATALOGUE.keys() == set()


CASES: list[tuple[Callable[[object], object], object]] = [
    (parse_date, "ほげ"), (parse_date, "2023-02-29"), (parse_date, "H31.5.1"),
    (parse_date, "R1.4.30"), (parse_date, "1899/1/1"),
    (parse_month, "ほげ"), (parse_month, "2024/13"), (parse_month, "H31.5"),
    (parse_month, "2200/1"),
    (parse_number, "12人"), (lambda v: parse_number(v, minimum=0), "-1"),
    (parse_int, "1.5"), (parse_int, "-2"), (lambda v: parse_percent(v, "points"), "高%"),
    (parse_urine_protein, "陽性"),
]


@pytest.mark.parametrize(("parse", "value"), CASES)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_rejections_render_with_the_value(parse: Callable[[object], object], value: object,
                                          lang: str) -> None:
    with pytest.raises(ValueRejected) as info:
        parse(value)
    error = info.value
    template = CATALOGUE[error.code][0 if lang == "ja" else 1]
    fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    assert fields <= error.params.keys()
    text = error.render(lang)
    assert str(value) in text
    assert "{" not in text


def test_era_message_names_the_era_and_its_range() -> None:
    with pytest.raises(ValueRejected) as info:
        parse_date("H31.5.1")
    assert info.value.render("ja") == (
        "H31.5.1 は平成の期間外の日付です（平成は 1989-01-08 〜 2019-04-30）")
