"""Messages: register writes and their history rules."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Every register
    "register_duplicate_key": (
        "同じキー {key} の行が複数あり、値が異なります。どちらか一方にしてください",
        "Several rows have the key {key} with different values; keep only one of them"),
    "register_field_required": (
        "{table} のレコード {key} には {field} が必要です（空欄にはできません）",
        "Record {key} of {table} needs {field} (it cannot be blank)"),
    "register_field_unknown": (
        "{table} に項目 {field} はありません", "{table} has no field {field}"),
    "register_code_unknown": (
        "{field} の値 {value} は使えません（使える値: {allowed}）",
        "{value} is not a valid {field} (valid values: {allowed})"),
    # Employers
    "register_too_many_lost": (
        "基準日 {as_of} の事業所台帳を取り込むと、適用中の事業所 {active} 件のうち {count} 件"
        "（{percent}%）が喪失になります（確認なしで喪失にできるのは10%まで）。"
        "台帳が全件分か確認し、よければ --confirm-lost を付けて再実行してください",
        "The employer register as of {as_of} would mark {count} of {active} active employers "
        "lost ({percent}%; more than 10% needs confirmation). Check that the register is "
        "complete, then run again with --confirm-lost"),
    "employer_unknown": (
        "事業所記号 {symbol} の事業所は登録されていません（先に事業所台帳を取り込んでください）",
        "No employer with the symbol {symbol} is stored (import the employer register first)"),
    "employer_exists": (
        "事業所記号 {symbol} の事業所は既に登録されています",
        "An employer with the symbol {symbol} is already stored"),
    "employer_field_not_editable": (
        "事業所の項目 {field} はここでは変更できません（事業所記号・喪失・被保険者数は"
        "事業所台帳の取込で変わります）",
        "The employer field {field} cannot be edited here (the symbol, lost status and "
        "headcounts change only through an employer register)"),
    "employer_headcount_by_register": (
        "事業所 {symbol}: 被保険者数・被扶養者数は事業所台帳の取込でのみ登録されます",
        "Employer {symbol}: insured and dependent counts are recorded only by an employer "
        "register"),
    # Declarations
    "declaration_in_force": (
        "事業所 {symbol}: {in_force_since} の健康宣言が宣言中のため、{declared_on} の宣言は"
        "登録できません（前の宣言を {declared_on} 以前の日付で取下げてください）",
        "Employer {symbol}: the declaration of {in_force_since} is in force, so a declaration "
        "of {declared_on} cannot be added (withdraw the earlier one on or before {declared_on})"),
    "declaration_withdrawal_date": (
        "事業所 {symbol} の {declared_on} の宣言: 取下げには宣言日以降の取下げ日が必要です"
        "（取下げ日: {withdrawn_on}）",
        "Employer {symbol}, declaration of {declared_on}: a withdrawal needs a date on or "
        "after the declaration date (withdrawal date: {withdrawn_on})"),
    "declaration_withdrawn_on_active": (
        "事業所 {symbol} の {declared_on} の宣言: 状態が宣言中なのに取下げ日 {withdrawn_on} "
        "があります",
        "Employer {symbol}, declaration of {declared_on}: in force but has a withdrawal date "
        "{withdrawn_on}"),
    "declaration_unknown": (
        "事業所 {symbol} の {declared_on} の健康宣言は登録されていません",
        "No declaration of {declared_on} is stored for employer {symbol}"),
    # Committee
    "member_unknown": (
        "健康保険委員が見つかりません（{uid}）", "No such committee member ({uid})"),
    "member_terminated_before_appointed": (
        "解嘱日 {terminated_on} が委嘱日 {appointed_on} より前です",
        "The termination date {terminated_on} is before the appointment date {appointed_on}"),
    # Referrals
    "portable_no_referrals": (
        "持ち出し用ストアには受診勧奨データを登録できません: {path}",
        "A portable store never holds referral cases: {path}"),
    "case_unknown": (
        "対象者番号 {person_key}・健診受診日 {checkup_on} の受診勧奨対象者が登録されていません"
        "（先に対象者を取り込んでください）",
        "No referral case with person key {person_key} and checkup date {checkup_on} is "
        "stored (import the cases first)"),
    "visit_before_checkup": (
        "対象者番号 {person_key}（健診受診日 {checkup_on}）: 初回受診日 {visit_on} が健診受診日より前"
        "です。登録しましたが受診率には数えません",
        "Person key {person_key} (checkup {checkup_on}): the first visit {visit_on} is before "
        "the checkup; it was stored but does not count in the visit rate"),
    "referral_employer_unknown": (
        "対象者番号 {person_key}（健診受診日 {checkup_on}）: 事業所記号 {symbol} の事業所が"
        "登録されていないため、事業所なしで登録しました",
        "Person key {person_key} (checkup {checkup_on}): employer {symbol} is not stored; the "
        "case was stored without an employer"),
    # Contacts
    "contact_unknown": ("記録が見つかりません（{uid}）", "No such contact record ({uid})"),
    "contact_not_seminar": (
        "この記録はセミナーではないため参加事業所を登録できません（種別: {kind}）",
        "This contact is not a seminar, so attendance cannot be recorded (kind: {kind})"),
}
