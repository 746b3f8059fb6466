"""The KPI sheet of a fiscal year (domain.md §4–5): every row, computed and entered, with status.

``kpi_sheet(store, fy, as_of)`` is the one place figures come from: the command line, the
dashboard and the quarterly report all call it, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from branchdesk.domain.calendar import fy_end, fy_of, fy_start
from branchdesk.domain.errors import InputRejected
from branchdesk.domain.kpi import status as st
from branchdesk.domain.kpi.catalogue import (
    BY_ID,
    CATALOGUE,
    COMPUTED_IDS,
    GENERIC_THRESHOLD,
    KpiDef,
    default_target,
)
from branchdesk.store import kpi_queries as q
from branchdesk.store.audit import max_id, record_inserts
from branchdesk.store.connection import Store
from branchdesk.store.kpi_measures import Context, Measure, generic_share_of_month, measure
from branchdesk.store.settings import get_settings


@dataclass
class KpiRow:
    """One evaluated row of the sheet. Values are exact; ``to_json`` gives floats."""

    kpi: KpiDef
    value: Fraction | int | None
    numerator: float | int | None
    denominator: float | int | None
    target: Fraction | int | None
    previous: Fraction | int | None
    status: st.Status
    measured_at: date
    period: str
    in_progress: bool
    conditions: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The row as cli.md's JSON object (ratios as fractions, counts as integers)."""
        return {
            "id": self.kpi.id, "name": self.kpi.name_ja, "unit": self.kpi.unit,
            "value": _plain(self.kpi, self.value), "numerator": _number(self.numerator),
            "denominator": _number(self.denominator), "target": _plain(self.kpi, self.target),
            "previous": _plain(self.kpi, self.previous), "status": self.status,
            "measured_at": self.measured_at.isoformat(), "period": self.period,
            "in_progress": self.in_progress,
        }


def _plain(kpi: KpiDef, value: Fraction | int | None) -> float | int | None:
    if value is None:
        return None
    if kpi.is_ratio or (isinstance(value, Fraction) and value.denominator != 1):
        return float(value)
    return int(value)


def _number(value: float | int | None) -> float | int | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def measurement_date(fy: int, as_of: date) -> date:
    """min(as-of, 31 March N+1); an as-of before 1 April N is rejected (exit 2)."""
    if as_of < fy_start(fy):
        raise InputRejected("as_of_before_fy", as_of=as_of.isoformat(), fy=fy)
    return min(as_of, fy_end(fy))


def kpi_sheet(store: Store, fy: int, as_of: date) -> list[KpiRow]:
    """Every row of the KPI sheet of FY ``fy`` as of ``as_of``, in catalogue order."""
    day = measurement_date(fy, as_of)
    ctx = Context(store, store.branch_code, get_settings(store))
    entered = q.entered_rows(store, fy)
    entered_prev = q.entered_rows(store, fy - 1)
    return [_row(ctx, kpi, fy, day, as_of, entered.get(kpi.id, {}), entered_prev.get(kpi.id, {}))
            for kpi in CATALOGUE]


def _row(ctx: Context, kpi: KpiDef, fy: int, day: date, as_of: date,
         entry: dict[str, Any], entry_prev: dict[str, Any]) -> KpiRow:
    in_progress = fy_end(fy) > as_of
    if kpi.computed:
        current = measure(ctx, kpi.id, fy, day, as_of)
        prev_measure = _previous_measure(ctx, kpi, fy, as_of, entry)
    else:
        current = _entered_measure(entry.get("value"), fy)
        prev_measure = _entered_measure(entry_prev.get("value"), fy - 1)
    previous = _previous_value(entry, prev_measure)
    target = _target(kpi, fy, entry)
    row = KpiRow(kpi, None if current is None else current.value,
                 None if current is None else current.numerator,
                 None if current is None else current.denominator,
                 target, previous, "no_data", day,
                 f"FY{fy}" if current is None or not kpi.computed else current.period,
                 in_progress)
    _evaluate(ctx, row, current, prev_measure, fy)
    return row


def _entered_measure(value: float | None, fy: int) -> Measure | None:
    exact = st.exact(value)
    return None if exact is None else Measure(exact, None, None, f"FY{fy}")


def _previous_measure(ctx: Context, kpi: KpiDef, fy: int, as_of: date,
                      entry: dict[str, Any]) -> Measure | None:
    if entry.get("previous") is not None:
        return None  # an entered 前年度実績 wins; no need to recompute
    prev_day = min(as_of, fy_end(fy - 1))
    return measure(ctx, kpi.id, fy - 1, prev_day, as_of)


def _previous_value(entry: dict[str, Any], prev: Measure | None) -> Fraction | int | None:
    if entry.get("previous") is not None:
        return st.exact(entry["previous"])
    return None if prev is None else prev.value


def _target(kpi: KpiDef, fy: int, entry: dict[str, Any]) -> Fraction | int | None:
    if entry.get("target") is not None:
        return st.exact(entry["target"])
    return st.exact(default_target(kpi.id, fy)) if kpi.computed else None


