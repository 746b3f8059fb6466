"""Fiscal years (1 April – 31 March), quarters and months as YYYYMM integers (domain.md §1)."""

from __future__ import annotations

import calendar as _cal
from datetime import date

QUARTERS = (1, 2, 3, 4)


def fy_of(day: date) -> int:
    """The fiscal year a day belongs to (2025-03-31 → 2024)."""
    return day.year if day.month >= 4 else day.year - 1


def fy_start(fy: int) -> date:
    """First day of FY ``fy`` (1 April)."""
    return date(fy, 4, 1)


def fy_end(fy: int) -> date:
    """Last day of FY ``fy`` (31 March of the next calendar year)."""
    return date(fy + 1, 3, 31)


def fy_of_month(month: int) -> int:
    """The fiscal year of a YYYYMM month."""
    year, mon = divmod(month, 100)
    return year if mon >= 4 else year - 1


def fy_months(fy: int) -> list[int]:
    """The twelve YYYYMM months of FY ``fy``, April first."""
    return [add_months(fy * 100 + 4, i) for i in range(12)]


def quarter_of(day: date) -> int:
    """The quarter (1–4, Q1 = Apr–Jun) a day belongs to."""
    return (day.month - 4) % 12 // 3 + 1


def quarter_start(fy: int, quarter: int) -> date:
    """First day of a quarter of FY ``fy``."""
    _check_quarter(quarter)
    return month_first_day(add_months(fy * 100 + 4, 3 * (quarter - 1)))


def quarter_end(fy: int, quarter: int) -> date:
    """Last day of a quarter of FY ``fy`` (30 Jun, 30 Sep, 31 Dec, 31 Mar)."""
    _check_quarter(quarter)
    return month_last_day(add_months(fy * 100 + 4, 3 * quarter - 1))


def _check_quarter(quarter: int) -> None:
    if quarter not in QUARTERS:
        raise ValueError(f"quarter must be 1-4, got {quarter}")


def month_of(day: date) -> int:
    """A day's month as YYYYMM."""
    return day.year * 100 + day.month


def add_months(month: int, n: int) -> int:
    """YYYYMM plus ``n`` months (``n`` may be negative)."""
    year, mon = divmod(month, 100)
    index = year * 12 + (mon - 1) + n
    return (index // 12) * 100 + index % 12 + 1


def month_first_day(month: int) -> date:
    """The first day of a YYYYMM month."""
    return date(month // 100, month % 100, 1)


def month_last_day(month: int) -> date:
    """The last day of a YYYYMM month."""
    year, mon = divmod(month, 100)
    return date(year, mon, _cal.monthrange(year, mon)[1])


def is_valid_month(month: int) -> bool:
    """True for a YYYYMM integer with a month 1–12 and a plausible year."""
    year, mon = divmod(month, 100)
    return 1900 <= year <= 2199 and 1 <= mon <= 12


def month_label(month: int) -> str:
    """"2025-03" for 202503, as the KPI sheet's ``period`` shows it."""
    return f"{month // 100:04d}-{month % 100:02d}"
