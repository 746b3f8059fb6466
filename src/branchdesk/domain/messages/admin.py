"""Messages of the report page and the settings page (報告, 設定)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # 報告 (quarterly report page)
    "report_check_no_data": (
        "次の {count} 個の指標はデータなしです（0 ではありません）: {kpis}",
        "{count} KPIs have no data (not zero): {kpis}"),
    "report_check_provisional": (
        "次の {count} 個の指標は集計中（確定前の値）です: {kpis}",
        "{count} KPIs are provisional (their cohort is not final yet): {kpis}"),
    "report_check_question": (
        "{fy}年度第{quarter}四半期の報告をこのまま作成しますか？",
        "Write the report of FY{fy} Q{quarter} as it is?"),
    "report_folder_missing": (
        "出力先のフォルダがありません: {path}（既存のフォルダを選んでください）",
        "The output folder does not exist: {path} (choose an existing folder)"),
    "report_name_suffix": (
        "ファイル名は .xlsx で終わる名前にしてください: {name}",
        "The file name must end in .xlsx: {name}"),
    "report_replace": (
        "{path} は既にあります。上書きしますか？",
        "{path} already exists. Replace it?"),
    "report_building": ("指標と一覧を集計しています", "Collecting the figures and lists"),
    "report_written": (
        "四半期報告を作成しました: {path}（データ基準日 {data_date}）",
        "Quarterly report written: {path} (data as of {data_date})"),
    "report_cancelled": (
        "四半期報告の作成を中止しました。ファイルは作成していません",
        "The quarterly report was cancelled; no file was written"),
    # 設定 (settings page)
    "targets_saved": (
        "{fy}年度の目標・前年度実績を保存しました（{count} 件）",
        "Targets and previous-year figures of FY{fy} saved ({count} changes)"),
    "settings_unchanged": ("変更はありません", "Nothing was changed"),
    "settings_saved": (
        "設定を保存しました（{count} 件）。指標はこの設定で計算し直されます",
        "Settings saved ({count} changes); the figures are recomputed with them"),
    "settings_sources_empty": (
        "受診として数える確認方法を1つ以上選んでください（すべて外すと受診率を計算できません）",
        "Choose at least one visit source (with none, no visit would count)"),
    "language_saved": (
        "表示言語を「{language}」にしました。次回の起動から切り替わります",
        "The display language is set to {language}; it applies from the next start"),
    "backup_written": ("バックアップを作成しました: {path}", "Backup written: {path}"),
    "backup_none_selected": (
        "復元するバックアップを一覧から選んでください",
        "Choose the backup to restore in the list"),
    "restore_confirm": (
        "{taken_at} のバックアップ（{reason}、{size}）を復元しますか？\n"
        "現在のストアは復元前のバックアップとして残ります。復元後はすべての画面がこのバックアップの"
        "内容になります。",
        "Restore the backup of {taken_at} ({reason}, {size})?\n"
        "The current store is kept as a backup first. Afterwards every page shows the backup's "
        "contents."),
    "restore_finished": (
        "{taken_at} のバックアップを復元しました（復元前のストアの保存先: {kept}）",
        "The backup of {taken_at} was restored (the store before it is kept at {kept})"),
}
