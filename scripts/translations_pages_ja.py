"""Regenerate resources/translations/pages_ja.ts (+ .qm) for the dashboard, drugs, declarations and
committee pages: lupdate over their modules, Japanese filled from ``JA`` below, lrelease.

    .venv/bin/python scripts/translations_pages_ja.py

A source text missing from ``JA`` is reported and the script exits 1 (the UI tests fail on an
untranslated visible string anyway). Words follow the spec (事業所記号, 健康宣言, 健康保険委員 …).
"""

from __future__ import annotations

import sys

from tslib import build

SOURCES = [
    "src/branchdesk/ui/pages/dashboard.py", "src/branchdesk/ui/pages/drugs.py",
    "src/branchdesk/ui/pages/declarations.py", "src/branchdesk/ui/pages/committee.py",
    "src/branchdesk/ui/pages/register_page.py", "src/branchdesk/ui/pages/row_model.py",
    "src/branchdesk/ui/widgets/kpi_card.py", "src/branchdesk/ui/widgets/history_view.py",
    "src/branchdesk/ui/widgets/detail_pane.py", "src/branchdesk/ui/charts/common.py",
    "src/branchdesk/ui/charts/generic.py", "src/branchdesk/ui/charts/biosimilar.py",
    "src/branchdesk/ui/charts/coverage.py", "src/branchdesk/ui/charts/referral.py",
    "src/branchdesk/ui/forms/form.py", "src/branchdesk/ui/forms/declaration_forms.py",
    "src/branchdesk/ui/forms/member_forms.py", "src/branchdesk/ui/write.py",
]

