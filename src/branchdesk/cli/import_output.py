"""How an import's result and the import history are printed."""

from __future__ import annotations

import sys

from branchdesk.domain.messages import message
from branchdesk.exchange.importer import ImportResult, SheetSummary
from branchdesk.store.imports import ImportEntry

_SHOWN = ("added", "changed", "unchanged", "lost", "reactivated", "removed", "skipped_invalid",
          "skipped_total", "skipped_other_branch")


def _counts(counts: dict[str, int], lang: str) -> str:
    parts = [f"{message('count_' + k, lang)} {counts[k]:,}" for k in _SHOWN if counts.get(k)]
    return ", ".join(parts) or message("count_none", lang)


def sheet_line(s: SheetSummary, lang: str) -> str:
    """One line per imported sheet: kind, file, sheet, header row and the counts."""
    line = message("import_sheet_line", lang, kind=message("kind_" + s.kind, lang), file=s.file,
                   sheet=s.sheet, row=s.header_row, counts=_counts(s.counts, lang))
    if s.percent_reading:
        readings = ", ".join(f"{h}: {message('percent_' + r, lang)}"
                             for h, r in s.percent_reading.items())
        line += " " + message("import_percent_reading", lang, readings=readings)
    return line


def print_result(result: ImportResult, lang: str) -> None:
    """Summary lines on stdout; problems and the outcome on stderr."""
    for s in result.sheets:
        print(sheet_line(s, lang))
        if s.overwritten_local_edits:
            print(message("import_overwrote_local", lang, count=len(s.overwritten_local_edits),
                          keys=", ".join(s.overwritten_local_edits[:20])))
    for p in result.problems[:50]:
        where = " ".join(x for x in (p.file, p.sheet, f"{p.row}行" if p.row else "",
                                     p.column or "") if x)
        print(f"{message('severity_' + p.severity, lang)}: {where}: {p.reason(lang)}",
              file=sys.stderr)
    if len(result.problems) > 50:
        print(message("import_more_problems", lang, count=len(result.problems) - 50),
              file=sys.stderr)
    print(message("import_outcome_" + result.outcome, lang, errors=len(result.errors)),
          file=sys.stderr)


def print_history(entries: list[ImportEntry], lang: str) -> None:
    """The import history, newest first: time, user, files, kinds, result."""
    if not entries:
        print(message("history_empty", lang))
    for e in entries:
        files = ", ".join(f.get("file", "?") for f in e.files)
        kinds = ", ".join(message("kind_" + k, lang) for k in e.kinds)
        print(f"#{e.id} {e.at} {e.user} [{kinds}] {files} — "
              f"{message('import_outcome_' + e.result, lang, errors=e.counts.get('errors', 0))}")
