"""The KPI sheet as an aligned text table (Japanese-width aware)."""

from __future__ import annotations

from branchdesk.domain.identifiers import BRANCHES
from branchdesk.domain.kpi.format import format_value
from branchdesk.domain.kpi.status import status_label
from branchdesk.domain.messages import message
from branchdesk.domain.textwidth import display_width, pad
from branchdesk.store.kpi_sheet import KpiRow

_HEADERS = ("kpi_col_name", "kpi_col_value", "kpi_col_target", "kpi_col_previous",
            "kpi_col_status", "kpi_col_period")


def _cells(row: KpiRow, lang: str) -> list[str]:
    status = status_label(row.status, lang)
    if row.in_progress:
        status += message("kpi_in_progress_mark", lang)
    return [row.kpi.name(lang), format_value(row.kpi, row.value),
            format_value(row.kpi, row.target), format_value(row.kpi, row.previous),
            status, row.period]


def render_table(rows: list[KpiRow], fy: int, branch: str, lang: str = "ja") -> str:
    """The sheet as text: a title line, a header, one line per KPI."""
    table = [[message(h, lang) for h in _HEADERS]] + [_cells(r, lang) for r in rows]
    widths = [max(display_width(line[i]) for line in table) for i in range(len(_HEADERS))]
    numeric = {1, 2, 3}
    lines = [message("kpi_title", lang, fy=fy, branch=branch, name=BRANCHES.get(branch, ""),
                     measured_at=rows[0].measured_at.isoformat() if rows else "")]
    for line in table:
        cells = [pad(c, widths[i], right=i in numeric) for i, c in enumerate(line)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
