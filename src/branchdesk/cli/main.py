"""Argument parsing and the error → exit code mapping of cli.md."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from branchdesk import __version__
from branchdesk.cli import (  # noqa: F401 - template_command registers `export template`
    commands,
    commands_export,
    commands_import,
    template_command,
)
from branchdesk.domain.errors import BranchdeskError
from branchdesk.domain.messages import message
from branchdesk.logsetup import log_unexpected, setup_logging

log = logging.getLogger("branchdesk.cli")


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command (help texts are the documentation, see docs/cli.md)."""
    parser = argparse.ArgumentParser(prog="branchdesk", description=message("help_app", "en"))
    parser.add_argument("--version", action="version", version=f"branchdesk {__version__}")
    _common(parser)
    parser.add_argument("--demo", action="store_true", help="open the app on the demo store")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the main window offscreen, render every page, exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (add_arguments, _run, help_text) in all_commands().items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        _common(p)
        add_arguments(p)
    return parser


def all_commands() -> dict[str, commands.Command]:
    """Every command of the command line, by name."""
    return {**commands.COMMANDS, **commands_import.COMMANDS, **commands_export.COMMANDS}


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                        help="the store (default: branchdesk.db in the user's data folder)")
    parser.add_argument("--lang", choices=("ja", "en"), default=argparse.SUPPRESS,
                        help="language of messages (default ja)")


def main(argv: list[str]) -> int:
    """Run one command; every failure becomes a one-line message and an exit code."""
    _utf8_streams()
    args = build_parser().parse_args(argv)
    lang = getattr(args, "lang", "ja")
    setup_logging()
    try:
        if args.command is None:
            return commands.run_app(args)
        return all_commands()[args.command][1](args)
    except BranchdeskError as e:
        print(e.render(lang), file=sys.stderr)
        log.info("command %s ended with %s (exit %d)", args.command, e.code, e.exit_code)
        return e.exit_code
    except KeyboardInterrupt:
        print(message("cancelled", lang), file=sys.stderr)
        return 130
    except Exception as e:  # the last resort: log the traceback, show where it is
        path = log_unexpected(e)
        print(message("unexpected", lang, log=str(path)), file=sys.stderr)
        return 1


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
