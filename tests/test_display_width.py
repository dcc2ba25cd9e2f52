"""``display_width`` and ``pad`` (issue 20): printed tables stay aligned when a cell holds Hangul,
each syllable two columns wide in a monospace terminal or notebook output."""

from __future__ import annotations

import pytest

from thermal_utils import display_width, pad


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("", 0),
        ("accuracy", 8),
        ("정확도", 6),
        ("균형 정확도", 11),
        ("val. 균형", 9),
        ("°C ± 0.5", 8),  # East Asian Ambiguous: one column, as in a Western monospace font
        ("ｆｕｌｌ", 8),  # fullwidth Latin
        ("日本", 4),
        ("e\u0301", 1),  # a combining accent takes no column
        ("a\u200bb", 2),  # a zero-width space
        ("\u1112\u1161\u11ab", 2),  # 한 written as conjoining jamo: one syllable block
    ],
)
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_pad_aligns_a_table_with_korean_cells() -> None:
    rows = [
        ("model", "balanced"),
        ("MLP", "0.912"),
        ("강의의 모델", "0.500"),
        ("합성곱 신경망", "0.934"),
    ]
    lines = [pad(name, 16) + pad(value, 10, ">") + "|" for name, value in rows]
    assert {display_width(line) for line in lines} == {27}
    assert lines[2] == "강의의 모델" + " " * 5 + " " * 5 + "0.500|"


def test_pad_is_format_for_ascii_text() -> None:
    for text in ("", "a", "loss", "a much longer text than the width"):
        for align in ("<", ">", "^"):
            assert pad(text, 9, align) == f"{text:{align}9}"
    assert pad(0.5, 6, ">") == "   0.5" and pad(12, 1) == "12"
    assert pad("가", 5, "^") == " 가  "
    with pytest.raises(ValueError, match="align must be one of"):
        pad("x", 3, "=")
