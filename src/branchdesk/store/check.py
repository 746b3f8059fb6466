"""The engine of `branchdesk check`: integrity of the file, consistency of the registers.

Integrity is SQLite's own ``PRAGMA integrity_check`` plus ``PRAGMA foreign_key_check`` (exit 3
when either fails). Consistency checks are one SQL query each; a finding names its record by
事業所記号 or uid, never by a person's name or a referral value (exit 4, warnings exit 0).
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from branchdesk.domain.messages import message
from branchdesk.store.connection import Store

#: Page cache for the integrity check, in KiB as SQLite's negative cache_size (128 MB).
INTEGRITY_CACHE_KIB = -131072

#: Finding codes that are warnings: shown, but they never change the exit code (cli.md).
#: Findings the spec calls warnings: they are shown but do not make ``check`` exit 4
#: (a visit dated before its checkup is kept and only warned about: domain.md §4).
WARNINGS = frozenset({"check_standard_content", "check_visit_before_checkup"})

#: 宣言項目 of a standardised declaration (domain.md §3.2), recognised by keywords after NFKC.
_CHECKUP = ("健診", "checkup")
_GUIDANCE = ("保健指導", "guidance")
_FIELDS = ("運動", "身体活動", "exercise", "食生活", "栄養", "食事", "diet", "こころ", "心の",
           "休養", "メンタル", "mental", "たばこ", "タバコ", "煙草", "喫煙", "禁煙", "tobacco",
           "smok", "アルコール", "飲酒", "alcohol")
_ITEM_SEPARATORS = re.compile(r"[、,，/／\r\n;；]+")


@dataclass(frozen=True)
class Finding:
    """One consistency problem: a message code, the table, the record's key, and details."""

    code: str
    table: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def is_warning(self) -> bool:
        """True for a warning (never changes the exit code)."""
        return self.code in WARNINGS

    def render(self, lang: str = "ja") -> str:
        """The finding as one line of text in ``lang``."""
        params = dict(self.params)
        if "missing" in params:
            sep = "、" if lang != "en" else "; "
            params["missing"] = sep.join(message(f"check_part_{p}", lang)
                                         for p in params["missing"])
        if "field" in params:
            params["field"] = message(f"check_field_{params['field']}", lang)
        return message(self.code, lang, table=self.table, key=self.key, **params)


@dataclass
class CheckReport:
    """What ``check_store`` found: integrity failures and consistency findings."""

    integrity: list[str]
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        """Findings that are problems (not warnings)."""
        return [f for f in self.findings if not f.is_warning]

    @property
    def warnings(self) -> list[Finding]:
        """Findings that are warnings."""
        return [f for f in self.findings if f.is_warning]

    @property
    def exit_code(self) -> int:
        """0 clean (warnings allowed), 4 consistency problems, 3 integrity failure (cli.md)."""
        if self.integrity:
            return 3
        return 4 if self.errors else 0

    def render(self, lang: str = "ja") -> list[str]:
        """Lines for the command line: integrity, problems, warnings, then a summary line."""
        lines = [message("check_integrity", lang, detail=d) for d in self.integrity]
        lines += [f.render(lang) for f in self.errors + self.warnings]
        if not lines:
            return [message("check_clean", lang)]
        lines.append(message("check_summary", lang, integrity=len(self.integrity),
                             errors=len(self.errors), warnings=len(self.warnings)))
        return lines


@dataclass(frozen=True)
class _Check:
    """One consistency check: its query selects ``key`` plus the message's parameters."""

    code: str
    table: str
    sql: str


_SYMBOL = "COALESCE(e.symbol, '#' || {0}.employer_id)"

