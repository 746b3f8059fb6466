"""Statuses of the KPI sheet (domain.md §5), compared on exact values, never rounded ones.

Values are kept as ``Fraction`` (numerator ÷ denominator, or an entered decimal read exactly),
so "numerator ≥ target × denominator" holds to the last digit and a tie meets the target.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Literal

Status = Literal["achieved", "nearly", "not_achieved", "provisional", "no_data", "no_target"]

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "achieved": ("達成", "achieved"),
    "nearly": ("概ね達成", "nearly achieved"),
    "not_achieved": ("未達成", "not achieved"),
    "provisional": ("集計中", "provisional"),
    "no_data": ("データなし", "no data"),
    "no_target": ("目標なし", "no target"),
}

#: Worst first: "several conditions: the worst of the conditions' statuses".
_RANK = {"not_achieved": 0, "nearly": 1, "achieved": 2}


def exact(value: float | int | Fraction | None) -> Fraction | None:
    """An exact value: floats are read as the decimal they print as (0.958 → 958/1000)."""
    if value is None:
        return None
    if isinstance(value, Fraction | int):
        return Fraction(value)
    return Fraction(Decimal(repr(float(value))))


def ratio(numerator: float | int, denominator: float | int) -> Fraction | None:
    """numerator ÷ denominator exactly (None when the denominator is zero)."""
    if not denominator:
        return None
    return Fraction(numerator) / Fraction(denominator)


def fixed_status(value: Fraction, target: Fraction, *, lower_is_better: bool = False,
                 nearly_ratio: Fraction = Fraction(95, 100)) -> Status:
    """A fixed target: 達成 at or past it, 概ね達成 from ``nearly_ratio`` of it (higher only)."""
    if lower_is_better:
        return "achieved" if value <= target else "not_achieved"
    if value >= target:
        return "achieved"
    if value >= target * nearly_ratio:
        return "nearly"
    return "not_achieved"


def previous_status(value: Fraction, previous: Fraction, *,
                    lower_is_better: bool = False) -> Status:
    """対前年度以上: 達成 if value ≥ previous (≤ when lower is better); never 概ね達成."""
    if lower_is_better:
        return "achieved" if value <= previous else "not_achieved"
    return "achieved" if value >= previous else "not_achieved"


def worst(statuses: list[Status]) -> Status:
    """The worst of several conditions' statuses (未達成 < 概ね達成 < 達成)."""
    return min(statuses, key=lambda s: _RANK[s])


def status_label(status: str, lang: str = "ja") -> str:
    """The status as people read it."""
    ja, en = STATUS_LABELS.get(status, (status, status))
    return en if lang == "en" else ja
