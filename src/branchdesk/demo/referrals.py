"""受診勧奨 (checkup referrals): cases, first visits and 二次勧奨 actions.

Per cohort FY a fixed number of cases, about a third of them persons seen the year before
(same 対象者番号, a year older; the keys are "P" + 10 hex digits, a seeded bijection of a
person counter, so they are opaque and unique). Every case meets at least one 一次 criterion
and about 25% a 二次 threshold (domain.md §3.5). An exact, planned share of each cohort visits
within the window (健診受診日 to the last day of month M+9); about 12% visit later, about 0.2%
have a visit dated before the checkup (kept, not counted), and visits after the end of the data
are not known yet. The employer of a case is active at the checkup date (listed by the latest
register).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from branchdesk.demo.base import NO_DAY, Timeline, Writer, day, iso, rng_for
from branchdesk.demo.employers import Employers
from branchdesk.demo.names import STAFF
from branchdesk.domain.calendar import add_months, fy_months, month_last_day

#: Planned in-window visit rate per cohort, from the first FY on (repeating).
COHORT_RATES = (0.335, 0.328, 0.341, 0.336)
RETURNING = 0.35
LATE_SHARE, EARLY_SHARE = 0.12, 0.002
#: Relative number of checkups per month, April first.
MONTH_WEIGHTS = (0.7, 0.9, 1.1, 1.1, 0.9, 1.1, 1.2, 1.2, 0.9, 0.9, 1.0, 0.9)
_CASE_COLUMNS = ("person_key", "employer_id", "checkup_on", "checkup_month", "cohort_fy", "age",
                 "sex", "sbp", "dbp", "fpg", "hba1c", "ldl", "egfr", "urine_protein",
                 "first_notice_on", "visit_on", "visit_source")
_ACTION_COLUMNS = ("case_id", "acted_on", "method", "result", "staff")
_METHODS = np.array(["letter", "phone", "visit", "via_employer"])
_SOURCES = np.array(["claim", "reply", "self"])
_URINE = np.array(["-", "±", "+", "2+", "3+"])


@dataclass
class _Cohort:
    """One cohort's cases as arrays (index = case)."""

    person: np.ndarray
    employer: np.ndarray
    checkup: np.ndarray
    age: np.ndarray
    sex: np.ndarray


def generate_referrals(writer: Writer, timeline: Timeline, emp: Employers, per_fy: int,
                       seed: int) -> None:
    """Write the referral cases of every cohort FY and their 二次勧奨 actions."""
    rng = rng_for(seed, "referrals")
    multiplier, offset = int(rng.integers(2**39)) * 2 + 1, int(rng.integers(2**40))
    previous: _Cohort | None = None
    next_person = 0
    for k, fy in enumerate(timeline.fys):
        cohort = _cohort(rng, timeline, emp, fy, per_fy, previous, next_person)
        next_person = max(next_person, int(cohort.person.max()) + 1)
        values = _values(rng, per_fy)
        visit, source = _visits(rng, timeline, cohort.checkup, COHORT_RATES[k % len(COHORT_RATES)])
        notice = _cap(cohort.checkup + rng.integers(21, 51, per_fy), timeline.end)
        keys = [f"P{(p * multiplier + offset) % 2**40:010X}" for p in cohort.person.tolist()]
        first = writer.insert("referral_cases", _CASE_COLUMNS,
                              _case_rows(fy, keys, cohort, values, notice, visit, source))
        secondary = _secondary(values)
        writer.insert("referral_actions", _ACTION_COLUMNS,
                      _actions(rng, timeline, first, cohort.checkup, notice, visit, secondary))
        previous = cohort


def _cap(days: np.ndarray, end: int) -> np.ndarray:
    """Dates after the end of the data are not known yet."""
    return np.where(days > end, NO_DAY, days)


