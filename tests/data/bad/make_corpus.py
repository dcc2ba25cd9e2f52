"""Write the corpus of malformed (and harmlessly odd) frame files beside this script.

Run from the repository root to regenerate it (the output is byte-for-byte
deterministic; ``tests/test_bad_corpus.py`` checks that the committed files match):

    python tests/data/bad/make_corpus.py

Every case starts from the same valid frame (``valid.txt``) and breaks one thing.
What the reader does with each case is documented in data/README.md ("Malformed
and odd files") and checked in tests/test_bad_corpus.py. The "huge file" case is not
committed: ``write_huge_file`` makes a sparse one at test time.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for thermal_utils

from thermal_utils.frames import Frame  # noqa: E402
from thermal_utils.tooling.frame_text import format_frame

DIRECTORY_CASE = "TK110_20201201_090000_0001.txt"
"""A folder named like a frame file (holding a .gitkeep so that git keeps it)."""


def base_frame() -> Frame:
    """The valid frame every case starts from: 110 x 120 values in °C, one decimal."""
    rng = np.random.default_rng(2020)
    rows = np.round(rng.uniform(18.0, 37.5, size=(110, 120)), 1).astype(np.float32)
    blackbody = np.round(35.0 + rng.normal(0, 0.05, size=(50, 8)), 1).astype(np.float32)
    metadata = {"camera": "TK110", "timestamp": "2020-12-01T09:00:00", "ambient_c": "22.5"}
    return Frame(rows=rows, blackbody=blackbody, reference_c=35.02, metadata=metadata)


def _lines() -> list[str]:
    return format_frame(base_frame()).split("\n")[:-1]


def _text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def _with_token(line_number: int, column: int, token: str) -> bytes:
    """The base frame with one value replaced (1-based line and column, as editors count)."""
    lines = _lines()
    tokens = lines[line_number - 1].split(" ")
    tokens[column - 1] = token
    lines[line_number - 1] = " ".join(tokens)
    return _text(lines).encode()


def _truncated() -> bytes:
    """Cut in the middle of line 151, as a copy interrupted part-way would leave it."""
    text = _text(_lines())
    cut = sum(len(line) + 1 for line in _lines()[:150]) + 37
    return text[:cut].encode()


def _short_row() -> bytes:
    lines = _lines()
    lines[130] = " ".join(lines[130].split(" ")[:100])  # line 131 keeps 100 of its 120 values
    return _text(lines).encode()


def _kelvin() -> bytes:
    """Every temperature written in kelvin (°C + 273.15), a common export mistake."""
    lines = _lines()
    for index in range(100, 210):
        lines[index] = " ".join(f"{float(v) + 273.15:.1f}" for v in lines[index].split(" "))
    return _text(lines).encode()


def _tabs() -> bytes:
    """Values separated by tabs in the blackbody block and the temperature rows."""
    lines = _lines()
    for index in range(50, 210):
        lines[index] = lines[index].replace(" ", "\t")
    return _text(lines).encode()


def _decimal_commas() -> bytes:
    """Temperature rows written with decimal commas (22,4), as a German-locale spreadsheet does."""
    lines = _lines()
    for index in range(100, 210):
        lines[index] = lines[index].replace(".", ",")
    return _text(lines).encode()


def _binary_junk() -> bytes:
    """A PNG image saved under a frame's name: a PNG signature, then random bytes."""
    rng = np.random.default_rng(7)
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.integers(0, 256, size=2000, dtype=np.uint8).tobytes()


