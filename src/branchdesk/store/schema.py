"""The store's tables (version 1). Migrations in ``migrations.py`` apply this and later changes.

Every register row has an integer ``id`` (fast joins), a globally unique ``uid`` (for merging
stores from seminar laptops) and ``changed_at``. Dates are ISO text (YYYY-MM-DD), months are
YYYYMM integers, coded values use the codes of ``domain.enums``.
"""

from __future__ import annotations

#: A 128-bit id, time-ordered (48 bits of milliseconds, then 80 random bits) so that bulk
#: inserts append to the unique index instead of scattering over it.
UID = ("uid TEXT NOT NULL UNIQUE DEFAULT (lower(printf('%012x', CAST((julianday('now') "
       "- 2440587.5) * 86400000 AS INTEGER)) || hex(randomblob(10))))")
NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
STAMPS = f"created_at TEXT NOT NULL DEFAULT {NOW}, changed_at TEXT NOT NULL DEFAULT {NOW}"

TABLES_V1 = [
    """CREATE TABLE store_info (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        branch_code TEXT NOT NULL,
        store_uid TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by_version TEXT NOT NULL,
        portable INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        changed_at TEXT NOT NULL
    )""",
    f"""CREATE TABLE employers (
        id INTEGER PRIMARY KEY,
        {UID},
        symbol TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        name_kana TEXT,
        seiri_kigo TEXT,
        office_number TEXT,
        postal_code TEXT,
        address TEXT,
        municipality_code TEXT,
        industry TEXT,
        applied_on TEXT,
        lost_on TEXT,
        search_key TEXT NOT NULL DEFAULT '',
        locally_edited INTEGER NOT NULL DEFAULT 0,
        {STAMPS}
    )""",
    f"""CREATE TABLE employer_registers (
        id INTEGER PRIMARY KEY,
        {UID},
        as_of TEXT NOT NULL UNIQUE,
        listed INTEGER NOT NULL DEFAULT 0,
        insured_total INTEGER NOT NULL DEFAULT 0,
        import_id INTEGER,
        {STAMPS}
    )""",
    """CREATE TABLE employer_headcounts (
        register_id INTEGER NOT NULL REFERENCES employer_registers(id),
        employer_id INTEGER NOT NULL REFERENCES employers(id),
        insured INTEGER NOT NULL,
        dependents INTEGER,
        PRIMARY KEY (register_id, employer_id)
    ) WITHOUT ROWID""",
    f"""CREATE TABLE declarations (
        id INTEGER PRIMARY KEY,
        {UID},
        employer_id INTEGER NOT NULL REFERENCES employers(id),
        declared_on TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('standard', 'conventional')),
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
        withdrawn_on TEXT,
        withdrawal_reason TEXT,
        items TEXT,
        karte_on TEXT,
        karte_again_on TEXT,
        certification TEXT,
        contact_person TEXT,
        note TEXT,
        locally_edited INTEGER NOT NULL DEFAULT 0,
        {STAMPS},
        UNIQUE (employer_id, declared_on)
    )""",
    f"""CREATE TABLE committee_members (
        id INTEGER PRIMARY KEY,
        {UID},
        employer_id INTEGER NOT NULL REFERENCES employers(id),
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        name_kana TEXT,
        title TEXT,
        phone TEXT,
        email TEXT,
        appointed_on TEXT NOT NULL,
        terminated_on TEXT,
        termination_reason TEXT,
        locally_edited INTEGER NOT NULL DEFAULT 0,
        {STAMPS},
        UNIQUE (employer_id, name_key, appointed_on)
    )""",
    f"""CREATE TABLE member_events (
        id INTEGER PRIMARY KEY,
        {UID},
        member_id INTEGER NOT NULL REFERENCES committee_members(id),
        kind TEXT NOT NULL CHECK (kind IN ('training', 'commendation')),
        on_date TEXT NOT NULL,
        title TEXT NOT NULL,
        {STAMPS}
    )""",
    f"""CREATE TABLE generic_stats (
        id INTEGER PRIMARY KEY,
        {UID},
        month INTEGER NOT NULL,
        unit TEXT NOT NULL CHECK (unit IN ('branch', 'municipality', 'institution', 'pharmacy')),
        code TEXT NOT NULL DEFAULT '',
        name TEXT,
        claim_type TEXT NOT NULL DEFAULT 'total',
        generic_qty REAL,
        brand_qty REAL,
        generic_amount REAL,
        brand_amount REAL,
        {STAMPS},
        UNIQUE (month, unit, code, claim_type)
    )""",
    f"""CREATE TABLE biosimilar_stats (
        id INTEGER PRIMARY KEY,
        {UID},
        month INTEGER NOT NULL,
        ingredient TEXT NOT NULL,
        ingredient_key TEXT NOT NULL,
        institution_code TEXT NOT NULL DEFAULT '',
        bs_qty REAL,
        ref_qty REAL,
        {STAMPS},
        UNIQUE (month, ingredient_key, institution_code)
    )""",
    f"""CREATE TABLE referral_cases (
        id INTEGER PRIMARY KEY,
        {UID},
        person_key TEXT NOT NULL,
        employer_id INTEGER REFERENCES employers(id),
        checkup_on TEXT NOT NULL,
        checkup_month INTEGER NOT NULL,
        cohort_fy INTEGER NOT NULL,
        age INTEGER,
        sex TEXT,
        sbp REAL,
        dbp REAL,
        fpg REAL,
        hba1c REAL,
        ldl REAL,
        egfr REAL,
        urine_protein TEXT,
        first_notice_on TEXT,
        visit_on TEXT,
        visit_source TEXT,
        {STAMPS},
        UNIQUE (person_key, checkup_on)
    )""",
    f"""CREATE TABLE referral_actions (
        id INTEGER PRIMARY KEY,
        {UID},
        case_id INTEGER NOT NULL REFERENCES referral_cases(id) ON DELETE CASCADE,
        acted_on TEXT NOT NULL,
        method TEXT NOT NULL,
        result TEXT,
        staff TEXT,
        {STAMPS},
        UNIQUE (case_id, acted_on, method)
    )""",
    f"""CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        {UID},
        employer_id INTEGER REFERENCES employers(id),
        institution_code TEXT,
        contact_on TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('visit', 'call', 'seminar')),
        staff TEXT,
        title TEXT,
        outcome TEXT,
        next_action TEXT,
        {STAMPS}
    )""",
    f"""CREATE TABLE seminar_attendance (
        id INTEGER PRIMARY KEY,
        {UID},
        contact_id INTEGER NOT NULL REFERENCES contacts(id),
        employer_id INTEGER NOT NULL REFERENCES employers(id),
        signed_up TEXT,
        {STAMPS},
        UNIQUE (contact_id, employer_id)
    )""",
    f"""CREATE TABLE kpi_sheet_rows (
        id INTEGER PRIMARY KEY,
        {UID},
        fy INTEGER NOT NULL,
        kpi_id TEXT NOT NULL,
        target REAL,
        value REAL,
        previous REAL,
        note TEXT,
        {STAMPS},
        UNIQUE (fy, kpi_id)
    )""",
    f"""CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        {UID},
        at TEXT NOT NULL,
        os_user TEXT NOT NULL,
        files TEXT NOT NULL,
        kinds TEXT NOT NULL,
        counts TEXT NOT NULL,
        result TEXT NOT NULL,
        {STAMPS}
    )""",
    """CREATE TABLE column_mappings (
        kind TEXT PRIMARY KEY,
        mapping TEXT NOT NULL,
        changed_at TEXT NOT NULL
    )""",
    """CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        os_user TEXT NOT NULL,
        table_name TEXT NOT NULL,
        record_id INTEGER,
        record_uid TEXT,
        action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
        changes TEXT
    )""",
]

