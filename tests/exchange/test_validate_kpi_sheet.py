"""Entered rows of the KPI sheet (exchange.md §3 kpi_sheet, domain.md §5)."""

from __future__ import annotations

from typing import Any

import pytest
from workbooks_columns import lines, validate

HEAD = ["年度", "指標", "目標", "実績", "前年度実績", "方向", "目標種別"]
SHORT = ["年度", "指標", "目標", "実績"]


def _kpi(*rows: list[Any], head: list[str] = SHORT, **options: Any) -> Any:
    return validate([head, *rows], "kpi_sheet", **options)


def test_a_full_kpi_row_stores_percentages_as_fractions() -> None:
    result = _kpi([2024, "マイナ保険証利用率", 50, "19.1", "12.5%", "高いほど良い", "固定"],
                  head=HEAD)
    assert result.problems == []
    [record] = result.records
    assert record == pytest.approx(
        {"fy": 2024, "kpi_id": "myna_card_rate", "target": 0.5, "value": 0.191,
         "previous": 0.125})
    # "12.5%" is points whatever the column's reading; a column of % signs has no vote
    assert result.percent_reading == {"目標": "points", "実績": "points", "前年度実績": "fractions"}


@pytest.mark.parametrize("cell", ["myna_card_rate", "マイナ保険証利用率", " ﾏｲﾅ保険証利用率 ",
                                  "My Number health card usage rate"])
def test_the_kpi_is_named_by_id_or_name(cell: str) -> None:
    result = _kpi([2024, cell, None, None])
    assert result.records == [{"fy": 2024, "kpi_id": "myna_card_rate", "target": None,
                               "value": None}]


@pytest.mark.parametrize(("cell", "fy"), [
    (2024, 2024), (2024.0, 2024), ("2024", 2024), ("2024年度", 2024), ("FY2024", 2024),
    ("令和6年度", 2024), ("R6", 2024), ("平成30年度", 2018), ("令和元年度", 2019),
    ("２０２４年度", 2024),
])
def test_fiscal_years(cell: Any, fy: int) -> None:
    assert _kpi([cell, "myna_card_rate", None, None]).records[0]["fy"] == fy


def test_count_rows_are_numbers_and_do_not_vote_on_the_percent_reading() -> None:
    result = _kpi([2024, "ホームページアクセス数", "135,000,000", 125420641],
                  [2024, "再審査レセプト1件当たり査定額", None, "9,908"],
                  [2024, "サービススタンダード達成率", 1, 0.998])
    assert [(r["target"], r["value"]) for r in result.records] == [
        (135_000_000.0, 125_420_641.0), (None, 9908.0), (1.0, 0.998)]
    assert result.percent_reading == {"目標": "fractions", "実績": "fractions"}


def test_the_percent_option_overrides_the_reading() -> None:
    result = _kpi([2024, "service_standard", 1, 0.998], percent="points")
    assert (result.records[0]["target"], result.records[0]["value"]) == pytest.approx(
        (0.01, 0.00998))
    assert result.percent_reading == {"目標": "points", "実績": "points"}


@pytest.mark.parametrize(("row", "expected"), [
    ([2024, "generic_share", 0.8, 0.85], [("cell_kpi_computed", 2, "指標", "generic_share")]),
    ([2024, "健康宣言事業所数", 100, 120], [("cell_kpi_computed", 2, "指標", "健康宣言事業所数")]),
    ([2024, "顧客満足度", 1, 1], [("cell_kpi_unknown", 2, "指標", "顧客満足度")]),
    (["来年", "myna_card_rate", 1, 1], [("cell_fy_unreadable", 2, "年度", "来年")]),
    ([None, "myna_card_rate", 1, 1], [("cell_required", 2, "年度", "")]),
    ([2024, "myna_card_rate", "高い", 1], [("percent_invalid", 2, "目標", "高い")]),
    ([2024, "website_visits", "-5", 1], [("number_below_minimum", 2, "目標", "-5")]),
])
def test_kpi_rules(row: list[Any], expected: list[tuple[Any, ...]]) -> None:
    result = _kpi(row)
    assert lines(result.problems) == expected
    assert result.records == []


@pytest.mark.parametrize(("kpi", "direction", "target_kind", "codes"), [
    ("single_bid_rate", "低いほど良い", "固定", []),
    ("single_bid_rate", "高いほど良い", None, ["cell_kpi_direction_conflict"]),
    ("mail_application_rate", None, "対前年度", []),
    ("mail_application_rate", None, "対前年度以上", []),
    ("mail_application_rate", "高いほど良い", "固定", ["cell_kpi_target_kind_conflict"]),
    ("myna_card_rate", "上", None, ["cell_code_unknown"]),
])
def test_direction_and_target_kind_must_agree_with_the_catalogue(
        kpi: str, direction: Any, target_kind: Any, codes: list[str]) -> None:
    result = _kpi([2024, kpi, None, None, None, direction, target_kind], head=HEAD)
    assert [p.code for p in result.problems] == codes
    assert len(result.records) == (0 if codes else 1)
    if codes and codes[0] != "cell_code_unknown":
        assert "低いほど良い" in result.problems[0].reason("ja") or "対前年度" in \
            result.problems[0].reason("ja")


def test_kpi_rows_are_keyed_by_year_and_id() -> None:
    result = _kpi([2024, "myna_card_rate", 50, 19.1], [2024, "マイナ保険証利用率", 50, 20],
                  [2023, "マイナ保険証利用率", 50, 20])
    assert lines(result.errors) == [("row_duplicate_key", 3, "年度", "2024 / myna_card_rate")]
    assert result.rows == [4]
