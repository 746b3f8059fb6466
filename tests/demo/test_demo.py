"""The synthetic demo branch (`branchdesk demo`), small scale: sizes, valid codes, realistic
distributions, a KPI sheet with a mix of statuses, and the same data for the same seed."""

from __future__ import annotations

import hashlib
import re
import statistics
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from branchdesk.demo import SCALES, generate
from branchdesk.domain.errors import Cancelled, InputRejected
from branchdesk.domain.identifiers import validate_institution_code, validate_municipality_code
from branchdesk.domain.normalize import search_key
from branchdesk.store.check import check_store
from branchdesk.store.connection import Store, create_store, open_store
from branchdesk.store.kpi_sheet import kpi_sheet

SMALL = SCALES["small"]
#: Tables compared between two runs (audit, uids and time stamps differ by design).
DIGEST_TABLES = ("employers", "employer_registers", "employer_headcounts", "declarations",
                 "committee_members", "member_events", "generic_stats", "biosimilar_stats",
                 "referral_cases", "referral_actions", "contacts", "seminar_attendance",
                 "kpi_sheet_rows")
#: A fixed as-of date after the data, so no test depends on today.
AS_OF = date(2027, 1, 15)
END = "2026-03-31"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    generate(path, scale="small", seed=1)
    return path


@pytest.fixture
def store(demo: Path) -> Iterator[Store]:
    with open_store(demo) as opened:
        yield opened


def digest(path: Path) -> str:
    """SHA-256 over the main tables, without uid, created_at and changed_at."""
    h = hashlib.sha256()
    with open_store(path) as s:
        for table in DIGEST_TABLES:
            columns = [r[1] for r in s.query(f"PRAGMA table_info({table})")
                       if r[1] not in ("uid", "created_at", "changed_at")]
            order = "id" if "id" in columns else "register_id, employer_id"
            for row in s.conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"):
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()


@pytest.mark.parametrize(("what", "sql", "expected"), [
    ("employers", "SELECT COUNT(*) FROM employers", SMALL.employers),
    ("quarterly registers FY2022–FY2025", "SELECT COUNT(*) FROM employer_registers", 16),
    ("declarations in force at the end",
     "SELECT COUNT(*) FROM declarations WHERE status = 'active'", SMALL.declarations),
    ("committee members in office at the end",
     f"SELECT COUNT(*) FROM committee_members WHERE appointed_on <= '{END}' "
     f"AND (terminated_on IS NULL OR terminated_on > '{END}')", SMALL.committee_members),
    ("referral cases of cohort FY2023",
     "SELECT COUNT(*) FROM referral_cases WHERE cohort_fy = 2023", SMALL.referrals_per_fy),
    ("biosimilar branch totals: 19 ingredients × 48 months",
     "SELECT COUNT(*) FROM biosimilar_stats WHERE institution_code = ''", 19 * 48),
    ("generic months", "SELECT COUNT(DISTINCT month) FROM generic_stats", 48),
])
def test_tables_hold_the_small_scale(store: Store, what: str, sql: str, expected: int) -> None:
    assert store.scalar(sql) == expected, what


def test_generic_rows_per_month_are_about_the_small_scale(store: Store) -> None:
    per_month = [r[0] for r in store.query("SELECT COUNT(*) FROM generic_stats GROUP BY month")]
    assert all(abs(n - SMALL.generic_rows_per_month) <= 100 for n in per_month)


def test_every_employer_register_lists_its_active_employers_with_their_totals(
        store: Store) -> None:
    rows = store.query("""SELECT r.listed, r.insured_total, COUNT(h.employer_id), SUM(h.insured)
                          FROM employer_registers r JOIN employer_headcounts h
                          ON h.register_id = r.id GROUP BY r.id""")
    assert [(r[0], r[1]) for r in rows] == [(r[2], r[3]) for r in rows]


def _municipality(code: str) -> str:
    return validate_municipality_code(code)


def _institution(code: str) -> str:
    return validate_institution_code(code, pad=False)[0]


def _symbol(code: str) -> str:
    assert re.fullmatch(r"\d{8}", code), code
    return code


@pytest.mark.parametrize(("sql", "check"), [
    ("SELECT DISTINCT municipality_code FROM employers", _municipality),
    ("SELECT DISTINCT code FROM generic_stats WHERE unit = 'municipality'", _municipality),
    ("SELECT DISTINCT code FROM generic_stats WHERE unit IN ('institution', 'pharmacy')",
     _institution),
    ("SELECT DISTINCT institution_code FROM biosimilar_stats WHERE institution_code != ''",
     _institution),
    ("SELECT symbol FROM employers", _symbol),
])
def test_codes_are_valid(store: Store, sql: str, check: Callable[[str], str]) -> None:
    codes = [r[0] for r in store.query(sql)]
    assert codes
    assert [check(c) for c in codes] == codes


