"""The 事業所 list's queries (Qt-free): search, every filter, sort by each column, rows by ids in
blocks, the detail with audit history, and answers that follow writes."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from branchdesk.store import registers
from branchdesk.store.connection import Store, create_store, open_store
from branchdesk.store.queries import employer_sets
from branchdesk.store.queries import employers as q
from branchdesk.store.queries.employers import EmployerFilters

OLD, LATEST = date(2024, 3, 31), date(2025, 3, 31)
ON = date(2025, 6, 1)

#: symbol: (name, kana, municipality, insured in the older register, in the latest one).
EMPLOYERS: dict[str, tuple[str, str | None, str | None, int, int | None]] = {
    "10000001": ("株式会社サンプル商事", "サンプルショウジ", "131016", 4, 5),
    "10000002": ("ｻﾝﾌﾟﾙ工業株式会社", "サンプルコウギョウ", "131024", 11, 12),
    "20000003": ("ＡＢＣ物産", "エービーシーブッサン", "131016", 55, 60),
    "20000004": ("山田製作所", "ヤマダセイサクショ", "131032", 340, 350),
    "30000005": ("青空運輸", "アオゾラウンユ", "131024", 20, None),  # lost at LATEST
    "30000006": ("みどり食品", None, None, 9, 9),
}
HAND_ADDED = "40000007"  # 手入力商店: in no register


def build_store(path: Path) -> Path:
    """A store with two registers, declarations, members, a contact and an edit."""
    store = create_store(path, "13")
    with store, store.transaction():
        for as_of, column in ((OLD, 3), (LATEST, 4)):
            rows: list[Any] = [
                {"symbol": s, "name": v[0], "name_kana": v[1], "municipality_code": v[2],
                 "insured": v[column], "industry": "建設業"}
                for s, v in EMPLOYERS.items() if v[column] is not None]
            registers.apply_register(store, as_of, rows, confirm_lost=True)
        registers.add_employer(store, {"symbol": HAND_ADDED, "name": "手入力商店",
                                       "name_kana": "テニュウリョクショウテン"})
        _declarations_members_contacts(store)
        registers.edit_employer(store, "10000001", {"address": "東京都千代田区1-1"})
        store.conn.execute(
            "INSERT INTO generic_stats (month, unit, code, name, claim_type) VALUES "
            "(202503, 'municipality', '131016', '千代田区', 'total')")
    return path


def _declarations_members_contacts(store: Store) -> None:
    registers.upsert_declarations(store, [
        {"symbol": "10000001", "declared_on": date(2024, 6, 1), "kind": "standard"},
        {"symbol": "10000002", "declared_on": date(2024, 6, 1), "kind": "conventional"},
        {"symbol": "20000003", "declared_on": date(2024, 1, 1), "kind": "standard",
         "status": "withdrawn", "withdrawn_on": date(2025, 1, 10)},
        {"symbol": "20000004", "declared_on": date(2025, 7, 1), "kind": "standard"},
    ], source="import")
    registers.upsert_members(store, [
        {"symbol": "10000001", "name": "佐藤　花子", "appointed_on": date(2023, 4, 1)},
        {"symbol": "20000003", "name": "鈴木　一郎", "appointed_on": date(2024, 1, 1),
         "terminated_on": date(2025, 2, 1), "termination_reason": "retired"},
        {"symbol": "20000004", "name": "田中　次郎", "appointed_on": date(2025, 4, 1)},
    ], source="import")
    registers.add_contact(store, contact_on=date(2025, 5, 1), kind="visit", symbol="10000001",
                          staff="保健グループ", title="健康宣言の説明")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("employers") / "store.db")


@pytest.fixture(scope="module")
def store(store_path: Path) -> Iterator[Store]:
    with open_store(store_path) as s:
        yield s


@pytest.fixture
def private_path(store_path: Path, tmp_path: Path) -> Path:
    """A copy of the module's store that a test may write to."""
    path = tmp_path / "store.db"
    shutil.copyfile(store_path, path)
    return path


