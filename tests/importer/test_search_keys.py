"""``search_keys`` (a whole column at a time, as the importer stages a register) gives exactly what
``search_key`` gives row by row: a search finds an imported employer as it finds an edited one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from branchdesk.domain.normalize import search_key, search_keys

#: Characters where the column-at-once normalisation could go wrong: kana of both widths, the
#: dash family and ー, combining marks, spaces of every width, NUL, letters that casefold to
#: two, and an astral ideograph.
_TRICKY = ("アｱｰー-‐−―─ｶﾞカ゛\u3099\u0301ab AＢ\u3000\t\n\u00a0ßİ〜～~1２𠮷株式会社\x00e"
           "ﾊﾟ・（）")
_CELL = st.one_of(st.none(), st.integers(-10, 10_000_000), st.floats(allow_nan=False),
                  st.text(alphabet=_TRICKY, max_size=12), st.text(max_size=6))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_CELL, _CELL, _CELL), max_size=20))
def test_a_column_at_once_equals_row_by_row(rows):
    names, kanas, symbols = ([row[i] for row in rows] for i in range(3))
    assert search_keys(names, kanas, symbols) == [search_key(*row) for row in rows]


@pytest.mark.parametrize("column", [
    ["株式会社　ＡＢＣ", "ｶﾌﾞｼｷｶﾞｲｼｬ エービーシー", "センタ-", "1ー2ー3"],
    ["ABC", "abc def", "", None],
    ["a\x00b", "テスト"],  # a NUL inside a value: row by row, same result
    [],
])
def test_typical_and_odd_columns(column):
    assert search_keys(column) == [search_key(v) for v in column]


def test_a_long_column_takes_the_array_path_with_the_same_result():
    column = [f"カブシキガイシャ〜{i}ヽヾ𠮷ｶﾞ-ー ﾃｽﾄ∼˜〰" for i in range(6000)]  # > 64K chars
    assert sum(map(len, column)) > 1 << 16
    assert search_keys(column) == [search_key(v) for v in column]