@pytest.mark.parametrize(("unit", "digits"), [("institution", {"1", "3"}), ("pharmacy", {"4"})])
def test_institution_codes_carry_the_right_table_digit(store: Store, unit: str,
                                                        digits: set[str]) -> None:
    codes = [r[0] for r in store.query(
        "SELECT DISTINCT code FROM generic_stats WHERE unit = ?", (unit,))]
    assert {c[2] for c in codes} == digits
    assert all(c.startswith("31") for c in codes)


def test_some_employer_symbols_have_leading_zeros(store: Store) -> None:
    assert store.scalar("SELECT COUNT(*) FROM employers WHERE symbol LIKE '0%'") > 100


def test_most_employers_are_small_with_a_long_tail(store: Store) -> None:
    insured = [r[0] for r in store.query(
        "SELECT insured FROM employer_headcounts WHERE register_id = "
        "(SELECT id FROM employer_registers ORDER BY as_of DESC LIMIT 1)")]
    assert statistics.median(insured) < 10
    assert max(insured) > 500
    assert abs(sum(insured) - SMALL.insured) < 0.05 * SMALL.insured


def test_lost_employers_are_lost_at_the_first_register_not_listing_them(store: Store) -> None:
    wrong = store.scalar("""
        SELECT COUNT(*) FROM employers e WHERE e.lost_on IS NOT NULL AND (
            EXISTS (SELECT 1 FROM employer_headcounts h JOIN employer_registers r
                    ON r.id = h.register_id WHERE h.employer_id = e.id AND r.as_of >= e.lost_on)
            OR NOT EXISTS (SELECT 1 FROM employer_headcounts h JOIN employer_registers r
                    ON r.id = h.register_id WHERE h.employer_id = e.id AND r.as_of < e.lost_on))""")
    assert wrong == 0
    assert store.scalar("SELECT COUNT(*) FROM employers WHERE lost_on IS NOT NULL") > 300


def test_search_key_is_the_store_rule(store: Store) -> None:
    rows = store.query("SELECT name, name_kana, symbol, search_key FROM employers "
                       "WHERE id % 97 = 0")
    assert [r[3] for r in rows] == [search_key(r[0], r[1], r[2]) for r in rows]


def test_every_referral_case_employer_is_active_at_the_checkup(store: Store) -> None:
    inactive = store.scalar("""
        SELECT COUNT(*) FROM referral_cases c JOIN employers e ON e.id = c.employer_id
        WHERE NOT EXISTS (
            SELECT 1 FROM employer_headcounts h WHERE h.employer_id = c.employer_id
            AND h.register_id = COALESCE(
                (SELECT id FROM employer_registers WHERE as_of <= c.checkup_on
                 ORDER BY as_of DESC LIMIT 1),
                CASE WHEN e.applied_on <= c.checkup_on THEN
                    (SELECT id FROM employer_registers ORDER BY as_of LIMIT 1) END))""")
    assert inactive == 0


def test_about_a_third_of_cases_visit_within_the_window(store: Store) -> None:
    rows = store.query("SELECT checkup_on, checkup_month, visit_on FROM referral_cases "
                       "WHERE cohort_fy < 2025")
    inside = sum(1 for checkup, month, visit in rows
                 if visit is not None and checkup <= visit <= _window_end(month))
    assert 0.25 <= inside / len(rows) <= 0.42


