"""Header detection and column mapping (exchange.md §1–2 step 1).

``find_header`` scans the first 16 rows of a sheet (up to 15 title or note rows above the
header) for the row that best matches a kind's headers, maps its columns to fields, and picks up
a 「基準日：令和7年3月31日」 title row. A user mapping (header text → field) overrides detection
for the headers it names; ``load_mapping_file`` reads one from JSON, CSV or XLSX.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from branchdesk.domain.dates import parse_date
from branchdesk.domain.errors import InputRejected, ValueRejected
from branchdesk.domain.normalize import cell_text, is_blank, nfkc
from branchdesk.exchange.fields import KINDS, KindSpec
from branchdesk.exchange.model import Problem, RawSheet, Row

#: Rows scanned for the header: up to 15 title or note rows, then the header.
HEADER_SCAN_ROWS = 16
#: Mapping values that mean "do not import this column".
IGNORE_VALUES = frozenset({"", "-", "無視", "ignore", "none"})
_IGNORE = "\x00ignore"
_WHITESPACE = re.compile(r"\s+")
_UNIT_SUFFIX = re.compile(r"(?:\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】)$")
_BASE_DATE = "基準日"
_DATE_START = re.compile(r"[0-9RHS令平昭]")
_AS_OF_SUFFIX = re.compile(r"(?:現在|時点)$")
_TITLE_PUNCTUATION = " :=\u3000\t()[]【】"
#: Priorities when two headers name one field: the user's mapping, the canonical header, a synonym.
_BY_MAPPING, _CANONICAL, _SYNONYM = 0, 1, 2


def normalize_header(text: object) -> str:
    """A header cell's comparison form: NFKC, line breaks and spaces removed, trailing unit
    suffixes in brackets removed (「被保険者数\\n(人)」, 「被保険者数（人）」, 「金額[円]」),
    case-folded.
    """
    normalized = _WHITESPACE.sub("", nfkc(cell_text(text)))
    while (match := _UNIT_SUFFIX.search(normalized)) and match.start() > 0:
        normalized = normalized[: match.start()]
    return normalized.casefold()


@dataclass
class HeaderMatch:
    """Where a kind's header row is and which column holds which field.

    ``columns``: field → 0-based column index; ``headers``: field → the header text as in the
    file (for messages); ``unmapped``: header texts of columns not imported; ``base_date``: the
    date of a 「基準日」 title row; ``problems``: warnings and errors found on the way.
    """

    kind: str
    header_row: int
    columns: dict[str, int]
    headers: dict[str, str]
    unmapped: list[str] = field(default_factory=list)
    base_date: date | None = None
    problems: list[Problem] = field(default_factory=list)


class HeaderRejected(InputRejected):
    """A sheet whose header cannot be used (``kind_ambiguous``); ``problem`` is its report line."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code, **problem.params)
        self.problem = problem


@cache
def _lookup(kind: str) -> dict[str, tuple[str, int]]:
    """normalize_header(header or synonym) → (field, priority) for one kind."""
    table: dict[str, tuple[str, int]] = {}
    for spec in KINDS[kind].fields:
        table.setdefault(normalize_header(spec.header), (spec.name, _CANONICAL))
        for synonym in spec.synonyms:
            table.setdefault(normalize_header(synonym), (spec.name, _SYNONYM))
    return table


def resolve_field(spec: KindSpec, value: str) -> str | None:
    """The field a mapping value names in ``spec``: a field name, a canonical header or a
    synonym; ``_IGNORE`` for "do not import"; None when the kind has no such field.
    """
    text = value.strip()
    if text.casefold() in IGNORE_VALUES:
        return _IGNORE
    if text in spec.names:
        return text
    found = _lookup(spec.name).get(normalize_header(text))
    return found[0] if found else None


@dataclass
class _Candidate:
    """One kind read into one row."""

    kind: str
    number: int
    columns: dict[str, int]
    headers: dict[str, str]
    unmapped: list[str]
    unknown: list[tuple[str, str]]  # (header, mapping value) naming no field of the kind

    @property
    def score(self) -> int:
        return len(self.columns)


