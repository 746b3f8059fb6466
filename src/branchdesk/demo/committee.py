"""健康保険委員 (committee members) and their trainings and commendations.

Which employers have a member in office at each fiscal-year end is decided first, so that the
committee coverage lands on a planned value per year (slightly above 50% in some years, below
in others): employers are ranked by a weighted random key that favours large employers, and each
year takes ranked employers until their insured reach the planned share. The bias is tuned so
that about 70% of the members in office at the end are the first at their employer; the rest
are extra members at covered employers, so the count in office at the end is exact. Members are
then dated to match: appointed after the last year-end their employer was not covered,
terminated (retired, transferred, own request, employer lost) before the first such year-end
after, with successors appointed on the day their predecessor leaves.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import numpy as np

from branchdesk.demo.base import NO_DAY, Timeline, Writer, iso, iso1, py_random, rng_for
from branchdesk.demo.employers import Employers
from branchdesk.demo.names import TITLES, fake_phone, person
from branchdesk.domain.calendar import fy_of
from branchdesk.domain.normalize import normalize_key

#: Planned coverage at the end of the last FY, the one before, … (older years take the last).
COVERAGE = (0.515, 0.49, 0.505, 0.47, 0.46)
FIRST_MEMBER_SHARE = 0.7
_TOLERANCE = 0.003
_MEMBER_COLUMNS = ("employer_id", "name", "name_key", "name_kana", "title", "phone", "email",
                   "appointed_on", "terminated_on", "termination_reason")
_EARLIEST_YEARS = 8


class _Member(NamedTuple):
    employer_id: int
    name: str
    name_key: str
    name_kana: str
    title: str
    phone: str
    email: str
    appointed: int
    terminated: int
    reason: str | None


@dataclass
class _Plan:
    """Members being built: rows, and the start of each employer's final covered run."""

    rows: list[_Member] = field(default_factory=list)
    keys: set[tuple[int, str, int]] = field(default_factory=set)
    final_start: dict[int, int] = field(default_factory=dict)
    stale: int = 0


def coverage_target(k: int, n_fy: int) -> float:
    """The planned coverage at the end of the ``k``-th FY of ``n_fy``."""
    return COVERAGE[min(n_fy - 1 - k, len(COVERAGE) - 1)]


def generate_committee(writer: Writer, timeline: Timeline, emp: Employers, in_office: int,
                       seed: int) -> None:
    """Write committee members (``in_office`` of them in office at the end) and events."""
    rng = rng_for(seed, "committee")
    covered = _covered_matrix(rng, timeline, emp, round(FIRST_MEMBER_SHARE * in_office))
    rnd = py_random(rng)
    plan = _Plan()
    for e in np.flatnonzero(covered.any(axis=1)):
        for k1, k2 in _runs(covered[e]):
            _run_members(rnd, plan, timeline, emp, int(e), k1, k2)
    _extras(rng, rnd, plan, timeline, emp, in_office - int(covered[:, -1].sum()) - plan.stale)
    first = writer.insert("committee_members", _MEMBER_COLUMNS, _dates_to_text(plan.rows))
    writer.insert("member_events", ("member_id", "kind", "on_date", "title"),
                  _events(rnd, plan.rows, first, timeline.end))


def _covered_matrix(rng: np.random.Generator, timeline: Timeline, emp: Employers,
                    first_members: int) -> np.ndarray:
    """(employers × FYs) True where the employer has a member in office at the FY end."""
    n_fy = len(timeline.fys)
    exp_key = -np.log(rng.random(emp.n))
    last = timeline.fy_end_register(n_fy - 1)
    low, high = 0.0, 4.0
    for _ in range(14):
        beta = (low + high) / 2
        count = len(_covered(exp_key / emp.size**beta, emp, last, coverage_target(n_fy - 1, n_fy)))
        low, high = (beta, high) if count > first_members else (low, beta)
    key = exp_key / emp.size ** ((low + high) / 2)
    matrix = np.zeros((emp.n, n_fy), dtype=bool)
    for k in range(n_fy):
        matrix[_covered(key, emp, timeline.fy_end_register(k), coverage_target(k, n_fy)), k] = True
    return matrix


