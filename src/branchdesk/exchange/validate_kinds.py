"""The rules of each kind that need more than one cell (exchange.md §3), on a ``SheetContext``.

``resolve_*`` run right after the columns are parsed (a cell whose reading depends on another
field: a generic コード by its 集計単位, a KPI value by its row's unit); ``check_*`` run on the rows
that were not skipped (cross-field rules, the one 基準日 of an employer register).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from branchdesk.domain.errors import ValueRejected
from branchdesk.domain.identifiers import (
    BRANCHES,
    validate_branch_code,
    validate_institution_code,
    validate_municipality_code,
)
from branchdesk.domain.kpi.catalogue import COMPUTED_IDS, KpiDef
from branchdesk.domain.normalize import cell_text, is_blank, nfkc
from branchdesk.domain.numbers import decide_percent_reading, parse_number, parse_percent
from branchdesk.exchange.columns import HeaderMatch
from branchdesk.exchange.fields import DIRECTIONS, TARGET_KINDS, KindSpec
from branchdesk.exchange.model import Problem, RawSheet, Severity

_SHOWN = object()
#: 使用割合 more than 0.05 points from the quantities' share is a warning.
SHARE_TOLERANCE = 0.0005
_NATIONAL = frozenset({"00", "0", "全国", "全国計", "全支部"})
_BRANCH_BY_NAME = {name: code for code, name in BRANCHES.items()}


def shown(value: Any) -> str:
    """A raw cell as the report shows it (dates ISO, integral numbers without ".0")."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return cell_text(value).strip()


@dataclass
class SheetContext:
    """One sheet under validation: raw and parsed columns by field, problems by row index."""

    sheet: RawSheet
    match: HeaderMatch
    spec: KindSpec
    branch: str
    percent: str | None
    numbers: list[int]
    cells: list[list[Any]]
    raw: dict[str, list[Any]] = field(default_factory=dict)
    values: dict[str, list[Any]] = field(default_factory=dict)
    failed: dict[str, set[int]] = field(default_factory=dict)
    problems: dict[int, list[Problem]] = field(default_factory=dict)
    sheet_problems: list[Problem] = field(default_factory=list)
    other_branch: set[int] = field(default_factory=set)
    formula_rows: set[int] = field(default_factory=set)
    percent_reading: dict[str, str] = field(default_factory=dict)
    base_date: date | None = None

    def has(self, name: str) -> bool:
        """True when the sheet has the column of field ``name``."""
        return name in self.values

    def header(self, name: str) -> str:
        """The header of ``name`` as in the file (the canonical header when absent)."""
        return self.match.headers.get(name) or self.spec.field(name).header

    def problem(self, index: int, name: str, code: str, *, severity: Severity = "error",
                cell: Any = _SHOWN, **params: Any) -> None:
        """Report ``code`` for row ``index`` in column ``name``; the report's value is ``cell``
        (default: the raw cell as shown), ``params`` fill the message.
        """
        if cell is _SHOWN:
            cell = shown(self.raw[name][index]) if name in self.raw else None
        self.problems.setdefault(index, []).append(Problem(
            self.sheet.path.name, self.sheet.name, self.numbers[index], self.header(name),
            cell, code, params, severity))

    def reject(self, index: int, name: str, error: ValueRejected) -> None:
        """Report a rejected cell; the row is invalid and the cell counts as failed."""
        self.failed.setdefault(name, set()).add(index)
        self.problem(index, name, error.code, **error.params)

    def sheet_error(self, name: str | None, value: str | None, code: str, **params: Any) -> None:
        """An error of the whole sheet (no row): nothing of it can be imported."""
        column = self.header(name) if name else None
        self.sheet_problems.append(Problem(self.sheet.path.name, self.sheet.name, None, column,
                                           value, code, params))


# --- resolve: readings that depend on another field ---------------------------------------


def resolve_generic(ctx: SheetContext) -> None:
    """コード by 集計単位; rows of other branches and prefectures; 使用割合's reading."""
    units = ctx.values["unit"]
    raw_codes = ctx.raw.get("code", [None] * len(units))
    names = ctx.values.get("name", [None] * len(units))
    codes: list[Any] = [None] * len(units)
    memo: dict[tuple[Any, ...], _GenericCode] = {}
    for index, unit in enumerate(units):
        if unit is None:
            continue
        key = (unit, raw_codes[index], names[index] if unit == "branch" else None)
        try:
            if key not in memo:
                memo[key] = _generic_code(unit, raw_codes[index], names[index], ctx.branch)
        except ValueRejected as error:
            ctx.reject(index, "code", error)
            continue
        codes[index], other, note = memo[key]
        if other:
            ctx.other_branch.add(index)
        elif note is not None:
            ctx.problem(index, "code", note[0], severity="warning", **note[1])
    ctx.values["code"] = codes
    if ctx.has("share"):
        _parse_percent_column(ctx, "share", range(len(units)))


