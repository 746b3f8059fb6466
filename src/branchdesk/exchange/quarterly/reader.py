"""Reading a quarterly report workbook back (for ``kind: quarterly`` imports and consolidation).

The workbook must be of form 「BD-QR v1」 with every data sheet in the layout's shape, and its data
sheets must still hash to the 改変検出 digest on 表紙; anything else is refused with a message
naming the file and the reason (``InputRejected``, exit 2). Reading uses python-calamine (a report
is small; 47 of them are read in a few seconds).
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

from python_calamine import CalamineWorkbook

from branchdesk.domain.calendar import quarter_end, quarter_start
from branchdesk.domain.errors import InputRejected, ValueRejected
from branchdesk.domain.identifiers import BRANCHES, validate_branch_code, validate_insurer_number
from branchdesk.domain.kpi.catalogue import BY_ID
from branchdesk.domain.kpi.status import STATUS_LABELS
from branchdesk.exchange.quarterly import layout as L
from branchdesk.exchange.quarterly.digest import digest
from branchdesk.exchange.quarterly.model import Cell, Cover, Grid, SheetData
from branchdesk.store.received import ReceivedKpi, ReceivedReport

#: A report of the largest branch is a few MB; anything far larger is not one.
MAX_FILE_BYTES = 200 * 2**20
MAX_UNPACKED_BYTES = 2 * 2**30
MAX_ENTRIES = 2000
STATUS_CODES = {ja: code for code, (ja, _en) in STATUS_LABELS.items()}


@dataclass
class ReadReport:
    """A verified report: its cover, its data sheets split into summary and list, its KPI rows."""

    path: Path
    sha256: str
    cover: Cover
    sheets: dict[str, SheetData]
    kpis: list[ReceivedKpi]

    def received(self) -> ReceivedReport:
        """The report as the store keeps it."""
        c = self.cover
        return ReceivedReport(c.branch_code, c.fy, c.quarter, L.FORM, c.data_date, c.created_at,
                              c.version, c.digest, self.path.name, self.sha256, tuple(self.kpis))

    def biosimilar(self) -> list[tuple[str, float, float]]:
        """(ingredient, biosimilar qty, reference qty) of the バイオシミラー sheet."""
        rows = self.sheets[L.BIOSIMILAR.name].summary
        return [(str(r[0]), number(r[1]) or 0.0, number(r[2]) or 0.0)
                for r in rows if r and r[0] != L.NO_DATA]


def read_report(path: Path) -> ReadReport:
    """Read and verify one report workbook; refuses anything that is not an intact BD-QR v1."""
    data = _load_bytes(path)
    grids = _read_grids(path)
    cover = parse_cover(path.name, grids.get(L.COVER_SHEET))
    sheets: dict[str, SheetData] = {}
    for layout in L.SHEETS:
        if layout.name not in grids:
            raise _wrong(path, f"シート「{layout.name}」がありません")
    if digest((s.name, grids[s.name]) for s in L.SHEETS) != cover.digest:
        raise InputRejected("quarterly_tampered", file=path.name)
    for layout in L.SHEETS:
        split = L.split_grid(layout, grids[layout.name])
        if split is None:
            raise _wrong(path, f"シート「{layout.name}」の見出しが様式と違います")
        sheets[layout.name] = split
    kpis = [_kpi_row(path, r) for r in sheets[L.KPI.name].summary]
    return ReadReport(path, hashlib.sha256(data).hexdigest(), cover, sheets, kpis)


def _wrong(path: Path, detail: str) -> InputRejected:
    return InputRejected("quarterly_wrong_form", file=path.name, detail=detail)


def _load_bytes(path: Path) -> bytes:
    """The file's bytes, after checks that reject what cannot be a report (zip bombs too)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputRejected("quarterly_too_large", file=path.name, detail=f"{size:,} bytes")
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (OSError, zipfile.BadZipFile) as e:
        raise InputRejected("quarterly_unreadable", file=path.name, detail=str(e)) from e
    unpacked = sum(i.file_size for i in infos)
    if len(infos) > MAX_ENTRIES or unpacked > MAX_UNPACKED_BYTES:
        raise InputRejected("quarterly_too_large", file=path.name,
                            detail=f"{len(infos)} entries, {unpacked:,} bytes unpacked")
    return path.read_bytes()