def _evaluate(ctx: Context, row: KpiRow, current: Measure | None, prev: Measure | None,
              fy: int) -> None:
    """Set the row's status (and its effective target) by the rules of domain.md §5."""
    if row.value is None:
        row.status = "no_data"
        return
    value = Fraction(row.value)
    nearly = st.exact(ctx.settings["nearly_ratio"]) or Fraction(95, 100)
    kind = row.kpi.target_kind
    if kind == "target_or_previous":
        kind = "fixed" if row.target is not None else "previous"
    if kind == "two_conditions":
        row.status = _generic_two_conditions(ctx, row, value, current, nearly)
    elif kind == "fixed":
        row.status = ("no_target" if row.target is None else st.fixed_status(
            value, Fraction(row.target), lower_is_better=row.kpi.direction == "lower",
            nearly_ratio=nearly))
    else:
        row.target = row.previous
        row.status = ("no_target" if row.previous is None else st.previous_status(
            value, Fraction(row.previous), lower_is_better=row.kpi.direction == "lower"))
    if (current is not None and current.provisional) or (prev is not None and prev.provisional
                                                          and kind == "previous"):
        row.status = "provisional"


def _generic_two_conditions(ctx: Context, row: KpiRow, value: Fraction,
                            current: Measure | None, nearly: Fraction) -> st.Status:
    """≥ 80%, and where the same month of FY N−1 was ≥ 80%, ≥ that value."""
    target = Fraction(row.target) if row.target is not None else Fraction(GENERIC_THRESHOLD)
    statuses = [st.fixed_status(value, target, nearly_ratio=nearly)]
    row.conditions = ["generic_threshold"]
    same = _same_month_last_year(ctx, row, current)
    if same is not None and same >= Fraction(GENERIC_THRESHOLD).limit_denominator():
        statuses.append(st.previous_status(value, same))
        row.conditions.append("generic_same_month")
        row.target = max(target, same)
    return st.worst(statuses)


def _same_month_last_year(ctx: Context, row: KpiRow,
                          current: Measure | None) -> Fraction | None:
    if current is None or "month" not in current.detail:
        return None
    prev = generic_share_of_month(ctx, current.detail["month"] - 100)
    return None if prev is None else Fraction(prev.value)


def set_entry(store: Store, fy: int, kpi_id: str, *, target: float | None = None,
              value: float | None = None, previous: float | None = None) -> None:
    """Enter a row's target, result and previous value for FY ``fy`` (caller's transaction).

    Computed rows take a target or a previous value but never a result (that comes from the
    registers). Passing None leaves a field as stored.
    """
    kpi = BY_ID.get(kpi_id)
    if kpi is None:
        raise InputRejected("kpi_unknown", kpi=kpi_id)
    if value is not None and kpi_id in COMPUTED_IDS:
        raise InputRejected("kpi_computed_value", kpi=kpi_id)
    fields = {"target": target, "value": value, "previous": previous}
    present = {k: v for k, v in fields.items() if v is not None}
    before = max_id(store.conn, "kpi_sheet_rows")
    store.conn.execute(
        "INSERT INTO kpi_sheet_rows(fy, kpi_id) VALUES (?, ?) ON CONFLICT(fy, kpi_id) DO NOTHING",
        (fy, kpi_id))
    record_inserts(store.conn, "kpi_sheet_rows", before)
    for column, v in present.items():
        store.conn.execute(
            f"UPDATE kpi_sheet_rows SET {column} = ?, changed_at = "
            "strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE fy = ? AND kpi_id = ?",
            (v, fy, kpi_id))


#: (table, the dated column as an ISO date expression, the indexed column, its bound for as-of).
_LATEST = (
    ("employer_registers", "as_of", "as_of", "iso"),
    ("generic_stats", "printf('%04d-%02d-01', month / 100, month % 100)", "month", "month"),
    ("biosimilar_stats", "printf('%04d-%02d-01', month / 100, month % 100)", "month", "month"),
    ("declarations", "declared_on", "declared_on", "iso"),
    ("committee_members", "appointed_on", "appointed_on", "iso"),
    ("kpi_sheet_rows", "printf('%04d-04-01', fy)", "fy", "fy"),
)


def latest_fy(store: Store, as_of: date) -> int:
    """The latest FY with data on or before ``as_of`` (the FY of ``as_of`` when there is none).

    One indexed MAX per table: a UNION over the tables would scan them.
    """
    bounds = {"iso": as_of.isoformat(), "month": as_of.year * 100 + as_of.month,
              "fy": fy_of(as_of)}
    dates = []
    for table, expression, column, bound in _LATEST:
        value = store.scalar(
            f"SELECT {expression} FROM {table} WHERE {column} = "
            f"(SELECT MAX({column}) FROM {table} WHERE {column} <= ?)", (bounds[bound],))
        if value:
            dates.append(date.fromisoformat(value))
    return fy_of(max(dates)) if dates else fy_of(as_of)
