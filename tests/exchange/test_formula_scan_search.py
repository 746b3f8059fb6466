"""The formula scan looks for a closing ``</f>`` through its rare "f": it must find exactly what
a plain search finds, whatever the XML around it, or a formula without a cached value would be
missed (and imported as an empty cell)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from branchdesk.exchange import xlsx_formulas
from branchdesk.exchange.xlsx_formulas import find_rare

PIECES = [b"f", b">", b"</f>", b"<", b"/", b"x", b"</x:f>", b"f>", b"<f>", b"ff"]


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=40), tag=st.sampled_from(
    [b"</f>", b"</x:f>"]), cut=st.floats(0, 1), misses=st.sampled_from([0, 1, 3, 64]))
def test_the_rare_byte_search_finds_what_the_plain_search_finds(pieces, tag, cut, misses):
    block = b"".join(pieces)
    end = int(len(block) * cut)
    saved = xlsx_formulas._RARE_MISSES
    xlsx_formulas._RARE_MISSES = misses
    try:
        assert find_rare(block, tag, end) == block.find(tag, 0, end)
    finally:
        xlsx_formulas._RARE_MISSES = saved


@pytest.mark.parametrize("text, found", [
    (b'<c r="A1"><v>1</v></c>' * 1000 + b'<c r="B2"><f>A1*2</f><v>2</v></c>', True),
    (b"<c r=\"A1\" t=\"inlineStr\"><is><t>fff office ff</t></is></c>" * 500, False),
])
def test_a_sheet_full_of_the_letter_f_is_searched_as_well(text, found):
    assert (find_rare(text, b"</f>", len(text)) >= 0) is found
