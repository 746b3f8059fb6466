"""Header detection and validation of a 600,000-row employer register (no file, no store).

Builds the sheet in memory as python-calamine gives it (str and float cells, dates as
``datetime.date``), then prints the seconds ``find_header`` + ``validate_sheet`` take and the cost
of each column's parser. Target: about 2 s for the whole validation, so that read + validate +
write stays within 1.5x of calamine's own read time (~4 s).

Run: .venv/bin/python bench/bench_validate.py [--rows N]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from branchdesk.exchange.columns import find_header
from branchdesk.exchange.fields import EMPLOYERS
from branchdesk.exchange.model import RawSheet
from branchdesk.exchange.validate import validate_sheet
from branchdesk.exchange.validate_cells import CellOptions, parse_column

HEADER = ["事業所記号", "事業所名称", "事業所名称カナ", "事業所整理記号", "郵便番号", "所在地",
          "市区町村コード", "業態区分", "被保険者数", "被扶養者数", "適用年月日", "基準日"]
FIELDS = ["symbol", "name", "name_kana", "seiri_kigo", "postal_code", "address",
          "municipality_code", "industry", "insured", "dependents", "applied_on", "as_of"]
INDUSTRIES = ["製造業", "建設業", "卸売業", "小売業", "飲食サービス業", "医療・福祉", "情報通信業",
              "運輸業", "不動産業", "教育・学習支援業", "サービス業（他に分類されないもの）"]
WARDS = [f"13{n:03d}" for n in range(101, 124)]  # 5-digit forms of 東京's wards
NAMES = ["株式会社", "有限会社", "合同会社", "医療法人", "社会福祉法人"]
KANA = ["カブシキガイシャ", "ユウゲンガイシャ", "ゴウドウガイシャ", "イリョウホウジン"]


def build_rows(count: int, seed: int = 7) -> list[list[Any]]:
    """The header and ``count`` employer rows."""
    rng = random.Random(seed)
    as_of = date(2025, 3, 31)
    rows: list[list[Any]] = [list(HEADER)]
    postal = [f"{rng.randrange(100, 209)}-{rng.randrange(10000):04d}" for _ in range(4000)]
    for i in range(count):
        symbol = f"{10_000_000 + i:08d}"
        rows.append([
            symbol, f"{rng.choice(NAMES)}テスト商事{i}", f"{rng.choice(KANA)}テストショウジ{i}",
            f"ア{i % 9999:04d}", rng.choice(postal),
            f"東京都千代田区丸の内{i % 3 + 1}丁目{i % 20 + 1}番{i % 50 + 1}号",
            float(rng.choice(WARDS)), rng.choice(INDUSTRIES), float(rng.randrange(0, 500)),
            float(rng.randrange(0, 300)), as_of - timedelta(days=rng.randrange(0, 15000)),
            as_of,
        ])
    return rows


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=600_000)
    count = parser.parse_args().rows
    rows = build_rows(count)
    sheet = RawSheet(Path("bench.xlsx"), "台帳", lambda: iter(enumerate(rows, start=1)))
    print(f"rows: {count:,} x {len(HEADER)} columns (seconds: wall / CPU of this process)")
    clock = _Clock()
    match = find_header(sheet)
    assert match is not None and match.kind == "employers"
    print(f"find_header:    {clock.lap()}")
    result = validate_sheet(sheet, match, branch="13")
    print(f"validate_sheet: {clock.lap()}  ({len(result.records):,} records, "
          f"{len(result.problems)} problems)")
    print("per column (parse_column only):")
    options = CellOptions()
    for index, name in enumerate(FIELDS):
        cells = [row[index] for row in rows[1:]]
        clock.lap()
        parse_column(EMPLOYERS.field(name), cells, options)
        print(f"  {HEADER[index]:<10} {clock.lap()}")


class _Clock:
    """Wall and CPU time since the last lap (CPU time is steadier on a busy machine)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> str:
        wall, cpu = time.perf_counter(), time.process_time()
        text = f"{wall - self.wall:6.3f} / {cpu - self.cpu:6.3f} s"
        self.wall, self.cpu = wall, cpu
        return text


if __name__ == "__main__":
    main()
