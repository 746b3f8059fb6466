"""Text normalisation: comparison keys, stored display text, search keys (ecosystem.md §6).

Three different forms of one text, each for one purpose:

- ``normalize_key``: how text keys (names, ingredient names, person keys) are compared —
  NFKC, every whitespace removed. Never shown to people.
- ``clean_text``: what is stored and shown — the text as given, only trimmed.
- ``search_key``: one lower-case search column, insensitive to width, kana, case, spaces and
  dash variants. Queries go through the same function.
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from collections.abc import Sequence

#: Dash-like characters that survive NFKC (－ and ｰ are folded by NFKC to - and ー), and ー.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2500\u2501\ufe58\ufe63"
_CHOON = "\u30fc"
_DASH_RUN = re.compile(f"[{re.escape(_DASHES)}{_CHOON}]+")
_KANA = re.compile("[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fd\u30fe]")
_ALNUM = re.compile("[0-9a-z]")
_DASH_TO_HYPHEN = str.maketrans(dict.fromkeys(_DASHES, "-"))
#: Joins the values of a column in ``search_keys``.
_JOIN = "\x00"
#: 〜 〰 ∼ ˜ (～ is ~ after NFKC): each is "~" in a search key.
_WAVES = (0x301C, 0x3030, 0x223C, 0x02DC)
#: Texts this long are translated as an array (``_translated``).
_ARRAY_FROM = 1 << 16


def _search_table() -> str:
    """A translation table over the BMP (a str is faster than a dict in ``str.translate``):
    katakana → hiragana (ァ..ヶ → ぁ..ゖ, ヽヾ → ゝゞ), every wave-dash variant → "~".
    """
    table = [chr(i) for i in range(0x10000)]
    for code in [*range(0x30A1, 0x30F7), 0x30FD, 0x30FE]:
        table[code] = chr(code - 0x60)
    for wave in _WAVES:
        table[wave] = "~"
    return "".join(table)


_SEARCH_TABLE = _search_table()

#: Characters after which branchdesk's CSV export puts one protective apostrophe (exchange.md §4).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_blank(value: object) -> bool:
    """True for None, NaN / NaT (a value unequal to itself) and text that is only whitespace."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value or value.isspace()
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return False


def is_number_cell(value: object) -> bool:
    """True for a numeric cell value (int, float, numpy numbers), never for bool."""
    kind = type(value)
    if kind is int or kind is float:
        return True
    if kind is str:
        return False
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def cell_text(value: object) -> str:
    """A cell value as text: text as is, "" for None / NaN, integral numbers without ".0"
    (1234567.0 → "1234567").
    """
    if type(value) is str:
        return value
    if is_blank(value):
        return ""
    if is_number_cell(value):
        number = float(value)  # type: ignore[arg-type]
        if math.isfinite(number) and number.is_integer():
            return str(int(value))  # type: ignore[call-overload]
        return str(value)
    return str(value)


def nfkc(text: str) -> str:
    """Unicode NFKC (full-width ASCII → half-width, half-width katakana → full-width)."""
    return unicodedata.normalize("NFKC", text)


def normalize_key(text: object) -> str:
    """The comparison form of a text key: NFKC, with every whitespace (full-width too) removed."""
    return "".join(nfkc(cell_text(text)).split())


def clean_text(value: object) -> str | None:
    """The text to store and show: trimmed of half- and full-width spaces, None when blank.

    Half-width katakana and everything else inside the text is kept as given (no NFKC).
    """
    text = cell_text(value).strip()
    return text or None


def search_key(*parts: object) -> str:
    """One lower-case search column over ``parts``, joined by a tab; queries use the same function.

    NFKC, casefold, whitespace removed, katakana → hiragana, 〜/～/~ → "~", and the dash family
    unified: a dash-like character (‐ - − – — ― ─ …, and ｰ/－ through NFKC) after kana becomes
    the long-vowel mark ー, anywhere else "-"; a ー after a digit or Latin letter becomes "-"
    (so 「1ー2ー3」 matches 「1-2-3」 and 「センタ-」 matches 「センター」).
    """
    return "\t".join(_search_part(part) for part in parts)


