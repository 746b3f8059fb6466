"""Time the readers of the import pipeline on a large employer register (600,000 rows × 12 columns).

Writes, once, into bench/out/: the register as .xlsx (XlsxWriter constant_memory, Japanese text,
title rows above the header), the same register with a formula (cached value) in every row, and
the same as a CP932 CSV. Then prints, each measured in its own child process (so peak RSS is the
step's own): calamine alone iterating every row (the baseline), ``check_file``, ``open_sheets``
with a full iteration, ``formulas_without_value`` with and without formulas in the sheet, and the
same for the CSV. Synthetic data only.

    .venv/bin/python bench/bench_readers.py [--rows 600000]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
HEADER = ["事業所記号", "事業所名称", "事業所名称カナ", "事業所整理記号", "事業所番号", "郵便番号",
          "所在地", "市区町村コード", "業態区分", "被保険者数", "被扶養者数", "適用年月日"]
KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノ"
INDUSTRIES = ["製造業", "建設業", "卸売業・小売業", "医療・福祉", "運輸業", "サービス業"]


def register_row(i: int) -> list[object]:
    """One synthetic employer; the last cell is a date."""
    return [f"{10_000_000 + i:08d}", f"株式会社サンプル商事{i}", f"サンプルショウジ{KANA[i % 25]}",
            f"{i % 90 + 10:02d}ア", f"{i % 99999:05d}", f"680-{i % 10_000:04d}",
            f"鳥取県鳥取市東町{i % 50}丁目{i % 997}番地", "312011", INDUSTRIES[i % 6],
            i % 300 + 1, i % 500, date(1990, 4, 1) + timedelta(days=i % 12_000)]


def write_xlsx(path: Path, rows: int, *, formulas: bool) -> None:
    """The register as a workbook; with ``formulas`` column K is =J*2 with its cached value."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("事業所台帳")
    dates = workbook.add_format({"num_format": "yyyy/mm/dd"})
    sheet.write_row(0, 0, ["事業所台帳（ベンチマーク用・架空データ）"])
    sheet.write_row(1, 0, ["基準日：令和7年3月31日"])
    sheet.write_row(3, 0, HEADER)
    for i in range(rows):
        row = register_row(i)
        sheet.write_row(4 + i, 0, row[:10])
        if formulas:
            sheet.write_formula(4 + i, 10, f"=J{5 + i}*2", None, int(row[9]) * 2)  # type: ignore[call-overload]
        else:
            sheet.write_number(4 + i, 10, int(row[10]))  # type: ignore[call-overload]
        sheet.write_datetime(4 + i, 11, row[11], dates)
    workbook.close()


def write_csv(path: Path, rows: int) -> None:
    """The register as a CP932 CSV (dates as 2001/04/01)."""
    with path.open("w", encoding="cp932", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for i in range(rows):
            row = register_row(i)
            writer.writerow([*row[:11], f"{row[11]:%Y/%m/%d}"])


def files(rows: int) -> dict[str, Path]:
    """The cached input files, written when missing."""
    OUT.mkdir(parents=True, exist_ok=True)
    paths = {"xlsx": OUT / f"register_{rows}.xlsx", "formulas": OUT / f"register_{rows}_f.xlsx",
             "csv": OUT / f"register_{rows}_cp932.csv"}
    writers: dict[str, Callable[[Path], None]] = {
        "xlsx": lambda p: write_xlsx(p, rows, formulas=False),
        "formulas": lambda p: write_xlsx(p, rows, formulas=True),
        "csv": lambda p: write_csv(p, rows),
    }
    for key, path in paths.items():
        if not path.exists():
            start = time.perf_counter()
            writers[key](path)
            print(f"wrote {path.name} ({path.stat().st_size >> 20} MB) in "
                  f"{time.perf_counter() - start:.1f} s")
    return paths


# --- the steps, each run in a child process ----------------------------------------------------


def step_calamine(path: Path) -> int:
    """Baseline: calamine opens the workbook, loads the first sheet and yields every row."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(path)
    return sum(1 for _ in workbook.get_sheet_by_name(workbook.sheet_names[0]).iter_rows())


def step_check(path: Path) -> int:
    """``check_file`` alone."""
    from branchdesk.exchange.safety import check_file

    check_file(path)
    return 0


def step_open(path: Path) -> int:
    """``open_sheets`` (with its ``check_file``) and every row of every sheet."""
    from branchdesk.exchange.readers import open_sheets

    return sum(sum(1 for _ in sheet.rows()) for sheet in open_sheets(path))


def step_formulas(path: Path) -> int:
    """``formulas_without_value`` on the first sheet."""
    import zipfile

    from branchdesk.exchange.readers import formulas_without_value
    from branchdesk.exchange.safety import read_part, workbook_part

    with zipfile.ZipFile(path) as zf:
        root = read_part(path, zf, workbook_part(path, zf))
    name = next(e.get("name", "") for e in root.iter() if e.tag.endswith("}sheet"))
    return len(formulas_without_value(path, name))


def step_csv_module(path: Path) -> int:
    """Baseline for CSV: the csv module over CP932 text."""
    with path.open(encoding="cp932", newline="") as f:
        return sum(1 for _ in csv.reader(f))


STEPS: dict[str, Callable[[Path], int]] = {
    "calamine": step_calamine, "check": step_check, "open": step_open,
    "formulas": step_formulas, "csv_module": step_csv_module,
}
PLAN = [  # (label, step, file)
    ("calamine alone, all rows (baseline)", "calamine", "xlsx"),
    ("check_file .xlsx", "check", "xlsx"),
    ("open_sheets + all rows .xlsx", "open", "xlsx"),
    ("formulas_without_value, no formulas", "formulas", "xlsx"),
    ("formulas_without_value, a formula per row", "formulas", "formulas"),
    ("open_sheets + all rows, formula workbook", "open", "formulas"),
    ("csv module alone, CP932 (baseline)", "csv_module", "csv"),
    ("check_file .csv", "check", "csv"),
    ("open_sheets + all rows .csv (incl. encoding check)", "open", "csv"),
]


def child(step: str, path: Path) -> None:
    """Run one step and print its figures as JSON."""
    import resource

    import branchdesk.exchange.readers  # noqa: F401  (imports are not the step's cost)

    start = time.perf_counter()
    count = STEPS[step](path)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "count": count, "peak_mb": peak_mb}))


def main() -> None:
    """Write the inputs if needed, then time each step in a fresh process."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=600_000)
    parser.add_argument("--child", nargs=2, metavar=("STEP", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    paths = files(args.rows)
    print(f"{'step':<52} {'seconds':>8} {'peak MB':>8} {'count':>9}")
    for label, step, key in PLAN:
        result = subprocess.run([sys.executable, __file__, "--child", step, str(paths[key])],
                                capture_output=True, text=True, check=True)
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        print(f"{label:<52} {figures['seconds']:>8.2f} {figures['peak_mb']:>8.0f} "
              f"{figures['count']:>9}")


if __name__ == "__main__":
    main()
