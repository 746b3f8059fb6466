"""The commands of cli.md. Each is ``(add_arguments, run, help)``; ``run`` returns the exit code."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from branchdesk import paths
from branchdesk.cli.kpi_table import render_table
from branchdesk.domain.errors import InputRejected
from branchdesk.domain.messages import message
from branchdesk.store.connection import create_store, open_store

Command = tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int], str]


def _db(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "db", None) or paths.default_store())


def _lang(args: argparse.Namespace) -> str:
    return str(getattr(args, "lang", "ja"))


def _say(args: argparse.Namespace, code: str, **params: object) -> None:
    print(message(code, _lang(args), **params), file=sys.stderr)


def _args_init(p: argparse.ArgumentParser) -> None:
    p.add_argument("--branch", required=True, help="支部コード 01–47")


def _run_init(args: argparse.Namespace) -> int:
    path = _db(args)
    create_store(path, args.branch, portable=paths.is_portable()).close()
    _say(args, "init_done", path=str(path))
    return 0


def _args_demo(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scale", choices=("small", "large"), default="small")
    p.add_argument("--branch", default=None, help="支部コード (default 31 small, 13 large)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--fy-from", type=int, default=2022)
    p.add_argument("--fy-to", type=int, default=2025)


def _run_demo(args: argparse.Namespace) -> int:
    from branchdesk.demo import generate

    path = Path(getattr(args, "db", None) or paths.demo_store())
    if args.fy_to < args.fy_from:
        raise InputRejected("fy_range_invalid", fy_from=args.fy_from, fy_to=args.fy_to)
    summary = generate(path, scale=args.scale, branch=args.branch, seed=args.seed,
                       fy_from=args.fy_from, fy_to=args.fy_to)
    _say(args, "demo_done", path=str(path), seconds=f"{summary.seconds:.1f}")
    return 0


def _args_kpi(p: argparse.ArgumentParser) -> None:
    p.add_argument("--fy", type=int, default=None, help="年度 (default: the latest with data)")
    p.add_argument("--as-of", default=None, help="基準日 (default: today)")
    p.add_argument("--format", choices=("table", "json"), default="table")


def _run_kpi(args: argparse.Namespace) -> int:
    from branchdesk.domain.dates import parse_date
    from branchdesk.store.kpi_sheet import kpi_sheet, latest_fy

    as_of = date.today() if args.as_of is None else parse_date(args.as_of, from_csv=True)
    if as_of is None:
        raise InputRejected("as_of_invalid", value=args.as_of)
    with open_store(_db(args)) as store:
        fy = args.fy if args.fy is not None else latest_fy(store, as_of)
        rows = kpi_sheet(store, fy, as_of)
        branch = store.branch_code
    if args.format == "json":
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=1))
    else:
        print(render_table(rows, fy, branch, _lang(args)))
    return 0


def _args_backup(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", type=Path, default=None, help="where to write the copy")


def _run_backup(args: argparse.Namespace) -> int:
    from branchdesk.store.backup import backup_before, backup_to

    with open_store(_db(args)) as store:
        dest = backup_to(store, args.output) if args.output else backup_before(store, "manual")
    print(dest)
    return 0


def _args_restore(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", type=Path, help="the backup to put back")


def _run_restore(args: argparse.Namespace) -> int:
    from branchdesk.store.backup import restore

    kept = restore(_db(args), args.source)
    _say(args, "restore_done", path=str(_db(args)), kept=str(kept))
    return 0


def _args_check(p: argparse.ArgumentParser) -> None:
    pass


def _run_check(args: argparse.Namespace) -> int:
    from branchdesk.store.check import check_store

    with open_store(_db(args)) as store:
        report = check_store(store)
    for line in report.render(_lang(args)):
        print(line)
    return report.exit_code


def run_app(args: argparse.Namespace) -> int:
    """No command: open the desktop app (on the demo store with ``--demo``). Without ``--db``
    (or ``--demo``) and ``--lang`` the app's preferences choose the store and language."""
    db = getattr(args, "db", None)
    path = Path(db) if db else None
    if getattr(args, "demo", False):
        path = Path(db or paths.demo_store())
        if not path.exists():
            from branchdesk.demo import generate

            generate(path)
    try:
        from branchdesk.ui.app import run
    except ImportError:
        _say(args, "app_not_yet", path=str(path or _db(args)))
        return 0
    return int(run(path, lang=getattr(args, "lang", None),
                   smoke_test=getattr(args, "smoke_test", False)))


COMMANDS: dict[str, Command] = {
    "init": (_args_init, _run_init, "make an empty store for a branch (01–47)"),
    "demo": (_args_demo, _run_demo, "make a store filled with a synthetic branch"),
    "kpi": (_args_kpi, _run_kpi, "print the KPI sheet of a fiscal year"),
    "backup": (_args_backup, _run_backup, "write a consistent copy of the store"),
    "restore": (_args_restore, _run_restore, "put a backup back (the current store is kept)"),
    "check": (_args_check, _run_check, "integrity and consistency check of the store"),
}
