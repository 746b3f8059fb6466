"""General messages."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cancelled": ("処理を中止しました。データは変更されていません。",
                  "Cancelled. Nothing was changed."),
    "unexpected": ("予期しないエラーが発生しました。詳細はログを参照してください: {log}",
                   "An unexpected error occurred. See the log for details: {log}"),
}