_CHECKS = [
    _Check("check_member_unknown_employer", "committee_members", """
        SELECT m.uid AS key, m.employer_id FROM committee_members m
        LEFT JOIN employers e ON e.id = m.employer_id WHERE e.id IS NULL ORDER BY m.id"""),
    _Check("check_declaration_after_lost", "declarations", """
        SELECT e.symbol AS key, d.declared_on, e.lost_on FROM declarations d
        JOIN employers e ON e.id = d.employer_id
        WHERE e.lost_on IS NOT NULL AND d.declared_on >= e.lost_on ORDER BY e.symbol, d.declared_on
        """),
    _Check("check_withdrawn_without_date", "declarations", f"""
        SELECT {_SYMBOL.format("d")} AS key, d.declared_on FROM declarations d
        LEFT JOIN employers e ON e.id = d.employer_id
        WHERE d.status = 'withdrawn' AND d.withdrawn_on IS NULL ORDER BY key, d.declared_on"""),
    _Check("check_withdrawn_before_declared", "declarations", f"""
        SELECT {_SYMBOL.format("d")} AS key, d.declared_on, d.withdrawn_on FROM declarations d
        LEFT JOIN employers e ON e.id = d.employer_id
        WHERE d.withdrawn_on < d.declared_on ORDER BY key, d.declared_on"""),
    _Check("check_member_terminated_before_appointed", "committee_members", f"""
        SELECT m.uid AS key, {_SYMBOL.format("m")} AS symbol, m.appointed_on, m.terminated_on
        FROM committee_members m LEFT JOIN employers e ON e.id = m.employer_id
        WHERE m.terminated_on < m.appointed_on ORDER BY symbol, m.id"""),
    _Check("check_visit_before_checkup", "referral_cases", """
        SELECT uid AS key FROM referral_cases WHERE visit_on < checkup_on ORDER BY id"""),
    _Check("check_action_before_checkup", "referral_actions", """
        SELECT a.uid AS key, c.uid AS case_uid FROM referral_actions a
        JOIN referral_cases c ON c.id = a.case_id WHERE a.acted_on < c.checkup_on ORDER BY a.id"""),
    _Check("check_generic_negative", "generic_stats", """
        WITH bad AS (SELECT * FROM generic_stats WHERE generic_qty < 0 OR brand_qty < 0
                     OR generic_amount < 0 OR brand_amount < 0),
        fields(name) AS (VALUES ('generic_qty'), ('brand_qty'), ('generic_amount'),
                                ('brand_amount'))
        SELECT g.month || '/' || g.unit || '/' || g.code || '/' || g.claim_type AS key,
               f.name AS field,
               CASE f.name WHEN 'generic_qty' THEN g.generic_qty WHEN 'brand_qty' THEN g.brand_qty
                    WHEN 'generic_amount' THEN g.generic_amount ELSE g.brand_amount END AS value
        FROM bad g, fields f WHERE value < 0 ORDER BY g.id, field"""),
    _Check("check_biosimilar_negative", "biosimilar_stats", """
        SELECT b.month || '/' || b.ingredient_key || '/' || b.institution_code AS key,
               'bs_qty' AS field, b.bs_qty AS value FROM biosimilar_stats b WHERE b.bs_qty < 0
        UNION ALL
        SELECT b.month || '/' || b.ingredient_key || '/' || b.institution_code,
               'ref_qty', b.ref_qty FROM biosimilar_stats b WHERE b.ref_qty < 0
        ORDER BY key, field"""),
    _Check("check_lost_but_listed", "employers", """
        WITH newest AS (SELECT id, as_of FROM employer_registers ORDER BY as_of DESC LIMIT 1)
        SELECT e.symbol AS key, e.lost_on, n.as_of FROM newest n
        JOIN employer_headcounts h ON h.register_id = n.id JOIN employers e ON e.id = h.employer_id
        WHERE e.lost_on IS NOT NULL AND e.lost_on <= n.as_of ORDER BY e.symbol"""),
    _Check("check_active_not_listed", "employers", """
        WITH newest AS (SELECT id, as_of FROM employer_registers ORDER BY as_of DESC LIMIT 1)
        SELECT e.symbol AS key, n.as_of FROM newest n, employers e
        WHERE (e.lost_on IS NULL OR e.lost_on > n.as_of)
          AND EXISTS (SELECT 1 FROM employer_headcounts h WHERE h.employer_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM employer_headcounts h
                          WHERE h.employer_id = e.id AND h.register_id = n.id)
        ORDER BY e.symbol"""),
    _Check("check_declarations_overlap", "declarations", f"""
        WITH spans AS (
            SELECT employer_id, declared_on AS s,
                   CASE WHEN status = 'withdrawn' THEN COALESCE(withdrawn_on, declared_on)
                        ELSE '9999-12-31' END AS e
            FROM declarations)
        SELECT {_SYMBOL.format("a")} AS key, a.s AS first_on, b.s AS second_on
        FROM spans a JOIN spans b ON b.employer_id = a.employer_id AND a.s < b.s
        LEFT JOIN employers e ON e.id = a.employer_id
        WHERE b.s < a.e AND b.s < b.e ORDER BY key, a.s, b.s"""),
]


