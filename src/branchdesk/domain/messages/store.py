"""Messages: the store (opening, locking, backup, restore, check)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "store_missing": (
        "ストアがありません: {path}（branchdesk init --branch CODE で作成するか、--db で指定してください）",
        "No store at {path} (create one with `branchdesk init --branch CODE`, or pass --db)"),
    "store_is_directory": ("ストアのパスがフォルダです: {path}",
                           "The store path is a directory: {path}"),
    "store_not_database": ("SQLiteデータベースではありません: {path}",
                           "Not an SQLite database: {path}"),
    "store_not_branchdesk": ("branchdeskのストアではありません: {path}",
                             "Not a branchdesk store: {path}"),
    "store_newer": (
        "このストアは新しいbranchdeskで作成されています（形式 {version}、対応 {supported} まで）。"
        "branchdeskを更新してください: {path}",
        "This store was made by a newer branchdesk (schema {version}, this one supports up to "
        "{supported}); update branchdesk: {path}"),
    "store_damaged": ("ストアが破損しています: {path}（{detail}）。バックアップから復元してください",
                      "The store is damaged: {path} ({detail}); restore it from a backup"),
    "store_locked": (
        "ストアは他の利用者が書き込み中です: {user}@{host}（プロセス {pid}、{since} から）。"
        "終了を待ってから再度実行してください",
        "The store is being written by {user}@{host} (process {pid}, since {since}); "
        "try again when it is done"),
    "store_busy": ("ストアが他の処理で使用中のため書き込めません: {path}",
                   "The store is busy with another process and cannot be written: {path}"),
    "store_exists": ("空でないストアが既にあります: {path}",
                     "A non-empty store already exists: {path}"),
}
