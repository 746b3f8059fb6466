"""Options and results of an import (exchange.md §2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from branchdesk.exchange.model import Problem

#: The order files are written in: employers first, then what refers to them (exchange.md §2).
KIND_ORDER = {"employers": 0, "declarations": 1, "committee": 1, "referrals": 2, "visits": 3,
              "followups": 3, "generic": 4, "biosimilar": 4, "kpi_sheet": 4, "quarterly": 4}
#: Kinds holding 要配慮個人情報: refused in a portable store (cli.md).
SENSITIVE_KINDS = frozenset({"referrals", "visits", "followups"})


@dataclass(frozen=True)
class ImportOptions:
    """What the user asked for (cli.md `import`)."""

    kind: str | None = None
    sheet: str | None = None
    mapping: dict[str, str] | None = None
    percent: str | None = None
    dry_run: bool = False
    skip_invalid: bool = False
    confirm_lost: bool = False


@dataclass
class SheetSummary:
    """One imported sheet: where its data was found and what it did to the store."""

    file: str
    sheet: str
    kind: str
    header_row: int
    sha256: str
    counts: dict[str, int] = field(default_factory=dict)
    percent_reading: dict[str, str] = field(default_factory=dict)
    base_date: date | None = None
    overwritten_local_edits: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The summary as recorded in the import history."""
        return {"file": self.file, "sheet": self.sheet, "kind": self.kind,
                "header_row": self.header_row, "sha256": self.sha256, "counts": self.counts,
                "base_date": self.base_date.isoformat() if self.base_date else None}


@dataclass
class ImportResult:
    """What an import did: per-sheet summaries, every problem, and the outcome.

    ``outcome``: "imported", "unchanged" (変更なし), "rejected" (nothing written), "dry_run".
    """

    sheets: list[SheetSummary] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    outcome: str = "rejected"
    backup: Path | None = None
    import_id: int | None = None
    skipped_files: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that reject rows (or, without --skip-invalid, the whole import)."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def exit_code(self) -> int:
        """0 when imported (or would be), 2 when rejected (cli.md)."""
        return 2 if self.outcome == "rejected" else 0
