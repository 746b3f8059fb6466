"""Identifiers and their check digits (domain.md §2), and that every rejection has a message."""

from __future__ import annotations

import string
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from branchdesk.domain.errors import ValueRejected
from branchdesk.domain.identifiers import (
    BRANCHES,
    insurer_number,
    luhn_check_digit,
    municipality_check_digit,
    prefecture_of_institution,
    prefecture_of_municipality,
    validate_corporate_number,
    validate_employer_symbol,
    validate_institution_code,
    validate_insurer_number,
    validate_municipality_code,
    validate_office_number,
    validate_person_key,
    validate_postal_code,
)
from branchdesk.domain.messages import CATALOGUE


def _luhn_valid(number: str) -> bool:
    """Test oracle: the textbook Luhn test over the whole number, check digit included."""
    total = 0
    for position, char in enumerate(reversed(number)):
        product = int(char) * (2 if position % 2 else 1)
        total += sum(divmod(product, 10))
    return total % 10 == 0


def _mod11_check(first5: str) -> int:
    """Test oracle for the 市区町村コード check digit."""
    total = sum(int(d) * w for d, w in zip(first5, (6, 5, 4, 3, 2), strict=True))
    return int(str(11 - total % 11)[-1])


# --- spec vectors ----------------------------------------------------------------------------

@pytest.mark.parametrize(("branch", "expected"), [("04", "01040013"), ("13", "01130012"),
                                                  ("4", "01040013")])
def test_insurer_number_vectors(branch: str, expected: str) -> None:
    assert insurer_number(branch) == expected
    assert validate_insurer_number(expected) == expected


def test_luhn_vectors() -> None:
    assert luhn_check_digit("0104001") == 3
    assert luhn_check_digit("0113001") == 2
    assert luhn_check_digit("011011371") == 9


@pytest.mark.parametrize(("first5", "check"), [("13101", 6), ("01100", 2)])
def test_municipality_check_digit_vectors(first5: str, check: int) -> None:
    assert municipality_check_digit(first5) == check


@pytest.mark.parametrize("bad", ["", "12a", "１２３"])
def test_check_digit_functions_refuse_non_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        luhn_check_digit(bad)
    with pytest.raises(ValueError):
        municipality_check_digit(bad)


# --- validators: accepted --------------------------------------------------------------------

Validator = Callable[[object], object]

ACCEPTED: list[tuple[Validator, object, object]] = [
    (validate_insurer_number, "01040013", "01040013"),
    (validate_insurer_number, "０１１３００１２", "01130012"),
    (validate_employer_symbol, "1234567", "1234567"),
    (validate_employer_symbol, "01234567", "01234567"),
    (validate_employer_symbol, "０１２３４５６７", "01234567"),
    (validate_employer_symbol, " 12345678\u3000", "12345678"),
    (validate_employer_symbol, 1234567.0, "1234567"),
    (validate_employer_symbol, 12345678, "12345678"),
    (validate_municipality_code, "131016", "131016"),
    (validate_municipality_code, "011002", "011002"),
    (validate_municipality_code, "13101", "13101"),
    (validate_municipality_code, "１３１０１６", "131016"),
    (validate_municipality_code, 131016, "131016"),
    (validate_municipality_code, 13101, "13101"),
    (validate_municipality_code, 13101.0, "13101"),
    (validate_municipality_code, 1100, "01100"),
    (validate_postal_code, "100-0001", "1000001"),
    (validate_postal_code, "1000001", "1000001"),
    (validate_postal_code, "〒100-0001", "1000001"),
    (validate_postal_code, "１００－０００１", "1000001"),
    (validate_postal_code, 1000001, "1000001"),
    (validate_postal_code, 600001, "0600001"),
    (validate_postal_code, 10010.0, "0010010"),
    (validate_office_number, "12345", "12345"),
    (validate_office_number, "123", "00123"),
    (validate_office_number, 123, "00123"),
    (validate_office_number, "０１２３４", "01234"),
    (validate_corporate_number, "1234567890123", "1234567890123"),
    (validate_corporate_number, 1234567890123.0, "1234567890123"),
    (validate_person_key, " ＡＢ１２３ ", "AB123"),
    (validate_person_key, "ab 12\u300034", "ab1234"),
    (validate_person_key, 98765, "98765"),
]


@pytest.mark.parametrize(("validator", "value", "expected"), ACCEPTED)
def test_validators_accept_and_normalise(validator: Validator, value: object,
                                         expected: object) -> None:
    assert validator(value) == expected


