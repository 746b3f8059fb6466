"""Dates and months of imported cells, Excel serials and 和暦 (domain.md §1, exchange.md §1).

Accepted forms: date / datetime objects; numeric cells (19000101–21001231 as YYYYMMDD, 1–73050 as
an Excel serial, honouring the workbook's 1904 flag; digits of a CSV are never serials); text
2024/4/1, 2024-04-01, 2024.4.1, 2024年4月1日, 20240401, R6.4.1, R06.04.01, R06/04/01,
令和6年4月1日, 令和元年5月1日, H31.4.30, 平成31年4月30日, S60.4.1, 昭和60年4月1日 — after NFKC,
so full-width digits and ㋿/㍻/㍼ work, with stray spaces, a trailing time (" 0:00:00",
"T00:00") or weekday ("(月)").

A date that does not exist (2023-02-29) or lies outside its era (H31.5.1, R1.4.30) is rejected,
never guessed. Two-digit western years and kanji numerals are not read.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from branchdesk.domain.calendar import month_first_day, month_last_day, month_of
from branchdesk.domain.errors import ValueRejected
from branchdesk.domain.normalize import cell_text, is_blank, is_number_cell, nfkc


@dataclass(frozen=True)
class Era:
    """One Japanese era: its name, its Latin initial, year offset and first/last day."""

    name: str
    letter: str
    offset: int
    first: date
    last: date | None

    def contains(self, day: date) -> bool:
        """True when ``day`` lies in this era."""
        return self.first <= day and (self.last is None or day <= self.last)


ERAS = (
    Era("令和", "R", 2018, date(2019, 5, 1), None),
    Era("平成", "H", 1988, date(1989, 1, 8), date(2019, 4, 30)),
    Era("昭和", "S", 1925, date(1926, 12, 25), date(1989, 1, 7)),
)
_ERA_BY_TOKEN = {token: era for era in ERAS for token in (era.name, era.letter)}

#: Plausible dates; a western year outside this range is a typo, not a date.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)
#: Numeric cells: YYYYMMDD range and Excel serial range (exchange.md §1).
YYYYMMDD_RANGE = (19000101, 21001231)
SERIAL_MAX = 73050
_ORIGIN_1900 = date(1899, 12, 30)
_ORIGIN_1900_EARLY = date(1899, 12, 31)  # serials 1-59, before Excel's fictitious 1900-02-29
_ORIGIN_1904 = date(1904, 1, 1)

_ERA = r"(令和|平成|昭和|[RHS])"
_SEP_Y = r"[/.\-年]"
_SEP_M = r"[/.\-月]"
_WESTERN = re.compile(rf"(\d{{4}}){_SEP_Y}(\d{{1,2}}){_SEP_M}(\d{{1,2}})日?", re.ASCII)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)
_ERA_DATE = re.compile(rf"{_ERA}(元|\d{{1,3}}){_SEP_Y}(\d{{1,2}}){_SEP_M}(\d{{1,2}})日?", re.ASCII)
_WESTERN_MONTH = re.compile(rf"(\d{{4}}){_SEP_Y}(\d{{1,2}})月?", re.ASCII)
_COMPACT_MONTH = re.compile(r"(\d{4})(\d{2})", re.ASCII)
_ERA_MONTH = re.compile(rf"{_ERA}(元|\d{{1,3}}){_SEP_Y}(\d{{1,2}})月?", re.ASCII)
_TIME_SUFFIX = re.compile(r"[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*$", re.ASCII)
_WEEKDAY_SUFFIX = re.compile(r"\([月火水木金土日]\)$")
_MONTH_SUFFIX = re.compile(r"(?:診療分|診療|分)$")
_WHITESPACE = re.compile(r"\s+")


def parse_date(value: object, *, date1904: bool = False, from_csv: bool = False) -> date | None:
    """A date from a cell; None when blank.

    Raises ``ValueRejected``: "date_unreadable" (no accepted form), "date_invalid" (no such day),
    "date_outside_era" (e.g. H31.5.1), "date_out_of_range" (western year outside 1900–2199).
    """
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if is_number_cell(value):
        return _date_from_number(value, date1904=date1904, from_csv=from_csv)
    if isinstance(value, str):
        return _date_from_text(value)
    raise ValueRejected("date_unreadable", value=cell_text(value))


def _date_from_number(value: object, *, date1904: bool, from_csv: bool) -> date:
    number = float(value)  # type: ignore[arg-type]
    if YYYYMMDD_RANGE[0] <= number <= YYYYMMDD_RANGE[1] and number.is_integer():
        year, rest = divmod(int(number), 10000)
        return _ymd(year, rest // 100, rest % 100, value)
    if not from_csv and 1 <= number < SERIAL_MAX + 1:
        return excel_serial_to_date(number, date1904=date1904)
    raise ValueRejected("date_unreadable", value=cell_text(value))


def _clean(raw: str) -> str:
    """NFKC, a trailing time or weekday removed, every whitespace removed."""
    text = _TIME_SUFFIX.sub("", nfkc(raw).strip())
    return _WEEKDAY_SUFFIX.sub("", _WHITESPACE.sub("", text)).upper()


def _date_from_text(raw: str) -> date:
    match = _WESTERN.fullmatch(raw)  # the common case, before any cleaning
    if match:
        return _ymd(int(match[1]), int(match[2]), int(match[3]), raw)
    text = _clean(raw)
    shown = raw.strip()
    match = _WESTERN.fullmatch(text) or _COMPACT.fullmatch(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _ymd(year, month, day, shown)
    match = _ERA_DATE.fullmatch(text)
    if match:
        era, era_year = _era_and_year(match.group(1), match.group(2))
        day_ = _ymd(era.offset + era_year, int(match.group(3)), int(match.group(4)), shown)
        if not era.contains(day_):
            raise _outside_era("date_outside_era", shown, era)
        return day_
    raise ValueRejected("date_unreadable", value=shown)


def _era_and_year(token: str, year: str) -> tuple[Era, int]:
    return _ERA_BY_TOKEN[token], 1 if year == "元" else int(year)


def _outside_era(code: str, shown: str, era: Era) -> ValueRejected:
    last = era.last.isoformat() if era.last else ""
    return ValueRejected(code, value=shown, era=era.name, first=era.first.isoformat(), last=last)


def _ymd(year: int, month: int, day: int, shown: object) -> date:
    """The day, or "date_invalid" / "date_out_of_range" naming ``shown`` (the cell as given)."""
    try:
        result = date(year, month, day)
    except ValueError:
        raise ValueRejected("date_invalid", value=cell_text(shown).strip()) from None
    if not FIRST_DAY <= result <= LAST_DAY:
        raise ValueRejected("date_out_of_range", value=cell_text(shown).strip(),
                            first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())
    return result


def excel_serial_to_date(serial: float, *, date1904: bool = False) -> date:
    """The day of an Excel serial number (a time fraction is dropped).

    1900 system: origin 1899-12-30, except that serials 1–59 (before Excel's fictitious
    1900-02-29, serial 60, which is rejected as "date_invalid") count from 1899-12-31, as Excel
    shows them. 1904 system: serial 0 is 1904-01-01. Raises "date_unreadable" below 1 (0 in 1904).
    """
    whole = math.floor(serial)
    if whole < (0 if date1904 else 1):
        raise ValueRejected("date_unreadable", value=cell_text(serial))
    if date1904:
        origin = _ORIGIN_1904
    elif whole == 60:
        raise ValueRejected("date_invalid", value=cell_text(serial))
    else:
        origin = _ORIGIN_1900 if whole > 60 else _ORIGIN_1900_EARLY
    try:
        return origin + timedelta(days=whole)
    except OverflowError:
        raise ValueRejected("date_unreadable", value=cell_text(serial)) from None


def parse_month(value: object, *, date1904: bool = False, from_csv: bool = False) -> int | None:
    """A month as YYYYMM from a cell; None when blank.

    Accepts 202404, 2024/04, 2024-04, 2024年4月, R6.4, 令和6年4月, 令和6年4月診療分 (and …分), or
    any date form of ``parse_date`` (reduced to its month). An era month is valid iff some day
    of it lies in the era (H31.4 and R1.5 are valid; H31.5 and R1.4 are not).
    Raises ``ValueRejected``: "month_unreadable", "month_invalid" (month not 1–12),
    "month_outside_era", "month_out_of_range", or a date code for a date that is wrong.
    """
    if is_blank(value):
        return None
    if isinstance(value, date):
        return month_of(value)
    if is_number_cell(value):
        return _month_from_number(value, date1904=date1904, from_csv=from_csv)
    if isinstance(value, str):
        return _month_from_text(value)
    raise ValueRejected("month_unreadable", value=cell_text(value))


def _month_from_number(value: object, *, date1904: bool, from_csv: bool) -> int:
    number = float(value)  # type: ignore[arg-type]
    if math.isfinite(number) and number.is_integer() and 190001 <= number <= 219912:
        year, month = divmod(int(number), 100)
        return _month(year, month, cell_text(value))
    try:
        return month_of(_date_from_number(value, date1904=date1904, from_csv=from_csv))
    except ValueRejected as error:
        raise _as_month_error(error) from None


def _month_from_text(raw: str) -> int:
    text = _MONTH_SUFFIX.sub("", _clean(raw))
    shown = raw.strip()
    match = _COMPACT_MONTH.fullmatch(text) or _WESTERN_MONTH.fullmatch(text)
    if match:
        return _month(int(match.group(1)), int(match.group(2)), shown)
    match = _ERA_MONTH.fullmatch(text)
    if match:
        era, era_year = _era_and_year(match.group(1), match.group(2))
        month = _month(era.offset + era_year, int(match.group(3)), shown)
        if month_last_day(month) < era.first or (era.last and month_first_day(month) > era.last):
            raise _outside_era("month_outside_era", shown, era)
        return month
    try:
        return month_of(_date_from_text(raw))
    except ValueRejected as error:
        raise _as_month_error(error) from None


def _as_month_error(error: ValueRejected) -> ValueRejected:
    if error.code == "date_unreadable":
        return ValueRejected("month_unreadable", **error.params)
    return error


def _month(year: int, month: int, shown: str) -> int:
    if not 1 <= month <= 12:
        raise ValueRejected("month_invalid", value=shown)
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise ValueRejected("month_out_of_range", value=shown, first=f"{FIRST_DAY.year}-01",
                            last=f"{LAST_DAY.year}-12")
    return year * 100 + month


def era_of(day: date) -> Era | None:
    """The era ``day`` lies in, or None before 昭和 (1926-12-25)."""
    return next((era for era in ERAS if era.contains(day)), None)


def format_wareki(d: date) -> str:
    """A date in 和暦 for display: "令和7年3月31日", "令和元年5月1日".

    Dates before 昭和 (1926-12-25) are shown with western years ("1920年1月1日").
    """
    return f"{_wareki_year(d)}{d.month}月{d.day}日"


def format_wareki_month(month: int) -> str:
    """A YYYYMM month in 和暦 for display ("令和6年4月"), by the era of its first day."""
    first = month_first_day(month)
    return f"{_wareki_year(first)}{first.month}月"


def _wareki_year(d: date) -> str:
    era = era_of(d)
    if era is None:
        return f"{d.year}年"
    year = d.year - era.offset
    return f"{era.name}{'元' if year == 1 else year}年"
