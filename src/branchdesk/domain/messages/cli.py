"""Messages: the command line."""

MESSAGES: dict[str, tuple[str, str]] = {
    "help_app": ("協会けんぽ支部の業務デスク", "The desk tool of a Kyokai Kenpo branch"),
    "init_done": ("ストアを作成しました: {path}", "Store created: {path}"),
    "demo_done": ("デモ支部のストアを作成しました: {path}（{seconds} 秒）",
                  "Demo branch store created: {path} ({seconds} s)"),
    "restore_done": ("復元しました: {path}（復元前のストアの保存先: {kept}）",
                     "Restored {path} (the store before the restore was kept at {kept})"),
    "app_not_yet": (
        "デスクトップアプリは次の版で提供されます。ストア: {path}（branchdesk kpi --db {path} で"
        "KPIシートを表示できます）",
        "The desktop app comes in a later version. Store: {path} (see the KPI sheet with "
        "`branchdesk kpi --db {path}`)"),
    "fy_range_invalid": ("年度の範囲が不正です: {fy_from}〜{fy_to}",
                         "Invalid fiscal-year range: {fy_from}-{fy_to}"),
    "as_of_invalid": ("基準日が読み取れません: {value}", "Cannot read the as-of date: {value}"),
    "kpi_title": ("{branch}{name}支部 {fy}年度 KPIシート（測定日 {measured_at}）",
                  "Branch {branch} {name} — KPI sheet FY{fy} (measured {measured_at})"),
    "kpi_col_name": ("指標", "KPI"),
    "kpi_col_value": ("実績", "Result"),
    "kpi_col_target": ("目標", "Target"),
    "kpi_col_previous": ("前年度", "Previous"),
    "kpi_col_status": ("達成状況", "Status"),
    "kpi_col_period": ("測定時点", "Period"),
    "kpi_in_progress_mark": ("（年度途中）", " (in progress)"),
}
