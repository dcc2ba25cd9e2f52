"""The two frame-parser tiers accept and refuse exactly the same inputs (issue 21, item 6).

The compiled tier (``fast_parse``) reads a block in one pass; the token-by-token tier
(``frame_text.scan_block``) reads it value by value and names the fault. Both read one grammar
(``values.parse_decimal``: ASCII decimals of at most 15 digits) and check the range on the
exact value, before rounding to float32, so a file never passes or fails depending on which
tier happened to read it.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import make_frame
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thermal_utils import FrameFormatError
from thermal_utils import formats as fmt
from thermal_utils.formats import MAX_PLAUSIBLE_C, MIN_PLAUSIBLE_C
from thermal_utils.tooling import fast_parse
from thermal_utils.tooling.frame_text import format_frame, parse_frame_text, scan_block
from thermal_utils.tooling.values import decimal_problem, parse_decimal

BASE = format_frame(make_frame(11, width=120))
ROW = fmt.FIRST_ROW_LINE + 5


def _with_token(token: str, column: int = 3, other: str | None = None) -> str:
    """The base frame with ``token`` at ``column`` of one row (and ``other`` in another row)."""
    lines = BASE.split("\n")
    tokens = lines[ROW].split(" ")
    tokens[column] = token
    lines[ROW] = " ".join(tokens)
    if other is not None:
        tokens = lines[ROW + 10].split(" ")
        tokens[0] = other
        lines[ROW + 10] = " ".join(tokens)
    return "\n".join(lines)


@pytest.fixture(params=["fast", "general"])
def tier(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "fast" and not fast_parse.AVAILABLE:
        pytest.skip("numba is not installed: no compiled parser")
    monkeypatch.setattr(fast_parse, "ENABLED", request.param == "fast")
    return request.param


@pytest.mark.parametrize("token", ["-40.000001", "250.000001", "-40.00000001", "250.00000000001"])
@pytest.mark.parametrize("other", [None, "22.4e0"])
def test_a_value_a_hair_outside_the_range_is_refused_by_either_tier(
    tier: str, token: str, other: str | None
) -> None:
    """float32 rounds these onto -40.0 and 250.0; the range applies to the value written."""
    with pytest.raises(FrameFormatError) as caught:
        parse_frame_text(_with_token(token, other=other), "edge.txt")
    assert caught.value.line in (ROW + 1, ROW + 11)


@pytest.mark.parametrize("token", ["-40.0", "250.0", "-40.000000000000", "+250", "-0.0"])
def test_the_range_ends_themselves_are_accepted_by_either_tier(tier: str, token: str) -> None:
    frame = parse_frame_text(_with_token(token), "edge.txt")
    assert frame.rows[5, 3] == np.float32(float(token))


@pytest.mark.parametrize(
    "token",
    [
        "2_2.4",  # float() reads 22.4
        "\u0662\u0662.\u0664",  # Arabic-Indic 22.4
        "\uff12\uff12.\uff14",  # full-width 22.4
        "1e1",
        "2.24E1",
        "nan",
        "inf",
        ".5",
        "5.",
        "0x16",
        "1234567890123456",  # 16 digits
        "22.40000000000001",
    ],
)
def test_only_ascii_decimals_are_numbers_in_either_tier(tier: str, token: str) -> None:
    with pytest.raises(FrameFormatError) as caught:
        parse_frame_text(_with_token(token), "odd.txt")
    assert caught.value.line == ROW + 1 and "column 4" in caught.value.expected


@pytest.mark.parametrize("token", ["2_2.4", "\u0662\u0662", "\uff12\uff12", "1e1", " 22", "22 "])
def test_the_one_number_parser_refuses_what_float_accepts(token: str) -> None:
    float(token)  # Python reads it
    assert decimal_problem(token) is not None
    with pytest.raises(ValueError, match="expected a decimal number"):
        parse_decimal(token)


TOKENS = st.one_of(
    st.sampled_from(
        [
            "22.4",
            "-40.0",
            "250.0",
            "-40.000001",
            "250.000001",
            "-40.1",
            "250.1",
            "-0.0",
            "+5",
            "007.5",
            "123456789012.345",
            "1234567890123456",
            "2_2.4",
            "\u0662\u0662",
            "\uff12",
            "1e1",
            "nan",
            "",
            ".5",
            "5.",
            "22,4",
            "--1",
            "\t",
            "\r",
        ]
    ),
    st.integers(0, 8)
    .flatmap(
        lambda places: st.decimals(
            min_value=-60, max_value=270, allow_nan=False, allow_infinity=False, places=places
        )
    )
    .map(str),
    st.text(alphabet="0123456789.-+e_ ", max_size=7),
)


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.integers(1, 4).flatmap(
        lambda width: st.lists(
            st.lists(TOKENS, min_size=width, max_size=width + (1 if width > 2 else 0)),
            min_size=1,
            max_size=3,
        )
    )
)
def test_both_tiers_accept_and_refuse_the_same_blocks_and_agree_on_every_value(
    rows: list[list[str]],
) -> None:
    if not fast_parse.AVAILABLE:
        pytest.skip("numba is not installed: no compiled parser")
    lines = [" ".join(row) for row in rows]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fast_parse, "ENABLED", True)  # even under THERMAL_UTILS_FAST_PARSE=0
        compiled = fast_parse.parse_block(lines, 1, MIN_PLAUSIBLE_C, MAX_PLAUSIBLE_C)
    try:
        general = scan_block(lines, "block.txt", 0, 1, "a temperature in °C")
    except FrameFormatError:
        general = None
    assert (compiled is None) == (general is None), lines
    if general is not None:
        assert compiled.dtype == general.dtype == np.float32
        assert compiled.tobytes() == general.tobytes(), lines  # bit for bit, -0.0 included
