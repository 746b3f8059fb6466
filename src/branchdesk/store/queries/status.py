"""What the app's status bar shows: the branch and a few record counts at a date.

Counts follow domain.md's words: an employer is active on a day when it has no 喪失日 on or
before it; a declaration is in force (宣言中) from its 宣言日 until the day of its withdrawal;
a committee member is in office from 委嘱日 until the day of 解嘱. Each count is one indexed
query (tens of milliseconds on a 東京-sized store).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from branchdesk.domain.identifiers import BRANCHES
from branchdesk.store.connection import Store


@dataclass(frozen=True)
class StatusCounts:
    """The branch of the store and its record counts at ``day``."""

    branch_code: str
    branch_name: str
    day: date
    employers: int
    declarations_in_force: int
    members_in_office: int


def status_counts(store: Store, day: date) -> StatusCounts:
    """The branch and the counts of active employers, declarations in force and members in
    office at ``day`` (withdrawals and terminations dated ``day`` already count as ended)."""
    code = store.branch_code
    d = {"d": day.isoformat()}
    employers = store.scalar(
        "SELECT COUNT(*) FROM employers WHERE lost_on IS NULL OR lost_on > :d", d)
    declarations = store.scalar(
        """SELECT COUNT(*) FROM declarations WHERE declared_on <= :d
           AND (withdrawn_on IS NULL OR withdrawn_on > :d)""", d)
    members = store.scalar(
        """SELECT COUNT(*) FROM committee_members WHERE appointed_on <= :d
           AND (terminated_on IS NULL OR terminated_on > :d)""", d)
    return StatusCounts(code, BRANCHES.get(code, ""), day, int(employers), int(declarations),
                        int(members))
