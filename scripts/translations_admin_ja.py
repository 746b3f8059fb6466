"""Regenerate resources/translations/admin_ja.ts (+ .qm) for the quarterly-report page and the
settings page: lupdate over their modules, Japanese filled from ``JA`` below, lrelease.

    cd scripts && ../.venv/bin/python translations_admin_ja.py

A source text missing from ``JA`` is reported and the script exits 1 (the UI tests fail on an
untranslated visible string anyway). Words follow the spec (健康宣言, 健康保険委員, 二次勧奨 …).
"""

from __future__ import annotations

import sys

from tslib import build

SOURCES = [
    "src/branchdesk/ui/pages/report_page.py", "src/branchdesk/ui/pages/settings_page.py",
    "src/branchdesk/ui/pages/settings_app.py", "src/branchdesk/ui/pages/settings_targets.py",
    "src/branchdesk/ui/pages/settings_figures.py", "src/branchdesk/ui/pages/settings_backups.py",
]

JA: dict[str, str] = {
    # 報告 (quarterly report page)
    "Quarterly report": "四半期報告",
    "Writes the quarterly report to head office (form BD-QR v1) from the store, measured at "
    "the quarter's last day. It holds no member names and no person keys.":
        "本部への四半期報告（様式 BD-QR v1）をストアから作成します。数値は四半期末日時点で"
        "集計します。健康保険委員の氏名や対象者番号は含みません。",
    "&Quarter": "四半期(&Q)",
    "Output fol&der": "出力先フォルダ(&D)",
    "File &name": "ファイル名(&N)",
    "Q1 (April–June)": "第1四半期（4〜6月）",
    "Q2 (July–September)": "第2四半期（7〜9月）",
    "Q3 (October–December)": "第3四半期（10〜12月）",
    "Q4 (January–March)": "第4四半期（1〜3月）",
    "&Browse…": "参照(&B)…",
    "&Write report": "報告を作成(&W)",
    "&Open folder": "フォルダを開く(&O)",
    "FY{fy}": "{fy}年度",
    "Output folder": "出力先フォルダ",
    "&Replace": "上書きする(&R)",
    "&Write anyway": "このまま作成(&W)",
    "Writing the quarterly report…": "四半期報告を作成しています…",
    # 設定 (settings page)
    "Settings": "設定",
    "Branch": "支部",
    "A store belongs to one branch for good. For another branch, make a new store "
    "(branchdesk init --branch CODE --db PATH) and open the app on it.":
        "ストアの支部は変更できません。別の支部のデータは新しいストアを作成し"
        "（branchdesk init --branch 支部コード --db 保存先）、そのストアでアプリを開いてください。",
    "Branch code": "支部コード",
    "Branch name": "支部名",
    "Insurer number": "保険者番号",
    "Store location": "ストアの保存場所",
    "Open another store at the next &start…": "次回起動時に開くストアを選択(&S)…",
    "Use the &default store": "既定のストアに戻す(&D)",
    "Store to open at the next start": "次回起動時に開くストア",
    "branchdesk store (*.db)": "branchdesk ストア (*.db)",
    "At the next start: {path}": "次回起動時: {path}",
    "At the next start: the default store": "次回起動時: 既定のストア",
    "--db PATH on the command line wins.": "コマンドラインの --db PATH が優先されます。",
    "Open the store's fold&er": "ストアのフォルダを開く(&E)",
    "Display language": "表示言語",
    "Japanese": "日本語",
    "English": "英語（English）",
    "&Language": "言語(&L)",
    "Applies from the next start.": "次回の起動から切り替わります。",
    # KPI targets
    "KPI targets": "KPIの目標",
    "Fiscal &year": "年度(&Y)",
    "KPI": "指標",
    "Target": "目標",
    "How the target is set": "目標の決め方",
    "Previous year (entered)": "前年度実績（入力値）",
    "Previous year (used)": "前年度実績（使用値）",
    "Value": "実績",
    "Status": "達成状況",
    "&Save targets": "目標を保存(&S)",
    "Figures as of {day}": "{day}時点の実績",
    "—": "—",
    "Entered previous-year figure; it replaces the one recomputed from the registers. "
    "— : nothing entered.":
        "入力した前年度実績です。台帳から再計算した値の代わりに使います。— は未入力です。",
    "At least the previous cohort's value": "前年度（前年度健診分）の値以上",
    "The branch's target; without one, at least the previous year's count":
        "支部の目標値。未設定なら前年度の値以上",
    "80% or more, and at least the same month of the previous year where that was 80% or "
    "more (fixed)": "80%以上、かつ前年度同月が80%以上ならその値以上（固定）",
    "65% or more (fixed, national FY2029 goal)": "65%以上（固定、2029年度の全国目標）",
    "Set per fiscal year (18% until FY2024, 21% from FY2025 unless changed)":
        "年度ごとに設定（未設定なら2024年度まで18%、2025年度から21%）",
    "50% or more (fixed)": "50%以上（固定）",
    "At least the previous year's count": "前年度の値以上",
    "Target in percent (21 = 21%)": "目標をパーセントで入力します（21 = 21%）",
    "Target count; — : compare with the previous year's count":
        "目標の事業所数。— は未設定（前年度の値と比較）です",
    "The targets could not be read.": "目標を読み込めませんでした。",
    "Saving the targets…": "目標を保存しています…",
    # settings that change a figure
    "Settings that change the figures": "指標の計算に関わる設定",
    "Kept in the store: every PC and every report uses the same values. Ranges are shown in "
    "each field's tooltip.":
        "ストアに保存され、どのパソコン・どの報告でも同じ値を使います。"
        "設定できる範囲は各欄のツールチップに表示します。",
    " (assumed)": "（仮定値）",
    "From {low} to {high}; default {default}": "{low}〜{high}（既定値 {default}）",
    "The spec assumes this value; change it to the branch's actual delay.":
        "仕様上の仮定値です。支部の実際の反映遅れに合わせて変更してください。",
    " months": " か月",
    " fiscal years": " 年度",
    "A first visit confirmed by these counts as a visit.":
        "これらの方法で確認した初回受診を受診として数えます。",
    "Save se&ttings": "設定を保存(&T)",
    "&Defaults": "既定値に戻す(&D)",
    "Show the spec's defaults (saved with Save).":
        "仕様の既定値を表示します（保存するには「設定を保存」を押します）。",
    "Saving the settings…": "設定を保存しています…",
    "The settings could not be read or saved.": "設定を読み込めないか、保存できませんでした。",
    # backups
    "Backups": "バックアップ",
    "Taken before every import, restore and schema migration, and whenever you back up; kept "
    "in the backups folder beside the store. A restore keeps the current store as a backup "
    "first.":
        "取込・復元・ストアの更新（移行）の前と、手動でバックアップしたときに作成し、"
        "ストアと同じ場所の backups フォルダに保存します。復元の前には現在のストアを"
        "バックアップとして残します。",
    "Taken at": "作成日時",
    "Reason": "理由",
    "Size": "サイズ",
    "File": "ファイル",
    "&Back up now": "今すぐバックアップ(&B)",
    "&Restore…": "復元(&R)…",
    "Open backups f&older": "バックアップのフォルダを開く(&O)",
    "Before an import": "取込前",
    "Before a restore": "復元前",
    "Before a schema migration": "ストア移行前",
    "Backed up by hand": "手動",
    "Writing a backup…": "バックアップを作成しています…",
    "Restore a backup": "バックアップの復元",
    "Restoring the backup…": "バックアップを復元しています…",
}

JA_BY_CONTEXT: dict[tuple[str, str], str] = {
    ("BackupsSection", "&Restore"): "復元する(&R)",
}

if __name__ == "__main__":
    sys.exit(build("admin", SOURCES, JA, JA_BY_CONTEXT))
