"""What every chart shares: pyqtgraph's options, a CJK font, a plot with Japanese labels, the
threshold line, percent axes and category ticks."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

#: Fonts that hold Japanese glyphs, best first (Linux, then Windows); Qt falls back in order.
CJK_FAMILIES = ["Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic UI", "Meiryo UI", "Meiryo",
                "MS UI Gothic", "IPAexGothic", "TakaoPGothic", "sans-serif"]

#: Colours of the series (the Okabe–Ito palette, readable with colour-vision deficiencies).
CURRENT = QColor("#0072B2")
PREVIOUS = QColor("#999999")
GOOD = QColor("#009E73")
WARN = QColor("#E69F00")
LINE = QColor("#D55E00")
TEXT = QColor("#222222")

_configured = False


def configure() -> None:
    """pyqtgraph's global options, once: software rendering, antialiasing, light theme."""
    global _configured
    if not _configured:
        pg.setConfigOptions(useOpenGL=False, antialias=True, background="w", foreground=TEXT)
        _configured = True


def cjk_font(point_size: float = 9.0) -> QFont:
    """A font that renders Japanese axis labels and ticks."""
    font = QFont()
    font.setFamilies(CJK_FAMILIES)
    font.setPointSizeF(point_size)
    return font


class Chart(pg.PlotWidget):
    """A plot with a Japanese title and y-axis label, a grid and a legend; subclasses draw
    their series in ``set_data`` and list what they drew in ``points`` (for tests)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        configure()
        super().__init__(parent=parent)
        self.setMinimumHeight(260)
        self.setMenuEnabled(False)
        self.plot_item = self.getPlotItem()
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            axis.setStyle(tickFont=cjk_font(8))
            axis.label.setFont(cjk_font(9))
        self.plot_item.showGrid(x=False, y=True, alpha=0.25)
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.plot_item.hideButtons()
        self.legend = self.plot_item.addLegend(offset=(-10, 10), labelTextColor=TEXT)
        self.legend.setFont(cjk_font(8))
        self._points: dict[str, list[tuple[float, float]]] = {}

    def set_titles(self, title: str, y_label: str, x_label: str = "") -> None:
        """The chart's title and axis labels (already translated)."""
        self.plot_item.setTitle(title, color=TEXT.name(), size="10pt")
        self.plot_item.titleLabel.item.setFont(cjk_font(10))
        self.plot_item.setLabel("left", y_label)
        if x_label:
            self.plot_item.setLabel("bottom", x_label)

    def add_bars(self, bars: pg.BarGraphItem, name: str) -> None:
        """Add a bar series with its legend entry (pyqtgraph adds none for bars by itself)."""
        self.plot_item.addItem(bars)
        if not any(sample.item is bars for sample, _ in self.legend.items):
            self.legend.addItem(bars, name)

    def clear_series(self) -> None:
        """Remove every series, line and legend entry."""
        self.plot_item.clear()
        self.legend.clear()
        self._points = {}

    def remember(self, name: str, xs: Sequence[float], ys: Sequence[float]) -> None:
        """Record a drawn series (finite points only) for ``points``."""
        self._points[name] = [(x, y) for x, y in zip(xs, ys, strict=True) if y == y]

    def points(self) -> dict[str, list[tuple[float, float]]]:
        """The drawn series by name: (x, y) of every finite point."""
        return dict(self._points)


def threshold_line(widget: Chart, value: float, text: str, *, vertical: bool = False,
                   position: float = 0.95) -> pg.InfiniteLine:
    """A dashed line at ``value`` (in the axis unit) labelled ``text`` at ``position`` (0–1)
    along it."""
    pen = pg.mkPen(LINE, width=1.5, style=Qt.PenStyle.DashLine)
    line = pg.InfiniteLine(pos=value, angle=90 if vertical else 0, pen=pen, movable=False,
                           label=text, labelOpts={"position": position, "color": LINE,
                                                  "anchors": [(1, 1), (1, 1)]})
    line.label.textItem.setFont(cjk_font(8))
    widget.addItem(line)
    return line


def set_category_ticks(axis: pg.AxisItem, labels: Sequence[str], step: int = 1) -> None:
    """Show ``labels`` at 0, 1, 2, … (every ``step``-th one)."""
    ticks = [(i, text) for i, text in enumerate(labels) if i % step == 0]
    axis.setTicks([ticks, []])


def percent_axis(widget: pg.PlotWidget, *, axis: str = "left", top: float = 100.0) -> None:
    """A 0–``top``% axis (``top`` beyond 100 leaves room for the legend) with ticks every 20
    points up to 100%."""
    item = widget.getPlotItem()
    if axis == "left":
        item.setYRange(0, top, padding=0.02)
    else:
        item.setXRange(0, top, padding=0.02)
    ticks = [(v, f"{v:g}%") for v in range(0, int(min(top, 100.0)) + 1, 20)]
    item.getAxis(axis).setTicks([ticks, []])


def hatched(color: QColor) -> QBrush:
    """A lighter, hatched brush: marks provisional figures without relying on colour."""
    light = QColor(color)
    light.setAlpha(150)
    return QBrush(light, Qt.BrushStyle.BDiagPattern)


def percent(value: float | None) -> float:
    """A share as percent points for plotting (NaN when unknown: pyqtgraph leaves a gap)."""
    return float("nan") if value is None else value * 100.0