def _checkup_days(rng: np.random.Generator, fy: int, n: int) -> np.ndarray:
    """Weekdays of the FY, more in busy months, sorted."""
    days, weights = [], []
    for i, month in enumerate(fy_months(fy)):
        first = day(date(month // 100, month % 100, 1))
        for d in range(first, day(month_last_day(month)) + 1):
            if date.fromordinal(d).weekday() < 5:
                days.append(d)
                weights.append(MONTH_WEIGHTS[i])
    p = np.array(weights) / sum(weights)
    return np.sort(rng.choice(np.array(days, dtype=np.int64), size=n, p=p))


def _cohort(rng: np.random.Generator, timeline: Timeline, emp: Employers, fy: int, n: int,
            previous: _Cohort | None, next_person: int) -> _Cohort:
    checkup = _checkup_days(rng, fy, n)
    person = np.arange(next_person, next_person + n)
    employer = np.full(n, -1, dtype=np.int64)
    age = rng.integers(35, 75, n)
    sex = np.where(rng.random(n) < 0.6, "M", "F")
    if previous is not None:
        eligible = np.flatnonzero(previous.age < 74)
        back = rng.choice(eligible, size=min(round(RETURNING * n), len(eligible)), replace=False)
        slots = rng.choice(n, size=len(back), replace=False)
        person[slots], age[slots] = previous.person[back], previous.age[back] + 1
        sex[slots], employer[slots] = previous.sex[back], previous.employer[back]
    register = timeline.register_index(checkup)
    keep = employer >= 0
    keep[keep] = emp.active_on(employer[keep], register[keep])
    employer[~keep] = _draw_employers(rng, emp, timeline, register[~keep])
    return _Cohort(person, employer, checkup, age, sex)


def _draw_employers(rng: np.random.Generator, emp: Employers, timeline: Timeline,
                    register: np.ndarray) -> np.ndarray:
    """An employer active at each case's register, chosen in proportion to its size."""
    result = np.empty(len(register), dtype=np.int64)
    for r in np.unique(register).tolist():
        cases = np.flatnonzero(register == r)
        if r >= 0:
            candidates = np.flatnonzero(emp.active(r))
        else:
            candidates = np.flatnonzero((emp.appear == 0) & (emp.applied < timeline.start))
        p = emp.size[candidates] / emp.size[candidates].sum()
        result[cases] = rng.choice(candidates, size=len(cases), p=p)
    return result


def _values(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Checkup values: one flagged (一次) value per case, a third of BP/glucose cases 二次."""
    v = {"sbp": rng.integers(105, 160, n).astype(float), "dbp": rng.integers(60, 100, n) * 1.0,
         "fpg": np.where(rng.random(n) < 0.25, np.nan, rng.integers(80, 126, n)),
         "hba1c": np.where(rng.random(n) < 0.1, np.nan, rng.integers(50, 65, n) / 10),
         "ldl": np.where(rng.random(n) < 0.03, np.nan, rng.integers(80, 180, n)),
         "egfr": np.round(rng.uniform(45, 110, n), 1)}
    category = rng.choice(3, size=n, p=[0.45, 0.30, 0.25])
    severe = (category < 2) & (rng.random(n) < 1 / 3)
    first = rng.random(n) < 0.55
    _flag(v, "sbp", (category == 0) & first, severe, rng, (160, 180), (180, 216))
    _flag(v, "dbp", (category == 0) & ~first, severe, rng, (100, 110), (110, 126))
    _flag(v, "fpg", (category == 1) & first, severe, rng, (126, 160), (160, 261))
    _flag(v, "hba1c", (category == 1) & ~first, severe, rng, (65, 84), (84, 116), scale=10)
    _flag(v, "ldl", category == 2, severe, rng, (180, 261), (180, 261))
    v["urine"] = rng.choice(len(_URINE), size=n, p=[0.8, 0.1, 0.06, 0.03, 0.01])
    return v


def _flag(v: dict[str, np.ndarray], key: str, mask: np.ndarray, severe: np.ndarray,
          rng: np.random.Generator, mild: tuple[int, int], high: tuple[int, int],
          scale: int = 1) -> None:
    n = len(mask)
    value = np.where(severe, rng.integers(*high, n), rng.integers(*mild, n)) / scale
    v[key] = np.where(mask, value, v[key])


def _secondary(v: dict[str, np.ndarray]) -> np.ndarray:
    """Cases meeting a 二次勧奨 threshold (missing values never qualify)."""
    with np.errstate(invalid="ignore"):
        return ((v["sbp"] >= 180) | (v["dbp"] >= 110) | (v["fpg"] >= 160)
                | (v["hba1c"] >= 8.4))


def _months(days: np.ndarray) -> np.ndarray:
    """The YYYYMM month of each day."""
    unique, inverse = np.unique(days, return_inverse=True)
    months = [date.fromordinal(int(d)).year * 100 + date.fromordinal(int(d)).month
              for d in unique]
    return np.take(np.array(months, dtype=np.int64), inverse)


def _window_ends(checkup: np.ndarray) -> np.ndarray:
    """The last day of month M+9 for each checkup day."""
    unique, inverse = np.unique(_months(checkup), return_inverse=True)
    ends = [day(month_last_day(add_months(int(m), 9))) for m in unique]
    return np.take(np.array(ends, dtype=np.int64), inverse)


def _visits(rng: np.random.Generator, timeline: Timeline, checkup: np.ndarray,
            rate: float) -> tuple[np.ndarray, np.ndarray]:
    """First visit day per case (NO_DAY: none known) and its source index."""
    n = len(checkup)
    window_end = _window_ends(checkup)
    order = rng.permutation(n)
    inside, late = round(rate * n), round(LATE_SHARE * n)
    early = round(EARLY_SHARE * n)
    visit = np.full(n, NO_DAY, dtype=np.int64)
    lag = np.floor((window_end - checkup) * rng.beta(0.8, 2.2, n)).astype(np.int64)
    visit[order[:inside]] = (checkup + lag)[order[:inside]]
    after = window_end + 1 + np.floor(rng.exponential(100, n)).astype(np.int64)
    visit[order[inside:inside + late]] = after[order[inside:inside + late]]
    before = checkup - rng.integers(1, 61, n)
    span = order[inside + late:inside + late + early]
    visit[span] = before[span]
    source = rng.choice(len(_SOURCES), size=n, p=[0.85, 0.10, 0.05])
    return _cap(visit, timeline.end), source


def _case_rows(fy: int, keys: list[str], c: _Cohort, v: dict[str, np.ndarray],
               notice: np.ndarray, visit: np.ndarray,
               source: np.ndarray) -> list[tuple[object, ...]]:
    checkup = iso(c.checkup)
    months = _months(c.checkup).tolist()
    names = _SOURCES.tolist()
    sources = [names[k] if d != NO_DAY else None
               for d, k in zip(visit.tolist(), source.tolist(), strict=True)]

    def col(name: str) -> list[object]:
        return [None if x != x else x for x in v[name].tolist()]

    return list(zip(keys, (c.employer + 1).tolist(), checkup, months, [fy] * len(keys),
                    c.age.tolist(), c.sex.tolist(), col("sbp"), col("dbp"), col("fpg"),
                    col("hba1c"), col("ldl"), col("egfr"), _URINE[v["urine"]].tolist(),
                    iso(notice), iso(visit), sources, strict=True))


def _actions(rng: np.random.Generator, timeline: Timeline, first: int, checkup: np.ndarray,
             notice: np.ndarray, visit: np.ndarray,
             secondary: np.ndarray) -> list[tuple[object, ...]]:
    """二次勧奨 for about 65% of the 二次 cases; about 30% of those get a second one."""
    n = len(checkup)
    base = np.where(notice != NO_DAY, notice, checkup + 35)
    acted = base + rng.integers(14, 76, n)
    chosen = secondary & (rng.random(n) < 0.65) & (acted <= timeline.end)
    method = rng.choice(len(_METHODS), size=n, p=[0.4, 0.35, 0.1, 0.15])
    again = acted + rng.integers(14, 46, n)
    twice = chosen & (rng.random(n) < 0.3) & (again <= timeline.end)
    other = (method + rng.integers(1, len(_METHODS), n)) % len(_METHODS)
    staff = rng.integers(len(STAFF), size=n)
    results = _results(rng, visit, checkup, acted)
    results2 = _results(rng, visit, checkup, again)
    rows = [(i, acted[i], method[i], results[i]) for i in np.flatnonzero(chosen).tolist()]
    rows += [(i, again[i], other[i], results2[i]) for i in np.flatnonzero(twice).tolist()]
    rows.sort()
    acted_on = iso([r[1] for r in rows])
    return [(first + i, on, str(_METHODS[m]), res, STAFF[staff[i]])
            for (i, _, m, res), on in zip(rows, acted_on, strict=True)]


def _results(rng: np.random.Generator, visit: np.ndarray, checkup: np.ndarray,
             acted: np.ndarray) -> list[str]:
    """受診済 when the visit came before the action, else a plausible outcome."""
    seen = (visit != NO_DAY) & (visit >= checkup)
    done = seen & (visit <= acted)
    planned = seen & (visit > acted) & (visit <= acted + 60)
    other = rng.choice(np.array(["absent", "refused", "other", "planned"]), size=len(visit),
                       p=[0.4, 0.15, 0.15, 0.3])
    return np.where(done, "visited", np.where(planned, "planned", other)).tolist()