def _read_row(spec: KindSpec, number: int, cells: list[Any],
              mapping: Mapping[str, str]) -> _Candidate:
    """Map one row's header cells to ``spec``'s fields."""
    best: dict[str, tuple[int, int]] = {}  # field → (priority, column)
    texts: dict[int, str] = {}
    unknown: list[tuple[str, str]] = []
    for column, cell in enumerate(cells):
        if is_blank(cell):
            continue
        texts[column] = cell_text(cell).strip()
        name, priority = _field_of(spec, normalize_header(cell), mapping)
        if name is None and priority == _BY_MAPPING:
            unknown.append((texts[column], mapping[normalize_header(cell)]))
        if name is not None and name != _IGNORE and (
                name not in best or (priority, column) < best[name]):
            best[name] = (priority, column)
    columns = {name: column for name, (_, column) in best.items()}
    used = set(columns.values())
    unmapped = [text for column, text in texts.items() if column not in used]
    headers = {name: texts[column] for name, column in columns.items()}
    return _Candidate(spec.name, number, columns, headers, unmapped, unknown)


def _field_of(spec: KindSpec, normalized: str,
              mapping: Mapping[str, str]) -> tuple[str | None, int]:
    """(field, priority) of one header: the user's mapping first, then headers and synonyms."""
    if normalized in mapping:
        return resolve_field(spec, mapping[normalized]), _BY_MAPPING
    return _lookup(spec.name).get(normalized, (None, _SYNONYM))


def _complete(spec: KindSpec, candidate: _Candidate) -> bool:
    return all(f.name in candidate.columns for f in spec.fields if f.needs_column)


def find_header(sheet: RawSheet, kinds: Iterable[str] | None = None, *,
                mapping: Mapping[str, str] | None = None) -> HeaderMatch | None:
    """The header row of ``sheet`` and its column mapping, or None when no kind matches.

    A row matches a kind when every required column is present; the best match maps the most
    columns. ``kinds`` restricts the candidates (``--kind``); ``mapping`` (header text → field
    name or canonical header, from ``load_mapping_file`` or remembered per kind) overrides
    detection for the headers it names. Raises ``HeaderRejected`` (``kind_ambiguous``) when
    two kinds match equally well, ``InputRejected`` (``header_kind_unknown``) for a kind that is
    not one of ``fields.KINDS``.
    """
    specs = [_spec(k) for k in (kinds if kinds is not None else KINDS)]
    normalized_mapping = {normalize_header(k): v for k, v in (mapping or {}).items()}
    rows = list(itertools.islice(sheet.rows(), HEADER_SCAN_ROWS))
    best: dict[str, _Candidate] = {}
    for number, cells in rows:
        for spec in specs:
            candidate = _read_row(spec, number, cells, normalized_mapping)
            if _complete(spec, candidate) and (
                    spec.name not in best or candidate.score > best[spec.name].score):
                best[spec.name] = candidate
    if not best:
        return None
    top = max(c.score for c in best.values())
    winners = [c for c in best.values() if c.score == top]
    if len(winners) > 1:
        raise HeaderRejected(_ambiguous(sheet, winners))
    return _match(sheet, winners[0], rows, explicit=kinds is not None)


def _spec(kind: str) -> KindSpec:
    if kind not in KINDS:
        raise InputRejected("header_kind_unknown", kind=kind, kinds=", ".join(KINDS))
    return KINDS[kind]


def _ambiguous(sheet: RawSheet, winners: list[_Candidate]) -> Problem:
    names = "、".join(f"{c.kind}（{KINDS[c.kind].title}）" for c in winners)
    return Problem(sheet.path.name, sheet.name, winners[0].number, None, None, "kind_ambiguous",
                   {"kinds": names})


def _match(sheet: RawSheet, candidate: _Candidate, rows: list[Row], *,
           explicit: bool) -> HeaderMatch:
    match = HeaderMatch(candidate.kind, candidate.number, candidate.columns, candidate.headers,
                        candidate.unmapped)
    above = [row for row in rows if row[0] < candidate.number]
    match.base_date, problem = title_base_date(sheet, above)
    if problem is not None:
        match.problems.append(problem)
    if explicit:
        for header, value in candidate.unknown:
            match.problems.append(Problem(
                sheet.path.name, sheet.name, candidate.number, header, value,
                "mapping_field_unknown", {"field": value, "kind": KINDS[candidate.kind].title},
                severity="warning"))
    return match


