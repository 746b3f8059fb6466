"""The SQLite store: connection, migrations, registers, KPI aggregates, backup."""