def _window_end(month: int) -> str:
    year, mon = divmod(month, 100)
    index = year * 12 + mon - 1 + 10  # first day of M+10, exclusive
    return date(index // 12, index % 12 + 1, 1).isoformat() + "T"  # sorts after M+9's days


def test_referral_values_meet_the_primary_criteria_and_a_quarter_the_secondary(
        store: Store) -> None:
    primary, secondary, total = store.query("""
        SELECT SUM(sbp >= 160 OR dbp >= 100 OR fpg >= 126 OR hba1c >= 6.5 OR ldl >= 180),
               SUM(sbp >= 180 OR dbp >= 110 OR fpg >= 160 OR hba1c >= 8.4), COUNT(*)
        FROM referral_cases""")[0]
    assert primary == total
    assert 0.20 <= secondary / total <= 0.30


def test_nothing_is_dated_after_the_end_of_the_data(store: Store) -> None:
    latest = [store.scalar(f"SELECT MAX({column}) FROM {table}") for table, column in [
        ("employers", "applied_on"), ("declarations", "declared_on"),
        ("declarations", "karte_again_on"), ("committee_members", "terminated_on"),
        ("referral_cases", "visit_on"), ("referral_actions", "acted_on"),
        ("contacts", "contact_on"), ("member_events", "on_date")]]
    assert all(d <= END for d in latest)
    assert store.scalar("SELECT MAX(month) FROM generic_stats") == 202603


@pytest.mark.parametrize("fy", [2023, 2024, 2025])
def test_the_kpi_sheet_mixes_achieved_and_not_achieved(store: Store, fy: int) -> None:
    statuses = [row.status for row in kpi_sheet(store, fy, AS_OF)]
    assert {"achieved", "nearly", "not_achieved"} <= set(statuses)
    assert "no_data" not in statuses


@pytest.mark.parametrize(("fy", "status"), [
    (2022, "not_achieved"), (2023, "achieved"), (2024, "nearly"), (2025, "achieved")])
def test_committee_coverage_is_near_half_and_differs_by_year(store: Store, fy: int,
                                                            status: str) -> None:
    row = next(r for r in kpi_sheet(store, fy, AS_OF) if r.kpi.id == "committee_coverage")
    assert row.status == status
    assert 0.45 <= float(row.value or 0) <= 0.53


@pytest.mark.parametrize(("fy", "below_80"), [(2022, True), (2023, True), (2024, False),
                                              (2025, False)])
def test_generic_share_crosses_80_percent_in_fy2024(store: Store, fy: int,
                                                    below_80: bool) -> None:
    row = next(r for r in kpi_sheet(store, fy, AS_OF) if r.kpi.id == "generic_share")
    assert (float(row.value or 0) < 0.80) == below_80


def test_two_months_have_no_total_row(store: Store) -> None:
    months = [r[0] for r in store.query(
        "SELECT month FROM generic_stats WHERE unit = 'branch' GROUP BY month "
        "HAVING SUM(claim_type = 'total') = 0")]
    assert months == [202210, 202503]


def test_the_store_is_consistent(store: Store) -> None:
    report = check_store(store)
    assert report.integrity == []
    assert {f.code for f in report.findings} <= {"check_visit_before_checkup"}
    assert len(report.findings) < 0.005 * 4 * SMALL.referrals_per_fy


def test_the_store_is_left_in_wal_mode_with_foreign_keys_on(store: Store) -> None:
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1


def test_the_store_has_the_schema_of_a_new_store(store: Store, tmp_path: Path) -> None:
    def schema(s: Store) -> set[tuple[str, str]]:
        return {(r[0], r[1]) for r in s.query(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL "
            "AND name NOT LIKE 'sqlite_%'")}

    with create_store(tmp_path / "new.db", "31") as new:
        assert schema(store) == schema(new)


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(
        demo: Path, tmp_path: Path) -> None:
    generate(tmp_path / "again.db", scale="small", seed=1)
    generate(tmp_path / "other.db", scale="small", seed=2)
    assert digest(tmp_path / "again.db") == digest(demo)
    assert digest(tmp_path / "other.db") != digest(demo)


def test_an_existing_non_empty_path_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "mine.db"
    path.write_bytes(b"something of the user's")
    with pytest.raises(InputRejected) as caught:
        generate(path)
    assert caught.value.exit_code == 2
    assert path.read_bytes() == b"something of the user's"


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"fy_from": 2025, "fy_to": 2024}, InputRejected),
    ({"scale": "huge"}, ValueError),
    ({"branch": "48"}, InputRejected),
])
def test_bad_arguments_are_refused_before_anything_is_written(
        tmp_path: Path, kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        generate(tmp_path / "x.db", **kwargs)  # type: ignore[arg-type]
    assert not (tmp_path / "x.db").exists()


def test_progress_runs_from_zero_to_done_and_a_cancel_leaves_no_store(tmp_path: Path) -> None:
    seen: list[tuple[float, str]] = []
    generate(tmp_path / "a.db", fy_from=2025, fy_to=2025,
             progress=lambda f, step: seen.append((f, step)))
    assert seen[0] == (0.0, "employers") and seen[-1] == (1.0, "done")
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)

    def cancel(fraction: float, step: str) -> None:
        if step == "generic":
            raise Cancelled()

    with pytest.raises(Cancelled):
        generate(tmp_path / "b.db", fy_from=2025, fy_to=2025, progress=cancel)
    assert list(tmp_path.glob("b.db*")) == []


def test_another_branch_and_range_get_their_own_valid_codes(tmp_path: Path) -> None:
    summary = generate(tmp_path / "miyagi.db", branch="4", fy_from=2024, fy_to=2024)
    assert summary.branch == "04" and summary.counts["employer_registers"] == 4
    with open_store(tmp_path / "miyagi.db") as s:
        assert s.branch_code == "04"
        codes = [r[0] for r in s.query("SELECT DISTINCT municipality_code FROM employers")]
        assert all(c.startswith("04") and validate_municipality_code(c) == c for c in codes)
        rows = kpi_sheet(s, 2024, AS_OF)
        assert {r.status for r in rows} >= {"achieved", "not_achieved"}
