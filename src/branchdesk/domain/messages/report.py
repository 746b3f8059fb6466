"""Messages: the quarterly report, its import, consolidation, and register exports."""

MESSAGES: dict[str, tuple[str, str]] = {
    # export quarterly
    "quarterly_fy_invalid": ("年度 {fy} は指定できません（{first}〜{last}年度）", "Fiscal year {fy} is not allowed ({first}-{last})"),
    "quarterly_quarter_invalid": ("四半期 {quarter} は指定できません（1〜4: 1 は4〜6月、4 は1〜3月）", "Quarter {quarter} is not allowed (1-4: 1 is April-June, 4 is January-March)"),
    "quarterly_output_suffix": ("四半期報告の出力先は .xlsx にしてください: {path}", "The quarterly report must be written as .xlsx: {path}"),
    "quarterly_done": ("四半期報告を作成しました: {path}（データ基準日 {data_date}）", "Quarterly report written: {path} (data as of {data_date})"),
    "quarterly_no_data_note": ("{count} 個の指標がデータなしです（0 ではありません）: {kpis}", "{count} KPIs have no data (not zero): {kpis}"),
    # reading a report back (import, consolidate)
    "quarterly_unreadable": ("{file}: Excelブック（.xlsx）として読めません（{detail}）", "{file}: cannot be read as an Excel workbook (.xlsx) ({detail})"),
    "quarterly_too_large": ("{file}: 四半期報告としては大きすぎるため読みません（{detail}）", "{file}: too large to be a quarterly report; not read ({detail})"),
    "quarterly_wrong_form": ("{file}: 様式 BD-QR v1 の四半期報告ではありません（{detail}）", "{file}: not a quarterly report of form BD-QR v1 ({detail})"),
    "quarterly_cover_invalid": ("{file}: 表紙の「{field}」の値が不正です: {value}", "{file}: the cover's {field} is invalid: {value}"),
    "quarterly_tampered": ("{file}: データシートの値が表紙の改変検出（SHA-256）と一致しません。作成後に編集されています", "{file}: the data sheets no longer match the cover's tamper check (SHA-256); the workbook was edited after it was made"),
    "quarterly_imported": ("支部 {branch} の {fy}年度第{quarter}四半期報告: {result}（指標 {count} 件）", "Branch {branch}, FY{fy} Q{quarter}: {result} ({count} KPI rows)"),
    "received_added": ("取り込みました", "imported"),
    "received_replaced": ("前の報告を置き換えました", "replaced the earlier report"),
    "received_unchanged": ("同じ報告が取込済みのため変更なし", "unchanged (the same report is already stored)"),
    # consolidate
    "national_output_suffix": ("全国集計の出力先は .xlsx にしてください: {path}", "The national workbook must be written as .xlsx: {path}"),
    "consolidate_no_files": ("集計するファイルがありません: {paths}", "No files to consolidate: {paths}"),
    "consolidate_nothing_valid": ("集計できる四半期報告がありません（除外 {refused} 件）。全国集計は作成しませんでした", "No usable quarterly report (refused: {refused}); no national workbook was written"),
    "consolidate_duplicate_branch": ("{file}: 支部 {branch} の報告が複数あり、内容が異なります（{files}）。どちらが正しいか確認してください", "{file}: several different reports of branch {branch} ({files}); check which one is right"),
    "consolidate_duplicate_copy": ("{file}: 支部 {branch} の同じ報告を既に読み込みました（{other}）", "{file}: the same report of branch {branch} was already read ({other})"),
    "consolidate_other_period": ("{file}: {fy}年度第{quarter}四半期の報告です（集計対象は {target_fy}年度第{target_quarter}四半期）", "{file}: a report of FY{fy} Q{quarter} (consolidating FY{target_fy} Q{target_quarter})"),
    "consolidate_done": ("全国集計を作成しました: {path}（{fy}年度第{quarter}四半期、{count}/47 支部）", "National workbook written: {path} (FY{fy} Q{quarter}, {count}/47 branches)"),
    "consolidate_provisional": ("未提出・除外の支部があるため、全国値は暫定です。未提出: {branches}", "Some branches are missing or refused, so the national figures are provisional. Missing: {branches}"),
    "consolidate_refused": ("除外: {reason}", "Refused: {reason}"),
    # export register
    "register_name_unknown": ("台帳名 {name} は不明です（使える台帳: {allowed}）", "Unknown register {name} (registers: {allowed})"),
    "register_export_suffix": ("台帳の出力先は .xlsx か .csv にしてください: {path}", "A register must be written as .xlsx or .csv: {path}"),
    "register_encoding_csv_only": ("--encoding は CSV の出力にだけ指定できます: {path}", "--encoding applies to CSV output only: {path}"),
    "register_cp932_unencodable": ("{row} 行目の列「{column}」の文字「{char}」（{codepoint}）は CP932（Shift_JIS）で表せません。UTF-8 で出力するか、その文字を直してください。ファイルは作成していません", "Row {row}, column {column}: the character {char} ({codepoint}) cannot be written in CP932 (Shift_JIS). Export as UTF-8 or correct the character. No file was written"),
    "register_exported": ("{name} を {count} 件出力しました: {path}", "{count} records of {name} written: {path}"),
    "export_subcommand_missing": ("出力する種類を指定してください: {allowed}", "Name what to export: {allowed}"),
}
