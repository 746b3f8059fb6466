"""Messages: reading files (formats, encodings, hostile files)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "input_file_missing": (
        "取り込むファイルがありません: {path}",
        "The file to import does not exist: {path}"),
    "file_empty": (
        "ファイルが空です（0バイト）: {path}",
        "The file is empty (0 bytes): {path}"),
    "file_too_large": (
        "ファイルが大きすぎます（{size_mb} MB、上限 {limit_mb} MB）: {path}",
        "The file is too large ({size_mb} MB; the limit is {limit_mb} MB): {path}"),
    "not_spreadsheet": (
        "Excelブック（.xlsx・.xlsm・.xls）でもCSV（.csv）でもありません（中身で判定: {content}）: {path}。"
        "Excelで開ける場合は .xlsx 形式で保存し直してから取り込んでください",
        "Neither an Excel workbook (.xlsx, .xlsm, .xls) nor a CSV file (.csv) by its content "
        "({content}): {path}. If Excel can open it, save it as .xlsx and import that"),
    "file_encrypted": (
        "パスワードで保護（暗号化）されたファイルは取り込めません: {path}。"
        "Excelでパスワードを解除して保存し直してください",
        "Password-protected (encrypted) files cannot be imported: {path}. Remove the password "
        "in Excel and save the file again"),
    "file_truncated": (
        "ファイルが途中で切れています（ダウンロードやコピーが完了していない可能性があります）: {path}",
        "The file is truncated (a download or copy may not have finished): {path}"),
    "file_corrupt": (
        "ファイルが壊れているため読めません: {path}（{detail}）",
        "The file is damaged and cannot be read: {path} ({detail})"),
    "zip_bomb_entries": (
        "展開すると異常に多くの部品になるため取り込めません（{count} 個、上限 {limit} 個）: {path}",
        "Refused: the file unpacks into too many parts ({count}; the limit is {limit}): {path}"),
    "zip_bomb_entry_size": (
        "展開すると異常に大きくなるため取り込めません（{entry} が {size_mb} MB、上限 {limit_mb} MB）: {path}",
        "Refused: a part unpacks too large ({entry} is {size_mb} MB; the limit is {limit_mb} MB): "
        "{path}"),
    "zip_bomb_total_size": (
        "展開すると異常に大きくなるため取り込めません（合計 {size_mb} MB、上限 {limit_mb} MB）: {path}",
        "Refused: the file unpacks too large ({size_mb} MB in all; the limit is {limit_mb} MB): "
        "{path}"),
    "zip_bomb_ratio": (
        "圧縮率が異常に高いため取り込めません（{entry} が {ratio} 倍に展開、上限 {limit} 倍）: {path}",
        "Refused: a part is compressed implausibly well ({entry} expands {ratio} times; the limit "
        "is {limit}): {path}"),
    "zip_bomb_overlap": (
        "圧縮データが重なり合う不正な構造のため取り込めません: {path}",
        "Refused: the file's compressed parts overlap, which no real workbook does: {path}"),
    "zip_bomb_size_mismatch": (
        "記録されたサイズより大きく展開される部品があるため取り込めません（{entry}）: {path}",
        "Refused: a part unpacks larger than its recorded size ({entry}): {path}"),
    "sheet_not_found": (
        "シート「{sheet}」がありません: {path}（あるシート: {sheets}）",
        "No sheet named \"{sheet}\" in {path} (its sheets: {sheets})"),
    "csv_encoding_unknown": (
        "CSVの文字コードを判定できません: {path}（{line} 行目付近）。UTF-8 としても Shift_JIS（CP932）"
        "としても正しく読めない文字があります（外字や別の文字コードを含む場合など）。UTF-8 で保存し直してください",
        "Cannot tell the CSV file's encoding: {path} (near line {line}). It has characters that "
        "read correctly neither as UTF-8 nor as Shift_JIS (CP932), such as user-defined "
        "characters or another encoding. Save it as UTF-8 and import that"),
    "csv_malformed": (
        "CSVとして読めません: {path} の {row} 行目（{detail}）",
        "Cannot read the CSV file {path} at row {row} ({detail})"),
}