#: A generic row's code, whether the row is another branch's, and its padding note.
_GenericCode = tuple[str | None, bool, tuple[str, dict[str, Any]] | None]


def _generic_code(unit: str, raw: Any, name: str | None, branch: str) -> _GenericCode:
    """(code, of another branch, padding note) of one generic row."""
    if unit == "branch":
        return None, _other_branch(raw, name, branch), None
    if is_blank(raw):
        what = "市区町村コード" if unit == "municipality" else "医療機関コード"
        raise ValueRejected("cell_generic_code_required", value="", what=what)
    if unit == "municipality":
        code = validate_municipality_code(raw)
        note = ("cell_municipality_padded", {"padded": code}) if len(shown(raw)) == 4 else None
        return code, code[:2] != branch, note
    code, padded = validate_institution_code(raw)
    note = ("cell_institution_padded", {"padded": code}) if padded else None
    return code, code[:2] != branch, note


def _other_branch(raw: Any, name: str | None, branch: str) -> bool:
    """True for a 支部 row of another branch (another 支部コード, 00 / 全国)."""
    text = _branch_label(cell_text(raw))
    if not text:
        label = _branch_label(name or "")
        return label in _NATIONAL or _BRANCH_BY_NAME.get(label, branch) != branch
    if text in _NATIONAL:
        return True
    return (_BRANCH_BY_NAME.get(text) or validate_branch_code(text)) != branch


def _branch_label(text: str) -> str:
    """A 支部 code or name without spaces, 「支部」 or a 都/府/県 suffix (「鳥取県支部」 → 鳥取)."""
    label = "".join(nfkc(text).split()).removesuffix("支部")
    if label not in _BRANCH_BY_NAME and label[-1:] in ("都", "府", "県"):
        label = label[:-1]
    return label


def _parse_percent_column(ctx: SheetContext, name: str, rows: range | list[int]) -> None:
    """Percent cells of ``rows`` as fractions, read one way for the whole column."""
    raw = ctx.raw[name]
    header = ctx.header(name)
    reading = ctx.percent or decide_percent_reading((raw[i] for i in rows), header)
    ctx.percent_reading[header] = reading
    values = ctx.values[name]
    for index in rows:
        try:
            values[index] = _percent(raw[index], reading)
        except ValueRejected as error:
            values[index] = None
            ctx.reject(index, name, error)


def _percent(cell: Any, reading: str) -> float | None:
    value = parse_percent(cell, reading)
    if value is not None and value < 0:
        raise ValueRejected("number_below_minimum", value=shown(cell), minimum=0)
    return value


def resolve_kpi_sheet(ctx: SheetContext) -> None:
    """目標・実績・前年度実績 by the row's unit (% rows as fractions); catalogue contradictions."""
    defs: list[KpiDef | None] = ctx.values["kpi_id"]
    ratio_rows = [i for i, d in enumerate(defs) if d is not None and d.is_ratio]
    ratio_set = set(ratio_rows)
    for name in ("target", "value", "previous"):
        if not ctx.has(name):
            continue
        if ratio_rows:
            _parse_percent_column(ctx, name, ratio_rows)
        for index, cell in enumerate(ctx.raw[name]):
            if index not in ratio_set:
                try:
                    ctx.values[name][index] = parse_number(cell, minimum=0)
                except ValueRejected as error:
                    ctx.values[name][index] = None
                    ctx.reject(index, name, error)
    for index, kpi in enumerate(defs):
        if kpi is not None:
            _check_kpi_row(ctx, index, kpi)
    ctx.values["kpi_id"] = [None if d is None else d.id for d in defs]


def _check_kpi_row(ctx: SheetContext, index: int, kpi: KpiDef) -> None:
    if kpi.id in COMPUTED_IDS:
        ctx.reject(index, "kpi_id", ValueRejected("cell_kpi_computed", value=shown(
            ctx.raw["kpi_id"][index]), kpi=kpi.id))
        return
    checks = (("direction", kpi.direction, DIRECTIONS, "cell_kpi_direction_conflict"),
              ("target_kind", kpi.target_kind, TARGET_KINDS, "cell_kpi_target_kind_conflict"))
    for name, expected, labels, code in checks:
        given = ctx.values[name][index] if ctx.has(name) else None
        if given is not None and given != expected:
            ctx.problem(index, name, code, kpi=kpi.id, expected=labels[expected][0])


