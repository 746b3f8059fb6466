"""Monthly generic quantity share of the FY against the 80% line and the previous FY."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from branchdesk.store.queries.dashboard import GENERIC_LINE, GenericChart
from branchdesk.ui.charts.common import (
    CURRENT,
    PREVIOUS,
    Chart,
    percent,
    set_category_ticks,
    threshold_line,
)


class GenericShareChart(Chart):
    """Twelve months (April first) of FY N and FY N−1, and the 80% line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chart_generic")
        self.set_titles(self.tr("Generic share (quantity) by month"), self.tr("Share (%)"),
                        self.tr("Service month"))

    def set_data(self, chart: GenericChart) -> None:
        """Draw the two FYs' months."""
        self.clear_series()
        xs = list(range(12))
        labels = [str(m.month % 100) for m in chart.current]
        set_category_ticks(self.plot_item.getAxis("bottom"), labels)
        previous = [percent(m.share) for m in chart.previous]
        current = [percent(m.share) for m in chart.current]
        self._line(xs, previous, self.tr("FY{fy}").format(fy=chart.fy - 1), PREVIOUS,
                   Qt.PenStyle.DashLine, "t")
        self._line(xs, current, self.tr("FY{fy}").format(fy=chart.fy), CURRENT,
                   Qt.PenStyle.SolidLine, "o")
        threshold_line(self, GENERIC_LINE * 100, "80%")
        self._fit([*previous, *current])

    def _line(self, xs: list[int], ys: list[float], name: str, color, style, symbol: str) -> None:
        self.remember(name, xs, ys)
        if not self.points()[name]:
            return  # nothing to draw (pyqtgraph warns on an all-NaN series)
        pen = pg.mkPen(color, width=2, style=style)
        self.plot_item.plot(xs, ys, pen=pen, name=name, symbol=symbol, symbolSize=6,
                            symbolBrush=color, symbolPen=color, connect="finite")

    def _fit(self, values: list[float]) -> None:
        finite = [v for v in values if not math.isnan(v)]
        low = min([*finite, GENERIC_LINE * 100]) if finite else 0.0
        self.plot_item.setYRange(max(0.0, math.floor(low / 5) * 5 - 5), 100, padding=0.02)
        self.plot_item.setXRange(-0.5, 11.5, padding=0)
