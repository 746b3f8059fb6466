"""バイオシミラー statistics: branch totals per ingredient every month, and per-institution rows.

Replacement rates rise linearly per ingredient between April 2022 and March 2026 (and stay flat
outside, within 0–97%): 3 of the 19 ingredients are at 80% or more in January 2023, 4 in January
2024 and 5 from January 2025 (16%, 21%, 26%) — the KPI's January month.

Per-institution rows (a few hundred institutions for the small branch, 2,000 for the large) are
written only for the months of the latest FY: a full history per institution would multiply the
table by four without showing anything new, and the KPI reads the branch totals only.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import numpy as np

from branchdesk.demo.base import Timeline, Writer, py_random, rng_for
from branchdesk.demo.generic import Institution
from branchdesk.domain.normalize import normalize_key

#: (ingredient, monthly quantity of the small branch, rate in 2022-04, rate in 2026-03).
INGREDIENTS = [
    ("インフリキシマブ", 250, 0.40, 0.62), ("エタネルセプト", 600, 0.35, 0.55),
    ("アダリムマブ", 900, 0.12, 0.45), ("トラスツズマブ", 200, 0.82, 0.92),
    ("リツキシマブ", 150, 0.75, 0.90), ("ベバシズマブ", 300, 0.66, 0.90),
    ("フィルグラスチム", 400, 0.86, 0.94), ("ペグフィルグラスチム", 150, 0.05, 0.40),
    ("エポエチンアルファ", 1200, 0.83, 0.91), ("ダルベポエチンアルファ", 2000, 0.30, 0.68),
    ("インスリングラルギン", 9000, 0.60, 0.76), ("インスリンリスプロ", 6000, 0.20, 0.45),
    ("インスリンアスパルト", 6500, 0.15, 0.40), ("テリパラチド", 700, 0.30, 0.60),
    ("ソマトロピン", 300, 0.02, 0.06), ("ラニビズマブ", 200, 0.25, 0.55),
    ("アガルシダーゼベータ", 20, 0.40, 0.65), ("ウステキヌマブ", 120, 0.0, 0.22),
    ("アフリベルセプト", 400, 0.0, 0.30),
]
#: Ingredients a clinic (not a hospital) prescribes.
CLINIC_INGREDIENTS = [10, 11, 12, 13, 14, 15, 18, 1, 2]
SMALL_INSURED = 150_000
_START, _SPAN = 2022 * 12 + 3, 47  # 2022-04 as a month index, months to 2026-03
_COLUMNS = ("month", "ingredient", "ingredient_key", "institution_code", "bs_qty", "ref_qty")


def rate_at(ingredient: int, month: int) -> float:
    """The planned branch replacement rate of an ingredient in a YYYYMM month."""
    _, _, start, end = INGREDIENTS[ingredient]
    t = min(max((month // 100) * 12 + month % 100 - 1 - _START, 0), _SPAN)
    return min(max(start + (end - start) * t / _SPAN, 0.0), 0.97)


def generate_biosimilar(writer: Writer, timeline: Timeline, insts: list[Institution],
                        count: int, insured: int, seed: int) -> None:
    """Write branch totals for every month and institution rows for the latest FY."""
    rng = rng_for(seed, "biosimilar")
    factor = insured / SMALL_INSURED
    volumes = {m: _volumes(rng, m, t, factor) for t, m in enumerate(timeline.months)}
    writer.insert("biosimilar_stats", _COLUMNS, _branch_rows(rng, volumes))
    uses = _uses(rng, py_random(rng), insts, count)
    latest = timeline.months[-12:]
    writer.insert("biosimilar_stats", _COLUMNS,
                  (row for m in latest for row in _institution_rows(rng, uses, m, volumes[m])))


def _volumes(rng: np.random.Generator, month: int, t: int, factor: float) -> np.ndarray:
    base = np.array([v for _, v, _, _ in INGREDIENTS], dtype=float)
    return base * factor * (1 + 0.015 * t / 12) * rng.normal(1, 0.03, len(base))


def _split(quantity: float, rate: float) -> tuple[float, float]:
    total = float(round(quantity))
    bs = float(round(total * min(max(rate, 0.0), 1.0)))
    return bs, total - bs


def _branch_rows(rng: np.random.Generator,
                 volumes: dict[int, np.ndarray]) -> Iterator[tuple[object, ...]]:
    for month, volume in volumes.items():
        for i, (name, _, _, _) in enumerate(INGREDIENTS):
            rate = rate_at(i, month) + rng.uniform(-0.004, 0.004)
            yield (month, name, normalize_key(name), "", *_split(volume[i], rate))


def _uses(rng: np.random.Generator, rnd: random.Random, insts: list[Institution],
          count: int) -> list[tuple[str, int, float, float]]:
    """(institution code, ingredient, share of the ingredient's volume, rate offset)."""
    hospitals = [i for i in insts if i.kind == "hospital"]
    clinics = [i for i in insts if i.kind == "clinic"]
    chosen = hospitals[:count] + rnd.sample(clinics, min(len(clinics),
                                                         max(count - len(hospitals), 0)))
    uses = []
    for inst in chosen:
        if inst.kind == "hospital":
            ingredients = rnd.sample(range(len(INGREDIENTS)), rnd.randint(5, len(INGREDIENTS)))
        else:
            ingredients = rnd.sample(CLINIC_INGREDIENTS, rnd.randint(1, 3))
        weight = inst.volume * (6.0 if inst.kind == "hospital" else 1.0)
        uses += [(inst.code, i, weight, float(rng.normal(0, 0.12))) for i in sorted(ingredients)]
    totals = np.zeros(len(INGREDIENTS))
    for _, i, w, _ in uses:
        totals[i] += w
    return [(code, i, 0.85 * w / totals[i], off) for code, i, w, off in uses]


def _institution_rows(rng: np.random.Generator, uses: list[tuple[str, int, float, float]],
                      month: int, volume: np.ndarray) -> Iterator[tuple[object, ...]]:
    noise = rng.normal(1, 0.05, len(uses))
    for (code, i, share, offset), k in zip(uses, noise, strict=True):
        name = INGREDIENTS[i][0]
        rate = rate_at(i, month) + offset
        yield (month, name, normalize_key(name), code, *_split(volume[i] * share * k, rate))