def symbols(store: Store, ids: Any) -> list[str]:
    rows = q.rows_by_ids(store, list(ids))
    return [rows[i][q.ROW_FIELDS.index("symbol")] for i in ids]


def matching(store: Store, search: str = "", **filters: Any) -> set[str]:
    return set(symbols(store, q.ids(store, search=search, filters=EmployerFilters(**filters))))


ALL = {*EMPLOYERS, HAND_ADDED}


@pytest.mark.parametrize(("search", "expected"), [
    ("サンプル", {"10000001", "10000002"}),          # kana name and half-width name
    ("ｻﾝﾌﾟﾙ", {"10000001", "10000002"}),             # half-width query
    ("さんぷる", {"10000001", "10000002"}),          # hiragana query, katakana stored
    ("abc", {"20000003"}),                            # full-width Latin stored, any case
    ("ＡＢＣ", {"20000003"}),
    ("やまだ", {"20000004"}),
    ("山田", {"20000004"}),
    ("ミドリ", {"30000006"}),                        # hiragana name, no kana stored
    ("サンプル　商事", {"10000001"}),                # spaces do not matter
    ("1000000", {"10000001", "10000002"}),           # digits: 事業所記号 prefix
    ("２００００００３", {"20000003"}),              # full-width digits
    ("00000", set()),                                 # a prefix, not anywhere in the symbol
    ("存在しない", set()),
    ("", ALL),
    ("　 ", ALL),
])
@pytest.mark.parametrize("warm", [False, True], ids=["sql_scan", "copy_in_memory"])
def test_search_is_width_kana_and_case_insensitive(store: Store, search: str,
                                                   expected: set[str], warm: bool) -> None:
    employer_sets.memo_of(store).clear()
    if warm:
        q.warm_search(store)
    assert matching(store, search) == expected


@pytest.mark.parametrize(("filters", "expected"), [
    ({"status": "active"}, ALL - {"30000005"}),
    ({"status": "lost"}, {"30000005"}),
    ({"declared": True, "on": ON}, {"10000001"}),
    ({"declared": True, "on": date(2024, 12, 31)}, {"10000001", "20000003"}),
    ({"declared": False, "on": ON}, ALL - {"10000001"}),
    ({"has_member": True, "on": ON}, {"10000001", "20000004"}),
    ({"has_member": True, "on": date(2025, 1, 31)}, {"10000001", "20000003"}),
    ({"has_member": False, "on": ON}, ALL - {"10000001", "20000004"}),
    ({"municipality_code": "131016"}, {"10000001", "20000003"}),
    ({"size_band": "1-9"}, {"10000001", "30000006"}),
    ({"size_band": "10-49"}, {"10000002"}),
    ({"size_band": "50-299"}, {"20000003"}),
    ({"size_band": "300+"}, {"20000004"}),
    ({"status": "active", "municipality_code": "131024"}, {"10000002"}),
    ({"declared": False, "has_member": True, "on": ON}, {"20000004"}),
])
def test_each_filter_selects_its_employers(store: Store, filters: dict[str, Any],
                                           expected: set[str]) -> None:
    assert matching(store, **filters) == expected


def test_search_and_filters_combine(store: Store) -> None:
    assert matching(store, "サンプル", municipality_code="131024") == {"10000002"}


