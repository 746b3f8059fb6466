"""Reading every file of an import command: find sheets, detect kinds, validate rows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from branchdesk.domain.errors import InputRejected
from branchdesk.domain.jobs import TaskState
from branchdesk.exchange.columns import HeaderMatch, find_header
from branchdesk.exchange.importer.model import ImportOptions
from branchdesk.exchange.importer.staging import FreshSink, StageSink, stage_sink
from branchdesk.exchange.model import Problem, RawSheet
from branchdesk.exchange.readers import formula_cells, open_sheets, release
from branchdesk.exchange.validate import SheetResult, Tick, validate_sheet
from branchdesk.store.connection import Store
from branchdesk.store.registers.fresh import FreshFailed


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
              branch: str, problems: list[Problem], state: TaskState, *,
              store: Store | None = None, fresh: bool = False) -> list[SheetPlan]:
    """Every sheet of ``path`` that matches a kind, validated; sheet-level problems appended.

    ``open_sheets`` runs the hostile-file checks (``safety.check_file``) before any parser. With
    ``store``, an employer register's valid rows are staged in its temporary tables
    (``SheetResult.sink``) instead of being kept in memory; with ``fresh`` too (the import's
    transaction is open), the first register of an empty store is written as it is read.
    ``state`` is checked (cancel) between the chunks of every sheet.
    """
    sha = sha256_of(path)
    plans: list[SheetPlan] = []
    for sheet in open_sheets(path, sheet=options.sheet):
        if sheet.hidden and options.sheet is None:
            continue
        state.check()
        match = _match(sheet, options, mappings, problems)
        if match is None:
            release(sheet)
            continue
        result = _validate(sheet, match, options, branch, state, store, fresh)
        plans.append(SheetPlan(path, sha, sheet, match, result))
    if not plans:
        problems.append(Problem(path.name, "", None, None, None, "import_no_sheet_matched",
                                {"kind": options.kind or ""}))
    return plans


def _validate(sheet: RawSheet, match: HeaderMatch, options: ImportOptions, branch: str,
              state: TaskState, store: Store | None, fresh: bool) -> SheetResult:
    """``validate_sheet`` into the sink the kind and the store call for. A first register that
    cannot be written as it is read (duplicate 事業所記号) is undone and validated again into a
    stage."""
    sink = stage_sink(store, match, fresh=fresh)
    try:
        result = _validated(sheet, match, options, branch, state, sink)
        if isinstance(sink, FreshSink):
            sink.register.finish()
        return result
    except FreshFailed:
        sink.register.abandon()  # type: ignore[union-attr]
        assert store is not None
        return _validated(sheet, match, options, branch, state, StageSink(store, match))
    except BaseException:
        if isinstance(sink, FreshSink):
            sink.register.abandon()  # stop its writer before the transaction ends
        raise


def _validated(sheet: RawSheet, match: HeaderMatch, options: ImportOptions, branch: str,
               state: TaskState, sink: StageSink | FreshSink | None) -> SheetResult:
    try:
        return validate_sheet(sheet, match, percent=options.percent, branch=branch,
                              formula_cells=formula_cells(sheet), sink=sink,
                              tick=_tick(state, sheet.path))
    finally:
        if isinstance(sink, StageSink):
            sink.finish()  # stop its comparing thread: the connection is the caller's again


def _tick(state: TaskState, path: Path) -> Tick:
    """Between chunks: the cancel point, and the rows read so far as the progress text."""
    fraction = state.progress[0]

    def tick(rows: int) -> None:
        state.check()
        state.set_progress(fraction, f"{path.name}: {rows:,}")
    return tick


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
