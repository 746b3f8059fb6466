"""Entered KPI sheet rows: keyed (FY, id); computed KPIs never take a result."""

from __future__ import annotations

import pytest

from branchdesk.domain.errors import InputRejected
from branchdesk.store.registers import upsert_kpi_rows


def test_entered_rows_are_added_then_updated_field_by_field(store):
    with store.transaction():
        first = upsert_kpi_rows(store, [{"fy": 2024, "kpi_id": "myna_card_rate",
                                         "target": 0.5, "value": 0.191}])
        again = upsert_kpi_rows(store, [{"fy": 2024, "kpi_id": "myna_card_rate",
                                         "value": 0.2}])
    assert first.added == [(2024, "myna_card_rate")]
    assert again.changed == [(2024, "myna_card_rate")]
    row = store.conn.execute("SELECT target, value FROM kpi_sheet_rows").fetchone()
    assert tuple(row) == (0.5, 0.2)  # the absent target stays


@pytest.mark.parametrize(("row", "code"), [
    ({"fy": 2024, "kpi_id": "happiness", "value": 1.0}, "kpi_unknown"),
    ({"fy": 2024, "kpi_id": "generic_share", "value": 0.8}, "kpi_computed_value"),
])
def test_rows_the_catalogue_does_not_allow_are_refused(store, row, code):
    with store.transaction(), pytest.raises(InputRejected) as error:
        upsert_kpi_rows(store, [row])
    assert error.value.code == code
    assert store.scalar("SELECT COUNT(*) FROM kpi_sheet_rows") == 0


def test_a_computed_kpi_takes_a_target(store):
    with store.transaction():
        changes = upsert_kpi_rows(store, [{"fy": 2024, "kpi_id": "declarations",
                                           "target": 1200.0}])
    assert changes.added == [(2024, "declarations")]
