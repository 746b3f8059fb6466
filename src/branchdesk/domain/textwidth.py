"""Display width of Japanese text (East Asian Wide/Fullwidth count as 2), for aligned tables
on the terminal and Excel column widths."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal or in a spreadsheet cell."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` display columns."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill
