"""The 健康宣言 list's queries: search, filters, SQL sort, rows by ids, detail with history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pages_builder import branch_fixture, declaration, write

from branchdesk.store.connection import Store
from branchdesk.store.queries import declarations as q
from branchdesk.store.registers import upsert_declarations, withdraw_declaration


@pytest.fixture
def branch(tmp_path: Path) -> Iterator[Store]:
    """The small branch of ``pages_builder``."""
    yield from branch_fixture(tmp_path)


def symbols(store: Store, flt: q.DeclarationFilter, order: str = "declared_on",
            descending: bool = False) -> list[tuple[str, str]]:
    rows = q.rows_by_ids(store, q.ids(store, flt, order, descending))
    return [(rows[i][0], rows[i][2]) for i in q.ids(store, flt, order, descending)]


@pytest.mark.parametrize(("search", "expected"), [
    ("", 5),
    ("10000003", 2),            # the 事業所記号
    ("1000000", 5),             # digits: a 事業所記号 being typed, matched as a prefix
    ("00003", 0),
    ("１００００００３", 2),     # full-width digits
    ("サンプル", 1),             # the name
    ("ｻﾝﾌﾟﾙ", 1),               # half-width katakana
    ("さんぷる", 1),             # hiragana finds the katakana
    ("abc", 2),                 # ＡＢＣ物流, case and width insensitive
    ("やまだ", 1),               # through the kana
    ("存在しない", 0),
])
def test_search_matches_symbol_name_and_kana(branch: Store, search: str, expected: int) -> None:
    assert len(q.ids(branch, q.DeclarationFilter(search=search))) == expected


@pytest.mark.parametrize(("flt", "expected"), [
    (q.DeclarationFilter(status="active"), {"2023-05-01", "2023-06-15", "2024-12-01",
                                            "2025-01-10"}),
    (q.DeclarationFilter(status="withdrawn"), {"2024-04-01"}),
    (q.DeclarationFilter(kind="conventional"), {"2023-06-15"}),
    (q.DeclarationFilter(declared_from=date(2024, 4, 1), declared_to=date(2025, 3, 31)),
     {"2024-04-01", "2024-12-01", "2025-01-10"}),
    (q.DeclarationFilter(search="10000003", status="active"), {"2024-12-01"}),
])
def test_filters(branch: Store, flt: q.DeclarationFilter, expected: set[str]) -> None:
    assert {day for _, day in symbols(branch, flt)} == expected


@pytest.mark.parametrize("column", q.COLUMN_KEYS)
@pytest.mark.parametrize("descending", [False, True])
def test_sort_is_done_in_sql_by_every_column(branch: Store, column: str,
                                             descending: bool) -> None:
    ids = q.ids(branch, q.DeclarationFilter(), column, descending)
    rows = q.rows_by_ids(branch, ids)
    position = q.COLUMN_KEYS.index(column)
    values = [rows[i][position] for i in ids]
    if column == "employer_name":  # 五十音 order: by the kana
        kana = dict(branch.query("SELECT name, name_kana FROM employers"))
        values = [kana[v] for v in values]
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=descending)
    assert len(ids) == 5


def test_unknown_sort_column_is_refused(branch: Store) -> None:
    with pytest.raises(ValueError, match="unknown column"):
        q.ids(branch, q.DeclarationFilter(), "uid")


def test_rows_by_ids_reads_more_than_one_chunk(branch: Store) -> None:
    wanted = list(q.ids(branch, q.DeclarationFilter())) + list(range(10_000, 11_000))
    rows = q.rows_by_ids(branch, wanted)
    assert len(rows) == 5  # unknown ids are simply absent
    first = rows[min(rows)]
    assert first[:4] == ("10000001", "株式会社サンプル商事", "2023-05-01", "standard")


def test_detail_shows_items_and_the_audit_history_of_a_withdrawal(branch: Store) -> None:
    write(branch, withdraw_declaration, "10000001", date(2023, 5, 1), date(2025, 2, 1), "解散")
    found = q.id_by_key(branch, "10000001", date(2023, 5, 1))
    assert found is not None
    detail = q.detail(branch, found)
    assert detail is not None
    assert detail.items == ["健診受診率 100%", "保健指導実施率 80%"]
    assert (detail.values["status"], detail.values["withdrawn_on"]) == ("withdrawn",
                                                                        "2025-02-01")
    actions = [entry["action"] for entry in detail.history]
    assert actions == ["insert", "update"]
    assert detail.history[1]["changes"]["withdrawn_on"] == [None, "2025-02-01"]
    assert detail.values["locally_edited"] == 1


def test_a_declaration_added_in_the_app_has_its_own_insert_entry(branch: Store) -> None:
    write(branch, upsert_declarations, [declaration("10000004", "2025-02-01")], source="app")
    found = q.id_by_key(branch, "10000004", date(2025, 2, 1))
    detail = q.detail(branch, found or 0)
    assert detail is not None and detail.employer_name == "みどり会計事務所"
    assert [(e["action"], e["changes"]["source"]) for e in detail.history] == [("insert", "app")]


def test_detail_of_a_missing_id_is_none(branch: Store) -> None:
    assert q.detail(branch, 999) is None


@pytest.mark.parametrize(("text", "items"), [
    (None, []),
    ('["運動 週2回", "食生活"]', ["運動 週2回", "食生活"]),
    ("運動 週2回\n\n食生活", ["運動 週2回", "食生活"]),
    ('"たばこ"', ["たばこ"]),
])
def test_items_are_read_from_json_or_lines(text: str | None, items: list[str]) -> None:
    assert q.parse_items(text) == items


def test_employer_lookup_and_fiscal_years(branch: Store) -> None:
    found = q.employer_by_symbol(branch, "10000002")
    assert found is not None and found.name == "山田工業有限会社"
    assert q.employer_by_symbol(branch, "99999999") is None
    assert q.fiscal_years(branch) == [2024, 2023]
    assert q.count(branch) == 5
