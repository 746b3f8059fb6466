"""Reading every file of an import command: find sheets, detect kinds, validate rows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from branchdesk.domain.errors import InputRejected
from branchdesk.domain.jobs import TaskState
from branchdesk.exchange.columns import HeaderMatch, find_header
from branchdesk.exchange.importer.model import ImportOptions
from branchdesk.exchange.model import Problem, RawSheet
from branchdesk.exchange.readers import formulas_without_value, open_sheets
from branchdesk.exchange.validate import SheetResult, validate_sheet


@dataclass
class SheetPlan:
    """One sheet to import: where it came from, its header and its validated rows."""

    path: Path
    sha256: str
    sheet: RawSheet
    match: HeaderMatch
    result: SheetResult


def expand(paths: list[Path]) -> list[Path]:
    """Files of the command: a folder gives its files (not recursive), skipping ``~$*`` and
    hidden files; a missing path is rejected."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file() and _wanted(p)))
        elif path.is_file():
            files.append(path)
        else:
            raise InputRejected("import_path_missing", path=str(path))
    if not files:
        raise InputRejected("import_no_files", paths=", ".join(str(p) for p in paths))
    return files


def _wanted(path: Path) -> bool:
    return not path.name.startswith(("~$", "."))


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, as recorded in the import history."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def plan_file(path: Path, options: ImportOptions, mappings: dict[str, dict[str, str]],
              branch: str, problems: list[Problem], state: TaskState) -> list[SheetPlan]:
    """Every sheet of ``path`` that matches a kind, validated; sheet-level problems appended.

    ``open_sheets`` runs the hostile-file checks (``safety.check_file``) before any parser.
    """
    sha = sha256_of(path)
    plans: list[SheetPlan] = []
    for sheet in open_sheets(path, sheet=options.sheet):
        if sheet.hidden and options.sheet is None:
            continue
        state.check()
        match = _match(sheet, options, mappings, problems)
        if match is None:
            continue
        formulas = set() if sheet.from_csv else formulas_without_value(path, sheet.name)
        result = validate_sheet(sheet, match, percent=options.percent, branch=branch,
                                formula_cells=formulas)
        plans.append(SheetPlan(path, sha, sheet, match, result))
    if not plans:
        problems.append(Problem(path.name, "", None, None, None, "import_no_sheet_matched",
                                {"kind": options.kind or ""}))
    return plans


def _match(sheet: RawSheet, options: ImportOptions, mappings: dict[str, dict[str, str]],
           problems: list[Problem]) -> HeaderMatch | None:
    kinds = [options.kind] if options.kind else None
    mapping = options.mapping or (mappings.get(options.kind, {}) if options.kind else {})
    try:
        match = find_header(sheet, kinds, mapping=mapping or None)
    except InputRejected as e:  # two kinds match equally well: ask for --kind
        problems.append(Problem(sheet.path.name, sheet.name, None, None, None, e.code, e.params))
        return None
    if match is not None and not options.mapping and options.kind is None:
        remembered = mappings.get(match.kind)
        if remembered:
            match = find_header(sheet, [match.kind], mapping=remembered) or match
    if match is not None:
        problems.extend(match.problems)
    return match
