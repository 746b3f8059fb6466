"""Messages of the import wizard (取込)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "wizard_no_files": (
        "取り込むファイルを選んでください（Ctrl+O、またはファイルをこの画面にドロップ）。",
        "Choose the files to import (Ctrl+O, or drop them on this page)."),
    "wizard_unreadable": (
        "読み込めないファイルがあります。一覧から外してから実行してください: {files}",
        "Some files cannot be read; remove them from the list first: {files}"),
    "wizard_mixed_options": (
        "種類・シート・列の対応を変更したファイルは、ほかのファイルとは別に取り込んでください"
        "（一度に取り込むファイルは同じ指定にする必要があります）: {files}",
        "Files whose kind, sheet or column mapping was changed must be imported on their own "
        "(the files of one import share these choices): {files}"),
    "wizard_loading": ("{file} を読み込んでいます…", "Reading {file}…"),
    "wizard_detected": (
        "種類: {kind}　見出し: {row}行目　（先頭 {rows} 行を表示）",
        "Kind: {kind}, header in row {row} (first {rows} rows shown)"),
    "wizard_detected_memory": (
        "種類: {kind}　見出し: {row}行目　（前回の列の対応で判定。先頭 {rows} 行を表示）",
        "Kind: {kind}, header in row {row}, found with the remembered column mapping (first "
        "{rows} rows shown)"),
    "wizard_no_header": (
        "見出し行が見つかりません（先頭16行にどの種類の必須列もそろっていません）。"
        "種類を選び、列の対応を設定してください。",
        "No header row found (no kind's required columns in the first 16 rows). Choose the "
        "kind and set the column mapping."),
    "wizard_window": (
        "シート「{sheet}」の {row} 行目付近を表示しています",
        "Showing the rows around row {row} of sheet {sheet}"),
    "wizard_checking": ("ファイルを検証しています", "Checking the files"),
    "wizard_importing": ("取り込んでいます", "Importing"),
    "wizard_check_ok": (
        "検証でエラーはありませんでした（警告 {warnings} 件）。取り込むと次のとおりになります。",
        "No errors found ({warnings} warnings). Importing would do the following."),
    "wizard_check_errors": (
        "検証でエラーが {errors} 件見つかりました（警告 {warnings} 件）。このままでは取り込めま"
        "せん。エラー一覧を確認してください。",
        "The check found {errors} errors ({warnings} warnings); the files cannot be imported "
        "as they are. See the list of problems."),
    "wizard_check_skips": (
        "検証でエラーが {errors} 件見つかりました（警告 {warnings} 件）。エラーのある行を除いて"
        "取り込むと次のとおりになります。",
        "The check found {errors} errors ({warnings} warnings). Importing without the invalid "
        "rows would do the following."),
    "wizard_imported": (
        "取り込みました。取込前のバックアップ: {backup}",
        "Imported. Backup taken before the import: {backup}"),
    "wizard_unchanged": (
        "変更なし: ファイルの内容はストアと同じでした。何も書き込んでいません。",
        "No changes: the files match the store. Nothing was written."),
    "wizard_rejected": (
        "エラーが {errors} 件あるため取り込みませんでした。ストアは変更されていません。",
        "Not imported: {errors} errors. The store was not changed."),
    "wizard_cancelled": (
        "取込を取り消しました。ストアは変更されていません。",
        "The import was cancelled. The store was not changed."),
    "wizard_failed": (
        "取り込めませんでした: {reason}",
        "The import failed: {reason}"),
    "wizard_confirm_lost": (
        "{reason}\n\n台帳が全件分であれば、該当する事業所を喪失として記録して取り込めます。"
        "取り込みますか？",
        "{reason}\n\nIf the register is complete, the employers it leaves out can be recorded "
        "as lost. Import it?"),
    "wizard_problems_saved": ("エラー一覧を保存しました: {path}", "List of problems saved: {path}"),
    "wizard_overwritten": (
        "アプリ上で修正した {count} 件を本部データで上書きしました: {keys}",
        "Head-office data overwrote {count} records edited in the app: {keys}"),
}