def _expected_order(key: str, ascending: bool) -> list[str]:
    """The order SQL gives: by the column (None first ascending), ties by id; 被保険者数
    missing last either way."""
    ids = {s: i for i, s in enumerate([*EMPLOYERS, HAND_ADDED], start=1)}
    value = {
        "symbol": lambda s: s,
        "name": lambda s: EMPLOYERS[s][0] if s in EMPLOYERS else "手入力商店",
        "name_kana": lambda s: EMPLOYERS[s][1] if s in EMPLOYERS else "テニュウリョクショウテン",
        "municipality_code": lambda s: EMPLOYERS[s][2] if s in EMPLOYERS else None,
        "lost_on": lambda s: "2025-03-31" if s == "30000005" else None,
        "insured": lambda s: EMPLOYERS[s][4] if s in EMPLOYERS else None,
    }[key]
    present = [s for s in ids if value(s) is not None]
    missing = [s for s in ids if value(s) is None]
    present.sort(key=lambda s: (value(s), ids[s]), reverse=not ascending)
    missing.sort(key=lambda s: ids[s], reverse=not ascending)
    if key == "insured" or not ascending:
        return present + missing
    return missing + present


@pytest.mark.parametrize("ascending", [True, False])
@pytest.mark.parametrize("key", q.SORT_KEYS)
def test_sort_by_each_column(store: Store, key: str, ascending: bool) -> None:
    assert symbols(store, q.ids(store, order=(key, ascending))) == _expected_order(key,
                                                                                   ascending)


@pytest.mark.parametrize("key", ["symbol", "name", "name_kana", "municipality_code", "lost_on"])
def test_sort_equals_sql_order_by(store: Store, key: str) -> None:
    plain = [r[0] for r in store.query(f"SELECT id FROM employers ORDER BY {key}, id")]
    assert list(q.ids(store, order=(key, True))) == plain


