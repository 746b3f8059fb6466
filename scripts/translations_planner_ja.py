"""Regenerate resources/translations/planner_ja.ts (+ .qm) for the outreach planner (訪問計画):
lupdate over its modules, Japanese filled from ``JA`` below, lrelease.

    cd scripts && ../.venv/bin/python translations_planner_ja.py

A source text missing from ``JA`` is reported and the script exits 1 (the UI tests fail on an
untranslated visible string anyway). Words follow the spec (事業所記号, 健康宣言, 健康保険委員 …).
"""

from __future__ import annotations

import sys

from tslib import build

SOURCES = [
    "src/branchdesk/ui/pages/planner.py", "src/branchdesk/ui/pages/planner_model.py",
    "src/branchdesk/ui/pages/planner_load.py",
]

JA: dict[str, str] = {
    # page
    "Outreach plan": "訪問計画",
    "Fiscal year": "年度",
    "&Fiscal year": "年度(&F)",
    "FY{fy}": "{fy}年度",
    "Measured at {day}": "測定日 {day}",
    "All": "すべて",
    "&Municipality": "市区町村(&M)",
    "&Industry": "業態(&I)",
    "Fewest insured": "被保険者数の下限",
    "Most insured": "被保険者数の上限",
    "In&sured from": "被保険者数(&S)",
    "t&o": "〜(&O)",
    "No limit": "指定なし",
    "Hand-picked": "手動選択",
    "Check the top employers of the list": "一覧の上位の事業所にチェックを付ける",
    "Check the &top": "上位(&T)",
    "employers": "件にチェック",
    "&Uncheck all": "チェックをすべて外す(&U)",
    "&Export to Excel…": "Excel に出力(&E)…",
    "{listed} listed, {checked} checked": "表示 {listed} 件、チェック {checked} 件",
    "Visit plan {day}.xlsx": "訪問計画_{day}.xlsx",
    "Export the visit plan": "訪問計画の出力",
    "Excel workbook (*.xlsx)": "Excel ブック (*.xlsx)",
    # columns
    "Employer symbol": "事業所記号",
    "Name": "事業所名称",
    "Municipality": "市区町村",
    "Industry": "業態",
    "Insured": "被保険者数",
    "Health declaration": "健康宣言",
    "Declared": "宣言中",
}
JA_BY_CONTEXT: dict[tuple[str, str], str] = {
}


def main() -> int:
    """lupdate, fill, lrelease; 1 when a source text has no Japanese."""
    return build("planner", SOURCES, JA, JA_BY_CONTEXT)


if __name__ == "__main__":
    sys.exit(main())