INDEXES_V1 = [
    "CREATE INDEX employers_lost ON employers(lost_on)",
    "CREATE INDEX employers_municipality ON employers(municipality_code)",
    "CREATE INDEX headcounts_employer ON employer_headcounts(employer_id, register_id)",
    "CREATE INDEX declarations_dates ON declarations(declared_on, withdrawn_on)",
    "CREATE INDEX members_employer ON committee_members(employer_id, appointed_on)",
    "CREATE INDEX members_dates ON committee_members(appointed_on, terminated_on)",
    "CREATE INDEX referral_cohort ON referral_cases(cohort_fy, checkup_month)",
    "CREATE INDEX referral_employer ON referral_cases(employer_id)",
    "CREATE INDEX biosimilar_month ON biosimilar_stats(month, institution_code)",
    "CREATE INDEX contacts_employer ON contacts(employer_id, contact_on)",
    "CREATE INDEX audit_record ON audit(table_name, record_id)",
]

#: Tables whose changes go to the audit history, with the columns audited.
#: Fields of ``SENSITIVE`` are audited by name only, never by value (domain.md §3.5).
AUDITED: dict[str, list[str]] = {
    "employers": ["symbol", "name", "name_kana", "seiri_kigo", "office_number", "postal_code",
                  "address", "municipality_code", "industry", "applied_on", "lost_on"],
    "employer_registers": ["as_of", "listed", "insured_total"],
    "declarations": ["employer_id", "declared_on", "kind", "status", "withdrawn_on",
                     "withdrawal_reason", "items", "karte_on", "karte_again_on", "certification",
                     "contact_person", "note"],
    "committee_members": ["employer_id", "name", "name_kana", "title", "phone", "email",
                          "appointed_on", "terminated_on", "termination_reason"],
    "member_events": ["member_id", "kind", "on_date", "title"],
    "generic_stats": ["month", "unit", "code", "name", "claim_type", "generic_qty", "brand_qty",
                      "generic_amount", "brand_amount"],
    "biosimilar_stats": ["month", "ingredient", "institution_code", "bs_qty", "ref_qty"],
    "referral_cases": ["person_key", "employer_id", "checkup_on", "age", "sex", "sbp", "dbp",
                       "fpg", "hba1c", "ldl", "egfr", "urine_protein", "first_notice_on",
                       "visit_on", "visit_source"],
    "referral_actions": ["case_id", "acted_on", "method", "result", "staff"],
    "contacts": ["employer_id", "institution_code", "contact_on", "kind", "staff", "title",
                 "outcome", "next_action"],
    "seminar_attendance": ["contact_id", "employer_id", "signed_up"],
    "kpi_sheet_rows": ["fy", "kpi_id", "target", "value", "previous", "note"],
}

