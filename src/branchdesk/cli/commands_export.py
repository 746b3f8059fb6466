"""Commands: export and consolidate (the quarterly report, templates, registers).

``export`` has subcommands; other modules add theirs with ``add_export_subcommand`` (the import
work adds ``template``) before the parser is built.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from branchdesk.cli.commands import Command, _db, _lang, _say
from branchdesk.domain.errors import InputRejected
from branchdesk.domain.messages import message

#: ``export`` subcommands by name: (add_arguments, run, help), like top-level commands.
EXPORT_SUBCOMMANDS: dict[str, Command] = {}


def add_export_subcommand(name: str, command: Command) -> None:
    """Make ``branchdesk export NAME`` run ``command`` (call before the parser is built)."""
    EXPORT_SUBCOMMANDS[name] = command


def _common(parser: argparse.ArgumentParser) -> None:
    """--db and --lang after the subcommand too (``export quarterly --db x``)."""
    parser.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                        help="the store (default: branchdesk.db in the user's data folder)")
    parser.add_argument("--lang", choices=("ja", "en"), default=argparse.SUPPRESS,
                        help="language of messages (default ja)")


def _args_export(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="export_kind", metavar="KIND")
    for name, (add_arguments, _run, help_text) in EXPORT_SUBCOMMANDS.items():
        child = sub.add_parser(name, help=help_text, description=help_text)
        _common(child)
        add_arguments(child)


def _run_export(args: argparse.Namespace) -> int:
    kind = getattr(args, "export_kind", None)
    if kind not in EXPORT_SUBCOMMANDS:
        raise InputRejected("export_subcommand_missing", allowed=", ".join(EXPORT_SUBCOMMANDS))
    return EXPORT_SUBCOMMANDS[kind][1](args)


# --- export quarterly -----------------------------------------------------------------------


def _args_quarterly(p: argparse.ArgumentParser) -> None:
    p.add_argument("--fy", type=int, required=True, help="年度 (2024 = April 2024 – March 2025)")
    p.add_argument("--quarter", type=int, required=True, help="四半期 1–4 (4 = January–March)")
    p.add_argument("-o", "--output", type=Path, required=True,
                   help="the .xlsx to write, or a folder (the form's file name is used)")


def _run_quarterly(args: argparse.Namespace) -> int:
    from branchdesk.exchange.quarterly import export_quarterly
    from branchdesk.exchange.quarterly.build import check_period
    from branchdesk.store.connection import open_store

    check_period(args.fy, args.quarter)
    with open_store(_db(args)) as store:
        path, report = export_quarterly(store, args.fy, args.quarter, args.output)
    kpis = report.sheet("KPI").summary
    no_data = [str(r[0]) for r in kpis if r[7] == "データなし"]
    if no_data:
        _say(args, "quarterly_no_data_note", count=len(no_data), kpis=", ".join(no_data))
    _say(args, "quarterly_done", path=str(path), data_date=report.cover.data_date.isoformat())
    print(path)
    return 0


# --- export register ------------------------------------------------------------------------


def _args_register(p: argparse.ArgumentParser) -> None:
    from branchdesk.exchange.registers_export import ENCODINGS, REGISTERS

    p.add_argument("--name", required=True, help="the register: " + ", ".join(REGISTERS))
    p.add_argument("-o", "--output", type=Path, required=True, help="the .xlsx or .csv to write")
    p.add_argument("--encoding", choices=ENCODINGS, default=None,
                   help="CSV only: utf-8-sig (default, UTF-8 with BOM) or cp932 (Shift_JIS)")


def _run_register(args: argparse.Namespace) -> int:
    from branchdesk.exchange.registers_export import export_register
    from branchdesk.store.connection import open_store

    with open_store(_db(args)) as store:
        count = export_register(store, args.name, args.output, args.encoding)
    _say(args, "register_exported", name=args.name, count=count, path=str(args.output))
    print(args.output)
    return 0


# --- consolidate ----------------------------------------------------------------------------


def _args_consolidate(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", type=Path, metavar="FILE|FOLDER",
                   help="branch quarterly reports (.xlsx), or folders holding them")
    p.add_argument("-o", "--output", type=Path, required=True, help="the national .xlsx to write")


def _run_consolidate(args: argparse.Namespace) -> int:
    from branchdesk.exchange.quarterly import consolidate, write_national

    if args.output.suffix.lower() != ".xlsx":
        raise InputRejected("national_output_suffix", path=str(args.output))
    national = consolidate(args.inputs)
    write_national(national, args.output)
    lang = _lang(args)
    for refusal in national.refused:
        print(message("consolidate_refused", lang, reason=refusal.reason(lang)), file=sys.stderr)
    if national.provisional:
        _say(args, "consolidate_provisional", branches=", ".join(national.missing))
    _say(args, "consolidate_done", path=str(args.output), fy=national.fy,
         quarter=national.quarter, count=len(national.reports))
    print(args.output)
    return 0


add_export_subcommand("quarterly", (_args_quarterly, _run_quarterly,
                                    "write the quarterly report to head office (BD-QR v1)"))
add_export_subcommand("register", (_args_register, _run_register,
                                   "write one register as a flat .xlsx or .csv"))

COMMANDS: dict[str, Command] = {
    "export": (_args_export, _run_export,
               "write the quarterly report, an import template or a register"),
    "consolidate": (_args_consolidate, _run_consolidate,
                    "head office: combine branch quarterly reports into national figures"),
}