@pytest.mark.parametrize(
    ("value", "pad", "expected"),
    [
        ("0110113719", True, ("0110113719", False)),
        ("０１１０１１３７１９", True, ("0110113719", False)),
        (110113719, True, ("0110113719", True)),
        ("110113719", True, ("0110113719", True)),
        (110113719.0, True, ("0110113719", True)),
    ],
)
def test_institution_code_accepted(value: object, pad: bool, expected: tuple[str, bool]) -> None:
    assert validate_institution_code(value, pad=pad) == expected


# --- validators: rejected --------------------------------------------------------------------

REJECTED: list[tuple[Validator, object, str, dict[str, object]]] = [
    (validate_insurer_number, "0104001", "insurer_number_format", {"value": "0104001"}),
    (validate_insurer_number, "0104001x", "insurer_number_format", {}),
    (validate_insurer_number, "02040013", "insurer_number_structure", {}),
    (validate_insurer_number, "01480013", "insurer_number_structure", {}),
    (validate_insurer_number, "01040023", "insurer_number_structure", {}),
    (validate_insurer_number, "01040014", "insurer_number_check", {"expected": "01040013"}),
    (validate_employer_symbol, "123456", "employer_symbol_invalid", {"value": "123456"}),
    (validate_employer_symbol, "123456789", "employer_symbol_invalid", {}),
    (validate_employer_symbol, "12-34567", "employer_symbol_invalid", {}),
    (validate_employer_symbol, "ｱｲｳ1234", "employer_symbol_invalid", {}),
    (validate_employer_symbol, 1234567.5, "employer_symbol_invalid", {"value": "1234567.5"}),
    (validate_employer_symbol, None, "employer_symbol_invalid", {"value": ""}),
    (validate_municipality_code, "131017", "municipality_check_digit",
     {"value": "131017", "expected": "131016"}),
    (validate_municipality_code, "011001", "municipality_check_digit", {"expected": "011002"}),
    (validate_municipality_code, "1310", "municipality_code_format", {"value": "1310"}),
    (validate_municipality_code, "1310161", "municipality_code_format", {}),
    (validate_municipality_code, "13101a", "municipality_code_format", {}),
    (validate_municipality_code, "48101", "municipality_code_prefecture", {"value": "48101"}),
    (validate_municipality_code, "00101", "municipality_code_prefecture", {}),
    (validate_postal_code, "100-001", "postal_code_invalid", {"value": "100-001"}),
    (validate_postal_code, "600001", "postal_code_invalid", {}),
    (validate_postal_code, "10-00001", "postal_code_invalid", {}),
    (validate_postal_code, 12345678, "postal_code_invalid", {}),
    (validate_office_number, "123456", "office_number_invalid", {}),
    (validate_office_number, "12a", "office_number_invalid", {}),
    (validate_office_number, "", "office_number_invalid", {}),
    (validate_corporate_number, "123456789012", "corporate_number_invalid", {}),
    (validate_corporate_number, "123456789012x", "corporate_number_invalid", {}),
    (validate_person_key, "", "person_key_empty", {}),
    (validate_person_key, "\u3000 ", "person_key_empty", {}),
    (validate_person_key, None, "person_key_empty", {}),
    (validate_institution_code, "0110113718", "institution_code_check",
     {"value": "0110113718", "expected": "0110113719"}),
    (validate_institution_code, "011011371", "institution_code_format", {"value": "011011371"}),
    (validate_institution_code, "4810113715", "institution_code_prefecture", {}),
    (validate_institution_code, "0120113719", "institution_code_table", {"digit": "2"}),
    (validate_institution_code, 110113718, "institution_code_format", {"value": "110113718"}),
]


@pytest.mark.parametrize(("validator", "value", "code", "params"), REJECTED)
def test_validators_reject_with_the_rule(validator: Validator, value: object, code: str,
                                         params: dict[str, object]) -> None:
    with pytest.raises(ValueRejected) as info:
        validator(value)
    assert info.value.code == code
    assert "value" in info.value.params
    assert params.items() <= info.value.params.items()


def test_nine_digits_are_not_padded_when_padding_is_off() -> None:
    with pytest.raises(ValueRejected) as info:
        validate_institution_code("110113719", pad=False)
    assert info.value.code == "institution_code_format"


