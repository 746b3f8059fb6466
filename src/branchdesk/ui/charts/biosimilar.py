"""Biosimilar replacement rate per ingredient (the month the KPI uses), with the 80% line."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from branchdesk.domain.calendar import month_label
from branchdesk.store.queries.dashboard import BIOSIMILAR_LINE, BiosimilarChart
from branchdesk.ui.charts.common import (
    GOOD,
    WARN,
    Chart,
    percent,
    percent_axis,
    set_category_ticks,
    threshold_line,
)

_ROW_PX = 18


class BiosimilarRateChart(Chart):
    """Horizontal bars, one per ingredient; those at or past 80% in a second colour and legend
    entry (and always on the right of the line, so the colour is not the only signal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chart_biosimilar")
        self.set_titles(self.tr("Biosimilar replacement by ingredient"), "",
                        self.tr("Replacement rate (%)"))

    def set_data(self, chart: BiosimilarChart) -> None:
        """Draw one bar per ingredient (lowest at the bottom is the KPI's order reversed)."""
        self.clear_series()
        rows = list(reversed(chart.ingredients))
        month = "" if chart.month is None else month_label(chart.month)
        self.plot_item.setTitle(self.tr("Biosimilar replacement by ingredient ({month})")
                                .format(month=month) if month else
                                self.tr("Biosimilar replacement by ingredient"))
        set_category_ticks(self.plot_item.getAxis("left"), [r.ingredient for r in rows])
        for reached, name, color in ((True, self.tr("80% or more"), GOOD),
                                     (False, self.tr("Below 80%"), WARN)):
            ys = [i for i, r in enumerate(rows) if r.reached is reached]
            widths = [percent(rows[i].rate) for i in ys]
            widths = [0.0 if w != w else w for w in widths]
            bars = pg.BarGraphItem(x0=0, y=ys, height=0.6, width=widths, brush=color, pen=color,
                                   name=name)
            self.add_bars(bars, name)
            self.remember(name, widths, [float(y) for y in ys])
        threshold_line(self, BIOSIMILAR_LINE * 100, "80%", vertical=True)
        percent_axis(self, axis="bottom", top=125.0)
        self.plot_item.setYRange(-0.7, max(len(rows), 1) - 0.3, padding=0)
        self.setMinimumHeight(max(260, 60 + _ROW_PX * len(rows)))
