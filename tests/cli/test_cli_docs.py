"""Every command is documented: help text in the parser and a row in docs/cli.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from branchdesk.cli.main import all_commands

COMMANDS = all_commands()

DOC = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_and_a_row_in_the_docs(name):
    assert COMMANDS[name][2].strip()
    assert f"`branchdesk {name}" in DOC
