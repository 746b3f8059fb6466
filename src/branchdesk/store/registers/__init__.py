"""The register write API: every write of the importer and of the app's forms goes through here.

Each function runs inside a transaction the caller opened (``with store.transaction():``), never
commits, takes validated Python values, enforces the register rules (raising ``InputRejected``
with a message code), and returns a ``Changes`` value naming what it changed.
"""

from branchdesk.store.registers.committee import (
    MemberRecord,
    add_member_event,
    terminate_member,
    upsert_members,
)
from branchdesk.store.registers.common import Changes, Notice, now
from branchdesk.store.registers.contacts import add_contact, add_seminar_attendance
from branchdesk.store.registers.declarations import (
    DeclarationRecord,
    upsert_declarations,
    withdraw_declaration,
)
from branchdesk.store.registers.drugs import (
    BiosimilarRecord,
    GenericRecord,
    replace_biosimilar,
    replace_generic,
)
from branchdesk.store.registers.employers import (
    EmployerRecord,
    add_employer,
    apply_register,
    edit_employer,
)
from branchdesk.store.registers.kpi_rows import upsert_kpi_rows
from branchdesk.store.registers.referrals import (
    ActionRecord,
    CaseRecord,
    VisitRecord,
    add_actions,
    purge_cohorts,
    set_visits,
    upsert_cases,
)

__all__ = [
    "ActionRecord", "BiosimilarRecord", "CaseRecord", "Changes", "DeclarationRecord",
    "EmployerRecord", "GenericRecord", "MemberRecord", "Notice", "VisitRecord", "add_actions",
    "add_contact", "add_employer", "add_member_event", "add_seminar_attendance",
    "apply_register", "edit_employer", "now", "purge_cohorts", "replace_biosimilar",
    "replace_generic", "set_visits", "terminate_member", "upsert_cases", "upsert_declarations",
    "upsert_kpi_rows", "upsert_members", "withdraw_declaration",
]
