"""Commands: export and consolidate (the quarterly report, templates, registers)."""

from __future__ import annotations

from branchdesk.cli.commands import Command

COMMANDS: dict[str, Command] = {}
