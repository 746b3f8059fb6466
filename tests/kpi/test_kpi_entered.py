"""Entered rows of the KPI sheet and the status rules shared with computed rows (domain.md §5)."""

from __future__ import annotations

import pytest

from branchdesk.domain.errors import InputRejected
from branchdesk.domain.kpi.format import format_percent
from branchdesk.store.kpi_sheet import set_entry
from branchdesk.store.settings import set_setting


def _enter(build, fy, kpi, **values):
    with build.store.transaction():
        set_entry(build.store, fy, kpi, **values)


@pytest.mark.parametrize(
    ("kpi", "value", "target", "status"),
    [("myna_card_rate", 0.191, 0.5, "not_achieved"),
     ("lifestyle_checkup_rate", 0.5862, 0.617, "nearly"),  # ≥ 95% of 61.7%
     ("lifestyle_checkup_rate", 0.617, 0.617, "achieved"),
     ("single_bid_rate", 0.107, 0.15, "achieved"),  # lower is better
     ("single_bid_rate", 0.151, 0.15, "not_achieved"),  # never 概ね達成 when lower is better
     ("website_visits", 125_420_641, 135_000_000, "not_achieved")],  # 92.9%
)
def test_entered_rows_with_a_fixed_target(build, kpi, value, target, status):
    _enter(build, 2024, kpi, value=value, target=target)
    assert build.sheet(2024, "2025-06-01")[kpi].status == status


def test_previous_kind_rows_compare_with_last_years_entered_value_and_never_are_nearly(build):
    _enter(build, 2023, "card_return_rate", value=0.8210)
    _enter(build, 2024, "card_return_rate", value=0.8136)
    row = build.sheet(2024, "2025-06-01")["card_return_rate"]
    assert (row.status, float(row.previous)) == ("not_achieved", 0.821)


def test_an_entered_previous_value_wins(build):
    _enter(build, 2023, "mail_application_rate", value=0.90)
    _enter(build, 2024, "mail_application_rate", value=0.958, previous=0.956)
    assert build.sheet(2024, "2025-06-01")["mail_application_rate"].status == "achieved"


def test_entered_previous_wins_for_a_computed_row_too(build):
    a = build.employer()
    build.register("2024-03-31", {a: 1})
    build.register("2025-03-31", {a: 1})
    build.member(a, "2023-04-01")
    _enter(build, 2024, "committee_employers", previous=2)
    row = build.sheet(2024, "2025-06-01")["committee_employers"]
    assert (row.previous, row.status) == (2, "not_achieved")


def test_rows_without_value_or_target(build):
    _enter(build, 2024, "myna_card_rate", value=0.3)
    sheet = build.sheet(2024, "2025-06-01")
    assert sheet["myna_card_rate"].status == "no_target"
    assert sheet["service_standard"].status == "no_data"


def test_a_computed_row_takes_no_entered_result(build):
    with pytest.raises(InputRejected) as e:
        _enter(build, 2024, "generic_share", value=0.9)
    assert e.value.code == "kpi_computed_value"


def test_the_nearly_ratio_is_a_setting(build):
    _enter(build, 2024, "lifestyle_checkup_rate", value=0.56, target=0.617)  # 90.8% of target
    assert build.sheet(2024, "2025-06-01")["lifestyle_checkup_rate"].status == "not_achieved"
    with build.store.transaction():
        set_setting(build.store, "nearly_ratio", 0.9)
    assert build.sheet(2024, "2025-06-01")["lifestyle_checkup_rate"].status == "nearly"


@pytest.mark.parametrize(("value", "shown"), [(0.8906, "89.1%"), (0.8905, "89.1%"),
                                              (0.89049, "89.0%"), (0.5, "50.0%"), (1, "100.0%")])
def test_percentages_are_shown_rounded_half_up_to_one_decimal(value, shown):
    assert format_percent(value) == shown


def test_every_row_of_the_catalogue_is_on_the_sheet_in_order(build):
    ids = list(build.sheet(2024, "2025-06-01"))
    assert ids[0] == "service_standard" and ids[-1] == "single_bid_rate" and len(ids) == 21


def test_the_default_fiscal_year_is_the_latest_with_data_up_to_the_as_of_date(build):
    from datetime import date

    from branchdesk.store.kpi_sheet import latest_fy

    assert latest_fy(build.store, date(2026, 1, 1)) == 2025  # an empty store: the as-of's FY
    build.register("2025-03-31", {build.employer(): 1})
    build.generic(202506, 80, 20)
    assert latest_fy(build.store, date(2026, 1, 1)) == 2025
    assert latest_fy(build.store, date(2025, 5, 1)) == 2024  # June 2025 is after the as-of
    _enter(build, 2026, "myna_card_rate", value=0.3)
    assert latest_fy(build.store, date(2027, 1, 1)) == 2026