def title_base_date(sheet: RawSheet, rows: Iterable[Row]) -> tuple[date | None, Problem | None]:
    """The date of a 「基準日：令和7年3月31日」 / 「基準日 2025/3/31」 title row (in one cell, or
    「基準日」 and the date in two cells), or an error Problem when it is not a date.
    """
    for number, cells in rows:
        for column, cell in enumerate(cells):
            if not isinstance(cell, str) or _BASE_DATE not in cell:
                continue
            text = nfkc(cell)
            rest = text[text.find(_BASE_DATE) + len(_BASE_DATE):].strip(_TITLE_PUNCTUATION)
            value: object = rest or next(
                (c for c in cells[column + 1:] if cell_text(c).strip(_TITLE_PUNCTUATION)), None)
            if value is None or (isinstance(value, str) and not _DATE_START.match(value)):
                continue
            try:
                return _base_date(value, sheet), None
            except ValueRejected as error:
                return None, Problem(sheet.path.name, sheet.name, number, _BASE_DATE,
                                     cell_text(value), error.code, error.params)
    return None, None


def _base_date(value: object, sheet: RawSheet) -> date | None:
    if isinstance(value, str):
        value = _AS_OF_SUFFIX.sub("", value.strip(_TITLE_PUNCTUATION).split()[0])
    return parse_date(value, date1904=sheet.date1904, from_csv=sheet.from_csv)


def explain_no_header(sheet: RawSheet, kind: str, *,
                      mapping: Mapping[str, str] | None = None) -> Problem:
    """Why ``sheet`` has no header row of ``kind``: the required headers missing from the row
    of the first 16 that comes closest (``header_not_found``).
    """
    spec = _spec(kind)
    normalized_mapping = {normalize_header(k): v for k, v in (mapping or {}).items()}
    candidates = [_read_row(spec, number, cells, normalized_mapping)
                  for number, cells in itertools.islice(sheet.rows(), HEADER_SCAN_ROWS)]
    closest = max(candidates, key=lambda c: c.score, default=None)
    present = closest.columns if closest else {}
    missing = [f.header for f in spec.fields if f.needs_column and f.name not in present]
    row = closest.number if closest and closest.score else None
    return Problem(sheet.path.name, sheet.name, row, None, None, "header_not_found",
                   {"kind": spec.title, "missing": "、".join(missing)})


# --- mapping files --------------------------------------------------------------------------

_MAPPING_TITLES = {("見出し", "項目"), ("header", "field"), ("見出し", "項目名")}


def load_mapping_file(path: Path) -> dict[str, str]:
    """A user's column mapping (header text → field name or canonical header) from a file.

    .json: an object {"見出し": "項目"}; .csv (UTF-8, with or without BOM, or CP932) and
    .xlsx/.xlsm: two columns, header then field, optionally under a title row 見出し,項目.
    Raises ``InputRejected``: "mapping_file_suffix", "mapping_file_unreadable",
    "mapping_file_invalid".
    """
    suffix = path.suffix.lower()
    if suffix not in (".json", ".csv", ".xlsx", ".xlsm"):
        raise InputRejected("mapping_file_suffix", path=str(path))
    try:
        if suffix == ".json":
            return _mapping_from_json(path)
        rows = _csv_rows(path) if suffix == ".csv" else _xlsx_rows(path)
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as error:
        raise InputRejected("mapping_file_unreadable", path=str(path),
                            reason=type(error).__name__) from error
    return _mapping_from_rows(rows, path)


def _mapping_from_json(path: Path) -> dict[str, str]:
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    if isinstance(data, dict) and isinstance(data.get("mapping"), dict):
        data = data["mapping"]
    if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise InputRejected("mapping_file_invalid", path=str(path))
    return dict(data)


def _csv_rows(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp932")
    return [list(row) for row in csv.reader(io.StringIO(text))]


def _xlsx_rows(path: Path) -> list[list[Any]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _mapping_from_rows(rows: list[list[Any]], path: Path) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for index, row in enumerate(rows):
        cells = [cell_text(c).strip() for c in row[:2]] + ["", ""]
        header, name = cells[0], cells[1]
        if not header and not name:
            continue
        if index == 0 and (header.casefold(), name.casefold()) in _MAPPING_TITLES:
            continue
        if not header:
            raise InputRejected("mapping_file_invalid", path=str(path))
        mapping[header] = name
    return mapping
