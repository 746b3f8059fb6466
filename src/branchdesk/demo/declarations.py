"""健康宣言 (health declarations): in force, withdrawn, and declared again after a withdrawal.

Exactly ``in_force`` declarations are in force (宣言中) at the end, all at employers active then;
about 8% more were withdrawn (at employers still active, or lost: reason 事業所喪失), and about 6%
of the employers in force had declared before and withdrawn. 宣言日 spread from six years before
the first FY to the end, more of them recently. 標準 declarations carry both mandatory items, at
least one field item and a カルテ given before the declaration (domain.md §3.2).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date

import numpy as np

from branchdesk.demo.base import NO_DAY, Timeline, Writer, iso, py_random, rng_for
from branchdesk.demo.employers import Employers
from branchdesk.demo.names import SURNAMES
from branchdesk.domain.calendar import fy_of

_COLUMNS = ("employer_id", "declared_on", "kind", "status", "withdrawn_on", "withdrawal_reason",
            "items", "karte_on", "karte_again_on", "certification", "contact_person")
_FIELD_ITEMS = ["運動 週2回以上の運動習慣者 {}%", "食生活 朝食を毎日とる人 {}%",
                "こころ・休養 ストレスチェック受検率 {}%", "たばこ 喫煙率 {}%以下",
                "アルコール 毎日飲酒する人 {}%以下"]
_REASONS = ["事業所からの申出", "担当者不在により継続困難", "取組の継続が困難", "事業所の統合"]
_DEPARTMENTS = ["総務課", "総務部", "人事課", "管理部", "事務局"]
_YEARS_BEFORE = 6


@dataclass(frozen=True)
class _Decl:
    employer: int  # index
    declared: int
    withdrawn: int  # NO_DAY: in force
    reason: str | None


def generate_declarations(writer: Writer, timeline: Timeline, emp: Employers, in_force: int,
                          seed: int) -> list[int]:
    """Write the declarations; the KPI value (standard, in force, active) at each FY end."""
    rng = rng_for(seed, "declarations")
    rnd = py_random(rng)
    live = _in_force(rng, rnd, timeline, emp, in_force)
    taken = np.zeros(emp.n, dtype=bool)
    taken[[d.employer for d in live]] = True
    decls = live + _withdrawn(rng, rnd, timeline, emp, in_force, taken)
    decls.sort(key=lambda d: (d.employer, d.declared))
    kinds = [_kind(rnd, d.declared) for d in decls]
    writer.insert("declarations", _COLUMNS,
                  [_row(rnd, d, kind, timeline) for d, kind in zip(decls, kinds, strict=True)])
    return _kpi_values(timeline, emp, decls, kinds)


def _earliest(emp: Employers, timeline: Timeline, index: np.ndarray) -> np.ndarray:
    return np.maximum(emp.applied[index] + 30, timeline.start - 365 * _YEARS_BEFORE)


def _in_force(rng: np.random.Generator, rnd: random.Random, timeline: Timeline,
              emp: Employers, count: int) -> list[_Decl]:
    """Declarations in force at the end (some after an earlier, withdrawn one)."""
    candidates = np.flatnonzero(emp.lost == timeline.n_registers)
    weights = emp.size[candidates] ** 0.6
    chosen = np.sort(rng.choice(candidates, size=count, replace=False, p=weights / weights.sum()))
    low = np.minimum(_earliest(emp, timeline, chosen), timeline.end)
    declared = low + rng.random(count) ** (1 / 1.4) * (timeline.end - low)
    decls = []
    for e, lo, d in zip(chosen.tolist(), low.tolist(), declared.astype(np.int64).tolist(),
                        strict=True):
        if d - lo > 400 and rnd.random() < 0.06:
            first = rnd.randint(lo, d - 200)
            decls.append(_Decl(e, first, rnd.randint(first + 100, d), rnd.choice(_REASONS)))
        decls.append(_Decl(e, d, NO_DAY, None))
    return decls


def _withdrawn(rng: np.random.Generator, rnd: random.Random, timeline: Timeline,
               emp: Employers, in_force: int, taken: np.ndarray) -> list[_Decl]:
    """Declarations withdrawn by the end, at employers without one in force (not ``taken``)."""
    lost_day = emp.lost_day(timeline)
    life_end = np.where(lost_day == NO_DAY, timeline.end, lost_day)
    low = _earliest(emp, timeline, np.arange(emp.n))
    candidates = np.flatnonzero((life_end - 60 - low > 120) & ~taken)
    weights = emp.size[candidates] ** 0.6
    count = min(round(0.08 * in_force), len(candidates) // 4)
    chosen = np.sort(rng.choice(candidates, size=count, replace=False, p=weights / weights.sum()))
    decls = []
    for e in chosen.tolist():
        declared = rnd.randint(int(low[e]), int(life_end[e]) - 120)
        if lost_day[e] != NO_DAY and rnd.random() < 0.7:
            decls.append(_Decl(e, declared, int(lost_day[e]), "事業所喪失"))
        else:
            withdrawn = rnd.randint(declared + 60, int(life_end[e]) - 1)
            decls.append(_Decl(e, declared, withdrawn, rnd.choice(_REASONS)))
    return decls


def _kind(rnd: random.Random, declared: int) -> str:
    """標準 mostly; 従来 more often among declarations of before FY2020."""
    old = fy_of(date.fromordinal(declared)) < 2020
    return "conventional" if rnd.random() < (0.4 if old else 0.08) else "standard"


def _row(rnd: random.Random, d: _Decl, kind: str, timeline: Timeline) -> tuple[object, ...]:
    standard = kind == "standard"
    karte = d.declared - rnd.randint(14, 90) if standard or rnd.random() < 0.3 else NO_DAY
    until = d.withdrawn if d.withdrawn != NO_DAY else timeline.end
    again = d.declared + rnd.randint(330, 400)
    again = again if karte != NO_DAY and again <= until and rnd.random() < 0.8 else NO_DAY
    declared_on, withdrawn_on, karte_on, again_on = iso([d.declared, d.withdrawn, karte, again])
    return (d.employer + 1, declared_on, kind, "active" if d.withdrawn == NO_DAY else "withdrawn",
            withdrawn_on, d.reason, _items(rnd, standard), karte_on, again_on,
            _certification(rnd, d, standard, timeline),
            f"{rnd.choice(_DEPARTMENTS)} {rnd.choice(SURNAMES)[0]}")


def _items(rnd: random.Random, standard: bool) -> str:
    """宣言項目 as a JSON list of texts with targets."""
    items = ["健診受診率 100%"]
    if standard:
        items.append(f"保健指導実施率 {rnd.choice([50, 60, 70, 80, 100])}%")
    fields = rnd.sample(_FIELD_ITEMS, rnd.randint(1, 3) if standard else rnd.randint(0, 1))
    items += [f.format(rnd.choice([10, 20, 30, 50])) for f in fields]
    return json.dumps(items, ensure_ascii=False)


def _certification(rnd: random.Random, d: _Decl, standard: bool, timeline: Timeline) -> str | None:
    """健康経営優良法人 on some standard declarations a year or more old."""
    first_year = fy_of(date.fromordinal(d.declared)) + 2
    if not standard or first_year > timeline.fy_to + 1 or rnd.random() >= 0.15:
        return None
    category = rnd.choices(["中小規模", "ブライト500", "ネクストブライト1000"], [85, 8, 7])[0]
    return f"{rnd.randint(first_year, timeline.fy_to + 1)} {category}"


def _kpi_values(timeline: Timeline, emp: Employers, decls: list[_Decl],
                kinds: list[str]) -> list[int]:
    """Active employers with a standard declaration in force at each FY end."""
    employer = np.array([d.employer for d in decls], dtype=np.int64)
    declared = np.array([d.declared for d in decls], dtype=np.int64)
    withdrawn = np.array([d.withdrawn for d in decls], dtype=np.int64)
    standard = np.array([k == "standard" for k in kinds])
    values = []
    for k in range(len(timeline.fys)):
        r = timeline.fy_end_register(k)
        at = timeline.register_days[r]
        live = standard & (declared <= at) & ((withdrawn == NO_DAY) | (withdrawn > at))
        live &= emp.active(r)[employer]
        values.append(len(np.unique(employer[live])))
    return values