def resolve_visits(ctx: SheetContext) -> None:
    """A blank 確認方法 is レセプト only for a row that has a 初回受診日."""
    if not ctx.has("visit_source"):
        return
    sources, visits, raw = ctx.values["visit_source"], ctx.values["visit_on"], ctx.raw[
        "visit_source"]
    for index, visit in enumerate(visits):
        if visit is None and is_blank(raw[index]):
            sources[index] = None


# --- check: cross-field rules on the rows kept --------------------------------------------


def check_employers(ctx: SheetContext, rows: list[int]) -> None:
    """One 基準日 per file: from the column (all rows alike) or from the title row."""
    title = ctx.match.base_date
    dates: set[date] = set()
    if ctx.has("as_of"):
        column = ctx.values["as_of"]
        dates = {column[i] for i in rows if column[i] is not None}
    if len(dates) > 1:
        listed = "、".join(d.isoformat() for d in sorted(dates)[:5])
        ctx.sheet_error("as_of", listed, "cell_base_date_mixed", dates=listed)
        return
    in_column = dates.pop() if dates else None
    if in_column is not None and title is not None and in_column != title:
        ctx.sheet_error("as_of", in_column.isoformat(), "cell_base_date_conflict",
                        title=title.isoformat())
        return
    base = ctx.base_date = in_column or title
    if base is None and not ctx.failed.get("as_of"):
        ctx.sheet_error(None, None, "cell_base_date_missing")


def check_generic(ctx: SheetContext, rows: list[int]) -> None:
    """使用割合 against the quantities: more than 0.05 points apart is a warning."""
    if not ctx.has("share"):
        return
    shares, generic, brand = ctx.values["share"], ctx.values["generic_qty"], ctx.values[
        "brand_qty"]
    for index in rows:
        share, g, b = shares[index], generic[index], brand[index]
        if share is None or g is None or b is None or g + b == 0:
            continue
        computed = g / (g + b)
        if abs(share - computed) > SHARE_TOLERANCE + 1e-12:
            ctx.problem(index, "share", "cell_generic_share_mismatch", severity="warning",
                        computed=f"{computed * 100:.2f}%", given=f"{share * 100:.2f}%")


def check_declarations(ctx: SheetContext, rows: list[int]) -> None:
    """取下げ needs a 取下げ日 on or after the 宣言日; 宣言中 has none."""
    declared = ctx.values["declared_on"]
    status = ctx.values.get("status")
    withdrawn = ctx.values.get("withdrawn_on")
    failed = ctx.failed.get("withdrawn_on", set())
    for index in rows:
        state = status[index] if status is not None else None
        day = withdrawn[index] if withdrawn is not None else None
        if state == "withdrawn" and day is None and index not in failed:
            ctx.problem(index, "withdrawn_on" if withdrawn is not None else "status",
                        "cell_withdrawal_date_required")
        elif state == "active" and day is not None:
            ctx.problem(index, "withdrawn_on", "cell_withdrawn_while_active")
        if day is not None and declared[index] is not None and day < declared[index]:
            ctx.problem(index, "withdrawn_on", "cell_withdrawn_before_declared",
                        declared_on=declared[index].isoformat())


def check_committee(ctx: SheetContext, rows: list[int]) -> None:
    """A 解嘱日 before the 委嘱日 is an error."""
    if not ctx.has("terminated_on"):
        return
    appointed, terminated = ctx.values["appointed_on"], ctx.values["terminated_on"]
    for index in rows:
        if terminated[index] is not None and appointed[index] is not None \
                and terminated[index] < appointed[index]:
            ctx.problem(index, "terminated_on", "cell_terminated_before_appointed",
                        appointed_on=appointed[index].isoformat())


def check_visits(ctx: SheetContext, rows: list[int]) -> None:
    """A visit dated before the checkup is kept, with a warning (the KPI does not count it)."""
    checkups, visits = ctx.values["checkup_on"], ctx.values["visit_on"]
    for index in rows:
        if visits[index] is not None and checkups[index] is not None \
                and visits[index] < checkups[index]:
            ctx.problem(index, "visit_on", "cell_visit_before_checkup", severity="warning",
                        checkup_on=checkups[index].isoformat())


RESOLVE: dict[str, Callable[[SheetContext], None]] = {
    "generic": resolve_generic, "kpi_sheet": resolve_kpi_sheet, "visits": resolve_visits}
CHECK: dict[str, Callable[[SheetContext, list[int]], None]] = {
    "employers": check_employers, "generic": check_generic,
    "declarations": check_declarations, "committee": check_committee, "visits": check_visits}