CASES: dict[str, Callable[[], bytes]] = {
    "valid.txt": lambda: _text(_lines()).encode(),
    "empty.txt": lambda: b"",
    "truncated.txt": _truncated,
    "short_row.txt": _short_row,
    "non_numeric.txt": lambda: _with_token(158, 12, "n/a"),
    "nan.txt": lambda: _with_token(102, 1, "nan"),
    "inf.txt": lambda: _with_token(180, 120, "-inf"),
    "kelvin.txt": _kelvin,
    "crlf.txt": lambda: _text(_lines()).replace("\n", "\r\n").encode(),
    "utf8_bom.txt": lambda: b"\xef\xbb\xbf" + _text(_lines()).encode(),
    "utf16_bom.txt": lambda: _text(_lines()).encode("utf-16"),  # little-endian with its BOM
    "utf16_no_bom.txt": lambda: _text(_lines()).encode("utf-16-le"),
    "tabs.txt": _tabs,
    "decimal_commas.txt": _decimal_commas,
    "binary_junk.txt": _binary_junk,
    "missing_reference.txt": lambda: _text(_lines()[:320]).encode(),
    "blackbody_huge.txt": lambda: _with_token(51, 3, "1e308"),
    "reference_huge.txt": lambda: _text(_lines()[:320] + ["1e308 reference_c"]).encode(),
    "ambient_kelvin.txt": lambda: _text([l.replace("# ambient_c: 22.5", "# ambient_c: 295.6") for l in _lines()]).encode(),
    # issue 21: one number grammar (ASCII decimals) and the range checked on the exact value
    "underscore.txt": lambda: _with_token(140, 7, "2_2.4"),
    "arabic_digits.txt": lambda: _with_token(150, 3, "\u0662\u0662.\u0664"),
    "fullwidth_digits.txt": lambda: _with_token(160, 9, "\uff12\uff12.\uff14"),
    "just_above_range.txt": lambda: _with_token(170, 5, "250.000001"),
    "just_below_range.txt": lambda: _with_token(190, 2, "-40.000001"),
}
"""File name -> its bytes. Behaviour of each: see tests/test_bad_corpus.py."""

EXPORTS = "exports"
"""Sub-folder of camera exports for ``thermal-utils convert`` (tests/test_bad_corpus.py)."""


def _scene(rows: int, columns: int, seed: int) -> np.ndarray:
    return np.round(np.random.default_rng(seed).uniform(19.0, 36.5, size=(rows, columns)), 1)


def _matrix_lines(values: np.ndarray, separator: str = " ") -> list[str]:
    return [separator.join(f"{v:.1f}" for v in row) for row in values]


def _blank_line() -> bytes:
    """A plain matrix with a blank line after its 10th row."""
    lines = _matrix_lines(_scene(20, 16, 1))
    return _text(lines[:10] + [""] + lines[10:]).encode()


def _flir_cut() -> bytes:
    """A FLIR CSV of an 80 x 60 sensor whose last row is missing (59 rows)."""
    header = ["File:,C:\\FLIR\\IR_0001.jpg", "Date:,12/1/2020", "Time:,9:00:37 AM"]
    return "\r\n".join(header + [r + "," for r in _matrix_lines(_scene(59, 80, 2), ",")]).encode("cp1252") + b"\r\n"


def _with_value(values: np.ndarray, row: int, column: int, value: float) -> np.ndarray:
    values = values.copy()
    values[row, column] = value
    return values


def _htpa_cut() -> bytes:
    """An HTPA 16 x 16 log whose last frame line is cut off after 100 values."""
    rng = np.random.default_rng(3)
    lines = ["HTPA16x16d v.2.0", "2020-12-01 Heimann Sensor log"]
    lines += [f"09:00:0{i}.000 " + " ".join(map(str, rng.integers(2900, 3200, size=256))) for i in range(3)]
    lines[-1] = " ".join(lines[-1].split(" ")[:101])
    return _text(lines).encode()


def _flir(rows: list[str], date: str) -> bytes:
    """A FLIR Tools CSV export (CRLF lines) of ``rows`` dated ``date`` (month/day/year)."""
    header = ["File:,C:\\FLIR\\IR_0002.jpg", f"Date:,{date}", "Time:,9:00:37 AM"]
    return "\r\n".join(header + rows).encode("utf-8") + b"\r\n"


def _flir_quoted(values: np.ndarray) -> list[str]:
    """Rows as a German-locale FLIR export writes them: "24,0","24,1",..."""
    return [",".join(f'"{v:.1f}"'.replace(".", ",") for v in row) for row in values]


def _flir_quote_unclosed() -> bytes:
    """Quoted decimal commas, one quote missing on row 20: "24,0","24,0,"24,0"."""
    rows = _flir_quoted(_scene(60, 80, 8))
    fields = rows[19].split(",")
    fields[5] = fields[5].rstrip('"')
    rows[19] = ",".join(fields)
    return _flir(rows, "12/1/2020")


def _cut_last_row() -> bytes:
    """A plain matrix whose last row stops after 5 of its 16 values."""
    lines = _matrix_lines(_scene(20, 16, 10))
    lines[-1] = " ".join(lines[-1].split(" ")[:5])
    return _text(lines).encode()


