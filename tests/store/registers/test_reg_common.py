"""What every register write shares: the messages it raises, mixed columns, the summary."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

import branchdesk.store.registers as registers
from branchdesk.domain.errors import InputRejected
from branchdesk.domain.messages import CATALOGUE
from branchdesk.store.registers import Changes, replace_generic

SOURCES = sorted(Path(registers.__file__).parent.glob("*.py"))
CODES = sorted({code for path in SOURCES for code in re.findall(
    r"(?:InputRejected|Notice)\(\s*\"(\w+)\"", path.read_text(encoding="utf-8"))})


def test_the_sources_raise_codes_at_all():
    assert len(CODES) >= 20


@pytest.mark.parametrize("code", CODES)
def test_every_code_a_register_raises_has_japanese_and_english_text(code):
    japanese, english = CATALOGUE[code]
    assert japanese != english
    assert re.findall(r"{(\w+)}", japanese) and set(re.findall(r"{(\w+)}", japanese)) == set(
        re.findall(r"{(\w+)}", english))


def test_rows_with_different_columns_in_one_call_each_keep_their_absent_values(store, register):
    register(date(2024, 3, 31), [
        {"symbol": "31000001", "name": "A", "address": "東町", "industry": "製造業", "insured": 1},
        {"symbol": "31000002", "name": "B", "address": "西町", "industry": "建設業", "insured": 1},
    ])
    changes = register(date(2024, 3, 31), [
        {"symbol": "31000001", "address": "南町", "insured": 1},
        {"symbol": "31000002", "industry": None, "insured": 1},
    ])
    assert sorted(changes.changed) == ["31000001", "31000002"]
    rows = store.query("SELECT address, industry FROM employers ORDER BY symbol")
    assert [tuple(r) for r in rows] == [("南町", "製造業"), ("西町", None)]


def test_a_field_the_register_does_not_have_is_refused(store):
    with store.transaction(), pytest.raises(InputRejected) as error:
        replace_generic(store, [{"month": 202403, "unit": "branch", "share": 0.8}])  # type: ignore[typeddict-unknown-key]
    assert error.value.code == "register_field_unknown"
    assert error.value.params["field"] == "share"


@pytest.mark.parametrize(("changes", "nothing"), [
    (Changes(unchanged=["a"]), True),
    (Changes(unchanged=["a"], history=["a"]), False),
    (Changes(removed=[(202403, "branch", "", "total")]), False),
    (Changes(lost=["a"]), False),
])
def test_nothing_changed_means_the_store_is_as_it_was(changes, nothing):
    assert changes.nothing_changed is nothing


def test_merged_changes_count_both_parts():
    merged = Changes(added=["a"], unchanged=["b"]).merge(Changes(added=["c"]))
    assert merged.counts()["added"] == 2 and merged.counts()["unchanged"] == 1


def test_a_write_outside_a_transaction_is_a_programming_error(store):
    with pytest.raises(RuntimeError):
        replace_generic(store, [{"month": 202403, "unit": "branch", "generic_qty": 1.0}])
    assert store.scalar("SELECT COUNT(*) FROM generic_stats") == 0
