"""A fresh store per test and small workbooks written the way head office would send them."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl

from branchdesk.store.connection import open_store

EMPLOYER_HEADERS = ["事業所記号", "事業所名称", "事業所名称カナ", "市区町村コード", "被保険者数",
                    "基準日"]


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, title: str | None = None,
               sheet: str = "Sheet1") -> Path:
    """A workbook with an optional title row above the header."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws.append([])
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def employer_rows(count: int, *, as_of: str = "2025/3/31", start: int = 1,
                  insured: int = 12) -> list[list[Any]]:
    """The header and ``count`` employer rows (symbols 31000001…)."""
    rows: list[list[Any]] = [EMPLOYER_HEADERS]
    for i in range(start, start + count):
        rows.append([f"3100{i:04d}", f"株式会社テスト{i}", f"テスト{i}", "312011", insured, as_of])
    return rows


def store_digest(path: Path) -> str:
    """A digest of every register table's contents (what an import could change)."""
    digest = hashlib.sha256()
    with open_store(path) as store:
        for table in ("employers", "employer_registers", "employer_headcounts", "declarations",
                      "committee_members", "generic_stats", "referral_cases", "imports"):
            for row in store.query(f"SELECT * FROM {table} ORDER BY 1, 2"):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()