def _na_row() -> bytes:
    """A plain matrix with a row of n/a in the middle (row 11 of 20)."""
    lines = _matrix_lines(_scene(20, 16, 11))
    lines[10] = " ".join(["n/a"] * 16)
    return _text(lines).encode()


def _matrix_token(name: str, token: str) -> Callable[[], bytes]:
    """A plain 12 x 12 matrix with ``token`` as row 4's 5th value."""

    def make() -> bytes:
        lines = _matrix_lines(_scene(12, 12, 12))
        tokens = lines[3].split(" ")
        tokens[4] = token
        lines[3] = " ".join(tokens)
        return _text(lines).encode()

    make.__doc__ = f"A plain matrix with {name} ({token!r}) as one value."
    return make


def _ragged() -> bytes:
    lines = _matrix_lines(_scene(12, 12, 4), ",")
    lines[5] += ",22.0"
    return _text(lines).encode()


EXPORT_CASES: dict[str, Callable[[], bytes]] = {
    "blank_line.txt": _blank_line,
    "flir_cut.csv": _flir_cut,
    "kelvin_matrix.txt": lambda: _text(_matrix_lines(_scene(12, 12, 5) + 273.15)).encode(),
    "below_absolute_zero.txt": lambda: _text(_matrix_lines(_with_value(_scene(12, 12, 6), 3, 4, -300.0))).encode(),
    "sky.txt": lambda: _text(_matrix_lines(_with_value(_scene(12, 12, 7), 0, 0, -95.0))).encode(),
    "htpa_cut.txt": _htpa_cut,
    "ragged.csv": _ragged,
    "binary.csv": lambda: b"1,2,3\n\x00\x01\x02",
    "prose.txt": lambda: b"no numbers here\njust words\n",
    # issue 21: read completely or refused with the reason
    "flir_quoted_commas.csv": lambda: _flir(_flir_quoted(_scene(60, 80, 9)), "12/1/2020"),
    "flir_quote_unclosed.csv": _flir_quote_unclosed,
    "flir_bad_date.csv": lambda: _flir(_flir_quoted(_scene(60, 80, 13)), "25/12/2020"),
    "cut_last_row.txt": _cut_last_row,
    "na_row.txt": _na_row,
    "underscore.txt": _matrix_token("an underscore", "2_2.4"),
    "arabic_digits.txt": _matrix_token("Arabic-Indic digits", "\u0662\u0662.\u0664"),
}
"""Export name -> its bytes (``sky.txt`` and ``flir_quoted_commas.csv`` convert, the first with
a warning; ``flir_bad_date.csv`` only with ``--day``; the others fail)."""

DAY_FOLDERS = "folders"
"""Sub-folder holding a data directory whose day folders are no calendar days
(``train/<class>/<day>/``, each with a copy of ``valid.txt``): ``load_split`` skips them all."""

BAD_DAYS = {"20209999": "real", "20200230": "real", "20201399": "fake"}
"""Day folder -> its class folder."""


def build_day_folders(out_dir: Path) -> list[Path]:
    """``out_dir/train/<class>/<day>/<frame name>`` (``valid.txt``) for each of ``BAD_DAYS``."""
    written = []
    for day, cls in BAD_DAYS.items():
        path = out_dir / "train" / cls / day / f"TK110_{day}_090000_0001.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(CASES["valid.txt"]())
        written.append(path)
    return written


def write_huge_file(path: Path, size: int = 50 * 2**20) -> Path:
    """A sparse file of ``size`` bytes (50 MiB by default) that starts like a frame."""
    with open(path, "wb") as out:
        out.write(_text(_lines()).encode())
        out.truncate(size)
    return path


def build_corpus(out_dir: Path) -> list[Path]:
    """Write every case (and the frame-named folder) into ``out_dir``; return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, make in CASES.items():
        path = out_dir / name
        path.write_bytes(make())
        paths.append(path)
    folder = out_dir / DIRECTORY_CASE
    folder.mkdir(exist_ok=True)
    (folder / ".gitkeep").write_bytes(b"")
    exports = out_dir / EXPORTS
    exports.mkdir(exist_ok=True)
    for name, make in EXPORT_CASES.items():
        (exports / name).write_bytes(make())
        paths.append(exports / name)
    paths += build_day_folders(out_dir / DAY_FOLDERS)
    return paths + [folder]


if __name__ == "__main__":
    for written in build_corpus(HERE):
        print(written.relative_to(HERE))