def search_keys(*columns: Sequence[object]) -> list[str]:
    """``search_key`` of every row of ``columns`` (one value per row in each column), exactly as
    calling it row by row, in one pass of each step over a whole column.

    The values of a column are joined by NUL (a starter that NFKC never composes with, that no
    step changes, and that is no whitespace), normalised as one text, and split again, so a
    600,000-row register costs a few C-speed passes instead of 1.8 million calls.
    """
    parts = [_search_column(column) for column in columns]
    return list(map("\t".join, zip(*parts, strict=True)))


def _search_column(values: Sequence[object]) -> list[str]:
    try:
        joined = _JOIN.join(values)  # type: ignore[arg-type]  # all text: the common case
    except TypeError:
        joined = _JOIN.join([v if type(v) is str else cell_text(v) for v in values])
    if joined.count(_JOIN) != len(values) - 1:
        return [_search_part(v) for v in values]  # a value holds NUL itself: row by row
    if joined.isascii():
        return "".join(joined.lower().split()).split(_JOIN) if values else []
    folded = nfkc(joined).casefold()
    text = "".join(folded.split())
    if len(text) != len(folded):  # recompose where a removed space split a sequence
        pieces, before = text.split(_JOIN), folded.split(_JOIN)
        text = _JOIN.join(nfkc(p) if len(p) != len(b) else p for p, b in zip(
            pieces, before, strict=True))
    if _DASH_RUN.search(text):
        text = _DASH_RUN.sub(_unify_dashes, text)
    return _translated(text).split(_JOIN)


def _translated(text: str) -> str:
    """``text.translate(_SEARCH_TABLE)``; a long text as an array of code points with numpy
    (str.translate looks every character up one by one: a third of a second per column at
    600,000 rows, ten times what the array takes)."""
    if len(text) < _ARRAY_FROM:
        return text.translate(_SEARCH_TABLE)
    import numpy as np  # only for long texts: it takes a tenth of a second to load

    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()
    except UnicodeEncodeError:  # a lone surrogate
        return text.translate(_SEARCH_TABLE)
    kana = ((codes >= 0x30A1) & (codes <= 0x30F6)) | (codes == 0x30FD) | (codes == 0x30FE)
    codes[kana] -= 0x60
    codes[np.isin(codes, _WAVES)] = ord("~")
    return codes.tobytes().decode("utf-32-le")


def _search_part(value: object) -> str:
    if type(value) is str and value.isascii():  # 事業所記号 and other codes: NFKC is a no-op
        return "".join(value.lower().split())
    folded = nfkc(cell_text(value)).casefold()
    text = "".join(folded.split())
    if text.isascii():
        return text
    if len(text) != len(folded):
        text = nfkc(text)  # recompose what NFKC split off around a removed space ("´" → " ́")
    if _DASH_RUN.search(text):
        text = _DASH_RUN.sub(_unify_dashes, text)
    return text.translate(_SEARCH_TABLE)


def _unify_dashes(match: re.Match[str]) -> str:
    """A run of dash-like characters: ー after kana, "-" after a digit or letter, else "-" for
    dashes with ー kept."""
    run, start = match.group(), match.start()
    before = match.string[start - 1] if start else ""
    if before and _KANA.match(before):
        return _CHOON * len(run)
    if before and _ALNUM.match(before):
        return "-" * len(run)
    return run.translate(_DASH_TO_HYPHEN)


def strip_csv_formula_guard(text: str) -> str:
    """Remove the one apostrophe branchdesk's CSV export puts before text starting with
    =, +, -, @, a tab or a carriage return ("'=SUM(A1)" → "=SUM(A1)"), or before text that itself
    starts with an apostrophe ("''abc" → "'abc"), so export and import round-trip exactly.
    """
    if len(text) >= 2 and text[0] == "'" and (text[1] in FORMULA_TRIGGERS or text[1] == "'"):
        return text[1:]
    return text
