"""Regenerate resources/translations/import_ja.ts (+ .qm) for the import wizard (取込): lupdate over
its modules, Japanese filled from ``JA`` below, lrelease.

    cd scripts && ../.venv/bin/python translations_import_ja.py

A source text missing from ``JA`` is reported and the script exits 1 (the UI tests fail on an
untranslated visible string anyway). Words follow the spec (事業所台帳, 見出し行, 取込 …).
"""

from __future__ import annotations

import sys

from tslib import build

SOURCES = [
    "src/branchdesk/ui/pages/import_page.py", "src/branchdesk/ui/pages/import_preview.py",
    "src/branchdesk/ui/pages/import_results.py", "src/branchdesk/ui/pages/import_state.py",
]

JA: dict[str, str] = {
    # the page
    "Import": "取込",
    "Problems": "エラー一覧",
    "Summary": "取込結果",
    "&Choose files…": "ファイルを選択(&C)…",
    "Choose the files to import (Ctrl+O)": "取り込むファイルを選びます（Ctrl+O）",
    "&Drop from the list": "一覧から外す(&D)",
    "Or drop .xlsx, .xlsm or .csv files on this page.":
        "または .xlsx・.xlsm・.csv ファイルをこの画面にドロップしてください。",
    "Files to import": "取り込むファイル",
    "Import the valid rows and &skip the invalid ones": "エラーのある行を除いて取り込む(&S)",
    "C&heck": "検証(&H)",
    "Validate every row without writing anything": "書き込まずに全行を検証します",
    "&Import": "取込(&I)",
    "Choose the files to import": "取り込むファイルを選択",
    "Spreadsheets (*.xlsx *.xlsm *.xls *.csv)": "Excel・CSVファイル (*.xlsx *.xlsm *.xls *.csv)",
    "cannot be read": "読み込めません",
    "reading…": "読み込み中…",
    "kind unknown": "種類不明",
    "Mark employers lost?": "事業所を喪失として記録しますか？",
    # the preview
    "Detect automatically": "自動判定",
    "Kind of data": "データの種類",
    "Sheet to import": "取り込むシート",
    "Header row": "見出し行",
    "&Kind:": "種類(&K):",
    "Shee&t:": "シート(&T):",
    "Header &row:": "見出し行(&R):",
    "First rows of the file": "ファイルの先頭行",
    "Column mapping": "列の対応",
    "Column in the file": "ファイルの列見出し",
    "Imported as": "取り込む項目",
    "&Preview": "プレビュー(&P)",
    "Column &mapping": "列の対応(&M)",
    "Every matching sheet": "該当するすべてのシート",
    "{name} (hidden)": "{name}（非表示）",
    "Column {letters}": "{letters}列",
    "(not imported)": "（取り込まない）",
    "Field of this column": "この列の取込項目",
    # the results
    "Problems found": "見つかったエラー",
    "Save the &list of problems…": "エラー一覧を保存(&L)…",
    "{errors} errors, {warnings} warnings": "エラー {errors} 件、警告 {warnings} 件",
    "Save the list of problems": "エラー一覧を保存",
    "Excel workbook (*.xlsx)": "Excelブック (*.xlsx)",
    "File": "ファイル",
    "Sheet": "シート",
    "Kind": "種類",
    "Added": "追加",
    "Changed": "変更",
    "Unchanged": "変更なし",
    "Marked lost": "喪失",
    "Removed": "削除",
    "Skipped": "除外",
    "Summary per sheet": "シートごとの取込結果",
}
#: Translations that differ by context (the same English word, different Japanese).
JA_BY_CONTEXT: dict[tuple[str, str], str] = {}


def main() -> int:
    """lupdate, fill, lrelease; 1 when a source text has no Japanese."""
    return build("import", SOURCES, JA, JA_BY_CONTEXT)


if __name__ == "__main__":
    sys.exit(main())