def check_store(store: Store) -> CheckReport:
    """Run SQLite's integrity and foreign-key checks and every consistency check on ``store``."""
    integrity = _integrity(store.conn)
    findings: list[Finding] = []
    for check in _CHECKS:
        try:
            findings += _run(store.conn, check)
        except sqlite3.DatabaseError as e:
            integrity.append(f"{check.table}: {e}")
    try:
        findings += _standard_content(store.conn)
    except sqlite3.DatabaseError as e:
        integrity.append(f"declarations: {e}")
    return CheckReport(integrity, findings)


def _integrity(conn: sqlite3.Connection) -> list[str]:
    """Lines of ``integrity_check`` other than "ok", then foreign-key violations."""
    try:
        lines = integrity_lines(conn)
        violations = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as e:
        return [str(e)]
    problems = [part for line in lines if line != "ok" for part in line.splitlines()
                if not part.startswith("*** in database")]
    problems += [f"foreign key: {r[0]} row {r[1]} refers to a missing row of {r[2]}"
                 for r in violations]
    return problems


def integrity_lines(conn: sqlite3.Connection) -> list[str]:
    """``PRAGMA integrity_check`` run with a large page cache (about twice as fast on big stores).

    Returns its lines as given (["ok"] for a sound file).
    """
    previous = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {INTEGRITY_CACHE_KIB}")
    try:
        return [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.execute(f"PRAGMA cache_size = {int(previous)}")


def _run(conn: sqlite3.Connection, check: _Check) -> list[Finding]:
    cursor = conn.execute(check.sql)
    names = [d[0] for d in cursor.description]
    findings = []
    for row in cursor:
        values = dict(zip(names, row, strict=True))
        key = str(values.pop("key"))
        findings.append(Finding(check.code, check.table, key, values))
    return findings


def _standard_content(conn: sqlite3.Connection) -> list[Finding]:
    """標準 declarations whose content does not meet domain.md §3.2 (warnings)."""
    rows = conn.execute("""
        SELECT COALESCE(e.symbol, '#' || d.employer_id), d.declared_on, d.items, d.karte_on
        FROM declarations d LEFT JOIN employers e ON e.id = d.employer_id
        WHERE d.kind = 'standard' ORDER BY 1, d.declared_on""")
    findings = []
    for key, declared_on, items, karte_on in rows:
        missing = missing_standard_parts(items, karte_on, declared_on)
        if missing:
            findings.append(Finding("check_standard_content", "declarations", str(key),
                                    {"declared_on": declared_on, "missing": missing}))
    return findings


def missing_standard_parts(items: str | None, karte_on: str | None,
                           declared_on: str) -> list[str]:
    """What a declaration lacks to be standardised: "checkup", "guidance", "field", "karte".

    ``items`` is the stored 宣言項目: a JSON list (of names, or of objects with a name under
    "item", "name", "kind" or "code"), a JSON object keyed by name, or text separated by 、 , /
    or line breaks. The カルテ must be dated before the declaration (domain.md §3.2).
    """
    names = [_fold(name) for name in _item_names(items)]
    missing = []
    for part, words in (("checkup", _CHECKUP), ("guidance", _GUIDANCE), ("field", _FIELDS)):
        if not any(any(_fold(w) in name for w in words) for name in names):
            missing.append(part)
    if not karte_on or karte_on >= declared_on:
        missing.append("karte")
    return missing


def _item_names(items: str | None) -> list[str]:
    if not items or not items.strip():
        return []
    try:
        data = json.loads(items)
    except ValueError:
        data = None
    if isinstance(data, dict):
        return [str(k) for k in data]
    if isinstance(data, list):
        return [_entry_name(entry) for entry in data]
    return [p for p in _ITEM_SEPARATORS.split(items) if p.strip()]


def _entry_name(entry: object) -> str:
    if isinstance(entry, dict):
        for name in ("item", "name", "kind", "code"):
            if entry.get(name):
                return str(entry[name])
        return ""
    return str(entry)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()
