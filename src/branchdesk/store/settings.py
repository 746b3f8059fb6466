"""Settings that change a figure, kept in the store (defaults from ``domain.settings``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from branchdesk.domain import settings as definitions
from branchdesk.store.connection import Store


def get_settings(store: Store) -> dict[str, Any]:
    """Every setting: the stored value where there is one, else the default."""
    values = definitions.defaults()
    for row in store.query("SELECT key, value FROM settings"):
        if row["key"] in values:
            values[row["key"]] = json.loads(row["value"])
    return values


def set_setting(store: Store, key: str, value: Any) -> None:
    """Validate and store one setting (the caller holds a transaction)."""
    checked = definitions.validate_setting(key, value)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    store.conn.execute(
        "INSERT INTO settings(key, value, changed_at) VALUES (?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at",
        (key, json.dumps(checked), now),
    )
