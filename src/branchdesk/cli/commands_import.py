"""Commands: import and history."""

from __future__ import annotations

from branchdesk.cli.commands import Command

COMMANDS: dict[str, Command] = {}
