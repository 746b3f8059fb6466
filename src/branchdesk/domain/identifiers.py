"""Identifiers and their check digits (domain.md §2)."""

from __future__ import annotations

from branchdesk.domain.errors import ValueRejected
from branchdesk.domain.normalize import cell_text, is_number_cell, nfkc, normalize_key

#: JIS X 0401 prefecture codes: the branch (支部) names.
BRANCHES: dict[str, str] = {
    "01": "北海道", "02": "青森", "03": "岩手", "04": "宮城", "05": "秋田", "06": "山形",
    "07": "福島", "08": "茨城", "09": "栃木", "10": "群馬", "11": "埼玉", "12": "千葉",
    "13": "東京", "14": "神奈川", "15": "新潟", "16": "富山", "17": "石川", "18": "福井",
    "19": "山梨", "20": "長野", "21": "岐阜", "22": "静岡", "23": "愛知", "24": "三重",
    "25": "滋賀", "26": "京都", "27": "大阪", "28": "兵庫", "29": "奈良", "30": "和歌山",
    "31": "鳥取", "32": "島根", "33": "岡山", "34": "広島", "35": "山口", "36": "徳島",
    "37": "香川", "38": "愛媛", "39": "高知", "40": "福岡", "41": "佐賀", "42": "長崎",
    "43": "熊本", "44": "大分", "45": "宮崎", "46": "鹿児島", "47": "沖縄",
}


def validate_branch_code(value: str) -> str:
    """A 支部コード as two-digit text 01–47; a 1-digit code is padded ("1" → "01")."""
    text = str(value).strip()
    if text.isdigit() and len(text) == 1:
        text = "0" + text
    if text not in BRANCHES:
        raise ValueRejected("branch_code_invalid", value=str(value))
    return text


# --- shared helpers -------------------------------------------------------------------------


def _digits_text(value: object) -> str:
    """A cell as identifier text: numbers without ".0", NFKC, spaces trimmed."""
    return nfkc(cell_text(value)).strip()


def _is_ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _require_digits(digits: str) -> None:
    if not _is_ascii_digits(digits):
        raise ValueError(f"expected ASCII digits, got {digits!r}")


# --- check digits ---------------------------------------------------------------------------


