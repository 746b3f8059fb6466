"""Committee coverage at each register date, up to the KPI's measurement date."""

from __future__ import annotations

from fractions import Fraction

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from branchdesk.domain.kpi.format import format_percent
from branchdesk.store.queries.dashboard import CoveragePoint
from branchdesk.ui.charts.common import (
    CURRENT,
    LINE,
    Chart,
    percent,
    percent_axis,
    set_category_ticks,
    threshold_line,
)


class CoverageChart(Chart):
    """A line over the register dates; the measurement date's point is a star."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chart_coverage")
        self.set_titles(self.tr("Committee coverage of the insured"), self.tr("Coverage (%)"),
                        self.tr("Register date"))

    def set_data(self, points: list[CoveragePoint], target: Fraction | float | None) -> None:
        """Draw the coverage at each date and the target line (the KPI row's target)."""
        self.clear_series()
        xs = list(range(len(points)))
        ys = [percent(p.share) for p in points]
        labels = [p.day.strftime("%Y/%m/%d") for p in points]
        set_category_ticks(self.plot_item.getAxis("bottom"), labels, max(1, len(points) // 6))
        name = self.tr("Coverage")
        self.remember(name, xs, ys)
        if self.points()[name]:  # pyqtgraph warns on an all-NaN series
            self.plot_item.plot(xs, ys, pen=pg.mkPen(CURRENT, width=2), name=name, symbol="o",
                                symbolSize=6, symbolBrush=CURRENT, symbolPen=CURRENT,
                                connect="finite")
        measured = [(x, y) for x, y, p in zip(xs, ys, points, strict=True)
                    if p.measured and y == y]
        if measured:
            mark = self.tr("Measurement date")
            self.plot_item.plot([measured[0][0]], [measured[0][1]], pen=None, symbol="star",
                                symbolSize=14, symbolBrush=LINE, symbolPen=LINE, name=mark)
            self.remember(mark, [measured[0][0]], [measured[0][1]])
        if target is not None:
            text = self.tr("Target {value}").format(value=format_percent(target))
            threshold_line(self, float(target) * 100, text, position=0.08)
        percent_axis(self)
        self.plot_item.setXRange(-0.5, max(len(points), 1) - 0.5, padding=0.02)
