"""Head office's consolidation of branch quarterly reports into national figures (exchange.md §4).

Needs no store. Every input is read and verified (``reader.read_report``); a file that is not an
intact BD-QR v1 report, reports another FY/quarter than most inputs, or is a second, different
report of a branch already read, is refused and listed with the reason. Each KPI is combined by
its own rule: ratio KPIs as Σ numerators ÷ Σ denominators (never an average of rates),
``biosimilar_ingredients`` by summing each ingredient's quantities over branches first, counts by
summing; ``generic_share`` also as the number of branches at ≥ 80%. Entered rows are listed per
branch and never combined. A national figure that lacks any branch is marked 暫定.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from branchdesk.domain.errors import InputRejected
from branchdesk.domain.identifiers import BRANCHES
from branchdesk.domain.kpi.catalogue import (
    BIOSIMILAR_THRESHOLD,
    CATALOGUE,
    GENERIC_THRESHOLD,
)
from branchdesk.domain.kpi.status import exact
from branchdesk.domain.messages import message
from branchdesk.domain.normalize import normalize_key
from branchdesk.exchange.quarterly.reader import ReadReport, read_report
from branchdesk.store.received import ReceivedKpi

RATIO_SUMMED = ("generic_share", "generic_amount_share", "committee_coverage",
                "referral_visit_rate")
COUNT_SUMMED = ("declarations", "committee_employers")
BIOSIMILAR = "biosimilar_ingredients"


@dataclass(frozen=True)
class Refusal:
    """A file left out of the national figures, and why."""

    file: str
    code: str
    params: dict[str, Any]
    branch: str = ""
    fy: int | None = None
    quarter: int | None = None

    def reason(self, lang: str = "ja") -> str:
        """The reason as people read it."""
        return message(self.code, lang, **self.params)


@dataclass(frozen=True)
class NationalFigure:
    """One KPI's national figure (``value`` None where it is not combined or has no data)."""

    kpi_id: str
    value: float | None
    numerator: float | None
    denominator: float | None
    branches: int
    provisional: bool
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class IngredientTotal:
    """One biosimilar ingredient summed over the branches that reported it."""

    name: str
    bs_qty: float
    ref_qty: float
    branches: int

    @property
    def reached(self) -> bool:
        """True when the national replacement rate is at least 80% (compared exactly)."""
        total = _exact(self.bs_qty + self.ref_qty)
        return total > 0 and _exact(self.bs_qty) >= _exact(BIOSIMILAR_THRESHOLD) * total


@dataclass
class National:
    """The consolidation: the reports used (by branch), what was refused, and the figures."""

    fy: int
    quarter: int
    reports: dict[str, ReadReport]
    refused: list[Refusal]
    figures: dict[str, NationalFigure] = field(default_factory=dict)
    ingredients: list[IngredientTotal] = field(default_factory=list)
    generic_reached: tuple[int, int] = (0, 0)

    @property
    def missing(self) -> list[str]:
        """Branch codes with no report in the consolidation (not submitted or refused)."""
        return [b for b in BRANCHES if b not in self.reports]

    @property
    def provisional(self) -> bool:
        """True while any branch is missing: the national figures are 暫定."""
        return bool(self.missing)

    def branch_kpi(self, branch: str, kpi_id: str) -> ReceivedKpi | None:
        """A branch's reported row of ``kpi_id`` (None when the branch is missing)."""
        report = self.reports.get(branch)
        return None if report is None else next(k for k in report.kpis if k.kpi_id == kpi_id)


