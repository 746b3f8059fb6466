"""ジェネリック statistics per month: the branch, its municipalities, institutions and pharmacies.

The branch's quantity share follows a curve over calendar months (about 78% in FY2022, just
under 80% at the end of FY2023, above 80% from FY2024 — the October 2024 選定療養 jump — to
about 86% in March 2026); the amount share rises from about 55% to 66%. Two months have no
計 (total) row, so the KPI's "sum of the parts" rule is used. Institutions and pharmacies vary
around the branch's share; a few of their rows are suppressed (秘匿: every figure missing).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from branchdesk.demo.base import Timeline, Writer, py_random, rng_for
from branchdesk.demo.names import institution_name
from branchdesk.demo.places import Municipality, branch_name, institution_code
from branchdesk.domain.enums import CLAIM_PARTS

#: Anchors (YYYYMM, share) of the branch's generic shares; linear in between, flat outside.
QUANTITY_SHARE = [(201904, 0.765), (202204, 0.776), (202403, 0.796), (202404, 0.803),
                  (202410, 0.826), (202503, 0.836), (202603, 0.862), (202803, 0.89)]
AMOUNT_SHARE = [(201904, 0.50), (202204, 0.55), (202403, 0.595), (202410, 0.626),
                (202503, 0.636), (202603, 0.661), (202803, 0.70)]
#: Share of the branch's quantity per claim type, the type's offset from the branch share, and
#: unit prices (generic, brand) in yen.
PARTS = {"medical": (0.24, -0.02, 12.0, 35.0), "dpc": (0.06, 0.03, 18.0, 55.0),
         "dental": (0.01, -0.15, 9.0, 20.0), "dispensing": (0.69, 0.012, 10.0, 30.0)}
#: Institution kinds: (share of institutions, 点数表 digit, claim types, unit).
KINDS = {"clinic": (0.44, "1", ("medical",), "institution"),
         "hospital": (0.03, "1", ("medical", "dpc"), "institution"),
         "dental": (0.28, "3", ("dental",), "institution"),
         "pharmacy": (0.25, "4", ("dispensing",), "pharmacy")}
UNITS_PER_INSURED = 40
SUPPRESSED_SHARE = 0.003
_COLUMNS = ("month", "unit", "code", "name", "claim_type", "generic_qty", "brand_qty",
            "generic_amount", "brand_amount")


@dataclass(frozen=True)
class Institution:
    """A 医療機関 or 薬局 of the demo branch."""

    code: str
    name: str
    kind: str
    volume: float  # relative size
    offset: float  # generic share offset from the branch's


def share_at(anchors: list[tuple[int, float]], month: int) -> float:
    """A curve's value at a YYYYMM month (linear between anchors, flat outside)."""
    def index(m: int) -> int:
        return (m // 100) * 12 + m % 100 - 1

    return float(np.interp(index(month), [index(m) for m, _ in anchors], [v for _, v in anchors]))


def institutions(seed: int, branch: str, places: list[Municipality],
                 rows_per_month: int) -> list[Institution]:
    """The branch's institutions and pharmacies, enough for ``rows_per_month`` generic rows."""
    rng = rng_for(seed, "institutions")
    rnd = py_random(rng)
    fixed_rows = 5 + 5 * len(places)
    per_institution = sum(share * len(parts) for share, _, parts, _ in KINDS.values())
    total = max(round((rows_per_month - fixed_rows) / per_institution), len(KINDS))
    weights = np.array([m.weight for m in places], dtype=float)
    used: set[str] = set()
    result = []
    for kind, (share, table, _, _) in KINDS.items():
        for _ in range(max(1, round(total * share))):
            place = places[int(rng.choice(len(places), p=weights / weights.sum()))]
            code = _free_code(rnd, used, branch, table, place.district)
            volume = float(rng.lognormal(0, 0.8)) * (8.0 if kind == "hospital" else 1.0)
            result.append(Institution(code, institution_name(rnd, kind, place.name[:-1]), kind,
                                      volume, float(rng.normal(0, 0.06))))
    return result


def _free_code(rnd: random.Random, used: set[str], branch: str, table: str,
               district: str) -> str:
    """An unused 医療機関コード of the district (random number; the first free one when the
    district is crowded)."""
    for _ in range(50):
        code = institution_code(branch, table, district, rnd.randint(1, 9999))
        if code not in used:
            used.add(code)
            return code
    for number in range(1, 10_000):
        code = institution_code(branch, table, district, number)
        if code not in used:
            used.add(code)
            return code
    raise RuntimeError(f"no free institution number in district {district}")


def generate_generic(writer: Writer, timeline: Timeline, branch: str, places: list[Municipality],
                     insts: list[Institution], insured: int, seed: int) -> None:
    """Write every month's generic rows."""
    rng = rng_for(seed, "generic")
    no_total = {timeline.fy_to * 100 + 3, timeline.fy_from * 100 + 10}
    layout = _Layout(rng, places, insts)
    for t, month in enumerate(timeline.months):
        writer.insert("generic_stats", _COLUMNS,
                      _month_rows(rng, layout, branch, month, t, insured, month not in no_total))


class _Layout:
    """The fixed part of every month: who the rows are about and their lasting offsets."""

    def __init__(self, rng: np.random.Generator, places: list[Municipality],
                 insts: list[Institution]) -> None:
        weights = np.array([m.weight for m in places], dtype=float)
        self.places = places
        self.place_weight = weights / weights.sum()
        self.place_offset = rng.normal(0, 0.02, len(places))
        rows = sorted(((i, part) for i in insts for part in KINDS[i.kind][2]),
                      key=lambda r: (KINDS[r[0].kind][3], r[0].code, r[1]))
        self.inst_units = [KINDS[i.kind][3] for i, _ in rows]
        self.inst_codes = [i.code for i, _ in rows]
        self.inst_names = [i.name for i, _ in rows]
        self.inst_claims = [part for _, part in rows]
        self.inst_part = np.array([CLAIM_PARTS.index(p) for _, p in rows])
        volume = np.array([i.volume for i, _ in rows])
        for p in range(len(CLAIM_PARTS)):
            mask = self.inst_part == p
            volume[mask] /= max(volume[mask].sum(), 1e-9)
        self.inst_volume = volume * 0.92
        self.inst_offset = np.array([i.offset for i, _ in rows])
        self.inst_price = rng.normal(1.0, 0.05, len(rows))


def _part_figures(rng: np.random.Generator, month: int, t: int,
                  insured: int) -> tuple[np.ndarray, np.ndarray, float]:
    """The branch's quantity and share per claim type, and the brand-price factor."""
    weight, offset, g_price, b_price = (np.array(c) for c in zip(*PARTS.values(), strict=True))
    season = 1 + 0.06 * np.cos(2 * np.pi * ((month % 100) - 1) / 12)
    quantity = insured * UNITS_PER_INSURED * season * (1 + 0.01 * t / 12) * weight
    share = share_at(QUANTITY_SHARE, month) + rng.normal(0, 0.001)
    part_share = share + offset - float((weight * offset).sum())
    amount = share_at(AMOUNT_SHARE, month) + rng.normal(0, 0.001)
    generic_value = float((quantity * part_share * g_price).sum())
    brand_value = float((quantity * (1 - part_share) * b_price).sum())
    return quantity, part_share, generic_value * (1 - amount) / (amount * brand_value)


def _figures(quantity: np.ndarray, share: np.ndarray, part: np.ndarray, price: np.ndarray,
             factor: float) -> np.ndarray:
    """Columns generic qty, brand qty, generic amount, brand amount (whole units, yen)."""
    _, _, g_price, b_price = (np.array(c) for c in zip(*PARTS.values(), strict=True))
    total = np.rint(quantity)
    generic = np.rint(total * np.clip(share, 0.2, 0.995))
    brand = total - generic
    g_amount = np.rint(generic * g_price[part] * price)
    b_amount = np.rint(brand * b_price[part] * price * factor)
    return np.column_stack([generic, brand, g_amount, b_amount])


def _month_rows(rng: np.random.Generator, layout: _Layout, branch: str, month: int, t: int,
                insured: int, with_total: bool) -> Iterator[tuple[object, ...]]:
    quantity, share, factor = _part_figures(rng, month, t, insured)
    parts = np.arange(len(CLAIM_PARTS))
    branch_rows = _figures(quantity, share, parts, np.ones(len(parts)), factor).tolist()
    yield from _with_total(month, "branch", "", branch_name(branch), branch_rows, with_total)
    n = len(layout.places)
    q = np.outer(layout.place_weight, quantity) * rng.normal(1, 0.02, (n, len(parts)))
    s = share[None, :] + layout.place_offset[:, None] + rng.normal(0, 0.003, (n, len(parts)))
    figures = _figures(q.ravel(), s.ravel(), np.tile(parts, n), np.ones(q.size), factor).tolist()
    for j, place in enumerate(layout.places):
        rows = figures[j * len(parts):(j + 1) * len(parts)]
        yield from _with_total(month, "municipality", place.code, place.name, rows, True)
    yield from _institution_rows(rng, layout, month, quantity, share, factor)


def _with_total(month: int, unit: str, code: str, name: str, rows: list[list[float]],
                with_total: bool) -> Iterator[tuple[object, ...]]:
    for part, values in zip(CLAIM_PARTS, rows, strict=True):
        yield (month, unit, code, name, part, *values)
    if with_total:
        yield (month, unit, code, name, "total", *(sum(col) for col in zip(*rows, strict=True)))


def _institution_rows(rng: np.random.Generator, layout: _Layout, month: int,
                      quantity: np.ndarray, share: np.ndarray,
                      factor: float) -> Iterator[tuple[object, ...]]:
    """One row per institution and claim type; suppressed rows (秘匿) have every figure NULL
    (NaN, which SQLite stores as NULL)."""
    part = layout.inst_part
    n = len(part)
    q = quantity[part] * layout.inst_volume * rng.normal(1, 0.05, n)
    s = share[part] + layout.inst_offset + rng.normal(0, 0.01, n)
    figures = _figures(np.maximum(q, 1), s, part, layout.inst_price, factor)
    figures[rng.random(n) < SUPPRESSED_SHARE] = np.nan
    return zip(repeat(month), layout.inst_units, layout.inst_codes, layout.inst_names,
               layout.inst_claims, *figures.T.tolist(), strict=False)
