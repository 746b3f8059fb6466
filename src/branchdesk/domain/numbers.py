"""Numbers, missing values, percentages and the 尿蛋白 grades of imported cells (exchange.md §1)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from branchdesk.domain.errors import ValueRejected
from branchdesk.domain.normalize import cell_text, is_blank, is_number_cell, nfkc

_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc")
#: After NFKC, a lone one of these in a numeric field means "missing", never zero.
#: Spec: -, －, −, ‐, ー, *, ＊, 秘匿; the other dashes (‑ ‒ – — ―) are read the same way.
MISSING_MARKS = _DASHES | {"*", "秘匿"}

PERCENT_READINGS = ("points", "fractions")

_NUMBER = re.compile(
    r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII
)
_WHITESPACE = re.compile(r"\s+")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?", re.ASCII)

#: 尿蛋白 spellings (after NFKC, spaces and enclosing brackets removed) → enums.URINE_PROTEIN code.
_URINE_PROTEIN = {
    **dict.fromkeys(_DASHES, "-"),
    "±": "±", "+-": "±",
    "+": "+", "1+": "+",
    "++": "2+", "2+": "2+",
    "+++": "3+", "3+": "3+",
}


def is_missing(value: object) -> bool:
    """True when a numeric field's cell is missing: blank, a lone dash/minus/ー, *, or 秘匿."""
    if is_blank(value):
        return True
    if not isinstance(value, str):
        return False
    return _WHITESPACE.sub("", nfkc(value)) in MISSING_MARKS


def parse_number(value: object, *, minimum: float | None = None) -> float | None:
    """A number from a cell: numeric cells, text with thousands separators (1,234), full-width
    digits (１２３) and a leading sign; None when missing (see ``is_missing``).

    Raises ``ValueRejected`` "number_invalid" for anything else (units, %, infinity), and
    "number_below_minimum" when ``minimum`` is given and the number is below it.
    """
    if is_missing(value):
        return None
    number = _to_float(value)
    if minimum is not None and number < minimum:
        raise ValueRejected("number_below_minimum", value=cell_text(value), minimum=minimum)
    return number


def _to_float(value: object) -> float:
    if type(value) is str and _PLAIN_NUMBER.fullmatch(value):
        return float(value)
    if is_number_cell(value):
        number = float(value)  # type: ignore[arg-type]
    elif isinstance(value, str):
        text = _WHITESPACE.sub("", nfkc(value)).replace("\u2212", "-")
        if not _NUMBER.fullmatch(text):
            raise ValueRejected("number_invalid", value=value.strip())
        number = float(text.replace(",", ""))
    else:
        raise ValueRejected("number_invalid", value=cell_text(value))
    if not math.isfinite(number):
        raise ValueRejected("number_invalid", value=cell_text(value))
    return number


def parse_int(value: object, *, minimum: int | None = 0) -> int | None:
    """A whole number (a count) from a cell, None when missing.

    Raises ``ValueRejected`` "number_invalid" for non-numbers, "int_not_integer" for a fraction
    (12.5), and "int_below_minimum" below ``minimum`` (default 0; None for no lower bound).
    """
    number = parse_number(value)
    if number is None:
        return None
    if not number.is_integer():
        raise ValueRejected("int_not_integer", value=cell_text(value))
    if minimum is not None and number < minimum:
        raise ValueRejected("int_below_minimum", value=cell_text(value), minimum=minimum)
    return int(number)


def parse_percent(value: object, reading: str) -> float | None:
    """A percentage as a fraction (0.836), None when missing.

    Text with a % sign is always points ("83.6%" → 0.836); other values follow ``reading``:
    "points" (83.6 → 0.836) or "fractions" (0.836 → 0.836). Raises ``ValueRejected``
    "percent_invalid" for text that is not a number.
    """
    if reading not in PERCENT_READINGS:
        raise ValueError(f"reading must be 'points' or 'fractions', got {reading!r}")
    if is_missing(value):
        return None
    text = _percent_text(value)
    if text is not None:
        return _percent_number(text, value) / 100
    number = _percent_number(value, value)
    return number / 100 if reading == "points" else number


def _percent_text(value: object) -> str | None:
    """The text before the % sign, or None when ``value`` carries no % sign."""
    if not isinstance(value, str):
        return None
    text = _WHITESPACE.sub("", nfkc(value))
    return text[:-1] if text.endswith("%") else None


def _percent_number(value: object, shown: object) -> float:
    try:
        return _to_float(value)
    except ValueRejected:
        raise ValueRejected("percent_invalid", value=cell_text(shown).strip()) from None


def decide_percent_reading(values: Iterable[object], header: str) -> str:
    """How a percentage column without % signs is read: "fractions" iff every non-missing value
    is ≤ 1 and the header carries no % (％, (%) after NFKC), else "points".

    Values with a % sign are points whatever the column's reading and do not vote; values that
    are not numbers are left for ``parse_percent`` to reject.
    """
    if "%" in nfkc(header):
        return "points"
    for value in values:
        if is_missing(value) or _percent_text(value) is not None:
            continue
        try:
            number = _to_float(value)
        except ValueRejected:
            continue
        if number > 1:
            return "points"
    return "fractions"


def parse_urine_protein(value: object) -> str | None:
    """A 尿蛋白 grade as its URINE_PROTEIN code ("-", "±", "+", "2+", "3+"); None when blank.

    Accepts −/－/-/ー, ±, +/＋ (1+), ++/＋＋/2+, +++/3+, also in brackets ("(2+)", "（－）").
    Raises ``ValueRejected`` "urine_protein_invalid" for anything else.
    """
    if is_blank(value):
        return None
    text = _WHITESPACE.sub("", nfkc(cell_text(value)))
    if len(text) > 2 and text[0] == "(" and text[-1] == ")":
        text = text[1:-1]
    code = _URINE_PROTEIN.get(text)
    if code is None:
        raise ValueRejected("urine_protein_invalid", value=cell_text(value).strip())
    return code
