"""Commands: import and history (cli.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from branchdesk import paths
from branchdesk.cli.commands import Command
from branchdesk.cli.progress import terminal_state
from branchdesk.domain.messages import message


def _db(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "db", None) or paths.default_store())


def _lang(args: argparse.Namespace) -> str:
    return str(getattr(args, "lang", "ja"))


def _args_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", type=Path, metavar="FILE|FOLDER")
    p.add_argument("--kind", default=None, help="the kind of every file (skip detection)")
    p.add_argument("--sheet", default=None, help="import this sheet only (hidden ones too)")
    p.add_argument("--mapping", type=Path, default=None, help="header → field mapping file")
    p.add_argument("--percent", choices=("points", "fractions"), default=None)
    p.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    p.add_argument("--skip-invalid", action="store_true", help="import the valid rows")
    p.add_argument("--confirm-lost", action="store_true",
                   help="allow a register to mark more than 10%% of employers lost")
    p.add_argument("--report", type=Path, default=None, help="error report (.xlsx or .csv)")


def _run_import(args: argparse.Namespace) -> int:
    from branchdesk.cli.import_output import print_result
    from branchdesk.exchange.columns import load_mapping_file
    from branchdesk.exchange.importer import ImportOptions, run_import
    from branchdesk.exchange.report import write_report

    options = ImportOptions(
        kind=args.kind, sheet=args.sheet, percent=args.percent, dry_run=args.dry_run,
        skip_invalid=args.skip_invalid, confirm_lost=args.confirm_lost,
        mapping=load_mapping_file(args.mapping) if args.mapping else None)
    result = run_import(_db(args), list(args.files), options, terminal_state(_lang(args)))
    print_result(result, _lang(args))
    if args.report is not None and result.problems:
        write_report(result.problems, args.report, _lang(args))
        print(message("import_report_written", _lang(args), path=str(args.report)),
              file=sys.stderr)
    return result.exit_code


def _args_history(p: argparse.ArgumentParser) -> None:
    p.add_argument("--limit", type=int, default=20)


def _run_history(args: argparse.Namespace) -> int:
    from branchdesk.cli.import_output import print_history
    from branchdesk.store.connection import open_store
    from branchdesk.store.imports import list_imports

    with open_store(_db(args)) as store:
        entries = list_imports(store, args.limit)
    print_history(entries, _lang(args))
    return 0


COMMANDS: dict[str, Command] = {
    "import": (_args_import, _run_import, "import head-office Excel/CSV files (exchange.md)"),
    "history": (_args_history, _run_history, "list the imports recorded in the store"),
}
