"""受診勧奨 (checkup referrals): cases, first confirmed visits, 二次勧奨 actions, and purging.

要配慮個人情報 (domain.md §3.5): nothing here logs values, the audit triggers record only which
fields changed, and a portable store never holds a case. Cases are keyed (対象者番号, 健診受診日);
the 対象者番号 is compared (and stored) in its ``normalize_key`` form.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Required, TypedDict, cast

from branchdesk.domain.calendar import fy_of, month_of
from branchdesk.domain.enums import (
    FOLLOWUP_METHOD,
    FOLLOWUP_RESULT,
    SEX,
    URINE_PROTEIN,
    VISIT_SOURCE,
)
from branchdesk.domain.errors import InputRejected
from branchdesk.domain.normalize import normalize_key
from branchdesk.store.connection import Store
from branchdesk.store.registers.common import (
    Changes,
    Key,
    Notice,
    RegisterTable,
    Source,
    check_code,
    db_value,
    employer_ids,
    ids_by_key,
    require_transaction,
    upsert,
)


class CaseRecord(TypedDict, total=False):
    """One referral case from head office; a missing field is a column the input lacks."""

    person_key: Required[str]
    checkup_on: Required[date]
    symbol: str | None
    age: int | None
    sex: str | None
    sbp: float | None
    dbp: float | None
    fpg: float | None
    hba1c: float | None
    ldl: float | None
    egfr: float | None
    urine_protein: str | None
    first_notice_on: date | None


class VisitRecord(TypedDict, total=False):
    """The first confirmed medical visit of a case (None clears it)."""

    person_key: Required[str]
    checkup_on: Required[date]
    visit_on: Required[date | None]
    visit_source: str | None


class ActionRecord(TypedDict, total=False):
    """One 二次勧奨 action on a case."""

    person_key: Required[str]
    checkup_on: Required[date]
    acted_on: Required[date]
    method: Required[str]
    result: str | None
    staff: str | None


CASE_FIELDS = ("employer_id", "checkup_month", "cohort_fy", "age", "sex", "sbp", "dbp", "fpg",
               "hba1c", "ldl", "egfr", "urine_protein", "first_notice_on")
CASES = RegisterTable("referral_cases", key=("person_key", "checkup_on"), fields=CASE_FIELDS,
                      required=("checkup_month", "cohort_fy"))
VISITS = RegisterTable("referral_cases", key=("person_key", "checkup_on"),
                       fields=("visit_on", "visit_source"))
ACTIONS = RegisterTable("referral_actions", key=("case_id", "acted_on", "method"),
                        fields=("result", "staff"))
_CODES = {"sex": SEX, "urine_protein": URINE_PROTEIN, "visit_source": VISIT_SOURCE,
          "method": FOLLOWUP_METHOD, "result": FOLLOWUP_RESULT}


def upsert_cases(store: Store, rows: Sequence[CaseRecord], *, source: Source) -> Changes:
    """Add or update referral cases, computing 健診受診月 and the cohort FY.

    Refused in a portable store. A 事業所記号 that is not stored leaves the case without an
    employer and is returned as a warning (``referral_employer_unknown``).
    """
    _check_not_portable(store)
    ids = employer_ids(store, [s for r in rows if (s := r.get("symbol"))])
    table_rows: list[dict[str, Any]] = []
    warnings: list[Notice] = []
    for record in rows:
        row = _case_row(record, ids)
        if record.get("symbol") and row["employer_id"] is None:
            warnings.append(Notice("referral_employer_unknown", {
                "person_key": row["person_key"], "checkup_on": record["checkup_on"].isoformat(),
                "symbol": record["symbol"]}))
        table_rows.append(row)
    changes = upsert(store, CASES, table_rows, _case_keys(table_rows), source=source)
    changes.warnings.extend(warnings)
    return changes


def set_visits(store: Store, rows: Sequence[VisitRecord]) -> Changes:
    """Record first confirmed visits of stored cases (``case_unknown`` for any other case).

    A blank source of a visit is レセプト. A visit dated before the checkup is stored and
    returned as a warning (``visit_before_checkup``); the KPI does not count it.
    """
    _check_not_portable(store)
    table_rows = [_visit_row(r) for r in rows]
    changes = upsert(store, VISITS, table_rows, _case_keys(table_rows), source="import",
                     missing_error=lambda key: _case_unknown(key))
    for row in table_rows:
        if row["visit_on"] is not None and row["visit_on"] < row["checkup_on"]:
            changes.warnings.append(Notice("visit_before_checkup", {
                "person_key": row["person_key"], "checkup_on": row["checkup_on"].isoformat(),
                "visit_on": row["visit_on"].isoformat()}))
    return changes


def add_actions(store: Store, rows: Sequence[ActionRecord]) -> Changes:
    """Add or update 二次勧奨 actions keyed (case, 勧奨日, 方法); the case must be stored.

    ``Changes`` keys are (person_key, checkup_on, acted_on, method).
    """
    _check_not_portable(store)
    case_keys = [(normalize_key(r["person_key"]), r["checkup_on"].isoformat()) for r in rows]
    case_ids = ids_by_key(store, "referral_cases", CASES.key, case_keys)
    table_rows: list[dict[str, Any]] = []
    keys: list[Key] = []
    for record, case_key in zip(rows, case_keys, strict=True):
        if case_key not in case_ids:
            raise _case_unknown(case_key)
        check_code(FOLLOWUP_METHOD, "method", record["method"])
        check_code(FOLLOWUP_RESULT, "result", record.get("result"))
        fields = {k: v for k, v in record.items() if k not in ("person_key", "checkup_on")}
        table_rows.append({"case_id": case_ids[case_key], **fields})
        keys.append((case_key[0], record["checkup_on"], record["acted_on"], record["method"]))
    return upsert(store, ACTIONS, table_rows, keys, source="import")


def purge_cohorts(store: Store, older_than_fy: int) -> int:
    """Remove entirely the cases of cohorts before FY ``older_than_fy`` and their actions.

    Returns how many cases were removed. The audit keeps no values of these tables.
    """
    require_transaction(store)
    cohort = "SELECT id FROM referral_cases WHERE cohort_fy < ?"
    store.conn.execute(f"DELETE FROM referral_actions WHERE case_id IN ({cohort})",
                       (older_than_fy,))
    return store.conn.execute("DELETE FROM referral_cases WHERE cohort_fy < ?",
                              (older_than_fy,)).rowcount


def _check_not_portable(store: Store) -> None:
    if store.portable:
        raise InputRejected("portable_no_referrals", path=str(store.path))


def _case_unknown(key: Key) -> InputRejected:
    person_key, checkup_on = cast(tuple[str, Any], key)
    return InputRejected("case_unknown", person_key=person_key, checkup_on=db_value(checkup_on))


def _case_keys(rows: list[dict[str, Any]]) -> list[Key]:
    return [(r["person_key"], r["checkup_on"]) for r in rows]


def _case_row(record: CaseRecord, ids: dict[str, int]) -> dict[str, Any]:
    row: dict[str, Any] = {k: v for k, v in record.items() if k != "symbol"}
    row["person_key"] = normalize_key(record["person_key"])
    row["checkup_month"] = month_of(record["checkup_on"])
    row["cohort_fy"] = fy_of(record["checkup_on"])
    if "symbol" in record:
        row["employer_id"] = ids.get(record["symbol"] or "")
    for name in ("sex", "urine_protein"):
        check_code(_CODES[name], name, row.get(name))
    return row


def _visit_row(record: VisitRecord) -> dict[str, Any]:
    row: dict[str, Any] = dict(record)
    row["person_key"] = normalize_key(record["person_key"])
    if "visit_source" in row and row["visit_source"] is None:
        row["visit_source"] = "claim" if row["visit_on"] is not None else None
    check_code(VISIT_SOURCE, "visit_source", row.get("visit_source"))
    return row