def luhn_check_digit(digits: str) -> int:
    """The Luhn check digit of ``digits`` (domain.md §2): weights 2,1,2,1… from the right,
    digit sums of the products, check = (10 − sum mod 10) mod 10.
    """
    _require_digits(digits)
    total = 0
    for position, char in enumerate(reversed(digits)):
        product = int(char) * (2 if position % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def municipality_check_digit(first5: str) -> int:
    """The 市区町村コード check digit: last digit of 11 − (6·d1+5·d2+4·d3+3·d4+2·d5) mod 11."""
    _require_digits(first5)
    if len(first5) != 5:
        raise ValueError(f"expected 5 digits, got {first5!r}")
    total = sum(int(char) * weight for char, weight in zip(first5, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


# --- 保険者番号 -------------------------------------------------------------------------------


def insurer_number(branch_code: str) -> str:
    """The branch's 保険者番号: "01" + branch code + "001" + Luhn check (宮城 → 01040013)."""
    body = "01" + validate_branch_code(branch_code) + "001"
    return body + str(luhn_check_digit(body))


def validate_insurer_number(value: object) -> str:
    """A 保険者番号 of a branch: 8 digits, 01 + a branch code 01–47 + 001 + Luhn check digit.

    Raises ``ValueRejected`` "insurer_number_format", "insurer_number_structure" or
    "insurer_number_check" (with ``expected``, the correct number).
    """
    text = _digits_text(value)
    if not (len(text) == 8 and _is_ascii_digits(text)):
        raise ValueRejected("insurer_number_format", value=text)
    if text[:2] != "01" or text[2:4] not in BRANCHES or text[4:7] != "001":
        raise ValueRejected("insurer_number_structure", value=text)
    expected = text[:7] + str(luhn_check_digit(text[:7]))
    if text != expected:
        raise ValueRejected("insurer_number_check", value=text, expected=expected)
    return text


# --- 事業所 -----------------------------------------------------------------------------------


def validate_employer_symbol(value: object) -> str:
    """A 事業所記号: 7–8 digits after NFKC, kept as text (a numeric cell 1234567.0 → "1234567").

    Raises ``ValueRejected`` "employer_symbol_invalid". Padding 7 → 8 digits is a column-level
    decision (exchange.md §1) and is not done here.
    """
    text = _digits_text(value)
    if not (7 <= len(text) <= 8 and _is_ascii_digits(text)):
        raise ValueRejected("employer_symbol_invalid", value=text)
    return text


def validate_office_number(value: object) -> str:
    """A 事業所番号: up to 5 digits, padded with leading zeros to 5 ("123" → "00123").

    Raises ``ValueRejected`` "office_number_invalid".
    """
    text = _digits_text(value)
    if not (1 <= len(text) <= 5 and _is_ascii_digits(text)):
        raise ValueRejected("office_number_invalid", value=text)
    return text.zfill(5)


def validate_postal_code(value: object) -> str:
    """A 郵便番号, stored as 7 digits without hyphen ("100-0001", "〒1000001" → "1000001").

    Text must be NNN-NNNN or NNNNNNN; a numeric cell (which lost its leading zeros, 600001 →
    "0600001") is padded to 7 digits. Raises ``ValueRejected`` "postal_code_invalid".
    """
    text = _digits_text(value).removeprefix("〒").strip()
    if is_number_cell(value) and _is_ascii_digits(text) and len(text) <= 7:
        return text.zfill(7)
    if len(text) == 8 and text[3] == "-":
        text = text[:3] + text[4:]
    if not (len(text) == 7 and _is_ascii_digits(text)):
        raise ValueRejected("postal_code_invalid", value=_digits_text(value))
    return text


def validate_corporate_number(value: object) -> str:
    """A 法人番号: 13 digits (its own check digit is not verified; domain.md §2 names none).

    Raises ``ValueRejected`` "corporate_number_invalid".
    """
    text = _digits_text(value)
    if not (len(text) == 13 and _is_ascii_digits(text)):
        raise ValueRejected("corporate_number_invalid", value=text)
    return text


# --- 市区町村コード / 医療機関コード ------------------------------------------------------------


def validate_municipality_code(value: object) -> str:
    """A 市区町村コード: 6 digits with a correct check digit, or the legal 5-digit form.

    The first two digits must be a prefecture 01–47. A numeric cell keeps its 5-digit form; a
    4-digit numeric cell (a 5-digit code of prefectures 01–09 that lost its zero) is padded to 5.
    Raises ``ValueRejected`` "municipality_code_format", "municipality_code_prefecture" or
    "municipality_check_digit" (with ``expected``, the correct code).
    """
    text = _digits_text(value)
    if is_number_cell(value) and len(text) == 4 and _is_ascii_digits(text):
        text = "0" + text
    if not (len(text) in (5, 6) and _is_ascii_digits(text)):
        raise ValueRejected("municipality_code_format", value=text)
    if text[:2] not in BRANCHES:
        raise ValueRejected("municipality_code_prefecture", value=text)
    if len(text) == 6:
        expected = text[:5] + str(municipality_check_digit(text[:5]))
        if text != expected:
            raise ValueRejected("municipality_check_digit", value=text, expected=expected)
    return text


#: 点数表 digit of a 医療機関コード: 1 医科, 3 歯科, 4 調剤.
INSTITUTION_TABLES = {"1": "医科", "3": "歯科", "4": "調剤"}


def validate_institution_code(value: object, *, pad: bool = True) -> tuple[str, bool]:
    """A 医療機関コード: 10 digits = pref(2) + 点数表(1: 1/3/4) + 郡市区(2) + number(4) + check,
    the check being the Luhn digit over digits 1–9. Returns (code, padded).

    A 9-digit value is padded with a leading zero only when ``pad`` and the padded code passes
    every check (padded = True). Raises ``ValueRejected`` "institution_code_format",
    "institution_code_prefecture", "institution_code_table" or "institution_code_check"
    (with ``expected``).
    """
    text = _digits_text(value)
    if pad and len(text) == 9 and _is_ascii_digits(text):
        try:
            return _check_institution("0" + text), True
        except ValueRejected:
            raise ValueRejected("institution_code_format", value=text) from None
    return _check_institution(text), False


def _check_institution(text: str) -> str:
    if not (len(text) == 10 and _is_ascii_digits(text)):
        raise ValueRejected("institution_code_format", value=text)
    if text[:2] not in BRANCHES:
        raise ValueRejected("institution_code_prefecture", value=text)
    if text[2] not in INSTITUTION_TABLES:
        raise ValueRejected("institution_code_table", value=text, digit=text[2])
    expected = text[:9] + str(luhn_check_digit(text[:9]))
    if text != expected:
        raise ValueRejected("institution_code_check", value=text, expected=expected)
    return text


def prefecture_of_municipality(code: str) -> str:
    """The prefecture (支部) code of a validated 市区町村コード: its first two digits."""
    return code[:2]


def prefecture_of_institution(code: str) -> str:
    """The prefecture (支部) code of a validated 医療機関コード: its first two digits."""
    return code[:2]


# --- 対象者番号 -------------------------------------------------------------------------------


def validate_person_key(value: object) -> str:
    """A 対象者番号 (opaque, pseudonymous): its ``normalize_key`` form, which must not be empty.

    Raises ``ValueRejected`` "person_key_empty".
    """
    key = normalize_key(value)
    if not key:
        raise ValueRejected("person_key_empty", value=cell_text(value))
    return key
