"""Regenerate resources/translations/employers_ja.ts (+ .qm): lupdate over the modules below, the
Japanese filled from ``JA``, lrelease.

    .venv/bin/python scripts/translations_employers_ja.py
"""

from __future__ import annotations

import sys

from tslib import build

SOURCES = ['src/branchdesk/ui/models/employers.py', 'src/branchdesk/ui/pages/employer_detail.py', 'src/branchdesk/ui/pages/employers.py']

JA: dict[str, str] = {
    'Employer symbol': '事業所記号',
    'Name': '事業所名',
    'Kana': 'カナ',
    'Municipality': '市区町村',
    'Insured': '被保険者数',
    'Lost on': '喪失日',
    'Reference symbol': '事業所整理記号',
    'Office number': '事業所番号',
    'Postal code': '郵便番号',
    'Address': '所在地',
    'Industry': '業態',
    'Applied on': '適用年月日',
    'Edited in the app': 'アプリで編集',
    'Register date': '基準日',
    'Dependents': '被扶養者数',
    'Declared on': '宣言日',
    'Kind': '種別',
    'Status': '状態',
    'Withdrawn on': '取下げ日',
    'Reason': '理由',
    'Certification': '健康経営優良法人認定',
    'Contact person': '担当者',
    'Member name': '氏名',
    'Department / title': '所属・役職',
    'Phone': '電話',
    'E-mail': 'メール',
    'Appointed on': '委嘱日',
    'Terminated on': '解嘱日',
    'Date': '日付',
    'Staff': '担当',
    'Subject': '件名',
    'Outcome': '結果',
    'Next action': '次の対応',
    'When': '日時',
    'User': '利用者',
    'Action': '操作',
    'Changes': '内容',
    'Details': '基本情報',
    'Insured by register': '被保険者数の推移',
    'Health declarations': '健康宣言',
    'Committee members': '健康保険委員',
    'Contacts': '連絡記録',
    'Change history': '変更履歴',
    'Added': '登録',
    'Changed': '変更',
    'Deleted': '削除',
    'Select an employer to see its details.': '事業所を選ぶと詳細を表示します。',
    'Yes': 'はい',
    'No': 'いいえ',
    'Active': '適用中',
    '{0} record(s) added in one operation': '一括登録（{0} 件）',
    'Employers': '事業所',
    'Search by employer symbol, name or kana': '事業所記号・事業所名・カナで検索',
    'Ctrl+F: search. Width, kana and case do not matter.': 'Ctrl+F で検索。全角・半角、ひらがな・カタカナ、大文字・小文字は区別しません。',
    'All': 'すべて',
    'Lost': '喪失',
    'Declared': '宣言中（標準）',
    'Not declared': '宣言なし',
    'With a member': '委員あり',
    'Without a member': '委員なし',
    '1 to 9': '1〜9人',
    '10 to 49': '10〜49人',
    '50 to 299': '50〜299人',
    '300 or more': '300人以上',
    'Health declaration': '健康宣言',
    'Committee member': '健康保険委員',
    'Matching {0} / total {1}': '該当 {0} 件 / 全 {1} 件',
}
JA_BY_CONTEXT: dict[tuple[str, str], str] = {
}


def main() -> int:
    """lupdate, fill, lrelease; 1 when a source text has no Japanese."""
    return build("employers", SOURCES, JA, JA_BY_CONTEXT)


if __name__ == "__main__":
    sys.exit(main())