#: 要配慮個人情報: audited by field name only, and no values on delete (domain.md §3.5).
SENSITIVE_TABLES = {"referral_cases", "referral_actions"}


def audit_triggers(table: str, columns: list[str]) -> list[str]:
    """SQL for the update and delete audit triggers of ``table``.

    Updates record old → new per changed field; deletes record the old values. Sensitive
    tables record field names only. Inserts are audited per write operation instead (one row
    naming the id range, see ``store/audit.py``): a row per inserted record would triple the
    cost of a 600,000-row import and say nothing the record's ``created_at`` does not.
    The connection provides ``bd_user()`` (the OS user); see ``connection.py``.
    """
    sensitive = table in SENSITIVE_TABLES
    head = ("INSERT INTO audit(at, os_user, table_name, record_id, record_uid, action, changes) "
            "VALUES")
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
    pairs = " UNION ALL ".join(
        f"SELECT '{c}' AS k, {_pair(c, sensitive)} AS v WHERE OLD.{c} IS NOT NEW.{c}"
        for c in columns
    )
    old_values = "NULL" if sensitive else (
        "json_object(" + ", ".join(f"'{c}', OLD.{c}" for c in columns) + ")"
    )
    now = NOW
    return [
        f"""CREATE TRIGGER audit_{table}_update AFTER UPDATE ON {table} WHEN {changed} BEGIN
            {head} ({now}, bd_user(), '{table}', NEW.id, NEW.uid, 'update',
            (SELECT json_group_object(k, json(v)) FROM ({pairs}))); END""",
        f"""CREATE TRIGGER audit_{table}_delete AFTER DELETE ON {table} BEGIN
            {head} ({now}, bd_user(), '{table}', OLD.id, OLD.uid, 'delete', {old_values}); END""",
    ]


def _pair(column: str, sensitive: bool) -> str:
    if sensitive:
        return "'\"*\"'"
    return f"json_array(OLD.{column}, NEW.{column})"
