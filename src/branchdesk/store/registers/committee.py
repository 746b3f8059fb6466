"""健康保険委員 (committee members), keyed (事業所記号, 委員氏名 normalised, 委嘱日).

The name is matched by ``normalize_key`` (NFKC, spaces removed), so 「山田　太郎」 and 「山田 太郎」
are one member; the stored name shows what was given last. Members at a lost employer are not
terminated automatically (domain.md §4): they simply no longer count.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Required, TypedDict

from branchdesk.domain.enums import TERMINATION_REASON
from branchdesk.domain.errors import InputRejected
from branchdesk.domain.normalize import normalize_key
from branchdesk.store.connection import Store
from branchdesk.store.registers.common import (
    Changes,
    RegisterTable,
    Source,
    check_code,
    employer_ids,
    unique_rows,
    upsert,
)


class MemberRecord(TypedDict, total=False):
    """One committee member; a missing field is a column the input does not have."""

    symbol: Required[str]
    name: Required[str]
    appointed_on: Required[date]
    name_kana: str | None
    title: str | None
    phone: str | None
    email: str | None
    terminated_on: date | None
    termination_reason: str | None


FIELDS = ("name", "name_kana", "title", "phone", "email", "terminated_on", "termination_reason")
MEMBERS = RegisterTable("committee_members", key=("employer_id", "name_key", "appointed_on"),
                        fields=FIELDS, required=("name",), local_flag=True)
EVENT_KINDS = ("training", "commendation")
EVENTS = RegisterTable("member_events", key=("member_id", "kind", "on_date", "title"),
                       fields=())


def member_key(record: MemberRecord) -> tuple[str, str, date]:
    """A member's key as ``Changes`` reports it: (symbol, normalised name, 委嘱日)."""
    return record["symbol"], normalize_key(record["name"]), record["appointed_on"]


def upsert_members(store: Store, rows: Sequence[MemberRecord], *, source: Source) -> Changes:
    """Add or update committee members (caller's transaction).

    Refuses an unknown employer (``employer_unknown``), a 解嘱日 before the 委嘱日 and an
    unknown 解嘱理由 code.
    """
    keyed, keys = unique_rows(list(rows), [member_key(r) for r in rows])
    records: list[MemberRecord] = keyed  # type: ignore[assignment]
    ids = employer_ids(store, [r["symbol"] for r in records])
    table_rows = []
    for record in records:
        if record["symbol"] not in ids:
            raise InputRejected("employer_unknown", symbol=record["symbol"])
        _check_member(record.get("terminated_on"), record["appointed_on"],
                      record.get("termination_reason"))
        table_rows.append({"employer_id": ids[record["symbol"]],
                           "name_key": normalize_key(record["name"]),
                           **{k: v for k, v in record.items() if k != "symbol"}})
    return upsert(store, MEMBERS, table_rows, keys, source=source)


def terminate_member(store: Store, member_uid: str, terminated_on: date,
                     reason_code: str | None) -> Changes:
    """Terminate (解嘱) a member in the app, with the date and the reason code."""
    employer_id, symbol, name_key, appointed = _member(store, member_uid)
    appointed_on = date.fromisoformat(appointed)
    _check_member(terminated_on, appointed_on, reason_code)
    row = {"employer_id": employer_id, "name_key": name_key, "appointed_on": appointed_on,
           "terminated_on": terminated_on, "termination_reason": reason_code}
    return upsert(store, MEMBERS, [row], [(symbol, name_key, appointed_on)], source="app")


def add_member_event(store: Store, member_uid: str, kind: str, on_date: date,
                     title: str) -> Changes:
    """Record a training attended or a commendation; the same event twice is unchanged.

    ``Changes`` keys are (member uid, kind, date, title).
    """
    member_id = store.scalar("SELECT id FROM committee_members WHERE uid = ?", (member_uid,))
    if member_id is None:
        raise InputRejected("member_unknown", uid=member_uid)
    check_code(dict.fromkeys(EVENT_KINDS), "kind", kind)
    row = {"member_id": member_id, "kind": kind, "on_date": on_date, "title": title}
    return upsert(store, EVENTS, [row], [(member_uid, kind, on_date, title)], source="app")


def _member(store: Store, member_uid: str) -> tuple[Any, ...]:
    row = store.conn.execute(
        "SELECT m.employer_id, e.symbol, m.name_key, m.appointed_on FROM committee_members m "
        "JOIN employers e ON e.id = m.employer_id WHERE m.uid = ?", (member_uid,)).fetchone()
    if row is None:
        raise InputRejected("member_unknown", uid=member_uid)
    return tuple(row)


def _check_member(terminated_on: date | None, appointed_on: date, reason: str | None) -> None:
    check_code(TERMINATION_REASON, "termination_reason", reason)
    if terminated_on is not None and terminated_on < appointed_on:
        raise InputRejected("member_terminated_before_appointed",
                            terminated_on=terminated_on.isoformat(),
                            appointed_on=appointed_on.isoformat())
