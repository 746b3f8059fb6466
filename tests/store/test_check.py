"""`check`: every consistency check fires on a store built to break it; a sound store is clean."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from branchdesk.store.check import CheckReport, Finding, check_store, missing_standard_parts
from branchdesk.store.connection import Store, open_store

if TYPE_CHECKING:
    from conftest import StoreRows

FULL_ITEMS = "健診受診率 100%、保健指導実施率 60%、運動: ウォーキング"


def sound_branch(rows: StoreRows) -> dict[str, int]:
    """A small branch with every kind of record, all consistent; returns the employer ids."""
    a = rows.employer("10000001")
    b = rows.employer("10000002")
    lost = rows.employer("10000003", lost_on="2025-03-31")
    rows.employer("10000004")  # entered by hand, in no register yet: counts nowhere, no finding
    rows.register("2024-03-31", [a, b, lost])
    rows.register("2025-03-31", [a, b])
    rows.declaration(a, "2024-05-01", kind="standard", items=FULL_ITEMS, karte_on="2024-04-10",
                     status="withdrawn", withdrawn_on="2024-10-01")
    rows.declaration(a, "2024-10-01")  # declared again on the day of the withdrawal
    rows.declaration(lost, "2024-06-01", status="withdrawn", withdrawn_on="2025-03-31")
    rows.member(a, "2024-04-01", "2025-03-31")
    rows.member(b, "2024-04-01", "2024-04-01")
    case = rows.referral("P0001", "2024-06-01", visit_on="2024-08-01", employer_id=a)
    rows.referral("P0002", "2024-06-01", visit_on="2024-06-01")
    rows.action(case, "2024-07-01")
    rows.generic(202503, 800.0, 200.0)
    return {"a": a, "b": b, "lost": lost}


def without_foreign_keys(store: Store, sql: str) -> None:
    """Run ``sql`` with foreign keys off (how a broken store from elsewhere could look)."""
    store.conn.execute("PRAGMA foreign_keys = OFF")
    store.conn.execute(sql)
    store.conn.execute("PRAGMA foreign_keys = ON")


def test_sound_store_is_clean(store: Store, rows: StoreRows) -> None:
    sound_branch(rows)
    report = check_store(store)
    assert report.integrity == [] and report.findings == []
    assert report.exit_code == 0
    assert report.render("ja") == ["問題は見つかりませんでした"]
    assert report.render("en") == ["No problems found"]


def test_empty_store_is_clean(store: Store) -> None:
    assert check_store(store).exit_code == 0


Break = Callable[[Store, "StoreRows", dict[str, int]], None]


def _member_of_unknown_employer(store: Store, rows: StoreRows, ids: dict[str, int]) -> None:
    without_foreign_keys(store, "INSERT INTO committee_members(employer_id, name, name_key, "
                                "appointed_on, uid) "
                                "VALUES (999, '佐藤', '佐藤', '2024-04-01', 'm9')")


def _declared_after_lost(store: Store, rows: StoreRows, ids: dict[str, int]) -> None:
    rows.declaration(ids["lost"], "2025-03-31")  # on the day it was lost


def _withdrawn_without_date(store: Store, rows: StoreRows, ids: dict[str, int]) -> None:
    rows.declaration(ids["b"], "2024-07-01", status="withdrawn")


def _withdrawn_before_declared(store: Store, rows: StoreRows, ids: dict[str, int]) -> None:
    rows.declaration(ids["b"], "2024-07-01", status="withdrawn", withdrawn_on="2024-06-30")


def _terminated_before_appointed(store: Store, rows: StoreRows, ids: dict[str, int]) -> None:
    member = rows.member(ids["b"], "2024-04-01", "2024-03-31", name="鈴木一郎")
    store.conn.execute("UPDATE committee_members SET uid = 'm1' WHERE id = ?", (member,))


def _standard_without_field_item(store: Store, rows: StoreRows, ids: dict[str, int]) -> None:
    rows.declaration(ids["b"], "2024-07-01", kind="standard", karte_on="2024-06-01",
                     items="健診受診率 100%、保健指導実施率 60%")


def _visit_before_checkup(store: Store, rows: StoreRows, ids: dict[str, int]) -> None:
    rows.referral("P0003", "2024-06-01", visit_on="2024-05-31", uid="c3")


def _action_before_checkup(store: Store, rows: StoreRows, ids: dict[str, int]) -> None:
    case = rows.referral("P0003", "2024-06-01", uid="c3")
    action = rows.action(case, "2024-05-31")
    store.conn.execute("UPDATE referral_actions SET uid = 'a3' WHERE id = ?", (action,))


def _negative_generic(store: Store, rows: StoreRows, ids: dict[str, int]) -> None:
    rows.generic(202504, 800.0, -1.0)


def _negative_biosimilar(store: Store, rows: StoreRows, ids: dict[str, int]) -> None:
    store.conn.execute("INSERT INTO biosimilar_stats(month, ingredient, ingredient_key, bs_qty,"
                       " ref_qty) VALUES (202504, 'インスリン', 'インスリン', -5, 10)")


def _lost_but_listed(store: Store, rows: StoreRows, ids: dict[str, int]) -> None:
    store.conn.execute("UPDATE employers SET lost_on = '2025-03-31' WHERE id = ?", (ids["b"],))


def _active_not_listed(store: Store, rows: StoreRows, ids: dict[str, int]) -> None:
    store.conn.execute("UPDATE employers SET lost_on = NULL WHERE id = ?", (ids["lost"],))


def _two_declarations_in_force(store: Store, rows: StoreRows, ids: dict[str, int]) -> None:
    rows.declaration(ids["b"], "2024-07-01")
    rows.declaration(ids["b"], "2025-01-10", kind="standard", items=FULL_ITEMS,
                     karte_on="2024-12-01")


@pytest.mark.parametrize(("break_it", "expected", "exit_code"), [
    (_member_of_unknown_employer,
     Finding("check_member_unknown_employer", "committee_members", "m9", {"employer_id": 999}),
     3),  # also a foreign-key violation: an integrity failure
    (_declared_after_lost,
     Finding("check_declaration_after_lost", "declarations", "10000003",
             {"declared_on": "2025-03-31", "lost_on": "2025-03-31"}), 4),
    (_withdrawn_without_date,
     Finding("check_withdrawn_without_date", "declarations", "10000002",
             {"declared_on": "2024-07-01"}), 4),
    (_withdrawn_before_declared,
     Finding("check_withdrawn_before_declared", "declarations", "10000002",
             {"declared_on": "2024-07-01", "withdrawn_on": "2024-06-30"}), 4),
    (_terminated_before_appointed,
     Finding("check_member_terminated_before_appointed", "committee_members", "m1",
             {"symbol": "10000002", "appointed_on": "2024-04-01",
              "terminated_on": "2024-03-31"}), 4),
    (_standard_without_field_item,
     Finding("check_standard_content", "declarations", "10000002",
             {"declared_on": "2024-07-01", "missing": ["field"]}), 0),  # a warning
    (_visit_before_checkup,
     Finding("check_visit_before_checkup", "referral_cases", "c3", {}), 0),  # a warning
    (_action_before_checkup,
     Finding("check_action_before_checkup", "referral_actions", "a3", {"case_uid": "c3"}), 4),
    (_negative_generic,
     Finding("check_generic_negative", "generic_stats", "202504/branch/31/total",
             {"field": "brand_qty", "value": -1.0}), 4),
    (_negative_biosimilar,
     Finding("check_biosimilar_negative", "biosimilar_stats", "202504/インスリン/",
             {"field": "bs_qty", "value": -5.0}), 4),
    (_lost_but_listed,
     Finding("check_lost_but_listed", "employers", "10000002",
             {"lost_on": "2025-03-31", "as_of": "2025-03-31"}), 4),
    (_active_not_listed,
     Finding("check_active_not_listed", "employers", "10000003", {"as_of": "2025-03-31"}), 4),
    (_two_declarations_in_force,
     Finding("check_declarations_overlap", "declarations", "10000002",
             {"first_on": "2024-07-01", "second_on": "2025-01-10"}), 4),
])
def test_each_check_fires_on_a_store_built_to_break_it(
        store: Store, rows: StoreRows, break_it: Break, expected: Finding,
        exit_code: int) -> None:
    ids = sound_branch(rows)
    break_it(store, rows, ids)
    report = check_store(store)
    assert report.findings == [expected]
    assert report.exit_code == exit_code
    lines = report.render("en")
    assert lines[0] != lines[-1] and expected.key in "\n".join(lines)


def test_findings_never_show_names_or_referral_values(store: Store, rows: StoreRows) -> None:
    ids = sound_branch(rows)
    rows.member(ids["b"], "2024-04-01", "2024-03-31", name="秘密太郎")
    rows.referral("SECRET-PERSON", "2024-06-01", visit_on="2024-05-31", sbp=187.5)
    text = "\n".join(check_store(store).render("ja") + check_store(store).render("en"))
    assert "秘密太郎" not in text and "SECRET-PERSON" not in text and "187.5" not in text
    assert "2024-05-31" not in text


def test_rendered_finding_names_the_value_and_the_rule(store: Store, rows: StoreRows) -> None:
    ids = sound_branch(rows)
    _standard_without_field_item(store, rows, ids)
    _negative_generic(store, rows, ids)
    ja = check_store(store).render("ja")
    assert ja == [  # problems first, then warnings
        "ジェネリック統計 202504/branch/31/total: 先発医薬品数量 が負の値です（-1.0）",
        "健康宣言 10000002（宣言日 2024-07-01）: 標準の宣言ですが要件を満たしていません"
        "（不足: 運動・食生活・こころ・休養・たばこ・アルコールのいずれかの項目）",
        "整合性の異常 0 件、データの不整合 1 件、警告 1 件",
    ]


def test_damaged_pages_are_an_integrity_failure(store: Store, rows: StoreRows) -> None:
    for i in range(200):
        rows.employer(f"2{i:07d}")
    root = store.scalar("SELECT rootpage FROM sqlite_master "
                        "WHERE tbl_name = 'employers' AND sql IS NULL ORDER BY name DESC")
    page_size = store.scalar("PRAGMA page_size")
    store.close()
    data = bytearray(store.path.read_bytes())
    end = root * page_size
    data[end - 600:end - 10] = bytes(590)  # wipe index cells of an employers index
    store.path.write_bytes(bytes(data))
    with open_store(store.path) as damaged:
        report = check_store(damaged)
    assert report.exit_code == 3
    assert any("missing from index" in line for line in report.integrity)
    assert report.render("en")[0].startswith("Integrity check failed: ")


def test_exit_code_ranks_integrity_over_findings_over_warnings() -> None:
    warning = Finding("check_standard_content", "declarations", "1", {"declared_on": "x",
                                                                       "missing": ["karte"]})
    error = Finding("check_action_before_checkup", "referral_cases", "u", {"case_uid": "c"})
    assert CheckReport([], [warning]).exit_code == 0
    assert CheckReport([], [warning, error]).exit_code == 4
    assert CheckReport(["row 1 missing from index"], [error]).exit_code == 3


@pytest.mark.parametrize(("items", "karte_on", "missing"), [
    (FULL_ITEMS, "2024-04-01", []),
    ("健診の受診率、保健指導の実施率、こころの健康づくり・休養", "2024-04-01", []),
    (json.dumps(["健診受診率", "保健指導実施率", "たばこ"]), "2024-04-01", []),
    (json.dumps({"健診受診率": 100, "保健指導実施率": 60, "食生活・栄養": "朝食"}),
     "2024-04-01", []),
    (json.dumps([{"item": "健診受診率", "target": 100}, {"item": "保健指導実施率"},
                 {"item": "アルコール"}]), "2024-04-01", []),
    ("健診受診率\n保健指導実施率\nｱﾙｺｰﾙ", "2024-04-01", []),  # half-width kana
    ("checkup, guidance, exercise", "2024-04-01", []),
    ("健診受診率/運動", "2024-04-01", ["guidance"]),
    ("保健指導実施率、禁煙", None, ["checkup", "karte"]),
    (FULL_ITEMS, "2024-05-01", ["karte"]),  # given on the day, not before
    (FULL_ITEMS, "2024-06-01", ["karte"]),
    (None, "2024-04-01", ["checkup", "guidance", "field"]),
    ("", None, ["checkup", "guidance", "field", "karte"]),
])
def test_standard_content_rule(items: str | None, karte_on: str | None,
                               missing: list[str]) -> None:
    assert missing_standard_parts(items, karte_on, "2024-05-01") == missing


def test_check_runs_on_a_read_only_store(store: Store, rows: StoreRows) -> None:
    ids = sound_branch(rows)
    _action_before_checkup(store, rows, ids)
    store.close()
    with open_store(store.path) as reader:
        assert not reader.writable
        assert check_store(reader).exit_code == 4
    conn = sqlite3.connect(store.path)
    assert conn.execute("SELECT count(*) FROM referral_cases").fetchone()[0] == 3
    conn.close()