def test_sorted_and_filtered_keeps_the_order(store: Store) -> None:
    found = symbols(store, q.ids(store, filters=EmployerFilters(status="active"),
                                 order=("insured", False)))
    assert found == ["20000004", "20000003", "10000002", "30000006", "10000001", HAND_ADDED]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"order": ("address", True)}, "unknown column"),
    ({"filters": EmployerFilters(status="closed")}, "status"),
    ({"filters": EmployerFilters(size_band="1000+")}, "size band"),
])
def test_unknown_values_are_refused(store: Store, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        q.ids(store, **kwargs)


def test_rows_by_ids_reads_the_latest_headcount(store: Store) -> None:
    rows = {r[0]: r for r in q.rows_by_ids(store, list(q.ids(store))).values()}
    assert rows["20000004"] == ("20000004", "山田製作所", "ヤマダセイサクショ", "131032", 350,
                                None, "建設業")
    assert rows["30000005"][4:6] == (None, "2025-03-31")
    assert rows[HAND_ADDED][4] is None


def test_rows_by_ids_answers_in_blocks_and_skips_unknown_ids(tmp_path: Path) -> None:
    store = create_store(tmp_path / "big.db", "13")
    with store, store.transaction():
        registers.apply_register(store, LATEST, [
            {"symbol": f"{n:08d}", "name": f"事業所{n}", "insured": n % 50 + 1}
            for n in range(1, 1201)], confirm_lost=False)
    with open_store(tmp_path / "big.db") as reader:
        rows = q.rows_by_ids(reader, list(range(1, 1301)))
        assert len(rows) == 1200
        assert rows[1200] == ("00001200", "事業所1200", None, None, 1, None, None)


def test_municipalities_come_with_names_where_known(store: Store) -> None:
    assert q.municipalities(store) == [("131016", "千代田区"), ("131024", ""), ("131032", "")]


def test_detail_holds_history_declarations_members_contacts_and_audit(store: Store) -> None:
    employer_id = q.ids(store, search="10000001")[0]
    detail = q.detail(store, employer_id)
    assert detail is not None
    assert detail.fields["address"] == "東京都千代田区1-1"
    assert [(h.as_of, h.insured) for h in detail.headcounts] == [("2024-03-31", 4),
                                                                 ("2025-03-31", 5)]
    assert [(d["declared_on"], d["kind"]) for d in detail.declarations] == [
        ("2024-06-01", "standard")]
    assert [m["name"] for m in detail.members] == ["佐藤　花子"]
    assert [c["title"] for c in detail.contacts] == ["健康宣言の説明"]
    actions = [h["action"] for h in detail.history]
    assert actions[0] == "insert" and actions[-1] == "update"
    assert detail.history[-1]["changes"] == {"address": [None, "東京都千代田区1-1"]}


def test_detail_lists_members_in_office_first(store: Store) -> None:
    detail = q.detail(store, q.ids(store, search="20000003")[0])
    assert detail is not None
    assert [m["terminated_on"] for m in detail.members] == ["2025-02-01"]
    assert [d["status"] for d in detail.declarations] == ["withdrawn"]


def test_detail_of_an_unknown_id_is_none(store: Store) -> None:
    assert q.detail(store, 999_999) is None


@pytest.mark.parametrize("warm", [False, True], ids=["sql_scan", "copy_in_memory"])
def test_answers_follow_a_write_by_another_connection(private_path: Path, warm: bool) -> None:
    with open_store(private_path) as reader:
        if warm:
            q.warm_search(reader)
        assert matching(reader, "新規") == set()
        assert len(q.ids(reader, filters=EmployerFilters(status="lost"))) == 1
        with open_store(private_path, write=True) as writer, writer.transaction():
            registers.add_employer(writer, {"symbol": "50000008", "name": "新規商会"})
            writer.conn.execute("UPDATE employers SET lost_on = NULL")
        assert matching(reader, "新規") == {"50000008"}
        assert len(q.ids(reader, filters=EmployerFilters(status="lost"))) == 0
        assert q.ids(reader, order=("symbol", False))[0] == q.ids(reader, search="50000008")[0]


@pytest.mark.parametrize("warm", [False, True], ids=["sql_scan", "copy_in_memory"])
def test_answers_follow_a_write_on_the_same_connection(private_path: Path, warm: bool) -> None:
    with open_store(private_path, write=True) as store:
        if warm:
            q.warm_search(store)
        assert matching(store, "改称") == set()
        with store.transaction():
            registers.edit_employer(store, "20000004", {"name": "改称製作所"})
        if warm:
            q.warm_search(store)  # the old copy was dropped with the write: a new one
        assert matching(store, "改称") == {"20000004"}
        assert matching(store, "やまだ") == {"20000004"}  # the kana still matches
        assert matching(store, "山田") == set()


TEXTS = {1: "abc", 2: "de\nf", 3: None, 4: "xxcxx", 5: "𠮷野家", 6: ""}


@pytest.mark.parametrize(("needle", "expected"), [
    ("c", [1, 4]),
    ("x", [4]),             # one row however often it holds the needle
    ("xcx", [4]),
    ("cd", []),             # never across two rows' texts
    ("ef", []), ("e f", [2]),  # a newline in a text is a space
    ("𠮷野", [5]),           # beyond the BMP: two UTF-16 units
    ("野家", [5]),
    ("abcd", []),
    ("", [1, 2, 3, 4, 5, 6]),
    ("\n", []),
])
def test_a_text_index_finds_what_instr_finds(needle: str, expected: list[int]) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", TEXTS.items())
    index = employer_sets.load_texts(conn, "SELECT id, text FROM t ORDER BY id")
    assert sorted(index.matching(needle).tolist()) == expected
    scanned = [r[0] for r in conn.execute(
        "SELECT id FROM t WHERE instr(replace(COALESCE(text, ''), char(10), ' '), ?) > 0 "
        "ORDER BY id", (needle,))]
    assert expected == scanned


def test_a_search_uses_the_copy_in_memory_once_warmed(store: Store) -> None:
    employer_sets.memo_of(store).clear()
    assert employer_sets.memo_of(store).peek(store, ("search_texts",)) is None
    q.warm_search(store)
    texts = employer_sets.memo_of(store).peek(store, ("search_texts",))
    assert sorted(texts.ids.tolist()) == sorted(q.ids(store))
    assert matching(store, "サンプルコウ") == {"10000002"}
