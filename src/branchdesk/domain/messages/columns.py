"""Messages: header detection, column mapping and row validation of imports."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- header detection and mapping
    "kind_ambiguous": (
        "このシートの見出しは {kinds} のどれにも同じ程度に当てはまり、種類を決められません。--kind で種類を指定してください",
        "This sheet's headers fit {kinds} equally well, so its kind cannot be told. Name it with --kind"),
    "header_kind_unknown": (
        "取込みの種類 {kind} はありません（使える種類: {kinds}）",
        "There is no import kind {kind} (kinds: {kinds})"),
    "header_not_found": (
        "{kind}の見出し行が見つかりません（先頭16行のどの行にも必須の列 {missing} がそろっていません）",
        "No {kind} header row was found (no row of the first 16 has the required columns {missing})"),
    "mapping_field_unknown": (
        "列の対応表の項目名「{field}」は{kind}の項目にありません。この列は取り込みません",
        "The column mapping names '{field}', which is no field of {kind}; the column is not imported"),
    "mapping_file_suffix": (
        "列の対応表は .json・.csv・.xlsx のいずれかにしてください: {path}",
        "A column mapping file must be .json, .csv or .xlsx: {path}"),
    "mapping_file_unreadable": (
        "列の対応表を読めません: {path}（{reason}）",
        "Cannot read the column mapping file: {path} ({reason})"),
    "mapping_file_invalid": (
        "列の対応表の形式が不正です: {path}（「見出し」と「項目名」の2列、またはJSONの {{\"見出し\": \"項目名\"}}）",
        "The column mapping file is malformed: {path} (two columns, header and field, or a JSON "
        "object {{\"header\": \"field\"}})"),
    # --- cells
    "cell_formula_without_value": (
        "数式の計算結果がありません。Excelで開いて保存してください",
        "The formula has no calculated value. Open the file in Excel and save it"),
    "cell_required": (
        "{field} は必須です（空欄にはできません）",
        "{field} is required (it cannot be blank)"),
    "cell_code_unknown": (
        "{field} の値「{value}」は使えません（使える値: {allowed}）",
        "'{value}' is not a valid {field} (valid values: {allowed})"),
    "cell_symbol_padded": (
        "事業所記号 {value} の先頭に0を補って {padded} としました（数値のセルで0が落ちたものとみなしました。列のほかの値はすべて8桁です）",
        "Employer symbol {value} was padded to {padded} (a numeric cell that lost its leading "
        "zero; every other value of the column has 8 digits)"),
    "cell_municipality_padded": (
        "市区町村コード {value} の先頭に0を補って5桁の {padded} としました",
        "Municipality code {value} was padded to the 5 digits {padded}"),
    "cell_institution_padded": (
        "医療機関コード {value} の先頭に0を補って {padded} としました（補った10桁で検証番号が一致します）",
        "Institution code {value} was padded to {padded} (the padded 10 digits pass the check digit)"),
    "cell_postal_padded": (
        "郵便番号 {value} の先頭に0を補って7桁の {padded} としました",
        "Postal code {value} was padded to the 7 digits {padded}"),
    "cell_office_number_padded": (
        "事業所番号 {value} の先頭に0を補って5桁の {padded} としました",
        "Office number {value} was padded to the 5 digits {padded}"),
    "cell_fy_unreadable": (
        "年度として読めません: {value}（例: 2024, 2024年度, 令和6年度, FY2024）",
        "Not a fiscal year: {value} (e.g. 2024, 2024年度, 令和6年度, FY2024)"),
    "cell_kpi_unknown": (
        "指標「{value}」はKPIシートにありません（指標IDまたは指標名で指定してください）",
        "'{value}' is no row of the KPI sheet (give its id or its name)"),
    "cell_kpi_computed": (
        "指標「{value}」（{kpi}）は台帳から計算する指標のため取り込めません",
        "'{value}' ({kpi}) is computed from the registers and cannot be imported"),
    "cell_kpi_direction_conflict": (
        "方向「{value}」が指標 {kpi} の定義（{expected}）と異なります",
        "Direction '{value}' contradicts the definition of {kpi} ({expected})"),
    "cell_kpi_target_kind_conflict": (
        "目標種別「{value}」が指標 {kpi} の定義（{expected}）と異なります",
        "Target kind '{value}' contradicts the definition of {kpi} ({expected})"),
    # --- rows
    "row_duplicate_merged": (
        "{other_row}行目と同じ内容の行です（キー {key}）。1行として取り込みます",
        "The same row as row {other_row} (key {key}); imported once"),
    "row_duplicate_key": (
        "キー {key} の行が{other_row}行目にもあり、値が異なります。どちらか一方にしてください",
        "Row {other_row} has the same key {key} with other values; keep only one of them"),
    # --- employers
    "cell_base_date_missing": (
        "基準日がありません。「基準日」の列を設けるか、見出しの上に「基準日：令和7年3月31日」の行を入れてください",
        "The register has no reference date: add a 基準日 column, or a title row "
        "「基準日：令和7年3月31日」 above the header"),
    "cell_base_date_mixed": (
        "基準日の列に複数の日付があります（{dates}）。1つのファイルの基準日は1つです",
        "The 基準日 column holds several dates ({dates}); one file has one reference date"),
    "cell_base_date_conflict": (
        "基準日の列の日付 {value} が見出しの上の基準日 {title} と異なります",
        "The 基準日 column's date {value} differs from the title row's {title}"),
    # --- generic
    "cell_generic_code_required": (
        "集計単位が市区町村・医療機関・薬局の行にはコード（{what}）が必要です",
        "A municipality, institution or pharmacy row needs its code ({what})"),
    "cell_generic_share_mismatch": (
        "使用割合 {given} が数量から計算した {computed} と0.05ポイントを超えて異なります",
        "The share {given} differs from {computed}, computed from the quantities, by more than "
        "0.05 points"),
    # --- declarations, committee, visits
    "cell_withdrawal_date_required": (
        "状態が取下げの行には取下げ日が必要です",
        "A withdrawn declaration needs its withdrawal date"),
    "cell_withdrawn_while_active": (
        "取下げ日 {value} がありますが状態が宣言中です（取り下げたなら状態を「取下げ」にしてください）",
        "Withdrawal date {value} on a declaration in force (set its status to 取下げ if it was "
        "withdrawn)"),
    "cell_withdrawn_before_declared": (
        "取下げ日 {value} が宣言日 {declared_on} より前です",
        "The withdrawal date {value} is before the declaration date {declared_on}"),
    "cell_terminated_before_appointed": (
        "解嘱日 {value} が委嘱日 {appointed_on} より前です",
        "The termination date {value} is before the appointment date {appointed_on}"),
    "cell_visit_before_checkup": (
        "初回受診日 {value} が健診受診日 {checkup_on} より前です。取り込みますが受診率には数えません",
        "The first visit {value} is before the checkup {checkup_on}; it is imported but does not "
        "count in the visit rate"),
}
