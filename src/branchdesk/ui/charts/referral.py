"""Referral visit rate per checkup month of the cohort; provisional months hatched."""

from __future__ import annotations

from fractions import Fraction

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from branchdesk.domain.kpi.format import format_percent
from branchdesk.store.queries.dashboard import ReferralPoint
from branchdesk.ui.charts.common import (
    CURRENT,
    Chart,
    hatched,
    percent,
    percent_axis,
    set_category_ticks,
    threshold_line,
)


class ReferralChart(Chart):
    """One bar per checkup month: final months solid, provisional months lighter and hatched
    with their own legend entry 集計中."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chart_referral")
        self.set_titles(self.tr("Medical visits within the window, by checkup month"),
                        self.tr("Visit rate (%)"), self.tr("Checkup month"))

    def set_data(self, points: list[ReferralPoint], cohort_fy: int,
                 target: Fraction | float | None) -> None:
        """Draw the cohort's months and the target line (the previous cohort's rate)."""
        self.clear_series()
        self.plot_item.setTitle(
            self.tr("Medical visits within the window, cohort FY{fy}").format(fy=cohort_fy))
        set_category_ticks(self.plot_item.getAxis("bottom"),
                           [str(p.month % 100) for p in points])
        for final, name, brush in ((True, self.tr("Final"), pg.mkBrush(CURRENT)),
                                   (False, self.tr("Provisional"), hatched(CURRENT))):
            xs = [i for i, p in enumerate(points) if p.final is final]
            heights = [percent(points[i].rate) for i in xs]
            heights = [0.0 if h != h else h for h in heights]
            bars = pg.BarGraphItem(x=xs, height=heights, width=0.65, brush=brush,
                                   pen=pg.mkPen(CURRENT), name=name)
            self.add_bars(bars, name)
            self.remember(name, [float(x) for x in xs], heights)
        if target is not None:
            text = self.tr("Target {value}").format(value=format_percent(target))
            threshold_line(self, float(target) * 100, text, position=0.08)
        percent_axis(self, top=100.0)
        self.plot_item.setXRange(-0.6, max(len(points), 1) - 0.4, padding=0)
