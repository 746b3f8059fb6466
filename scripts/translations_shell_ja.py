"""Regenerate resources/translations/shell_ja.ts (+ .qm): lupdate over the modules below, the
Japanese filled from ``JA``, lrelease.

    .venv/bin/python scripts/translations_shell_ja.py
"""

from __future__ import annotations

import sys

from tslib import build

SOURCES = ['src/branchdesk/ui/errors.py', 'src/branchdesk/ui/jobs.py', 'src/branchdesk/ui/main_window.py', 'src/branchdesk/ui/menus.py', 'src/branchdesk/ui/pages/placeholder.py', 'src/branchdesk/ui/pages/registry.py', 'src/branchdesk/ui/startup.py']

JA: dict[str, str] = {
    'Cancel': 'キャンセル',
    'Working': '処理中',
    'Stopping…': '中止しています…',
    'Branch desk': '支部業務デスク',
    'Read-only: another user is writing to the store. You can look things up; saving works once they are done.': '読み取り専用: 他の利用者がストアに書き込み中です。閲覧はできます。保存はその処理が終わってから行ってください。',
    'Store: {path}': 'ストア: {path}',
    'Branch {code} {name}': '{name}支部（{code}）',
    'Employers {employers:,} · declarations in force {declarations:,} · committee members in office {members:,}': '事業所 {employers:,}件 ・ 宣言中の健康宣言 {declarations:,}件 ・ 委嘱中の健康保険委員 {members:,}人',
    '{name} branch': '{name}支部',
    'Writing a backup…': 'バックアップを作成しています…',
    'Backup': 'バックアップ',
    'The backup was written to:\n{path}': 'バックアップを作成しました:\n{path}',
    'About branchdesk': 'バージョン情報',
    'branchdesk {version}\nStore: {store}\nSettings: {settings}\nLogs: {logs}': '支部業務デスク（branchdesk）{version}\nストア: {store}\n設定: {settings}\nログ: {logs}',
    'Work in progress': '処理中の作業があります',
    'A change is still being saved. Stop it (nothing is changed) and quit?': '変更を保存している途中です。中止して（データは変更されません）終了しますか？',
    'This page is not available yet.': 'このページは準備中です。',
    'The store cannot be opened': 'ストアを開けません',
    'Backups (newest first):': 'バックアップ（新しい順）:',
    'There are no backups of this store.': 'このストアのバックアップはありません。',
    'Or make a new store for the branch:': 'または、次の支部のストアを新規作成:',
    '&Restore': '復元(&R)',
    '&New store': '新規作成(&N)',
    '&Quit': '終了(&Q)',
    'Cancelled': '中止しました',
    'Input rejected': '入力エラー',
    'The store cannot be used': 'ストアを使用できません',
    'Consistency problems': 'データの不整合',
    'Error': 'エラー',
    'Unexpected error': '予期しないエラー',
    '&File': 'ファイル(&F)',
    '&Backup…': 'バックアップ(&B)…',
    '&Import files…': '取込(&I)…',
    '&Quarterly report…': '四半期報告(&R)…',
    '&View': '表示(&V)',
    '&Next page': '次のページ(&N)',
    '&Previous page': '前のページ(&P)',
    'Switch between &sidebar and page': 'サイドバーとページの切り替え(&S)',
    '&Help': 'ヘルプ(&H)',
    '&About branchdesk': 'バージョン情報(&A)',
    'Dashboard': 'ダッシュボード',
    'Employers': '事業所',
    'Health declarations': '健康宣言',
    'Committee members': '健康保険委員',
    'Generics and biosimilars': 'ジェネリック・バイオシミラー',
    'before an import': 'インポート前',
    'before a restore': '復元前',
    'before a format update': '形式更新前',
    'manual': '手動',
    'Import': '取込',
    'Quarterly report': '四半期報告',
    'Checkup referrals': '受診勧奨',
    'Outreach plan': '訪問計画',
    'Settings': '設定',
}
JA_BY_CONTEXT: dict[tuple[str, str], str] = {
}


def main() -> int:
    """lupdate, fill, lrelease; 1 when a source text has no Japanese."""
    return build("shell", SOURCES, JA, JA_BY_CONTEXT)


if __name__ == "__main__":
    sys.exit(main())
