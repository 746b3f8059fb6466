"""The synthetic demo branch (`branchdesk demo`): a new store filled with realistic data.

Everything is deterministic from ``seed`` (and never depends on today's date): two runs with
the same arguments give the same table contents, apart from uids and time stamps. Sizes follow
domain.md §6 (``SCALES``); FY2022–FY2025 by default, so every FY but the first has a previous
year to compare with, and each year's KPI sheet mixes 達成, 概ね達成 and 未達成.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from branchdesk.demo.base import Timeline, Writer
from branchdesk.demo.biosimilar import generate_biosimilar
from branchdesk.demo.committee import generate_committee
from branchdesk.demo.contacts import generate_contacts
from branchdesk.demo.declarations import generate_declarations
from branchdesk.demo.employers import Employers, generate_employers
from branchdesk.demo.generic import Institution, generate_generic, institutions
from branchdesk.demo.kpi_rows import generate_kpi_rows
from branchdesk.demo.places import Municipality, municipalities
from branchdesk.demo.referrals import generate_referrals
from branchdesk.demo.scales import SCALES, Scale
from branchdesk.domain.errors import InputRejected
from branchdesk.domain.identifiers import validate_branch_code
from branchdesk.store.connection import Store, create_store
from branchdesk.store.lock import lock_path

__all__ = ["SCALES", "DemoSummary", "Scale", "generate"]

Progress = Callable[[float, str], None]

#: Page cache while generating, in KiB (SQLite's negative cache_size).
CACHE_KIB = 131_072
#: The tables the demo fills, in the order of ``DemoSummary.counts``.
TABLES = ("employers", "employer_registers", "employer_headcounts", "declarations",
          "committee_members", "member_events", "generic_stats", "biosimilar_stats",
          "referral_cases", "referral_actions", "contacts", "seminar_attendance",
          "kpi_sheet_rows")
#: The steps reported to ``progress``, with their share of the time (measured, large scale).
STEPS = (("employers", 0.49), ("declarations", 0.02), ("committee", 0.06), ("generic", 0.20),
         ("biosimilar", 0.04), ("referrals", 0.15), ("contacts", 0.03), ("kpi_sheet", 0.01))


@dataclass(frozen=True)
class DemoSummary:
    """What ``generate`` made: rows per table and how long it took."""

    path: Path
    scale: str
    branch: str
    seed: int
    counts: dict[str, int]
    seconds: float


def generate(path: Path, *, scale: str = "small", branch: str | None = None, seed: int = 1,
             fy_from: int = 2022, fy_to: int = 2025,
             progress: Progress | None = None) -> DemoSummary:
    """Make a new store at ``path`` holding a synthetic branch, and close it.

    ``scale`` is a key of ``SCALES``; ``branch`` defaults to the scale's (31 small, 13 large).
    ``progress(fraction, step)`` is called before each step (step names of ``STEPS``, then
    "done"); it may raise (for example ``Cancelled``) to stop, and then no store is left behind.
    Refuses (``InputRejected``, exit 2) an existing non-empty path and a range with
    ``fy_to < fy_from``; an unknown ``scale`` is a ``ValueError``.
    """
    if scale not in SCALES:
        raise ValueError(f"unknown demo scale {scale!r}; expected one of {sorted(SCALES)}")
    if fy_to < fy_from:
        raise InputRejected("fy_range_invalid", fy_from=fy_from, fy_to=fy_to)
    size = SCALES[scale]
    code = validate_branch_code(branch or size.default_branch)
    started = time.perf_counter()
    store = create_store(path, code)
    try:
        counts = _fill(store, size, code, seed, Timeline(fy_from, fy_to), progress)
    except BaseException:
        store.close()
        _remove(path)
        raise
    store.close()
    return DemoSummary(path, scale, code, seed, counts, time.perf_counter() - started)


def _remove(path: Path) -> None:
    """Delete a half-made store, its journal files and its (released) lock file."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    lock_path(path).unlink(missing_ok=True)


class _Reporter:
    """Calls ``progress`` with the share of the work done before each step."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.done = 0.0
        self.weights = dict(STEPS)

    def __call__(self, step: str) -> None:
        if self.progress is not None:
            self.progress(1.0 if step == "done" else min(self.done, 1.0), step)
        self.done += self.weights.get(step, 0.0)


@dataclass
class _Job:
    """One generation: where it writes, what it makes, and what later steps need."""

    store: Store
    writer: Writer
    timeline: Timeline
    size: Scale
    branch: str
    seed: int
    places: list[Municipality]
    report: _Reporter
    emp: Employers | None = None
    declarations: list[int] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)

    @property
    def employers(self) -> Employers:
        """The employers made by the first step."""
        assert self.emp is not None
        return self.emp


def _fill(store: Store, size: Scale, branch: str, seed: int, timeline: Timeline,
          progress: Progress | None) -> dict[str, int]:
    """Every step, in a few transactions.

    While the store is filled, foreign keys are off (the rows are consistent by construction;
    checking 10 million headcount rows would cost seconds) and the journal is a rollback
    journal: pages of a new file are written once instead of to the WAL and again to the file
    (about 3 s less at the large scale). Both are back to the store's settings at the end.
    """
    conn = store.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.execute("PRAGMA journal_mode = DELETE")
    job = _Job(store, Writer(conn), timeline, size, branch, seed, municipalities(branch),
               _Reporter(progress))
    for phase in (_registers, _people, _drugs, _referrals):
        with store.transaction():
            phase(job)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    job.report("done")
    return {table: job.writer.counts.get(table, 0) for table in TABLES}


def _registers(job: _Job) -> None:
    job.report("employers")
    job.emp = generate_employers(job.store, job.writer, job.timeline, job.places, job.branch,
                                 job.size.employers, job.size.insured, job.seed)


def _people(job: _Job) -> None:
    job.report("declarations")
    job.declarations = generate_declarations(job.writer, job.timeline, job.employers,
                                             job.size.declarations, job.seed)
    job.report("committee")
    generate_committee(job.writer, job.timeline, job.employers, job.size.committee_members,
                       job.seed)


def _drugs(job: _Job) -> None:
    size = job.size
    job.institutions = institutions(job.seed, job.branch, job.places,
                                    size.generic_rows_per_month)
    job.report("generic")
    generate_generic(job.writer, job.timeline, job.branch, job.places, job.institutions,
                     size.insured, job.seed)
    job.report("biosimilar")
    generate_biosimilar(job.writer, job.timeline, job.institutions,
                        size.biosimilar_institutions, size.insured, job.seed)


def _referrals(job: _Job) -> None:
    size = job.size
    job.report("referrals")
    generate_referrals(job.writer, job.timeline, job.employers, size.referrals_per_fy, job.seed)
    job.report("contacts")
    generate_contacts(job.writer, job.timeline, job.employers, job.places, job.institutions,
                      size.contacts_per_fy, size.seminars_per_fy, size.seminar_size, job.seed)
    job.report("kpi_sheet")
    generate_kpi_rows(job.writer, job.timeline, size.website_factor, job.declarations)