JA: dict[str, str] = {
    # dashboard
    "Dashboard": "ダッシュボード",
    "Fiscal year": "年度",
    "As-of date": "基準日",
    "&Fiscal year": "年度(&F)",
    "&As of": "基準日(&A)",
    "FY{fy}": "{fy}年度",
    "Measured at {day}": "測定日 {day}",
    "The figures could not be computed.": "指標を計算できませんでした。",
    # KPI cards
    "The branch's {period} claims: generic amount ÷ (generic amount + amount of brand drugs "
    "with a generic)": "支部の{period}診療分: 後発医薬品金額 ÷（後発医薬品金額＋後発品のある"
                       "先発品金額）",
    "Branch totals of {period}: ingredients whose biosimilar quantity ÷ (biosimilar + "
    "reference quantity) is 80% or more ÷ ingredients with any quantity":
        "{period}診療分の支部計: バイオシミラー数量 ÷（バイオシミラー数量＋先行バイオ医薬品数量）"
        "が80%以上の成分数 ÷ 数量のある成分数",
    "Active employers with a standardised health declaration in force at {period}":
        "{period}時点で標準化された健康宣言が有効な適用事業所の数",
    "Active employers with at least one committee member in office at {period}":
        "{period}時点で健康保険委員が1人以上在任している適用事業所の数",
    "{period}: cases with a confirmed medical visit within the window after the checkup ÷ "
    "all referral cases of the cohort":
        "{period}: 健診受診日から受診確認期間内に医療機関受診を確認できた人数 ÷ 受診勧奨対象者数",
    "Checkups of FY{fy}": "{fy}年度健診分",
    "Entered on the KPI sheet (typed in or imported)": "KPIシートへの入力値（入力または取込）",
    "Numerator {numerator} ÷ denominator {denominator} = {value}":
        "分子 {numerator} ÷ 分母 {denominator} = {value}",
    "Value: {value}": "実績: {value}",
    "Target: {target}": "目標: {target}",
    "Previous year: {previous}": "前年度: {previous}",
    "Period: {period}": "対象期間: {period}",
    "Measured at: {day}": "測定日: {day}",
    "Status: {status}": "達成状況: {status}",
    "Two conditions: 80% or more, and at least the same month of the previous year":
        "2条件: 80%以上、かつ前年度同月の値以上",
    # charts
    "Generic share (quantity) by month": "ジェネリック医薬品使用割合（数量）の月次推移",
    "Share (%)": "使用割合（%）",
    "Service month": "診療月",
    "Biosimilar replacement by ingredient": "成分別バイオシミラー置換率",
    "Biosimilar replacement by ingredient ({month})": "成分別バイオシミラー置換率（{month}診療分）",
    "Replacement rate (%)": "置換率（%）",
    "80% or more": "80%以上",
    "Below 80%": "80%未満",
    "Committee coverage of the insured": "健康保険委員委嘱事業所の被保険者カバー率",
    "Coverage (%)": "カバー率（%）",
    "Register date": "事業所台帳の基準日",
    "Coverage": "カバー率",
    "Measurement date": "測定日",
    "Target {value}": "目標 {value}",
    "Medical visits within the window, by checkup month":
        "健診受診月別の医療機関受診率",
    "Medical visits within the window, cohort FY{fy}":
        "健診受診月別の医療機関受診率（{fy}年度健診分）",
    "Visit rate (%)": "受診率（%）",
    "Checkup month": "健診受診月",
    "Final": "確定",
    "Provisional": "集計中",
    # drugs
    "Generics and biosimilars": "ジェネリック・バイオシミラー",
    "&Generic drugs": "ジェネリック医薬品(&G)",
    "&Biosimilars": "バイオシミラー(&B)",
    "Code": "コード",
    "Name": "氏名",
    "Generic share (quantity)": "使用割合（数量）",
    "Generic quantity": "後発医薬品数量",
    "Brand quantity (with a generic)": "後発品のある先発品数量",
    "Generic share (amount)": "使用割合（金額）",
    "Generic amount": "後発医薬品金額",
    "Brand amount (with a generic)": "後発品のある先発品金額",
    "Ingredient": "成分",
    "Replacement rate": "置換率",
    "Yes": "はい",
    "No": "いいえ",
    "Biosimilar quantity": "バイオシミラー数量",
    "Reference quantity": "先行バイオ医薬品数量",
    "Institutions reporting": "数量のある医療機関数",
    "Institutions at 80% or more": "うち80%以上の医療機関数",
    "&Unit": "単位(&U)",
    "&Month": "診療年月(&M)",
    "M&onth": "診療年月(&O)",
    "Minimum &quantity": "最小数量(&Q)",
    "No generic figures have been imported.": "ジェネリック医薬品の統計が取り込まれていません。",
    "No biosimilar figures have been imported.": "バイオシミラーの統計が取り込まれていません。",
    "{month}: branch generic share {share} (the KPI's figure). {count} rows, lowest share "
    "first.": "{month}診療分: 支部の使用割合（数量）{share}（KPIの値）。{count}件を使用割合の"
              "低い順に表示しています。",
    "{month}: {reached} of {count} ingredients at 80% or more":
        "{month}診療分: 数量のある{count}成分のうち{reached}成分が80%以上",
    # register pages
    "&Add…": "追加(&A)…",
    "&Edit…": "編集(&E)…",
    "{shown} of {total}": "{total}件中 {shown}件",
    "All": "すべて",
    "&Status": "状態(&S)",
    "&Year": "年度(&Y)",
    "All years": "すべての年度",
    "Employer symbol": "事業所記号",
    "Employer name": "事業所名",
    "Employer": "事業所",
    "Edited in the app": "画面で変更済み",
    "Yes (an import overwrites it)": "はい（取込で上書きされます）",
    "History of changes": "変更履歴",
    # declarations
    "Health declarations": "健康宣言",
    "Declaration date": "宣言日",
    "Kind": "宣言区分",
    "Status": "状態",
    "Withdrawal date": "取下げ日",
    "Withdrawal reason": "取下げ理由",
    "Declared items": "宣言項目",
    "Karte given on": "カルテ提供日",
    "Karte given again on": "カルテ再提供日",
    "Certification": "健康経営優良法人",
    "Contact person": "担当者",
    "Note": "備考",
    "Search by employer symbol, name or kana (Ctrl+F)":
        "事業所記号・事業所名・カナで検索（Ctrl+F）",
    "&Withdraw…": "取下げ(&W)…",
    "Fiscal year of the declaration": "宣言日の年度",
    "Select a declaration to see its details and history.":
        "健康宣言を選ぶと、詳細と変更履歴が表示されます。",
    "Declaration": "健康宣言",
    # committee
    "Committee members": "健康保険委員",
    "Name in kana": "氏名カナ",
    "Department and title": "部署・役職",
    "Phone": "電話番号",
    "E-mail": "メールアドレス",
    "Appointed on": "委嘱日",
    "Terminated on": "解嘱日",
    "Reason for termination": "解嘱理由",
    "Search by employer symbol, employer name, member name or kana (Ctrl+F)":
        "事業所記号・事業所名・委員氏名・カナで検索（Ctrl+F）",
    "&Terminate…": "解嘱(&T)…",
    "In office": "在任中",
    "Terminated": "解嘱済",
    "In office or terminated": "在任・解嘱",
    "Fiscal year of the appointment": "委嘱日の年度",
    "Select a member to see the details and history.":
        "委員を選ぶと、詳細と変更履歴が表示されます。",
    "Committee member": "健康保険委員",
    "Trainings and commendations": "研修受講・表彰",
    "Training": "研修",
    "Commendation": "表彰",
    # history
    "Added": "登録",
    "Changed": "変更",
    "Deleted": "削除",
    "Added by an import": "取込で登録",
    "Added in the app": "画面で登録",
    "Added by the demo generator": "デモデータとして登録",
    "When": "日時",
    "User": "利用者",
    "Action": "操作",
    "Details": "内容",
    # forms
    "e.g. 2025-04-01 or R7.4.1": "例: 2025-04-01、R7.4.1、令和7年4月1日",
    "{field} is required (it cannot be blank).": "{field}は必須です（空欄にはできません）。",
    "The change could not be saved; nothing was written.":
        "変更を保存できませんでした。何も書き込まれていません。",
    "Add a health declaration": "健康宣言の追加",
    "Edit a health declaration": "健康宣言の編集",
    "Withdraw a health declaration": "健康宣言の取下げ",
    "&Employer symbol": "事業所記号(&E)",
    "&Declaration date": "宣言日(&D)",
    "&Kind": "宣言区分(&K)",
    "One item and its target per line": "1行に1項目（項目と目標値）",
    "Declared &items": "宣言項目(&I)",
    "Karte &given on": "カルテ提供日(&G)",
    "Karte given &again on": "カルテ再提供日(&A)",
    "&Certification": "健康経営優良法人(&C)",
    "Contact &person": "担当者(&P)",
    "&Note": "備考(&N)",
    "&Withdrawal date": "取下げ日(&W)",
    "&Reason": "理由(&R)",
    "Employer {symbol} already has a declaration dated {day}; edit that one instead.":
        "事業所 {symbol} には宣言日 {day} の健康宣言が既に登録されています（その宣言を編集して"
        "ください）。",
    "Add a committee member": "健康保険委員の追加",
    "Edit a committee member": "健康保険委員の編集",
    "Terminate a committee member": "健康保険委員の解嘱",
    "&Name": "委員氏名(&N)",
    "Name in &kana": "氏名カナ(&K)",
    "&Department and title": "部署・役職(&D)",
    "&Phone": "電話番号(&P)",
    "E-&mail": "メールアドレス(&M)",
    "&Appointed on": "委嘱日(&A)",
    "&Terminated on": "解嘱日(&T)",
    "This member is already stored with the appointment date {day}; edit that record "
    "instead.": "この委員は委嘱日 {day} で既に登録されています（その記録を編集してください）。",
}
#: Translations that differ by context (the same English word, different Japanese).
JA_BY_CONTEXT: dict[tuple[str, str], str] = {
    ("DrugsPage", "Name"): "名称",
    ("DeclarationColumns", "Kind"): "宣言区分",
    ("CommitteePage", "&Status"): "在任状況(&S)",
    ("DeclarationsPage", "&Kind"): "区分(&K)",
    ("MemberColumns", "Name"): "委員氏名",
    ("CommitteePage", "Name"): "委員氏名",
    ("TerminateForm", "Name"): "委員氏名",
}



def main() -> int:
    """lupdate, fill, lrelease; 1 when a source text has no Japanese."""
    return build("pages", SOURCES, JA, JA_BY_CONTEXT)


if __name__ == "__main__":
    sys.exit(main())
