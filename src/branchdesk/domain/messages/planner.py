"""Messages of the outreach planner (訪問計画)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "planner_symbol_unknown": (
        "事業所記号 {value} の事業所は登録されていません（訪問計画には登録済みの事業所だけを"
        "選べます）",
        "No employer with the symbol {value} is stored (a visit plan takes stored employers "
        "only)"),
    "planner_day_outside_fy": (
        "測定日 {value} は {fy}年度（{fy}年4月1日〜翌年3月31日）の外にあります",
        "The measurement date {value} lies outside FY{fy} (1 April {fy} to 31 March the "
        "year after)"),
    "planner_coverage_what_if": (
        "この{count}事業所で 健康保険委員カバー率 {now} → {after}（目標 {target}）、"
        "委嘱事業所数 {employers_now} → {employers_after}",
        "These {count} employers take the committee coverage from {now} to {after} (target "
        "{target}) and the employers with a member from {employers_now} to {employers_after}"),
    "planner_declaration_what_if": (
        "健康宣言事業所数 {now} → {after}（目標 {target}）",
        "Employers with a health declaration: {now} → {after} (target {target})"),
    "planner_no_target": ("なし", "none"),
    "planner_nothing_chosen": (
        "事業所にチェックを付けるか上位件数を指定すると、委嘱・宣言した場合の指標を表示します"
        "（現在のカバー率 {now}、健康宣言事業所数 {declarations}）",
        "Check employers or set a top count to see the figures if they sign up (coverage now "
        "{now}, employers with a health declaration {declarations})"),
    "planner_no_register": (
        "{day} 以前の事業所台帳がないため、カバー率を計算できません（事業所台帳を取り込んで"
        "ください）",
        "No employer register is dated on or before {day}, so the coverage cannot be computed "
        "(import an employer register)"),
    "planner_top_n_reaches": (
        "上位 {n} 事業所でカバー率の目標 {target} に届きます",
        "The top {n} employers take the coverage to its target {target}"),
    "planner_target_reached": (
        "カバー率は既に目標 {target} に届いています", "The coverage already meets its target "
        "{target}"),
    "planner_target_unreachable": (
        "表示中の事業所すべてが委嘱しても、カバー率は目標 {target} に届きません",
        "Even if every employer listed signs up, the coverage stays below its target {target}"),
    "planner_exported": (
        "訪問計画（{count}事業所）を {path} に出力しました",
        "The visit plan ({count} employers) was written to {path}"),
}
