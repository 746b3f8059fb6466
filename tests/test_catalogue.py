"""The message catalogue: both languages for every code, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from branchdesk.domain.kpi.catalogue import CATALOGUE as KPIS
from branchdesk.domain.messages import CATALOGUE, message


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_each_message_has_japanese_and_english_with_the_same_placeholders(code):
    ja, en = CATALOGUE[code]
    assert ja.strip() and en.strip()
    assert _fields(ja) == _fields(en)


def test_an_unknown_code_renders_as_itself_rather_than_failing():
    assert message("no_such_code", "ja", value=1).startswith("no_such_code")


@pytest.mark.parametrize("kpi", KPIS, ids=lambda k: k.id)
def test_every_kpi_has_a_japanese_and_an_english_name(kpi):
    assert kpi.name_ja and kpi.name_en and kpi.name_ja != kpi.name_en