def input_files(paths: Sequence[Path]) -> list[Path]:
    """The files named, and the .xlsx files of named folders (not recursive, no ``~$*`` or
    hidden files), in the order given (folders sorted by name)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file()
                                and p.suffix.lower() == ".xlsx"
                                and not p.name.startswith(("~$", "."))))
        else:
            files.append(path)
    if not files:
        raise InputRejected("consolidate_no_files", paths=", ".join(str(p) for p in paths))
    return files


def consolidate(paths: Sequence[Path]) -> National:
    """Read, verify and combine the reports in ``paths`` (files or folders)."""
    read, refused = _read_all(input_files(paths))
    if not read:
        raise InputRejected("consolidate_nothing_valid", refused=len(refused))
    fy, quarter = Counter((r.cover.fy, r.cover.quarter) for r in read).most_common(1)[0][0]
    same = [r for r in read if (r.cover.fy, r.cover.quarter) == (fy, quarter)]
    refused += [_refusal(r, "consolidate_other_period", fy=r.cover.fy, quarter=r.cover.quarter,
                         target_fy=fy, target_quarter=quarter)
                for r in read if (r.cover.fy, r.cover.quarter) != (fy, quarter)]
    reports, duplicates = _one_per_branch(same)
    national = National(fy, quarter, reports, refused + duplicates)
    _combine(national)
    return national


def _read_all(files: Iterable[Path]) -> tuple[list[ReadReport], list[Refusal]]:
    read: list[ReadReport] = []
    refused: list[Refusal] = []
    for path in files:
        try:
            read.append(read_report(path))
        except InputRejected as e:
            refused.append(Refusal(path.name, e.code, dict(e.params)))
    return read, refused


def _refusal(report: ReadReport, code: str, **params: Any) -> Refusal:
    cover = report.cover
    return Refusal(report.path.name, code, {"file": report.path.name, **params},
                   cover.branch_code, cover.fy, cover.quarter)


def _one_per_branch(reports: list[ReadReport]) -> tuple[dict[str, ReadReport], list[Refusal]]:
    """One report per branch. Copies of the same report (same digest) count once; different
    reports of one branch are all refused, since nothing tells which one is right."""
    by_branch: dict[str, list[ReadReport]] = {}
    for report in reports:
        by_branch.setdefault(report.cover.branch_code, []).append(report)
    kept: dict[str, ReadReport] = {}
    refused: list[Refusal] = []
    for branch, group in sorted(by_branch.items()):
        if len({r.cover.digest for r in group}) == 1:
            kept[branch] = group[0]
            refused += [_refusal(r, "consolidate_duplicate_copy", branch=branch,
                                 other=group[0].path.name) for r in group[1:]]
        else:
            names = ", ".join(r.path.name for r in group)
            refused += [_refusal(r, "consolidate_duplicate_branch", branch=branch, files=names)
                        for r in group]
    return kept, refused


def _combine(national: National) -> None:
    rows = {k.id: [national.branch_kpi(b, k.id) for b in sorted(national.reports)]
            for k in CATALOGUE}
    for kpi in CATALOGUE:
        present = [r for r in rows[kpi.id] if r is not None and r.value is not None]
        if kpi.id in RATIO_SUMMED:
            figure = _ratio(kpi.id, present, national.provisional)
        elif kpi.id in COUNT_SUMMED:
            figure = _count(kpi.id, present, national.provisional)
        elif kpi.id == BIOSIMILAR:
            figure = _biosimilar(national)
        else:
            figure = NationalFigure(kpi.id, None, None, None, len(present), national.provisional,
                                    ("支部別に掲載（合算しない）",))
        national.figures[kpi.id] = figure
    generic = [r for r in rows["generic_share"] if r is not None and _has_parts(r)]
    national.generic_reached = (sum(_at_threshold(r) for r in generic), len(generic))


def _has_parts(row: ReceivedKpi) -> bool:
    return row.numerator is not None and bool(row.denominator)


def _at_threshold(row: ReceivedKpi) -> bool:
    """numerator ≥ 80% × denominator, compared exactly."""
    return _exact(row.numerator) >= _exact(GENERIC_THRESHOLD) * _exact(row.denominator)


def _exact(value: float | None) -> Fraction:
    """A float as the decimal it prints as (None as 0), for exact comparisons."""
    return exact(value) or Fraction(0)


def _notes(kpi_rows: list[ReceivedKpi], used: int, provisional: bool) -> tuple[str, ...]:
    notes = []
    if provisional or used < len(BRANCHES):
        notes.append(f"暫定（{used}/{len(BRANCHES)} 支部）")
    if any(r.status == "provisional" for r in kpi_rows):
        notes.append("集計中の支部を含む")
    if len({r.period for r in kpi_rows}) > 1:
        notes.append("測定時点が支部により異なる")
    return tuple(notes)


def _ratio(kpi_id: str, rows: list[ReceivedKpi], provisional: bool) -> NationalFigure:
    used = [r for r in rows if _has_parts(r)]
    numerator = math.fsum(r.numerator or 0.0 for r in used)
    denominator = math.fsum(r.denominator or 0.0 for r in used)
    value = numerator / denominator if denominator else None
    return NationalFigure(kpi_id, value, numerator if used else None,
                          denominator if used else None, len(used),
                          provisional or len(used) < len(BRANCHES),
                          _notes(used, len(used), provisional))


def _count(kpi_id: str, rows: list[ReceivedKpi], provisional: bool) -> NationalFigure:
    total = math.fsum(r.value or 0.0 for r in rows)
    return NationalFigure(kpi_id, total if rows else None, None, None, len(rows),
                          provisional or len(rows) < len(BRANCHES),
                          _notes(rows, len(rows), provisional))


def _biosimilar(national: National) -> NationalFigure:
    """Sum each ingredient's quantities over the branches first, then count ingredients."""
    sums: dict[str, list[Any]] = {}
    used = []
    for branch, report in sorted(national.reports.items()):
        row = national.branch_kpi(branch, BIOSIMILAR)
        if row is None or row.value is None:
            continue
        used.append(row)
        for name, bs, ref in report.biosimilar():
            entry = sums.setdefault(normalize_key(name), [name, 0.0, 0.0, 0])
            entry[1] += bs
            entry[2] += ref
            entry[3] += 1
    national.ingredients = [IngredientTotal(n, bs, ref, k)
                            for _key, (n, bs, ref, k) in sorted(sums.items())]
    counted = [i for i in national.ingredients if i.bs_qty + i.ref_qty > 0]
    reached = sum(i.reached for i in counted)
    value = reached / len(counted) if counted else None
    return NationalFigure(BIOSIMILAR, value, reached if counted else None,
                          len(counted) if counted else None, len(used),
                          national.provisional or len(used) < len(BRANCHES),
                          _notes(used, len(used), national.provisional))
