"""Regenerate resources/translations/referrals_ja.ts (+ .qm) for the 受診勧奨 page (the 二次勧奨
worklist, its action panel and the cohort table): lupdate over its modules, Japanese filled from
``JA`` below, lrelease.

    cd scripts && ../.venv/bin/python translations_referrals_ja.py

A source text missing from ``JA`` is reported and the script exits 1. Words follow the spec
(受診勧奨, 二次勧奨, 対象者番号, 健診受診日, 事業所記号, 集計中 …).
"""

from __future__ import annotations

import sys

from tslib import build

SOURCES = [
    "src/branchdesk/ui/pages/referrals.py", "src/branchdesk/ui/pages/referrals_worklist.py",
    "src/branchdesk/ui/pages/referrals_panel.py", "src/branchdesk/ui/pages/referrals_cohort.py",
]

JA: dict[str, str] = {
    # the page
    "Checkup referrals": "受診勧奨",
    "Secondary referral &worklist": "二次勧奨(&W)",
    "&Visit rate by cohort": "受診率（コホート）(&V)",
    # the worklist
    "&No action for": "対応なし(&N)",
    " days or more": " 日以上",
    "Cases with a secondary referral action within this many days are left off the list":
        "この日数以内に二次勧奨を行った対象者は一覧に表示しません",
    "C&heckups of": "健診年度(&H)",
    "All": "すべて",
    "FY{fy}": "{fy}年度",
    "{count} open cases": "{count}件",
    # the worklist's columns
    "Person key": "対象者番号",
    "Severity": "重症度（値÷基準値）",
    "Meets": "該当項目",
    "Systolic BP": "収縮期血圧",
    "Diastolic BP": "拡張期血圧",
    "Fasting glucose": "空腹時血糖",
    "HbA1c": "HbA1c",
    "Checkup date": "健診受診日",
    "Days since checkup": "経過日数",
    "Age": "年齢",
    "Employer symbol": "事業所記号",
    "Employer name": "事業所名",
    "Last action": "最終勧奨日",
    "Method": "方法",
    "Result": "結果",
    "Systolic": "収縮期",
    "Diastolic": "拡張期",
    "Glucose": "空腹時血糖",
    # the action panel
    "Record a secondary referral action": "二次勧奨の記録",
    "Select a case in the list.": "一覧から対象者を選んでください。",
    "Person key {person} · checkup {day} · {employer}":
        "対象者番号 {person}・健診受診日 {day}・{employer}",
    "Action &date": "勧奨日(&D)",
    "e.g. 2025-04-01 or R7.4.1": "例: 2025-04-01、R7.4.1",
    "&Method": "方法(&M)",
    "Res&ult": "結果(&U)",
    "Not entered": "（未入力）",
    "Sta&ff": "担当者(&F)",
    "&Record": "記録(&R)",
    "Enter in any field records the action": "どの欄でも Enter キーで記録します",
    # the cohort table
    "Co&hort": "健診年度(&H)",
    "Checkups of FY{fy}": "{fy}年度健診分",
    "Checkup month": "健診受診月",
    "Cases": "対象者数",
    "Visited within the window": "期間内受診者数",
    "Visit rate": "受診率",
    "State": "状態",
    "Final": "確定",
    "Provisional": "集計中",
    "Cohort total": "年度計",
    "No referral cases have been imported.": "受診勧奨対象者が取り込まれていません。",
    "Checkups of FY{cohort} (the visit-rate KPI of FY{fy}): {rate}, {visited} of {cases} "
    "cases visited a doctor within {window} months of the checkup month.":
        "{cohort}年度健診分（{fy}年度の受診率指標）: 受診率 {rate}（対象者 {cases}人のうち、"
        "健診受診月から{window}か月以内に医療機関を受診 {visited}人）",
    "Provisional: some checkup months are not final yet.":
        "集計中: まだ確定していない健診受診月があります。",
}

JA_BY_CONTEXT: dict[tuple[str, str], str] = {}


def main() -> int:
    """lupdate, fill, lrelease; 1 when a source text has no Japanese."""
    return build("referrals", SOURCES, JA, JA_BY_CONTEXT)


if __name__ == "__main__":
    sys.exit(main())
