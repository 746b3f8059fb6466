"""Schema migrations (sqlite-utils 4 ``Migrations``); ``PRAGMA user_version`` mirrors the count.

Add a change as a new decorated function at the end; never edit an applied one. A store whose
``user_version`` is above ``SCHEMA_VERSION`` was made by a newer branchdesk and is refused.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from branchdesk.store import schema

migrations = Migrations("branchdesk")


@migrations()
def m001_initial(db: Database) -> None:
    """Version 1: every register, the audit history and its triggers."""
    for statement in schema.TABLES_V1 + schema.INDEXES_V1:
        db.execute(statement)
    for table, columns in schema.AUDITED.items():
        for trigger in schema.audit_triggers(table, columns):
            db.execute(trigger)
    db.execute("PRAGMA user_version = 1")


SCHEMA_VERSION = len(migrations._migrations)


def pending_count(db: Database) -> int:
    """How many migrations this program would apply to ``db``."""
    return len(migrations.pending(db))


def apply(db: Database) -> None:
    """Apply every pending migration, each in its own transaction."""
    migrations.apply(db)
