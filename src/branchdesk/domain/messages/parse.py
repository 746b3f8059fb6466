"""Messages: parsing and validating single values (dates, numbers, identifiers)."""

_DATE_EXAMPLES = "2024/4/1, 2024-04-01, 20240401, 令和6年4月1日, R6.4.1"
_MONTH_EXAMPLES = "202404, 2024/04, 2024年4月, 令和6年4月, R6.4"

MESSAGES: dict[str, tuple[str, str]] = {
    "branch_code_invalid": ("支部コードが不正です（01〜47の2桁）: {value}",
                            "Invalid branch code (two digits 01-47): {value}"),
    # --- dates and months
    "date_unreadable": (
        "日付として読めません: {value}（例: " + _DATE_EXAMPLES + "）",
        "Not a date: {value} (e.g. " + _DATE_EXAMPLES + ")"),
    "date_invalid": ("存在しない日付です: {value}",
                     "No such day: {value}"),
    "date_outside_era": (
        "{value} は{era}の期間外の日付です（{era}は {first} 〜 {last}）",
        "{value} lies outside the {era} era ({era} runs {first} .. {last})"),
    "date_out_of_range": ("日付が範囲外です（{first} 〜 {last}）: {value}",
                          "Date out of range ({first} .. {last}): {value}"),
    "month_unreadable": (
        "年月として読めません: {value}（例: " + _MONTH_EXAMPLES + "）",
        "Not a month: {value} (e.g. " + _MONTH_EXAMPLES + ")"),
    "month_invalid": ("月が1〜12の範囲外です: {value}",
                      "The month is not 1-12: {value}"),
    "month_outside_era": (
        "{value} は{era}の期間外の年月です（{era}は {first} 〜 {last}）",
        "{value} lies outside the {era} era ({era} runs {first} .. {last})"),
    "month_out_of_range": ("年月が範囲外です（{first} 〜 {last}）: {value}",
                           "Month out of range ({first} .. {last}): {value}"),
    # --- numbers
    "number_invalid": (
        "数値として読めません: {value}（桁区切りのカンマと全角数字は可。欠損は空欄・-・*・秘匿）",
        "Not a number: {value} (thousands separators and full-width digits are fine; "
        "missing is blank, -, * or 秘匿)"),
    "number_below_minimum": ("{minimum} 未満の数値は入力できません: {value}",
                             "The number must be at least {minimum}: {value}"),
    "int_not_integer": ("整数ではありません: {value}",
                        "Not a whole number: {value}"),
    "int_below_minimum": ("{minimum} 未満の値は入力できません: {value}",
                          "The value must be at least {minimum}: {value}"),
    "percent_invalid": ("割合として読めません: {value}（例: 83.6%, 83.6, 0.836）",
                        "Not a percentage: {value} (e.g. 83.6%, 83.6, 0.836)"),
    "urine_protein_invalid": (
        "尿蛋白の値が不正です（−, ±, +, 2+, 3+ のいずれか）: {value}",
        "Invalid urine protein grade (one of −, ±, +, 2+, 3+): {value}"),
    # --- identifiers
    "insurer_number_format": ("保険者番号は8桁の数字です: {value}",
                              "An insurer number has 8 digits: {value}"),
    "insurer_number_structure": (
        "保険者番号の形式が不正です（01＋支部コード＋001＋検証番号）: {value}",
        "Invalid insurer number (01 + branch code + 001 + check digit): {value}"),
    "insurer_number_check": (
        "保険者番号の検証番号が一致しません: {value}（正しくは {expected}）",
        "The insurer number's check digit is wrong: {value} (should be {expected})"),
    "employer_symbol_invalid": ("事業所記号は7〜8桁の数字です: {value}",
                                "An employer symbol has 7-8 digits: {value}"),
    "office_number_invalid": ("事業所番号は5桁以内の数字です: {value}",
                              "An office number has at most 5 digits: {value}"),
    "postal_code_invalid": ("郵便番号は7桁の数字（NNN-NNNN）です: {value}",
                            "A postal code has 7 digits (NNN-NNNN): {value}"),
    "corporate_number_invalid": ("法人番号は13桁の数字です: {value}",
                                 "A corporate number has 13 digits: {value}"),
    "municipality_code_format": (
        "市区町村コードは6桁（検査数字付き）または5桁の数字です: {value}",
        "A municipality code has 6 digits (with check digit) or 5 digits: {value}"),
    "municipality_code_prefecture": (
        "市区町村コードの先頭2桁が都道府県コード（01〜47）ではありません: {value}",
        "A municipality code must start with a prefecture code 01-47: {value}"),
    "municipality_check_digit": (
        "市区町村コードの検査数字が一致しません: {value}（正しくは {expected}）",
        "The municipality code's check digit is wrong: {value} (should be {expected})"),
    "institution_code_format": ("医療機関コードは10桁の数字です: {value}",
                                "An institution code has 10 digits: {value}"),
    "institution_code_prefecture": (
        "医療機関コードの先頭2桁が都道府県コード（01〜47）ではありません: {value}",
        "An institution code must start with a prefecture code 01-47: {value}"),
    "institution_code_table": (
        "医療機関コードの3桁目（点数表）は1（医科）・3（歯科）・4（調剤）のいずれかです: "
        "{value}（{digit}）",
        "The 3rd digit of an institution code (fee table) must be 1 (medical), 3 (dental) or "
        "4 (pharmacy): {value} ({digit})"),
    "institution_code_check": (
        "医療機関コードの検証番号が一致しません: {value}（正しくは {expected}）",
        "The institution code's check digit is wrong: {value} (should be {expected})"),
    "person_key_empty": ("対象者番号が空です: 「{value}」",
                         "The person key is empty: '{value}'"),
}
