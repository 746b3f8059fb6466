"""End to end on the small demo branch: export, verify, import at head office, consolidate."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from branchdesk.exchange.quarterly import consolidate, export_quarterly, import_quarterly
from branchdesk.store.connection import create_store, open_store
from branchdesk.store.kpi_sheet import kpi_sheet
from branchdesk.store.received import received_kpis

demo = pytest.importorskip("branchdesk.demo")


@pytest.mark.slow
def test_a_demo_branchs_report_round_trips_through_head_office(tmp_path: Path):
    if not hasattr(demo, "generate"):
        pytest.skip("the demo generator is not available")
    branch_db = tmp_path / "demo.db"
    demo.generate(branch_db)
    with open_store(branch_db) as store:
        report, _ = export_quarterly(store, 2024, 4, tmp_path)
        expected = [r.to_json() for r in kpi_sheet(store, 2024, date(2025, 3, 31))]
        branch = store.branch_code
    assert any(e["status"] != "no_data" for e in expected)
    with create_store(tmp_path / "honbu.db", "13") as head_office:
        assert import_quarterly(head_office, report).result == "added"
        stored = received_kpis(head_office, branch, 2024, 4)
    for got, want in zip(stored, expected, strict=True):
        assert got.status == want["status"]
        assert got.value == pytest.approx(want["value"], rel=1e-15)
    national = consolidate([report])
    assert list(national.reports) == [branch] and national.provisional
