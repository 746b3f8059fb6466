"""The visit plan workbook, read back with openpyxl: the what-if block, the employers in rank
order with the coverage reached row by row, text kept as text, no personal data.
(Beside the planner's query tests, whose store builder it shares.)"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from planner_builder import DAY, FY, MEMBERS, RANKED, planner_branch, write

from branchdesk.domain.errors import InputRejected, ValueRejected
from branchdesk.exchange.plan_export import LIST_HEADER, SHEET, export_plan
from branchdesk.store.connection import Store
from branchdesk.store.queries import planner
from branchdesk.store.registers import edit_employer


@pytest.fixture
def branch(tmp_path: Path) -> Iterator[Store]:
    yield from planner_branch(tmp_path)


def read_back(path: Path) -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(path)
    try:
        assert book.sheetnames == [SHEET]
        return [tuple(r) for r in book[SHEET].iter_rows(values_only=True)]
    finally:
        book.close()


def block(rows: list[tuple[Any, ...]]) -> dict[str, tuple[Any, ...]]:
    """The label → values of the rows above the list's header."""
    header = rows.index(LIST_HEADER)
    return {r[0]: r[1:4] for r in rows[:header] if r and isinstance(r[0], str)}


def listed(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return rows[rows.index(LIST_HEADER) + 1:]


@pytest.mark.parametrize("symbols", [
    ["20000005", "20000002", "10000099"],        # given out of order
    RANKED,
    ["20000001", "20000003"],                    # one has a member: not part of the plan
    [],
])
def test_the_plan_lists_the_candidates_in_rank_order(branch: Store, tmp_path: Path,
                                                     symbols: list[str]) -> None:
    path = tmp_path / "plan.xlsx"
    count = export_plan(branch, path, DAY, FY, symbols)
    rows = listed(read_back(path))
    expected = [s for s in RANKED if s in symbols]
    assert count == len(rows) == len(expected)
    assert [r[1] for r in rows] == expected
    assert [r[0] for r in rows] == list(range(1, len(expected) + 1))


def test_the_header_block_holds_the_what_if(branch: Store, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    chosen = ["10000099", "20000002", "20000005"]
    export_plan(branch, path, DAY, FY, chosen)
    rows = read_back(path)
    facts = block(rows)
    coverage = planner.coverage_what_if(branch, DAY, chosen)
    declarations = planner.declaration_what_if(branch, DAY, FY, chosen)
    assert facts["測定日"][0] == datetime(2025, 6, 30)
    assert facts["支部"][0] == "13 東京"
    assert facts["対象事業所数"][0] == 3
    # 540 / 1950 = 27.69…% → 27.7%; 1220 / 1950 = 62.56…% → 62.6% (half up, as on the page)
    assert facts["健康保険委員カバー率"] == (0.277, 0.626, 0.5)
    assert facts["委員のいる事業所の被保険者数"][:2] == (coverage.covered_now,
                                                        coverage.covered_after)
    assert facts["健康保険委員委嘱事業所数"][:2] == (coverage.employers_now,
                                                     coverage.employers_after)
    assert facts["健康宣言事業所数"] == (declarations.now, declarations.after, 3)


def test_each_row_carries_the_employer_and_the_coverage_reached(branch: Store,
                                                                tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    export_plan(branch, path, DAY, FY, ["20000004", "10000099"])
    first, second = listed(read_back(path))
    assert first == (1, "10000099", "オメガ物産", "131032", None, "卸売業・小売業", 300, None,
                     840, 0.431)
    assert second[1:8] == ("20000004", "医療法人イプシロン", "131024", None, "医療・福祉", 120,
                           "宣言中")
    assert second[8:] == (960, 0.492)


def test_text_that_looks_like_a_formula_stays_text(branch: Store, tmp_path: Path) -> None:
    write(branch, edit_employer, "20000002", {"name": "=HYPERLINK(\"x\")", "industry": "+製造"})
    path = tmp_path / "plan.xlsx"
    export_plan(branch, path, DAY, FY, ["20000002"])
    book = openpyxl.load_workbook(path)
    try:
        row = next(c for c in book[SHEET].iter_rows() if c[1].value == "20000002")
        assert (row[2].value, row[2].data_type) == ("=HYPERLINK(\"x\")", "s")
        assert (row[5].value, row[5].data_type) == ("+製造", "s")
    finally:
        book.close()


def test_no_member_name_reaches_the_workbook(branch: Store, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    export_plan(branch, path, DAY, FY, RANKED)
    cells = {str(v) for row in read_back(path) for v in row if v is not None}
    names = {m["name"] for m in MEMBERS}
    assert names and not names & cells
    assert not any(name in cell for cell in cells for name in names)


def test_an_unknown_symbol_writes_nothing(branch: Store, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    with pytest.raises(ValueRejected):
        export_plan(branch, path, DAY, FY, ["20000002", "99999999"])
    assert not path.exists()


def test_a_missing_folder_is_rejected(branch: Store, tmp_path: Path) -> None:
    with pytest.raises(InputRejected) as caught:
        export_plan(branch, tmp_path / "nowhere" / "plan.xlsx", DAY, FY, ["20000002"])
    assert caught.value.code == "output_folder_missing"
    assert list(tmp_path.glob("*.xlsx")) == []
