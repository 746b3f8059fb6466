"""The ジェネリック・バイオシミラー page: monthly figures per unit, lowest shares first, and the
biosimilar replacement per ingredient (Qt-free).

Per unit and code the 計 row is used, or where it has none the sum of its 医科/DPC/歯科/調剤 rows:
the rule the branch KPI follows (domain.md §4) and ``report_queries.municipality_shares`` uses.
Suppressed cells are missing values: a code with one missing quantity has no share.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from branchdesk.domain.enums import CLAIM_PARTS, GENERIC_UNIT
from branchdesk.domain.kpi.catalogue import BIOSIMILAR_THRESHOLD
from branchdesk.domain.kpi.status import exact
from branchdesk.store.connection import Store

UNITS = tuple(GENERIC_UNIT)
_PARTS = ", ".join(f"'{c}'" for c in CLAIM_PARTS)


def _share(part: float | None, other: float | None) -> float | None:
    if part is None or other is None or part + other <= 0:
        return None
    return part / (part + other)


@dataclass(frozen=True)
class UnitFigures:
    """One unit's (支部, 市区町村, 医療機関 or 薬局) generic figures of one month."""

    code: str
    name: str
    generic_qty: float | None
    brand_qty: float | None
    generic_amount: float | None
    brand_amount: float | None

    @property
    def qty_share(self) -> float | None:
        """Generic quantity ÷ (generic + brand-with-generic quantity), or None."""
        return _share(self.generic_qty, self.brand_qty)

    @property
    def amount_share(self) -> float | None:
        """The same with amounts, or None."""
        return _share(self.generic_amount, self.brand_amount)


def generic_months(store: Store) -> list[int]:
    """Months holding generic rows of any unit, newest first (one index probe per month rather
    than a scan: 1,440,000 rows at a large branch)."""
    rows = store.query(
        "WITH RECURSIVE m(month) AS (SELECT MAX(month) FROM generic_stats UNION ALL "
        "SELECT (SELECT MAX(g.month) FROM generic_stats g WHERE g.month < m.month) FROM m "
        "WHERE m.month IS NOT NULL) SELECT month FROM m WHERE month IS NOT NULL")
    return [int(r[0]) for r in rows]


_UNIT_SQL = f"""WITH r AS (
        SELECT code, MAX(name) AS name, claim_type = 'total' AS is_total,
               SUM(generic_qty) AS gq, SUM(brand_qty) AS bq,
               SUM(generic_amount) AS ga, SUM(brand_amount) AS ba
        FROM generic_stats WHERE month = :m AND unit = :u
          AND claim_type IN ('total', {_PARTS})
        GROUP BY code, claim_type = 'total')
    SELECT code, MAX(name), gq, bq, ga, ba FROM r
    WHERE is_total OR NOT EXISTS (SELECT 1 FROM r t WHERE t.code = r.code AND t.is_total)
    GROUP BY code"""


def unit_figures(store: Store, unit: str, month: int, *,
                 min_quantity: float = 0.0) -> list[UnitFigures]:
    """Every code of ``unit`` in ``month``, lowest quantity share first (the outreach order;
    unknown shares last, ties by code). ``min_quantity`` leaves out codes whose generic + brand
    quantity is below it (tiny institutions whose share says little)."""
    if unit not in GENERIC_UNIT:
        raise ValueError(f"unit must be one of {UNITS}, got {unit!r}")
    rows = store.query(_UNIT_SQL, {"m": month, "u": unit})
    figures = [UnitFigures(str(r[0]), r[1] or "", r[2], r[3], r[4], r[5]) for r in rows]
    if min_quantity > 0:
        figures = [f for f in figures
                   if (f.generic_qty or 0) + (f.brand_qty or 0) >= min_quantity]
    return sorted(figures, key=_outreach_order)


def _outreach_order(row: UnitFigures) -> tuple[int, float, str]:
    share = row.qty_share
    return (1, 0.0, row.code) if share is None else (0, share, row.code)


def biosimilar_months(store: Store) -> list[int]:
    """Months holding branch-total biosimilar rows, newest first."""
    rows = store.query("SELECT DISTINCT month FROM biosimilar_stats WHERE institution_code = '' "
                       "ORDER BY month DESC")
    return [int(r[0]) for r in rows]


@dataclass(frozen=True)
class IngredientFigures:
    """One ingredient's biosimilar figures of a month: branch totals, and how many institutions
    report it and how many of those reach the threshold."""

    ingredient: str
    bs_qty: float | None
    ref_qty: float | None
    institutions: int
    institutions_reached: int

    @property
    def rate(self) -> float | None:
        """Biosimilar ÷ (biosimilar + reference quantity), or None."""
        return _share(self.bs_qty, self.ref_qty)

    @property
    def reached(self) -> bool:
        """True when the exact rate is at least the threshold (80%), as the KPI counts."""
        if self.bs_qty is None or self.ref_qty is None or self.bs_qty + self.ref_qty <= 0:
            return False
        threshold = exact(BIOSIMILAR_THRESHOLD) or Fraction(0)
        return Fraction(self.bs_qty) >= threshold * (Fraction(self.bs_qty)
                                                     + Fraction(self.ref_qty))


_INGREDIENT_SQL = """SELECT t.ingredient, t.bs_qty, t.ref_qty,
        (SELECT COUNT(*) FROM biosimilar_stats i WHERE i.month = t.month
            AND i.ingredient_key = t.ingredient_key AND i.institution_code <> ''
            AND COALESCE(i.bs_qty, 0) + COALESCE(i.ref_qty, 0) > 0),
        (SELECT COUNT(*) FROM biosimilar_stats i WHERE i.month = t.month
            AND i.ingredient_key = t.ingredient_key AND i.institution_code <> ''
            AND i.bs_qty + i.ref_qty > 0 AND i.bs_qty * :den >= (i.bs_qty + i.ref_qty) * :num)
    FROM biosimilar_stats t WHERE t.month = :m AND t.institution_code = ''
    ORDER BY t.ingredient_key"""


def ingredient_figures(store: Store, month: int) -> list[IngredientFigures]:
    """Every ingredient of the branch-total rows of ``month``, lowest rate first (unknown last)."""
    threshold = exact(BIOSIMILAR_THRESHOLD) or Fraction(0)
    rows = store.query(_INGREDIENT_SQL, {"m": month, "num": threshold.numerator,
                                         "den": threshold.denominator})
    figures = [IngredientFigures(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in rows]
    return sorted(figures, key=lambda f: (f.rate is None, f.rate or 0.0, f.ingredient))
