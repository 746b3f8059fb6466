"""How KPI figures are shown to people: half-up rounding to one decimal of a percent."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from branchdesk.domain.kpi.catalogue import KpiDef
from branchdesk.domain.kpi.status import exact


def round_half_up(value: Fraction | float | int, places: int) -> Decimal:
    """``value`` rounded half up (away from zero on a tie) to ``places`` decimals, exactly."""
    scaled = Fraction(value) if not isinstance(value, float) else exact(value) or Fraction(0)
    scaled *= 10**places
    integer = int(scaled)  # truncates toward zero
    if abs(scaled - integer) >= Fraction(1, 2):
        integer += 1 if scaled > 0 else -1
    return Decimal(integer).scaleb(-places)


def format_percent(fraction: Fraction | float | None) -> str:
    """0.8906 → "89.1%"; None → "—"."""
    if fraction is None:
        return "—"
    return f"{round_half_up((exact(fraction) or Fraction(0)) * 100, 1)}%"


def format_value(kpi: KpiDef, value: Fraction | float | int | None) -> str:
    """A KPI value in its unit: a percent, or a count with thousands separators."""
    if value is None:
        return "—"
    if kpi.is_ratio:
        return format_percent(value)
    return f"{int(round_half_up(value, 0)):,}"
