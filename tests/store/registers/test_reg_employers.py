"""The employer register: dated full snapshots, lost / reactivated, headcount history, edits."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import pytest

from branchdesk.domain.errors import InputRejected
from branchdesk.store.connection import Store
from branchdesk.store.registers import add_employer, apply_register, edit_employer

D1, D2, D3 = date(2024, 3, 31), date(2024, 6, 30), date(2024, 9, 30)


def lost_on(store: Store, symbol: str) -> str | None:
    return store.scalar("SELECT lost_on FROM employers WHERE symbol = ?", (symbol,))


def headcount(store: Store, symbol: str, as_of: date) -> int | None:
    return store.scalar(
        "SELECT h.insured FROM employer_headcounts h JOIN employers e ON e.id = h.employer_id "
        "JOIN employer_registers r ON r.id = h.register_id WHERE e.symbol = ? AND r.as_of = ?",
        (symbol, as_of.isoformat()))


def employer(store: Store, symbol: str) -> dict[str, Any]:
    row = store.conn.execute("SELECT * FROM employers WHERE symbol = ?", (symbol,)).fetchone()
    return dict(row)


def audit_count(store: Store) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM audit"))


def test_first_register_adds_every_employer_with_its_headcount(store, register, syms):
    listed = syms(12)
    changes = register(D1, listed)
    assert changes.added == listed
    assert changes.history == listed
    assert (changes.lost, changes.changed) == ([], [])
    assert store.scalar("SELECT listed || '/' || insured_total FROM employer_registers") == "12/120"


def test_a_register_listing_fewer_marks_the_rest_lost_at_its_date_and_keeps_history(
        store, register, syms):
    listed = syms(20)
    register(D1, listed)
    changes = register(D2, listed[1:])
    assert changes.lost == [listed[0]]
    assert lost_on(store, listed[0]) == D2.isoformat()
    assert headcount(store, listed[0], D1) == 10  # its earlier figures stay
    assert headcount(store, listed[0], D2) is None
    assert store.scalar("SELECT COUNT(*) FROM employers") == 20  # nothing deleted


def test_relisting_a_lost_employer_reactivates_it(store, register, syms):
    listed = syms(20)
    register(D1, listed)
    register(D2, listed[1:])
    changes = register(D3, listed)
    assert changes.reactivated == [listed[0]]
    assert listed[0] in changes.changed and listed[0] not in changes.unchanged
    assert lost_on(store, listed[0]) is None


def test_an_older_register_marks_nothing_lost_and_reactivates_nothing(store, register, syms):
    a, b, c, new = syms(4)
    register(D2, [a, b, c])
    register(D3, [a, b], confirm_lost=True)  # c lost at D3
    older = [{"symbol": a, "name": "古い名前", "insured": 3}, {"symbol": c, "insured": 4},
             {"symbol": new, "name": "台帳にだけあった事業所", "insured": 5}]
    changes = register(D1, older)
    assert changes.lost == [] and changes.reactivated == []
    assert (lost_on(store, b), lost_on(store, c)) == (None, D3.isoformat())
    assert employer(store, a)["name"] != "古い名前"  # older data never overwrites newer
    assert changes.added == [new] and changes.unchanged == [a, c]
    assert [headcount(store, s, D1) for s in (a, b, c, new)] == [3, None, 4, 5]
    # Later registers do not list the new one: it was lost by the next register's date.
    assert lost_on(store, new) == D2.isoformat()


@pytest.mark.parametrize(("active", "dropped", "confirm", "refused"), [
    (20, 2, False, False),   # exactly 10%: allowed
    (20, 3, False, True),    # 15%
    (20, 3, True, False),
    (10, 10, False, True),   # an empty register
    (10, 10, True, False),
])
def test_more_than_ten_percent_lost_is_refused_unless_confirmed(
        store, register, syms, active, dropped, confirm, refused):
    listed = syms(active)
    register(D1, listed)
    kept = listed[dropped:]
    if refused:
        with store.transaction(), pytest.raises(InputRejected) as error:
            before = audit_count(store)
            apply_register(store, D2, [{"symbol": s, "insured": 1} for s in kept],
                           confirm_lost=confirm)
        assert error.value.code == "register_too_many_lost"
        assert error.value.params["count"] == dropped
        assert error.value.params["active"] == active
        assert error.value.params["percent"] == round(100 * dropped / active, 1)
        assert audit_count(store) == before  # refused before anything was written
        assert store.scalar("SELECT COUNT(*) FROM employer_registers") == 1
    else:
        assert len(register(D2, kept, confirm_lost=confirm).lost) == dropped


def test_reimporting_the_same_register_changes_nothing(store, register, syms):
    listed = syms(15)
    register(D1, listed)
    stamps = store.query("SELECT symbol, changed_at FROM employers ORDER BY symbol")
    before = audit_count(store)
    changes = register(D1, listed)
    assert changes.nothing_changed
    assert changes.unchanged == listed
    assert changes.counts()["unchanged"] == 15 and changes.counts()["added"] == 0
    assert audit_count(store) == before
    assert store.query("SELECT symbol, changed_at FROM employers ORDER BY symbol") == stamps


def test_headcount_history_is_kept_per_register(store, register, syms, rows_for):
    listed = syms(3)
    register(D1, rows_for(listed, insured=10))
    register(D2, rows_for(listed, insured=12))
    assert [headcount(store, listed[0], d) for d in (D1, D2)] == [10, 12]
    totals = store.query("SELECT as_of, listed, insured_total FROM employer_registers "
                         "ORDER BY as_of")
    assert [tuple(r) for r in totals] == [(D1.isoformat(), 3, 30), (D2.isoformat(), 3, 36)]


def test_reimporting_a_register_date_replaces_its_headcounts(store, register, syms, rows_for):
    listed = syms(20)
    register(D1, rows_for(listed, insured=10))
    changes = register(D1, rows_for(listed[:-1], insured=11))
    assert headcount(store, listed[0], D1) == 11
    assert headcount(store, listed[-1], D1) is None
    assert changes.lost == [listed[-1]]
    assert store.scalar("SELECT COUNT(*) FROM employer_registers") == 1
    assert store.scalar("SELECT insured_total FROM employer_registers") == 19 * 11


@pytest.mark.parametrize(("import_name", "overwritten"), [
    ("本部の名称", True),     # head office wins over the app edit, and says so
    ("窓口で直した名称", False),  # head office agrees with the edit: nothing overwritten
])
def test_an_import_after_an_app_edit_reports_the_overwritten_record(
        store, register, syms, import_name, overwritten):
    symbol = syms(1)[0]
    register(D1, [symbol])
    with store.transaction():
        edited = edit_employer(store, symbol, {"name": "窓口で直した名称"})
    assert edited.changed == [symbol] and employer(store, symbol)["locally_edited"] == 1
    changes = register(D1, [{"symbol": symbol, "name": import_name, "insured": 10,
                             "dependents": 5}])
    assert changes.locally_edited_overwritten == ([symbol] if overwritten else [])
    assert employer(store, symbol)["name"] == import_name
    assert employer(store, symbol)["locally_edited"] == (0 if overwritten else 1)


@pytest.mark.parametrize(("row", "expected_address", "changed"), [
    ({}, "鳥取市東町1", False),               # column absent: stored value stays
    ({"address": None}, None, True),         # present and blank: cleared
    ({"address": "鳥取市西町2"}, "鳥取市西町2", True),
])
def test_absent_columns_leave_values_and_blank_cells_clear_them(
        store, register, syms, row, expected_address, changed):
    symbol = syms(1)[0]
    register(D1, [{"symbol": symbol, "name": "株式会社A", "address": "鳥取市東町1", "insured": 1}])
    changes = register(D1, [{"symbol": symbol, "insured": 1, **row}])
    assert employer(store, symbol)["address"] == expected_address
    assert employer(store, symbol)["name"] == "株式会社A"
    assert changes.changed == ([symbol] if changed else [])


def test_skipped_rows_whose_symbol_parsed_count_as_listed(store, register, syms):
    listed = syms(10)
    register(D1, listed)
    changes = register(D2, listed[:-1], extra=frozenset({listed[-1]}))
    assert changes.lost == []
    assert lost_on(store, listed[-1]) is None
    assert headcount(store, listed[-1], D2) is None  # nothing else is written for it


def test_an_employer_applied_after_the_register_date_is_not_marked_lost(store, register, syms):
    old, young = syms(2)
    register(D1, [old])
    with store.transaction():
        add_employer(store, {"symbol": young, "name": "新設事業所", "applied_on": D3})
    assert register(D2, [old]).lost == []


def test_search_key_follows_name_and_kana(store, register, syms):
    symbol = syms(1)[0]
    register(D1, [{"symbol": symbol, "name": "ＡＢＣ商事", "name_kana": "エービーシー",
                   "insured": 1}])
    assert employer(store, symbol)["search_key"] == f"abc商事\tえーびーしー\t{symbol}"
    with store.transaction():
        edit_employer(store, symbol, {"name": "ＸＹＺ商事"})
    assert employer(store, symbol)["search_key"] == f"xyz商事\tえーびーしー\t{symbol}"


@pytest.mark.parametrize(("call", "code"), [
    (lambda s: edit_employer(s, "31999999", {"name": "x"}), "employer_unknown"),
    (lambda s: edit_employer(s, "31000001", {"lost_on": None}), "employer_field_not_editable"),
    (lambda s: edit_employer(s, "31000001", {"name": None}), "register_field_required"),
    (lambda s: add_employer(s, {"symbol": "31000001", "name": "x"}), "employer_exists"),
    (lambda s: add_employer(s, {"symbol": "31000009", "name": "x", "insured": 3}),
     "employer_headcount_by_register"),
    (lambda s: add_employer(s, {"symbol": "31000009"}), "register_field_required"),
    (lambda s: apply_register(s, D2, [{"symbol": "31000009", "insured": 1}],
                              confirm_lost=True), "register_field_required"),
    (lambda s: apply_register(s, D2, [{"symbol": "31000001", "name": "x"}],
                              confirm_lost=True), "register_field_required"),
    (lambda s: apply_register(s, D2, [{"symbol": "31000001", "name": "x", "insured": 1},
                                      {"symbol": "31000001", "name": "y", "insured": 1}],
                              confirm_lost=True), "register_duplicate_key"),
])
def test_app_edits_and_registers_refuse_what_breaks_a_rule(store, register, call, code):
    register(D1, ["31000001"])
    with store.transaction(), pytest.raises(InputRejected) as error:
        call(store)
    assert error.value.code == code
    assert error.value.render("ja") != code  # the catalogue has the message


def test_an_employer_added_by_hand_is_locally_edited_and_in_no_register(store):
    with store.transaction():
        changes = add_employer(store, {"symbol": "31000077", "name": "手入力事業所"})
    assert changes.added == ["31000077"]
    assert employer(store, "31000077")["locally_edited"] == 1
    assert store.scalar("SELECT COUNT(*) FROM employer_headcounts") == 0


def test_exact_duplicate_rows_are_merged(store, register):
    row = {"symbol": "31000005", "name": "重複", "insured": 2}
    changes = register(D1, [row, dict(row)])
    assert changes.added == ["31000005"]


def test_twenty_thousand_employers_apply_quickly(store, register, syms, rows_for):
    listed = rows_for(syms(20_000))
    started = time.perf_counter()
    assert len(register(D1, listed).added) == 20_000
    first = time.perf_counter() - started
    started = time.perf_counter()
    assert register(D1, listed).nothing_changed
    again = time.perf_counter() - started
    assert first < 3.0 and again < 2.0, (first, again)
