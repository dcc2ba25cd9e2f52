"""The strict compiled parser (thermal_utils/fast_parse.py): bit-identical float32
values to the general parser for every token it reads, and None for everything else."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thermal_utils.frames import MAX_PLAUSIBLE_C, MIN_PLAUSIBLE_C
from thermal_utils.tooling import fast_parse
from thermal_utils.tooling.frame_text import scan_block

pytestmark = pytest.mark.skipif(
    not fast_parse.AVAILABLE, reason="numba is not installed: no compiled parser"
)


@pytest.fixture(autouse=True)
def _enabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_parse, "ENABLED", True)  # even under THERMAL_UTILS_FAST_PARSE=0


def general(tokens: list[str]) -> np.ndarray:
    """What the general parser's scan does: Python's float (correctly rounded), then float32."""
    return np.asarray([float(token) for token in tokens], dtype=np.float32)


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype == np.float32 and a.shape == b.shape and a.tobytes() == b.tobytes()


@st.composite
def decimal(draw: st.DrawFn, max_int_digits: int = 6, max_decimals: int = 6) -> str:
    """A token of the format's shape: optional sign, digits (leading zeros allowed),
    optionally a point and 1.. decimals."""
    sign = draw(st.sampled_from(["", "-", "-", "+"]))
    whole = draw(st.text("0123456789", min_size=1, max_size=max_int_digits))
    decimals = draw(st.one_of(st.integers(1, 3), st.integers(0, max_decimals)))
    fraction = draw(st.text("0123456789", min_size=decimals, max_size=decimals))
    return sign + whole + ("." + fraction if decimals else "")


@settings(max_examples=1000, deadline=None, database=None)
@given(st.lists(decimal(), min_size=1, max_size=30))
def test_random_decimals_read_bit_identically(tokens: list[str]) -> None:
    values = fast_parse.parse_block([" ".join(tokens)])
    digits = max(sum(ch.isdigit() for ch in token) for token in tokens)
    if digits > fast_parse.MAX_DIGITS:
        assert values is None  # too long: refused by the one grammar (values.MAX_DECIMAL_DIGITS)
        return
    assert values is not None
    assert same_bits(values[0], general(tokens))


@settings(max_examples=200, deadline=None, database=None)
@given(st.integers(1, 6), st.integers(120, 130), st.integers(0, 2**32 - 1))
def test_blocks_of_temperature_like_values(nrows: int, width: int, seed: int) -> None:
    """Rows as the camera writes them (mostly DD.D, read by the pattern lane) and with
    other shapes mixed in (negative, one or three digits, more decimals)."""
    rng = np.random.default_rng(seed)
    mixed = rng.random() < 0.5  # half the blocks: DD.D only
    rows = []
    for _ in range(nrows):
        row = [f"{m // 10:02d}.{m % 10}" for m in rng.integers(0, 1000, width)]
        for column in rng.integers(0, width, rng.integers(0, 6) if mixed else 0):
            decimals = int(rng.integers(1, 4))
            row[column] = f"{rng.uniform(MIN_PLAUSIBLE_C, MAX_PLAUSIBLE_C):.{decimals}f}"
        rows.append(row)
    values = fast_parse.parse_block(
        [" ".join(row) for row in rows], 120, MIN_PLAUSIBLE_C, MAX_PLAUSIBLE_C
    )
    expected = np.asarray([[float(t) for t in row] for row in rows], dtype=np.float32)
    assert values is not None and same_bits(values, expected)


def test_every_value_with_up_to_three_decimals_in_range() -> None:
    """-40.000 .. 250.000 in steps of 0.001, and every tenth and hundredth, written as
    the format writes them: bit-identical to float() then float32."""
    for decimals in (1, 2, 3):
        scale = 10**decimals
        tokens = [f"{m / scale:.{decimals}f}" for m in range(-40 * scale, 250 * scale + 1)]
        tokens += ["0.0"] * (-len(tokens) % 120)
        rows = [" ".join(tokens[i : i + 120]) for i in range(0, len(tokens), 120)]
        values = fast_parse.parse_block(rows, 120, MIN_PLAUSIBLE_C, MAX_PLAUSIBLE_C)
        assert values is not None and same_bits(values.ravel(), general(tokens)), decimals


def test_signed_zero_and_leading_zeros() -> None:
    values = fast_parse.parse_block(["-0.0 0.0 -0 +0.0 007.50 -00.1 +12"])
    assert values is not None and same_bits(
        values[0], general(["-0.0", "0.0", "-0", "+0.0", "007.50", "-00.1", "+12"])
    )
    assert np.signbit(values[0, 0]) and not np.signbit(values[0, 1])


@pytest.mark.parametrize(
    "token",
    [
        "1e3",
        "2.5e1",
        "nan",
        "inf",
        "-inf",
        ".5",
        "5.",
        "1_0",
        "22,4",
        "0x1",
        "1.2.3",
        "1-2",
        "--1",
        "+-1",
        "-",
        "+",
        ".",
        "",
        "\u0661",
        "\uff11",
        "abc",
        "#",
        "1234567890123456",
        "1.234567890123456",
        "12 ",
    ],
)
def test_anything_else_is_left_to_the_general_parser(token: str) -> None:
    assert fast_parse.parse_block([f"22.5 {token} 22.5"]) is None
    assert (
        fast_parse.parse_block([token]) is None or token == "12 "
    )  # "12 " alone: a trailing empty value
    assert fast_parse.parse_block(["22.5 22.5", f"22.5 {token}"]) is None


@pytest.mark.parametrize(
    "lines",
    [
        ["22.5  22.5"],
        [" 22.5"],
        ["22.5 "],
        ["22.5\t22.5"],
        ["22.5\r"],
        ["22.5 22.5", "22.5"],
        ["22.5", "22.5 22.5"],
        ["22.5", ""],
        ["", "22.5"],
        ["22.5\n22.5"],
        [],
    ],
)
def test_spacing_and_widths_must_be_exact(lines: list[str]) -> None:
    assert fast_parse.parse_block(lines) is None


def test_width_and_range_limits() -> None:
    row = " ".join(["22.5"] * 120)
    assert fast_parse.parse_block([row], 120, MIN_PLAUSIBLE_C, MAX_PLAUSIBLE_C) is not None
    assert fast_parse.parse_block([" ".join(["22.5"] * 119)], 120) is None
    for bad in ("250.1", "-40.1", "300.2", "-273.0"):
        assert (
            fast_parse.parse_block([row[:-4] + bad], 120, MIN_PLAUSIBLE_C, MAX_PLAUSIBLE_C) is None
        ), bad
    for edge in ("250.0", "-40.0", "250.000000", "-40.0000"):
        values = fast_parse.parse_block([row[:-4] + edge], 120, MIN_PLAUSIBLE_C, MAX_PLAUSIBLE_C)
        assert values is not None and values[0, -1] == np.float32(float(edge)), edge
    # float32 rounds these onto the bounds, but the range applies to the value written
    # (issue 21): refused, as the token-by-token parser refuses them.
    for hair in ("-40.00000001", "250.000001"):
        line = row[:-4] + hair
        assert fast_parse.parse_block([line], 120, MIN_PLAUSIBLE_C, MAX_PLAUSIBLE_C) is None, hair
        with pytest.raises(ValueError, match="within -40..250"):
            scan_block([line], "edge.txt", 0, 120, "a temperature")
    # No DD.D value is in range: the pattern lane is off, the token loop checks each value.
    assert fast_parse.parse_block([row], 120, 30.0, 40.0) is None
    assert fast_parse.parse_block([" ".join(["35.5"] * 120)], 120, 30.0, 40.0) is not None


def test_disabled_means_general_parser_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_parse, "ENABLED", False)
    assert fast_parse.parse_block(["22.5"]) is None
    assert fast_parse.parse_frame(b"anything", 120, MIN_PLAUSIBLE_C, MAX_PLAUSIBLE_C) is None
