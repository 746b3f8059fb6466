"""The schema version this program writes and reads, without importing the migrations.

Opening a store compares ``PRAGMA user_version`` with this number; only a store that needs
migrating loads sqlite-utils (whose import pulls in pandas: ~0.4 s at every start otherwise).
A test keeps it equal to the number of migrations in ``migrations.py``.
"""

SCHEMA_VERSION = 6
