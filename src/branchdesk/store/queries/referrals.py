"""受診勧奨 (checkup referrals): the 二次勧奨 worklist and the visit-rate cohort table (Qt-free).

The worklist (domain.md §3.5) holds the cases that

- meet ANY 二次勧奨 threshold of the settings (``secondary_sbp`` 収縮期, ``secondary_dbp`` 拡張期,
  ``secondary_fpg`` 空腹時血糖, ``secondary_hba1c`` HbA1c): value ≥ threshold, a tie qualifies,
  a missing value never does;
- had their checkup on or before the as-of date;
- have no confirmed visit: no first visit dated on or after the checkup day from a source the
  ``referral_visit_sources`` setting counts (the KPI's rule without its window: a visit after
  the window is still a visit; one dated before the checkup is not);
- have no 二次勧奨 action in the last N days (``no_action_days``, default 30): an action dated
  after as-of − N days removes the case, one dated exactly N days before as-of does not.

Severity, the default order (most severe first): the largest ratio value ÷ threshold over the
four values (a missing value counts 0), so 収縮期 198 (198/180 = 1.10) comes before HbA1c 9.0
(9.0/8.4 = 1.07); ties go to the older checkup, then to the lower case id.

The page reads the ordered ids (one scan of the cases, ~160 ms at 440,000 cases) and then only
the rows it shows (``rows_by_ids``): the employer names and last actions of 60,000 open cases
would take four times as long. Person keys and values are personal data (要配慮個人情報): nothing
here logs them.

The cohort table reuses the KPI engine: each cohort's months come from ``kpi_measures.measure``
of ``referral_visit_rate`` (FY = cohort + 1), finality from ``month_is_final``, so the cohort's
total is the KPI's figure by construction.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Any, NamedTuple

from branchdesk.domain.calendar import fy_end, fy_months, fy_of
from branchdesk.domain.kpi.status import ratio
from branchdesk.store.connection import Store
from branchdesk.store.kpi_measures import measure, month_is_final
from branchdesk.store.kpi_queries import ReferralMonth
from branchdesk.store.queries.dashboard import context_of
from branchdesk.store.settings import get_settings

#: The 二次勧奨 values, in display order, and the setting holding each threshold.
VALUES: tuple[str, ...] = ("sbp", "dbp", "fpg", "hba1c")
THRESHOLD_SETTINGS = {key: f"secondary_{key}" for key in VALUES}
#: Default of "N 日以上対応なし": a case acted on within the last 30 days is left alone.
DEFAULT_NO_ACTION_DAYS = 30
#: Ids per ``rows_by_ids`` query when ``worklist`` reads every row.
_CHUNK = 500

_SEVERITY = "MAX(" + ", ".join(f"COALESCE(c.{k} / :t_{k}, 0)" for k in VALUES) + ")"
_QUALIFIES = "(" + " OR ".join(f"c.{k} >= :t_{k}" for k in VALUES) + ")"
#: Sort keys of ``worklist_ids``; every order ends with the older checkup, then the case id.
ORDERS: dict[str, str] = {"severity": _SEVERITY, "checkup_on": "c.checkup_on",
                          "person_key": "c.person_key", "age": "c.age",
                          **{k: f"c.{k}" for k in VALUES}}


@dataclass(frozen=True)
class Criteria:
    """What makes a case open on the worklist: the as-of date, N of "no action in N days",
    the 二次 thresholds and counted visit sources (from the settings), an optional cohort FY."""

    as_of: date
    no_action_days: int
    thresholds: dict[str, float]
    visit_sources: tuple[str, ...]
    cohort_fy: int | None = None

    @property
    def acted_after(self) -> date:
        """An action dated after this day (as-of − N days) keeps a case off the list."""
        return self.as_of - timedelta(days=self.no_action_days)

    def qualifying(self, values: dict[str, float | None]) -> tuple[str, ...]:
        """The keys of the values that meet their threshold (missing values never do)."""
        return tuple(k for k in VALUES
                     if (v := values.get(k)) is not None and v >= self.thresholds[k])

    def severity(self, values: dict[str, float | None]) -> float:
        """The largest value ÷ threshold (a missing value, or a zero threshold, counts 0)."""
        return max((v / t for k in VALUES
                    if (v := values.get(k)) is not None and (t := self.thresholds[k])),
                   default=0.0)


def criteria(store: Store, as_of: date, no_action_days: int = DEFAULT_NO_ACTION_DAYS, *,
             cohort_fy: int | None = None) -> Criteria:
    """The worklist's criteria at ``as_of`` with the store's thresholds and visit sources."""
    settings = get_settings(store)
    return Criteria(as_of, int(no_action_days),
                    {k: float(settings[s]) for k, s in THRESHOLD_SETTINGS.items()},
                    tuple(settings["referral_visit_sources"]), cohort_fy)


class WorklistRow(NamedTuple):
    """One open case as the worklist shows it (only the spec's fields, no name)."""

    case_id: int
    person_key: str
    symbol: str | None
    employer_name: str | None
    checkup_on: date
    age: int | None
    sbp: float | None
    dbp: float | None
    fpg: float | None
    hba1c: float | None
    severity: float
    qualifying: tuple[str, ...]
    last_action_on: date | None
    last_method: str | None
    last_result: str | None
    days_since_checkup: int


def _where(crit: Criteria) -> tuple[str, dict[str, Any]]:
    marks = ", ".join(f":src{i}" for i in range(len(crit.visit_sources))) or "NULL"
    cohort = "" if crit.cohort_fy is None else "AND c.cohort_fy = :cohort"
    sql = f"""{_QUALIFIES} AND c.checkup_on <= :as_of {cohort}
        AND NOT (c.visit_on IS NOT NULL AND c.visit_on >= c.checkup_on
                 AND COALESCE(c.visit_source, 'claim') IN ({marks}))
        AND c.id NOT IN (SELECT case_id FROM referral_actions WHERE acted_on > :acted_after)"""
    params: dict[str, Any] = {f"t_{k}": crit.thresholds[k] for k in VALUES}
    params.update({f"src{i}": s for i, s in enumerate(crit.visit_sources)})
    params.update(as_of=crit.as_of.isoformat(), cohort=crit.cohort_fy,
                  acted_after=crit.acted_after.isoformat())
    return sql, params


def worklist_ids(store: Store, crit: Criteria, order: str = "severity",
                 descending: bool = True) -> array[int]:
    """The ids of the open cases in ``order`` (a key of ``ORDERS``; unknown values last),
    ties by the older checkup, then the lower id. Default: most severe first."""
    where, params = _where(crit)
    expr = ORDERS[order]
    keys = f"{expr} {'DESC' if descending else 'ASC'}, c.checkup_on, c.id"
    if order != "severity":  # severity is never NULL: no need to compute it twice
        keys = f"{expr} IS NULL, {keys}"
    rows = store.conn.execute(
        f"SELECT c.id FROM referral_cases c WHERE {where} ORDER BY {keys}", params)
    return array("q", (r[0] for r in rows))


_ROWS_SQL = """SELECT c.id, c.person_key, e.symbol, e.name, c.checkup_on, c.age,
        c.sbp, c.dbp, c.fpg, c.hba1c, la.acted_on, la.method, la.result
    FROM referral_cases c LEFT JOIN employers e ON e.id = c.employer_id
    LEFT JOIN referral_actions la ON la.id = (
        SELECT a.id FROM referral_actions a WHERE a.case_id = c.id
        ORDER BY a.acted_on DESC, a.id DESC LIMIT 1)
    WHERE c.id IN ({marks})"""


def rows_by_ids(store: Store, ids: Sequence[int], crit: Criteria) -> dict[int, WorklistRow]:
    """The worklist rows of ``ids`` (any case id; those not stored are absent)."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    found = store.conn.execute(_ROWS_SQL.format(marks=marks), [int(i) for i in ids])
    return {int(r[0]): _row(r, crit) for r in found}


def _row(r: Any, crit: Criteria) -> WorklistRow:
    values = {k: r[6 + i] for i, k in enumerate(VALUES)}
    checkup_on = date.fromisoformat(r[4])
    return WorklistRow(
        int(r[0]), r[1], r[2], r[3], checkup_on, r[5], r[6], r[7], r[8], r[9],
        crit.severity(values), crit.qualifying(values),
        None if r[10] is None else date.fromisoformat(r[10]), r[11], r[12],
        (crit.as_of - checkup_on).days)


def worklist(store: Store, as_of: date, no_action_days: int = DEFAULT_NO_ACTION_DAYS, *,
             cohort_fy: int | None = None) -> list[WorklistRow]:
    """The 二次勧奨 worklist at ``as_of``: cases meeting any 二次 threshold, with no confirmed
    visit and no action in the last ``no_action_days`` days (default 30), most severe first
    (largest value ÷ threshold, ties by the older checkup); ``cohort_fy`` keeps one cohort FY
    only. The module docstring has the exact rules."""
    crit = criteria(store, as_of, no_action_days, cohort_fy=cohort_fy)
    ids = worklist_ids(store, crit)
    rows: list[WorklistRow] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        found = rows_by_ids(store, chunk, crit)
        rows.extend(found[i] for i in chunk)
    return rows


def cohort_years(store: Store) -> list[int]:
    """The cohort FYs (FY of the 健診受診日) holding cases, newest first (index probes)."""
    low = store.scalar("SELECT MIN(cohort_fy) FROM referral_cases")
    high = store.scalar("SELECT MAX(cohort_fy) FROM referral_cases")
    if low is None or high is None:
        return []
    return [fy for fy in range(int(high), int(low) - 1, -1)
            if store.scalar("SELECT 1 FROM referral_cases WHERE cohort_fy = ? LIMIT 1", (fy,))]


# --- the cohort table ---------------------------------------------------------------------


@dataclass(frozen=True)
class CohortMonth:
    """One checkup month: cases, visits within the window, final or provisional (集計中)."""

    month: int
    cases: int
    visited: int
    final: bool

    @property
    def rate(self) -> Fraction | None:
        """Visited ÷ cases (None without cases)."""
        return ratio(self.visited, self.cases)


@dataclass(frozen=True)
class CohortTable:
    """A cohort FY's twelve checkup months and its total, which is the KPI engine's
    ``referral_visit_rate`` of FY ``cohort_fy`` + 1 (value, numerator, denominator, 集計中);
    ``window_months``: the visit window setting it was measured with."""

    cohort_fy: int
    months: list[CohortMonth]
    cases: int
    visited: int
    rate: Fraction | None
    provisional: bool
    window_months: int


def cohort_table(store: Store, as_of: date,
                 cohort_fys: Sequence[int] | None = None) -> list[CohortTable]:
    """Per cohort FY (newest first; default every cohort whose FY has begun at ``as_of``) and
    per checkup month: cases, visits within the window, rate, final or provisional."""
    years = cohort_years(store) if cohort_fys is None else list(cohort_fys)
    tables = (cohort(store, fy, as_of) for fy in years if cohort_fys or fy <= fy_of(as_of))
    return [t for t in tables if t is not None]


def cohort(store: Store, cohort_fy: int, as_of: date) -> CohortTable | None:
    """One cohort's table at ``as_of`` (None when it holds no case), measured by the KPI
    engine exactly as ``kpi_sheet`` measures FY ``cohort_fy`` + 1."""
    ctx = context_of(store)
    day = min(as_of, fy_end(cohort_fy + 1))
    found = measure(ctx, "referral_visit_rate", cohort_fy + 1, day, as_of)
    if found is None:
        return None
    window = int(ctx.settings["referral_window_months"])
    lag = int(ctx.settings["claims_lag_months"])
    by_month: dict[int, ReferralMonth] = {m.month: m for m in found.detail["months"]}
    months = [CohortMonth(m, by_month[m].cases if m in by_month else 0,
                          by_month[m].visited if m in by_month else 0,
                          month_is_final(m, as_of, window, lag)) for m in fy_months(cohort_fy)]
    return CohortTable(cohort_fy, months, int(found.denominator or 0),
                       int(found.numerator or 0), Fraction(found.value), found.provisional,
                       window)
