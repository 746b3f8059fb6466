"""Text keys, stored text, search keys and the CSV formula guard (domain.md §2, ecosystem.md §6)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from branchdesk.domain.normalize import (
    cell_text,
    clean_text,
    normalize_key,
    search_key,
    strip_csv_formula_guard,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("株式会社ＡＢＣ", "株式会社ABC"),
        ("ｶﾌﾞｼｷｶﾞｲｼｬ", "カブシキガイシャ"),
        ("山田\u3000太郎", "山田太郎"),
        (" 山田 太郎 ", "山田太郎"),
        ("山田\t太郎\n", "山田太郎"),
        ("インフリキシマブ（遺伝子組換え）", "インフリキシマブ(遺伝子組換え)"),
        ("ＡＢ１２３", "AB123"),
        (12345, "12345"),
        (12345.0, "12345"),
    ],
)
def test_normalize_key_makes_spellings_equal(a: object, b: str) -> None:
    assert normalize_key(a) == normalize_key(b)


@pytest.mark.parametrize(("a", "b"), [("山田太郎", "山田次郎"), ("ABC", "abc"), ("1-2", "12")])
def test_normalize_key_keeps_different_keys_apart(a: str, b: str) -> None:
    assert normalize_key(a) != normalize_key(b)


@pytest.mark.parametrize("value", [None, "", " ", "\u3000", float("nan")])
def test_normalize_key_of_blank_is_empty(value: object) -> None:
    assert normalize_key(value) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  ｶﾌﾞｼｷｶﾞｲｼｬ ﾃｽﾄ\u3000", "ｶﾌﾞｼｷｶﾞｲｼｬ ﾃｽﾄ"),
        ("\u3000株式会社　テスト\u3000", "株式会社　テスト"),
        ("ＡＢＣ", "ＡＢＣ"),
        ("", None),
        ("  \u3000 ", None),
        (None, None),
        (float("nan"), None),
        (1234567.0, "1234567"),
        (12.5, "12.5"),
    ],
)
def test_clean_text_trims_but_keeps_what_was_given(value: object, expected: str | None) -> None:
    assert clean_text(value) == expected


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("株式会社サンプル商事", "さんぷる"),
        ("ｻﾝﾌﾟﾙｼｮｳｼﾞ", "サンプル"),
        ("ｻﾝﾌﾟﾙｼｮｳｼﾞ", "さんぷる"),
        ("ＡＢＣ物流", "abc"),
        ("abc物流", "ＡＢＣ"),
        ("センター", "ｾﾝﾀｰ"),
        ("センター", "センタ-"),
        ("センター", "センタ―"),
        ("センター", "センタ－"),
        ("コーヒー", "コ—ヒ—"),
        ("東京都千代田区1-2-3", "1ー2ー3"),
        ("東京都千代田区1-2-3", "１－２－３"),
        ("東京都千代田区1-2-3", "1−2−3"),
        ("東京都千代田区1-2-3", "1‐2‐3"),
        ("東京都千代田区1-2-3", "1–2–3"),
        ("4月〜6月", "4月～6月"),
        ("4月〜6月", "4月~6月"),
        ("山田　太郎", "山田 太郎"),
        ("山田　太郎", "山田太郎"),
        ("ＳＡＭＰＬＥ　ＣＯ．", "sample co."),
    ],
)
def test_search_key_query_finds_stored_text(stored: str, query: str) -> None:
    assert search_key(query) in search_key(stored)


@pytest.mark.parametrize(("stored", "query"), [("4月〜6月", "46"), ("1-2-3", "123"),
                                               ("センター", "センタ")])
def test_search_key_keeps_marks_that_matter(stored: str, query: str) -> None:
    assert search_key(stored) != search_key(query)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("𠮷野家", "𠮷野家"), ("ヴァイオリン", "ゔぁいおりん"), ("ヽヾ", "ゝゞ"), ("ーあ", "ーあ"),
     ("東京-", "東京-"), ("ABC-ｰ", "abc--"), ("カ--ド", "かーーど")],
)
def test_search_key_examples(text: str, expected: str) -> None:
    assert search_key(text) == expected


def test_search_key_joins_parts_with_tab() -> None:
    key = search_key("株式会社テスト", "ｶﾌﾞｼｷｶﾞｲｼｬﾃｽﾄ", None, "東京都 千代田区")
    assert key == "株式会社てすと\tかぶしきがいしゃてすと\t\t東京都千代田区"
    assert search_key("テスト") not in search_key("テス", "ト")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'=SUM(A1)", "=SUM(A1)"),
        ("'+81", "+81"),
        ("'-1", "-1"),
        ("'@user", "@user"),
        ("'\tx", "\tx"),
        ("'\rx", "\rx"),
        ("''=x", "'=x"),
        ("''abc", "'abc"),
        ("'abc", "'abc"),
        ("'", "'"),
        ("=SUM(A1)", "=SUM(A1)"),
        ("", ""),
    ],
)
def test_strip_csv_formula_guard(text: str, expected: str) -> None:
    assert strip_csv_formula_guard(text) == expected


@given(st.text())
def test_guard_undoes_the_exports_guard(text: str) -> None:
    from branchdesk.exchange.safe_write import csv_guard

    assert strip_csv_formula_guard(csv_guard(text)) == text


@given(st.text())
def test_search_key_is_idempotent_and_has_no_whitespace(text: str) -> None:
    key = search_key(text)
    assert search_key(key) == key
    assert not any(c.isspace() for c in key)


@pytest.mark.parametrize(("value", "expected"),
                         [(None, ""), (7, "7"), (7.0, "7"), (7.25, "7.25"), ("x", "x")])
def test_cell_text(value: object, expected: str) -> None:
    assert cell_text(value) == expected
