"""The ジェネリック・バイオシミラー page's queries: figures per unit and month (計 or the parts),
lowest share first, and biosimilar replacement per ingredient."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pages_builder import sql

from branchdesk.store.connection import Store, create_store
from branchdesk.store.queries import drugs as q
from branchdesk.store.report_queries import municipality_shares

GENERIC = ("INSERT INTO generic_stats(month, unit, code, name, claim_type, generic_qty, "
           "brand_qty, generic_amount, brand_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
BIOSIMILAR = ("INSERT INTO biosimilar_stats(month, ingredient, ingredient_key, institution_code, "
              "bs_qty, ref_qty) VALUES (?, ?, ?, ?, ?, ?)")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """Municipalities and institutions of two months; biosimilars of one month."""
    s = create_store(tmp_path / "drugs.db", "31")
    sql(s, GENERIC, [
        (202503, "municipality", "312011", "鳥取市", "total", 850, 150, 600, 400),
        (202503, "municipality", "312011", "鳥取市", "medical", 1, 1, 1, 1),  # 計 wins
        (202503, "municipality", "312029", "米子市", "medical", 300, 100, 300, 200),
        (202503, "municipality", "312029", "米子市", "dispensing", 400, 200, 100, 100),
        (202503, "municipality", "312037", "倉吉市", "total", None, 50, 10, 10),  # suppressed
        (202503, "municipality", "312045", "境港市", "total", 90, 10, 50, 50),
        (202503, "institution", "3110111111", "甲医院", "medical", 5, 5, 5, 5),
        (202503, "institution", "3110122222", "乙医院", "medical", 800, 200, 50, 50),
        (202502, "institution", "3110111111", "甲医院", "medical", 9, 1, 5, 5),
        (202503, "branch", "", "鳥取支部", "total", 2000, 500, 900, 600),
    ])
    sql(s, BIOSIMILAR, [
        (202503, "甲", "甲", "", 80, 20),        # 80.0%: reached (a tie meets the threshold)
        (202503, "乙", "乙", "", 30, 70),
        (202503, "丙", "丙", "", None, 10),      # suppressed: no rate
        (202503, "甲", "甲", "3110111111", 9, 1),
        (202503, "甲", "甲", "3110122222", 1, 9),
        (202503, "乙", "乙", "3110111111", 8, 2),
        (202502, "甲", "甲", "3110111111", 1, 1),  # institution rows only: not a branch month
    ])
    yield s
    s.close()


def test_lowest_quantity_share_first_unknown_last(store: Store) -> None:
    rows = q.unit_figures(store, "municipality", 202503)
    assert [(r.code, r.qty_share) for r in rows] == [
        ("312029", 0.7), ("312011", 0.85), ("312045", 0.9), ("312037", None)]


def test_parts_are_summed_only_without_a_total_row(store: Store) -> None:
    rows = {r.code: r for r in q.unit_figures(store, "municipality", 202503)}
    assert (rows["312029"].generic_qty, rows["312029"].brand_qty) == (700, 300)
    assert (rows["312011"].generic_qty, rows["312011"].brand_qty) == (850, 150)
    assert rows["312029"].amount_share == 400 / 700
    assert rows["312029"].name == "米子市"


def test_the_order_and_figures_agree_with_the_quarterly_report(store: Store) -> None:
    ours = [(r.code, r.generic_qty, r.brand_qty)
            for r in q.unit_figures(store, "municipality", 202503)]
    report = [(r.code, r.generic_qty, r.brand_qty) for r in municipality_shares(store, 202503)]
    assert ours == report


@pytest.mark.parametrize(("unit", "month", "minimum", "codes"), [
    ("institution", 202503, 0, ["3110111111", "3110122222"]),
    ("institution", 202503, 100, ["3110122222"]),  # tiny institutions left out
    ("institution", 202502, 0, ["3110111111"]),
    ("branch", 202503, 0, [""]),
    ("pharmacy", 202503, 0, []),
])
def test_units_months_and_minimum_quantity(store: Store, unit: str, month: int, minimum: float,
                                           codes: list[str]) -> None:
    rows = q.unit_figures(store, unit, month, min_quantity=minimum)
    assert [r.code for r in rows] == codes


def test_an_unknown_unit_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="unit"):
        q.unit_figures(store, "prefecture", 202503)


def test_months_newest_first(store: Store) -> None:
    assert q.generic_months(store) == [202503, 202502]
    assert q.biosimilar_months(store) == [202503]  # 202502 has no branch-total rows


def test_months_of_an_empty_store(tmp_path: Path) -> None:
    with create_store(tmp_path / "empty.db", "31") as empty:
        assert (q.generic_months(empty), q.biosimilar_months(empty)) == ([], [])


def test_ingredients_lowest_rate_first_with_institution_counts(store: Store) -> None:
    rows = q.ingredient_figures(store, 202503)
    assert [(r.ingredient, r.rate, r.reached, r.institutions, r.institutions_reached)
            for r in rows] == [
        ("乙", 0.3, False, 1, 1), ("甲", 0.8, True, 2, 1), ("丙", None, False, 0, 0)]
