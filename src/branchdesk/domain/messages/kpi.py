"""Messages: the KPI sheet and settings."""

MESSAGES: dict[str, tuple[str, str]] = {
    "as_of_before_fy": ("基準日 {as_of} は {fy}年度の開始（{fy}年4月1日）より前です",
                        "The as-of date {as_of} is before the start of FY{fy} (1 April {fy})"),
    "kpi_unknown": ("指標が見つかりません: {kpi}", "Unknown KPI: {kpi}"),
    "kpi_computed_value": (
        "指標 {kpi} は登録データから計算されるため、実績は入力できません",
        "KPI {kpi} is computed from the registers; its result cannot be entered"),
    "setting_unknown": ("設定項目が見つかりません: {key}", "Unknown setting: {key}"),
    "setting_invalid": ("設定 {key} の値が不正です: {value}", "Invalid value for {key}: {value}"),
    "setting_out_of_range": ("設定 {key} の値 {value} は範囲外です（{minimum}〜{maximum}）",
                             "Value {value} for {key} is out of range ({minimum}-{maximum})"),
    # Explanations of how each computed KPI is computed (tooltips, `kpi --explain`).
    "explain_generic_share": (
        "支部の{period}診療分: 後発医薬品数量 ÷（後発医薬品数量＋後発品のある先発品数量）",
        "The branch's {period} claims: generic qty ÷ (generic qty + brand-with-generic qty)"),
    "explain_committee_coverage": (
        "{period}時点: 委員のいる適用事業所の被保険者数 ÷ 全適用事業所の被保険者数",
        "At {period}: insured of active employers with a member ÷ insured of all active employers"),
}
