"""``branchdesk export template --kind K -o PATH`` (cli.md): a blank import template for a kind.

Importing this module registers the subcommand with ``commands_export.add_export_subcommand``;
it needs no store.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from branchdesk.cli.commands import Command, _lang, _say
from branchdesk.cli.commands_export import add_export_subcommand
from branchdesk.exchange.fields import KINDS


def args_template(p: argparse.ArgumentParser) -> None:
    """The arguments of ``export template``."""
    p.add_argument("--kind", required=True, metavar="K", help="the kind: " + ", ".join(KINDS))
    p.add_argument("-o", "--output", type=Path, required=True, help="the .xlsx to write")


def run_template(args: argparse.Namespace) -> int:
    """Write the template; an unknown kind or a path that is not .xlsx exits 2, no file."""
    from branchdesk.exchange.fields import kind_spec
    from branchdesk.exchange.templates import write_template

    path = write_template(args.kind, args.output, _lang(args))
    _say(args, "template_written", kind=kind_spec(args.kind).title, path=str(path))
    print(path)
    return 0


TEMPLATE_COMMAND: Command = (args_template, run_template,
                             "write an empty import template for a kind (header row, input "
                             "validation and a note row)")

add_export_subcommand("template", TEMPLATE_COMMAND)
