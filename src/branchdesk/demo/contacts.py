"""Contacts: visits and calls with employers (and some visits to institutions about generics),
seminars, and who attended each seminar and what they signed up for on the spot."""

from __future__ import annotations

import random

import numpy as np

from branchdesk.demo.base import Timeline, Writer, iso1, py_random, rng_for
from branchdesk.demo.employers import Employers
from branchdesk.demo.generic import Institution
from branchdesk.demo.names import STAFF
from branchdesk.demo.places import Municipality
from branchdesk.domain.calendar import fy_end, fy_start

_EMPLOYER_TITLES = {
    "visit": ["健康宣言のご案内", "健康保険委員委嘱のお願い", "事業所カルテの説明",
              "健診受診勧奨の協力依頼", "保健指導の利用勧奨", "健康経営優良法人の申請支援"],
    "call": ["健診案内の送付確認", "健康宣言の取組状況確認", "委員研修会の案内",
             "宣言書の記入方法の問合せ", "セミナー参加の案内"],
}
_INSTITUTION_TITLES = [
    "ジェネリック医薬品の使用促進", "バイオシミラーの使用促進", "受診勧奨の連携依頼",
]
_OUTCOMES = [
    "宣言書を受領", "前向きに検討", "資料を送付", "担当者不在", "後日回答", "委員の推薦あり",
    "特になし",
]
_NEXT = [
    "1か月後に再訪問", "資料送付", "電話で確認", "宣言書の受領待ち", None, None,
]
_SEMINARS = [
    "健康経営セミナー", "健康保険委員研修会", "健康づくりセミナー",
]
_SIGNUPS = [
    "健康宣言", "健康保険委員", "健康宣言、健康保険委員", None,
]
_SIGNUP_WEIGHTS = [15, 10, 3, 72]
_COLUMNS = ("employer_id", "institution_code", "contact_on", "kind", "staff", "title", "outcome",
            "next_action")


def generate_contacts(writer: Writer, timeline: Timeline, emp: Employers,
                      places: list[Municipality], insts: list[Institution], per_fy: int,
                      seminars: int, seminar_size: tuple[int, int], seed: int) -> None:
    """Write contacts per FY (in date order) and the attendance of every seminar."""
    rng = rng_for(seed, "contacts")
    rnd = py_random(rng)
    rows, events = _rows(rnd, rng, timeline, emp, places, insts, per_fy, seminars)
    order = sorted(range(len(rows)), key=lambda i: (rows[i][2], i))
    first = writer.insert("contacts", _COLUMNS, [rows[i] for i in order])
    ids = {old: first + new for new, old in enumerate(order)}
    attendance = [row for i, on in events
                  for row in _attendance(rnd, rng, timeline, emp, ids[i], on, seminar_size)]
    writer.insert("seminar_attendance", ("contact_id", "employer_id", "signed_up"), attendance)


def _rows(rnd: random.Random, rng: np.random.Generator, timeline: Timeline, emp: Employers,
          places: list[Municipality], insts: list[Institution], per_fy: int,
          seminars: int) -> tuple[list[tuple[object, ...]], list[tuple[int, int]]]:
    """Contact rows FY by FY, and (row index, day) of each seminar among them."""
    rows: list[tuple[object, ...]] = []
    events: list[tuple[int, int]] = []
    sampler = _Sampler(timeline, emp)
    for fy in timeline.fys:
        start, end = fy_start(fy).toordinal(), fy_end(fy).toordinal()
        for on in sorted(rnd.randint(start, end) for _ in range(per_fy)):
            rows.append(_contact(rnd, rng, sampler, insts, on))
        for _ in range(seminars):
            on = rnd.randint(start, end)
            events.append((len(rows), on))
            rows.append((None, None, iso1(on), "seminar", rnd.choice(STAFF),
                         f"{rnd.choice(_SEMINARS)}（{rnd.choice(places).name}）", None,
                         "アンケート集計"))
    return rows, events


def _active_employers(timeline: Timeline, emp: Employers, on: int) -> np.ndarray:
    register = int(timeline.register_index(np.array([on]))[0])
    if register < 0:
        return np.flatnonzero((emp.appear == 0) & (emp.applied < timeline.start))
    return np.flatnonzero(emp.active(register))


class _Sampler:
    """Draws an active employer at a day (∝ √size); keeps the last day's candidates, so days
    should come in order."""

    def __init__(self, timeline: Timeline, emp: Employers) -> None:
        self.timeline, self.emp = timeline, emp
        self.register = -2
        self.candidates = np.empty(0, dtype=np.int64)
        self.cdf = np.empty(0)

    def draw(self, rng: np.random.Generator, on: int) -> int:
        """The index of an employer active at day ``on``."""
        register = int(self.timeline.register_index(np.array([on]))[0])
        if register != self.register:
            self.register = register
            self.candidates = _active_employers(self.timeline, self.emp, on)
            self.cdf = np.cumsum(np.sqrt(self.emp.size[self.candidates]))
        pick = int(np.searchsorted(self.cdf, rng.random() * self.cdf[-1], side="right"))
        return int(self.candidates[min(pick, len(self.candidates) - 1)])


def _contact(rnd: random.Random, rng: np.random.Generator, sampler: _Sampler,
             insts: list[Institution], on: int) -> tuple[object, ...]:
    kind = "visit" if rnd.random() < 0.5 else "call"
    staff, outcome, next_action = rnd.choice(STAFF), rnd.choice(_OUTCOMES), rnd.choice(_NEXT)
    if kind == "visit" and rnd.random() < 0.1:
        inst = rnd.choice(insts)
        return (None, inst.code, iso1(on), kind, staff, rnd.choice(_INSTITUTION_TITLES),
                outcome, next_action)
    employer = sampler.draw(rng, on) + 1
    return (employer, None, iso1(on), kind, staff, rnd.choice(_EMPLOYER_TITLES[kind]), outcome,
            next_action)


def _attendance(rnd: random.Random, rng: np.random.Generator, timeline: Timeline,
                emp: Employers, contact_id: int, on: int,
                size: tuple[int, int]) -> list[tuple[object, ...]]:
    candidates = _active_employers(timeline, emp, on)
    count = min(rnd.randint(*size), len(candidates))
    weights = emp.size[candidates] ** 0.3
    chosen = np.sort(rng.choice(candidates, size=count, replace=False, p=weights / weights.sum()))
    return [(contact_id, int(e) + 1, rnd.choices(_SIGNUPS, _SIGNUP_WEIGHTS)[0])
            for e in chosen.tolist()]
