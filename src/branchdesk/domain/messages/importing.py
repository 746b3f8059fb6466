"""Messages: the import as a whole, error reports and output files."""

MESSAGES: dict[str, tuple[str, str]] = {
    "output_folder_missing": ("出力先のフォルダがありません: {path}", "The output folder does not exist: {path}"),
    "output_not_writable": ("出力先に書き込めません: {path}（{detail}）", "Cannot write {path} ({detail})"),
    "report_suffix": ("エラー一覧の出力先は .xlsx か .csv にしてください: {path}", "The error report must be .xlsx or .csv: {path}"),
    "report_sheet": ("エラー一覧", "Problems"),
    "report_col_file": ("ファイル", "File"),
    "report_col_sheet": ("シート", "Sheet"),
    "report_col_row": ("行", "Row"),
    "report_col_column": ("列", "Column"),
    "report_col_value": ("値", "Value"),
    "report_col_reason": ("内容", "Reason"),
    "report_col_severity": ("区分", "Severity"),
    "severity_error": ("エラー", "error"),
    "severity_warning": ("警告", "warning"),
}