def _covered(key: np.ndarray, emp: Employers, register: int, share: float) -> np.ndarray:
    """Employers taken in key order until their insured reach ``share`` of the register's
    total; an employer that would overshoot by more than the tolerance is passed over.

    Only the smallest keys are sorted (argpartition), more if they do not suffice.
    """
    candidates = np.flatnonzero(emp.active(register))
    insured = emp.insured[:, register].astype(np.int64)
    total = int(insured[candidates].sum())
    head = max(len(candidates) // 8, 1)
    while True:
        if head < len(candidates):
            top = np.argpartition(key[candidates], head)[:head]
            top = top[np.argsort(key[candidates][top], kind="stable")]
        else:
            top = np.argsort(key[candidates], kind="stable")
        chosen = _take(candidates[top], insured, share * total, _TOLERANCE * total)
        if chosen is not None or head >= len(candidates):
            return chosen if chosen is not None else candidates
        head *= 4


def _take(ranked: np.ndarray, insured: np.ndarray, need: float,
          tolerance: float) -> np.ndarray | None:
    """The ranked employers taken until ``need`` insured (None when they do not reach it)."""
    chosen = []
    while need > 0:
        if not len(ranked):
            return None
        cum = np.cumsum(insured[ranked])
        m = int(np.searchsorted(cum, need))
        if m == len(ranked):
            return None
        if cum[m] - need <= tolerance:
            chosen.append(ranked[: m + 1])
            break
        chosen.append(ranked[:m])
        need -= float(cum[m - 1]) if m else 0.0
        ranked = ranked[m + 1:]
    return np.concatenate(chosen) if chosen else np.empty(0, dtype=np.int64)


def _runs(row: np.ndarray) -> list[tuple[int, int]]:
    """Maximal runs (first, last) of consecutive covered FY ends."""
    runs, start = [], None
    for k, flag in enumerate([*row.tolist(), False]):
        if flag and start is None:
            start = k
        elif not flag and start is not None:
            runs.append((start, k - 1))
            start = None
    return runs


def _run_members(rnd: random.Random, plan: _Plan, timeline: Timeline, emp: Employers, e: int,
                 k1: int, k2: int) -> None:
    """The member (and any successor) covering employer ``e`` from FY end k1 to k2."""
    ends = timeline.register_days[[timeline.fy_end_register(k) for k in range(len(timeline.fys))]]
    low = ends[k1 - 1] + 1 if k1 else ends[0] - 365 * _EARLIEST_YEARS
    appointed = rnd.randint(max(int(low), int(emp.applied[e])), int(ends[k1]))
    end, reason = _run_end(rnd, timeline, emp, e, ends, k2)
    if end == NO_DAY and reason == "stale":
        plan.stale += 1
        reason = None
    if k2 == len(ends) - 1:
        plan.final_start[e] = appointed
    last_day = end if end != NO_DAY else timeline.end
    if last_day - appointed > 200 and rnd.random() < 0.2:
        handover = rnd.randint(appointed + 30, last_day - 1)
        _add_member(rnd, plan, e, appointed, handover, rnd.choice(["retired", "transferred"]))
        appointed = handover
    _add_member(rnd, plan, e, appointed, end, reason)


def _run_end(rnd: random.Random, timeline: Timeline, emp: Employers, e: int, ends: np.ndarray,
             k2: int) -> tuple[int, str | None]:
    """(terminated_on, reason) of a run ending after FY end k2 (NO_DAY: still in office)."""
    if k2 == len(ends) - 1:
        return NO_DAY, None
    lost_day = int(timeline.register_days[emp.lost[e]]) if emp.lost[e] < len(
        timeline.register_days) else NO_DAY
    if lost_day != NO_DAY and lost_day <= ends[k2 + 1]:
        if rnd.random() < 0.25:
            return NO_DAY, "stale"
        return min(lost_day + rnd.randint(0, 45), timeline.end), "employer_lost"
    reason = rnd.choices(["retired", "transferred", "own_request"], [0.4, 0.45, 0.15])[0]
    return rnd.randint(int(ends[k2]) + 1, int(ends[k2 + 1])), reason


def _add_member(rnd: random.Random, plan: _Plan, e: int, appointed: int, terminated: int,
                reason: str | None) -> None:
    while True:
        name, kana, local = person(rnd)
        key = (e, normalize_key(name), appointed)
        if key not in plan.keys:
            break
    plan.keys.add(key)
    email = f"{local}{rnd.randint(1, 999)}@example.jp"
    plan.rows.append(_Member(e + 1, name, key[1], kana, rnd.choice(TITLES), fake_phone(rnd),
                             email, appointed, terminated, reason))


def _extras(rng: np.random.Generator, rnd: random.Random, plan: _Plan, timeline: Timeline,
            emp: Employers, count: int) -> None:
    """Second and further members at employers covered at the end, favouring large ones."""
    employers = np.array(sorted(plan.final_start), dtype=np.int64)
    if count <= 0 or not len(employers):
        return
    weights = emp.insured[employers, -1].astype(float) ** 0.8
    for e in sorted(rng.choice(employers, size=count, p=weights / weights.sum()).tolist()):
        _add_member(rnd, plan, e, rnd.randint(plan.final_start[e], timeline.end), NO_DAY, None)


def _dates_to_text(rows: list[_Member]) -> list[tuple[object, ...]]:
    """The rows with 委嘱日 and 解嘱日 as ISO text."""
    appointed = iso([r.appointed for r in rows])
    terminated = iso([r.terminated for r in rows])
    return [(*r[:7], a, t, r.reason) for r, a, t in zip(rows, appointed, terminated, strict=True)]


def _events(rnd: random.Random, rows: list[_Member], first: int,
            end: int) -> list[tuple[object, ...]]:
    """Trainings (about 12% of members) and commendations (about 3%) during their term."""
    events: list[tuple[object, ...]] = []
    for i, row in enumerate(rows):
        start = row.appointed
        stop = row.terminated - 1 if row.terminated != NO_DAY else end
        if stop <= start:
            continue
        if rnd.random() < 0.12:
            on = rnd.randint(start, stop)
            events.append((first + i, "training", iso1(on),
                           f"健康保険委員研修会（{fy_of(date.fromordinal(on))}年度）"))
        if rnd.random() < 0.03:
            title = rnd.choice(["支部長表彰", "理事長表彰"])
            events.append((first + i, "commendation", iso1(rnd.randint(start, stop)),
                           f"健康保険委員表彰（{title}）"))
    return events
