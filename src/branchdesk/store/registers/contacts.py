"""Contacts (visits, calls, seminars) with employers and institutions, and seminar attendance."""

from __future__ import annotations

from datetime import date

from branchdesk.domain.enums import CONTACT_KIND
from branchdesk.domain.errors import InputRejected
from branchdesk.store.audit import max_id, record_inserts
from branchdesk.store.connection import Store
from branchdesk.store.registers.common import (
    Changes,
    RegisterTable,
    check_code,
    employer_ids,
    now,
    require_transaction,
    upsert,
)

ATTENDANCE = RegisterTable("seminar_attendance", key=("contact_id", "employer_id"),
                           fields=("signed_up",))


def add_contact(store: Store, *, contact_on: date, kind: str, symbol: str | None = None,
                institution_code: str | None = None, staff: str | None = None,
                title: str | None = None, outcome: str | None = None,
                next_action: str | None = None) -> Changes:
    """Record a visit, call or seminar (caller's transaction); ``added`` holds the new uid.

    The employer, when given, must be stored (``employer_unknown``).
    """
    require_transaction(store)
    check_code(CONTACT_KIND, "kind", kind)
    employer_id = _employer_id(store, symbol) if symbol else None
    before = max_id(store.conn, "contacts")
    uid = store.conn.execute(
        "INSERT INTO contacts (employer_id, institution_code, contact_on, kind, staff, title, "
        "outcome, next_action, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING uid",
        (employer_id, institution_code, contact_on.isoformat(), kind, staff, title, outcome,
         next_action, now())).fetchone()[0]
    record_inserts(store.conn, "contacts", before)
    return Changes(added=[uid])


def add_seminar_attendance(store: Store, contact_uid: str, symbol: str,
                           signed_up: str | None = None) -> Changes:
    """Record that an employer attended a seminar and what it signed up for on the spot.

    The contact must be a stored seminar and the employer stored; recording the same
    attendance again updates ``signed_up`` (unchanged when equal). Keys are (contact uid,
    symbol).
    """
    row = store.conn.execute("SELECT id, kind FROM contacts WHERE uid = ?",
                             (contact_uid,)).fetchone()
    if row is None:
        raise InputRejected("contact_unknown", uid=contact_uid)
    if row["kind"] != "seminar":
        raise InputRejected("contact_not_seminar", uid=contact_uid, kind=row["kind"])
    record = {"contact_id": row["id"], "employer_id": _employer_id(store, symbol),
              "signed_up": signed_up}
    return upsert(store, ATTENDANCE, [record], [(contact_uid, symbol)], source="app")


def _employer_id(store: Store, symbol: str) -> int:
    found = employer_ids(store, [symbol])
    if symbol not in found:
        raise InputRejected("employer_unknown", symbol=symbol)
    return found[symbol]
