"""The loader's fast lane (thermal_utils/fast_read.py) against the general parser:
same temperatures, same errors, same datasets and skip reports."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import make_frame

from thermal_utils import FrameFormatError, load_split, read_frame
from thermal_utils.tooling import fast_parse
from thermal_utils.tooling.fast_read import fast_temperatures, read_temperatures
from thermal_utils.tooling.frame_text import format_frame

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "data" / "bad"
SAMPLE = ROOT / "data" / "sample"

pytestmark = pytest.mark.skipif(
    not fast_parse.AVAILABLE, reason="numba is not installed: no compiled parser"
)


@pytest.fixture(autouse=True)
def _enabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_parse, "ENABLED", True)  # even under THERMAL_UTILS_FAST_PARSE=0


def outcome(read, path: Path) -> tuple:
    """What reading gives, as comparable plain data: the array's bytes or the error."""
    try:
        values = read(path)
    except FrameFormatError as error:
        return ("format", str(error), error.line, error.expected, error.found)
    except OSError as error:
        return ("os", type(error).__name__, error.errno, str(error))
    return ("ok", values.dtype.str, values.shape, values.tobytes())


def general(path: Path) -> np.ndarray:
    return read_frame(path).temperatures


@pytest.mark.parametrize(
    "name",
    sorted(
        p.name
        for p in BAD.iterdir()
        if p.name not in ("make_corpus.py", "__pycache__", ".gitattributes")
    ),
)
def test_bad_corpus_reads_or_fails_alike(name: str) -> None:
    assert outcome(read_temperatures, BAD / name) == outcome(general, BAD / name)


def test_missing_file_fails_alike(tmp_path: Path) -> None:
    assert outcome(read_temperatures, tmp_path / "gone.txt") == outcome(
        general, tmp_path / "gone.txt"
    )


def test_written_frames_take_the_fast_lane(tmp_path: Path) -> None:
    for seed, width in ((1, 120), (2, 124), (3, 160)):
        data = format_frame(make_frame(seed, width=width)).encode()
        fast = fast_temperatures(data, tmp_path / "x.txt")
        assert fast is not None, "what write_frame writes is the strictest form"
        path = tmp_path / f"{seed}.txt"
        path.write_bytes(data)
        assert fast.tobytes() == general(path).tobytes()


VALID = format_frame(make_frame(21)).split("\n")[:-1]


def _edit(line: int, text: str) -> list[str]:
    lines = list(VALID)
    lines[line] = text
    return lines


def _token(line: int, column: int, token: str) -> list[str]:
    tokens = VALID[line].split(" ")
    tokens[column] = token
    return _edit(line, " ".join(tokens))


EDITS = {
    # Read by the general parser, declined or read alike by the fast lane:
    "negative_value": _token(105, 3, "-5.3"),
    "edge_values": _token(105, 0, "250.0")[:106]
    + [" ".join(["-40.0"] + VALID[106].split(" ")[1:])]
    + VALID[107:],
    "plus_sign": _token(150, 7, "+21.5"),
    "leading_zeros": _token(150, 7, "007.50"),
    "three_decimals": _token(150, 8, "21.125"),
    "exponent": _token(150, 9, "2.5e1"),
    "blackbody_far_off": _token(60, 5, "900.0"),
    "blackbody_negative": _token(60, 5, "-35.0"),
    "reference_only": _edit(320, "35.02"),
    "reference_far_off": _edit(320, "3000.0 reference_c"),
    "reference_exponent": _edit(320, "3.5e1 reference_c"),
    "ambient_odd": [x.replace("# ambient_c: 22.5", "# ambient_c: 1_000") for x in VALID],
    "header_non_ascii": [x.replace("# camera: TK110", "# camera: TK110 ° ü") for x in VALID],
    "stats_line_99_values": _edit(215, " ".join(["1.0"] * 99)),
    "tab_in_stats": _edit(215, VALID[215].replace(" ", "\t", 1)),
    "trailing_blank_line": VALID + [""],
    "no_final_newline": VALID,  # written without its last LF below
    # Rejected by the general parser, with its message:
    "kelvin": _token(130, 2, "300.2"),
    "blackbody_leading_zero": _edit(55, VALID[55].replace("bb 5 ", "bb 05 ", 1)),
    "blackbody_ragged": _edit(55, VALID[55] + " 35.0"),
    "blackbody_double_space": _edit(55, VALID[55].replace(" ", "  ", 3)),
    "row_double_space": _token(130, 2, ""),
    "row_sixteen_digits": _token(130, 2, "21.12345678901234"),
    "stats_line_100_values": _edit(215, " ".join(["1.0"] * 100)),
    "reference_nan": _edit(320, "nan reference_c"),
    "bad_timestamp": [x.replace("2020-12-01T09:00:00", "2020-13-01T09:00:00") for x in VALID],
    "missing_camera": ["#" if x.startswith("# camera") else x for x in VALID],
    "extra_line": VALID + ["extra"],
}


@pytest.mark.parametrize("case", sorted(EDITS))
def test_edited_frames_read_or_fail_alike(tmp_path: Path, case: str) -> None:
    path = tmp_path / f"TK110_20201201_090000_{case}.txt"
    text = "\n".join(EDITS[case]) + ("" if case == "no_final_newline" else "\n")
    path.write_bytes(text.encode())
    assert outcome(read_temperatures, path) == outcome(general, path)


@pytest.mark.parametrize("jobs", [1, 2])
def test_sample_split_loads_identically_on_both_paths(
    monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """load_split on the shipped sample data (junk files and all): the fast lane and
    the general parser give the same frames, labels, paths and report."""
    fast = load_split(SAMPLE, "train", jobs=jobs, progress=False)
    monkeypatch.setattr(fast_parse, "ENABLED", False)
    slow = load_split(SAMPLE, "train", jobs=1, progress=False)
    assert fast.frames.tobytes() == slow.frames.tobytes()
    assert fast.labels.tolist() == slow.labels.tolist() and list(fast.paths) == list(slow.paths)
    assert fast.report.lines() == slow.report.lines()