def _read_grids(path: Path) -> dict[str, Grid]:
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = [n for n in book.sheet_names if n == L.COVER_SHEET or n in L.BY_NAME]
        return {n: [_cells(r) for r in book.get_sheet_by_name(n).to_python()] for n in names}
    except Exception as e:  # calamine raises its own error types for damaged workbooks
        raise InputRejected("quarterly_unreadable", file=path.name, detail=str(e)) from e


_PLAIN = frozenset((str, float, int, date, datetime))


def _cells(row: list[Any]) -> list[Cell]:
    """A calamine row as cells (checked by type: a report holds no times or durations)."""
    if all(type(v) in _PLAIN for v in row):
        return cast(list[Cell], row)
    return [_cell(v) for v in row]


def _cell(value: object) -> Cell:
    """A calamine value as a cell (times and durations, which no report holds, as text)."""
    if value is None or isinstance(value, str | int | float | date):
        return value
    return str(value)


def _cover_values(rows: Grid) -> dict[str, Any]:
    labels = dict(L.COVER_FIELDS)
    values: dict[str, Any] = {}
    for row in rows[L.COVER_FIRST_ROW:]:
        if len(row) >= 2 and isinstance(row[0], str) and row[0] in labels:
            values[labels[row[0]]] = row[1]
    return values


def parse_cover(file: str, rows: Grid | None) -> Cover:
    """表紙's fields, checked: the form, a valid branch and insurer number, FY and quarter,
    a data date that is the quarter's last day, and a digest."""
    values = _cover_values(rows or [])
    if values.get("form") != L.FORM:
        raise InputRejected("quarterly_wrong_form", file=file,
                            detail=f"様式: {values.get('form') or '（なし）'}")
    branch = _checked(file, "支部コード", values.get("branch_code"), validate_branch_code)
    insurer = _checked(file, "保険者番号", values.get("insurer_number"), validate_insurer_number)
    if insurer[2:4] != branch:
        raise InputRejected("quarterly_cover_invalid", file=file, field="保険者番号",
                            value=insurer)
    fy = _integer(file, "年度", values.get("fy"))
    quarter = _integer(file, "四半期", values.get("quarter"))
    for field, value, ok in (("年度", fy, L.FY_RANGE[0] <= fy <= L.FY_RANGE[1]),
                             ("四半期", quarter, quarter in (1, 2, 3, 4))):
        if not ok:
            raise InputRejected("quarterly_cover_invalid", file=file, field=field, value=value)
    day = _day(values.get("data_date"))
    if day != quarter_end(fy, quarter):
        raise InputRejected("quarterly_cover_invalid", file=file, field="データ基準日",
                            value=str(values.get("data_date")))
    return Cover(branch, BRANCHES[branch], insurer, fy, quarter, quarter_start(fy, quarter),
                 day, day, str(values.get("created_at") or ""), str(values.get("version") or ""),
                 str(values.get("digest") or ""))


def _checked(file: str, field: str, value: Any, check: Any) -> str:
    text = _text(value)
    try:
        return str(check(text))
    except ValueRejected as e:
        raise InputRejected("quarterly_cover_invalid", file=file, field=field,
                            value=text) from e


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _integer(file: str, field: str, value: Any) -> int:
    text = _text(value)
    if not text.isdigit():
        raise InputRejected("quarterly_cover_invalid", file=file, field=field, value=text)
    return int(text)


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def number(value: Any) -> float | None:
    """A numeric cell as a float (text such as データなし and empty cells are None)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _kpi_row(path: Path, row: list[Any]) -> ReceivedKpi:
    cells = [*row, *[""] * (len(L.KPI.summary) - len(row))]
    kpi_id, status = _text(cells[0]), STATUS_CODES.get(_text(cells[7]))
    if kpi_id not in BY_ID or status is None:
        raise _wrong(path, f"KPI の行 {kpi_id} {_text(cells[7])}")
    return ReceivedKpi(kpi_id, number(cells[3]), number(cells[4]), number(cells[5]),
                       number(cells[2]), number(cells[6]), status,
                       _text(cells[8]) or None, _text(cells[9]) or None)