@pytest.mark.parametrize(
    ("validator", "value", "code", "params"),
    [*REJECTED,
     (validate_institution_code, "110113719x", "institution_code_format", {})],
)
def test_every_rejection_renders_a_message_naming_the_value(
    validator: Validator, value: object, code: str, params: dict[str, object]
) -> None:
    with pytest.raises(ValueRejected) as info:
        validator(value)
    error = info.value
    assert error.code in CATALOGUE
    for lang, template in zip(("ja", "en"), CATALOGUE[error.code], strict=True):
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        assert fields <= error.params.keys(), (error.code, fields)
        text = error.render(lang)
        assert str(error.params["value"]) in text
        assert "{" not in text


def test_the_brief_messages() -> None:
    with pytest.raises(ValueRejected) as info:
        validate_municipality_code("131017")
    assert info.value.render("ja") == (
        "市区町村コードの検査数字が一致しません: 131017（正しくは 131016）")


@pytest.mark.parametrize(
    ("function", "code", "expected"),
    [(prefecture_of_municipality, "131016", "13"), (prefecture_of_municipality, "01100", "01"),
     (prefecture_of_institution, "0110113719", "01")],
)
def test_prefecture_of(function: Callable[[str], str], code: str, expected: str) -> None:
    assert function(code) == expected


# --- properties ------------------------------------------------------------------------------

digits = st.text(alphabet="0123456789", min_size=1, max_size=20)


def _single_digit_changes(number: str) -> list[str]:
    return [number[:i] + d + number[i + 1:] for i in range(len(number))
            for d in "0123456789" if d != number[i]]


@given(digits)
def test_luhn_appended_always_validates_and_any_single_change_fails(body: str) -> None:
    number = body + str(luhn_check_digit(body))
    assert _luhn_valid(number)
    for changed in _single_digit_changes(number):
        assert not _luhn_valid(changed), changed
        assert str(luhn_check_digit(changed[:-1])) != changed[-1], changed


prefectures = st.sampled_from(sorted(BRANCHES))


@given(prefectures, st.sampled_from("134"), st.text(alphabet="0123456789", min_size=6,
                                                    max_size=6))
def test_institution_codes_built_right_validate_and_single_changes_fail(
    pref: str, table: str, rest: str
) -> None:
    body = pref + table + rest
    code = body + str(luhn_check_digit(body))
    assert validate_institution_code(code) == (code, False)
    for changed in _single_digit_changes(code):
        with pytest.raises(ValueRejected):
            validate_institution_code(changed)


@given(prefectures)
def test_insurer_numbers_validate_and_single_changes_fail(branch: str) -> None:
    number = insurer_number(branch)
    assert validate_insurer_number(number) == number
    for changed in _single_digit_changes(number):
        with pytest.raises(ValueRejected):
            validate_insurer_number(changed)


@given(prefectures, st.text(alphabet="0123456789", min_size=3, max_size=3))
def test_municipality_codes_validate_and_detectable_changes_fail(pref: str, rest: str) -> None:
    first5 = pref + rest
    check = municipality_check_digit(first5)
    assert check == _mod11_check(first5)
    code = first5 + str(check)
    assert validate_municipality_code(code) == code
    for changed in _single_digit_changes(code):
        detectable = changed[:2] not in BRANCHES or _mod11_check(changed[:5]) != check
        if changed[5] != code[5] or detectable:
            with pytest.raises(ValueRejected):
                validate_municipality_code(changed)
        else:  # mod-11 remainders 0 and 10 share the check digit 1: undetectable by design
            assert validate_municipality_code(changed) == changed


@pytest.mark.parametrize(
    ("first5", "weighted_sum", "check"),
    [("22000", 22, 1), ("13000", 21, 1), ("02001", 12, 0), ("13101", 27, 6), ("01100", 9, 2)],
)
def test_mod11_check_digit_is_the_last_digit_of_11_minus_remainder(
    first5: str, weighted_sum: int, check: int
) -> None:
    # remainder 0 → 11 → 1, remainder 1 → 10 → 0, remainder 10 → 1 (shared with 0)
    assert sum(int(d) * w for d, w in zip(first5, (6, 5, 4, 3, 2), strict=True)) == weighted_sum
    assert municipality_check_digit(first5) == check
    assert validate_municipality_code(first5 + str(check)) == first5 + str(check)


def test_mod11_collision_is_an_accepted_single_digit_change() -> None:
    # 13000 (sum 21, remainder 10) and 13040 (sum 33, remainder 0) both get check digit 1.
    assert validate_municipality_code("130001") == "130001"
    assert validate_municipality_code("130401") == "130401"
