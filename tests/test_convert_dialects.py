"""``convert`` reads an export completely or refuses it (issue 21, items 2-4): CSV dialects
with quoted decimal commas, dates it cannot read, cut rows and unreadable rows.

Each case was reproduced on main: garbage frames, a frame filed under the file's modification
day, a cut last row dropped and the matrix stretched, one ``n/a`` row splitting a matrix in
two; all with exit 0."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thermal_utils import load_split
from thermal_utils.tooling.camera_formats import ExportFormatError, read_export
from thermal_utils.tooling.cli import main


def _values(seed: int = 0, rows: int = 110, columns: int = 120) -> np.ndarray:
    return np.round(np.random.default_rng(seed).uniform(19.0, 36.5, size=(rows, columns)), 1)


def _flir(rows: list[str], date: str | None = "12/1/2020") -> str:
    header = ["File:,C:\\IR_0001.jpg"]
    if date is not None:
        header += [f"Date:,{date}", "Time:,9:00:37 AM"]
    header += ["Parameters:,Emissivity:,0.95", ","]
    return "\r\n".join(header + rows) + "\r\n"


def _convert(source: Path, out: Path, *extra: str) -> int:
    argv = ["convert", str(source), "--out", str(out), "--split", "train", "--class", "real"]
    return main([*argv, *extra])


def _written(out: Path) -> list[Path]:
    return sorted(out.rglob("*.txt")) if out.exists() else []


def test_flir_with_quoted_decimal_commas_reads_every_value(tmp_path: Path) -> None:
    values = _values(1)
    rows = [",".join(f'"{v:.1f}"'.replace(".", ",") for v in row) for row in values]
    source = tmp_path / "IR.csv"
    source.write_text(_flir(rows), encoding="utf-8")
    export = read_export(source)
    assert export.format == "flir" and export.frames[0].values.shape == (110, 120)
    assert _convert(source, tmp_path / "data") == 0
    np.testing.assert_array_equal(
        load_split(tmp_path / "data", "train").frames[0], values.astype(np.float32)
    )


@pytest.mark.parametrize(
    "row",
    ['"24,0","24,0,"24,0"', '"24,0";"24,0"', "24,0,24,0,25"],
)
def test_a_quoted_row_that_does_not_parse_is_refused(tmp_path: Path, row: str) -> None:
    values = _values(2)
    rows = [",".join(f'"{v:.1f}"'.replace(".", ",") for v in r) for r in values]
    rows[40] = row
    source = tmp_path / "IR.csv"
    source.write_text(_flir(rows), encoding="utf-8")
    with pytest.raises(ExportFormatError) as caught:
        read_export(source)
    assert caught.value.line == 6 + 40


@pytest.mark.parametrize("date", ["25/12/2020", "2020-13-01", "31.02.2020", "yesterday"])
def test_a_date_that_does_not_parse_is_refused_not_guessed(tmp_path: Path, date: str) -> None:
    rows = [",".join(f"{v:.1f}" for v in row) for row in _values(3)]
    source = tmp_path / "IR.csv"
    source.write_text(_flir(rows, date=date), encoding="utf-8")
    assert _convert(source, tmp_path / "data") == 1
    assert _written(tmp_path / "data") == []
    # The user can say which day it is: then the export's date is not needed.
    assert _convert(source, tmp_path / "data", "--day", "20201225") == 0
    assert [p.parent.name for p in _written(tmp_path / "data")] == ["20201225"]


def test_an_export_without_a_date_needs_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "frame.txt"
    source.write_text("\n".join(" ".join(f"{v:.1f}" for v in row) for row in _values(4)) + "\n")
    assert _convert(source, tmp_path / "data") == 1
    assert "--day" in capsys.readouterr().err and _written(tmp_path / "data") == []
    assert _convert(source, tmp_path / "data", "--day", "20201203") == 0


@pytest.mark.parametrize("cut", [3, 7])
def test_a_cut_last_row_is_refused_not_dropped(tmp_path: Path, cut: int) -> None:
    values = _values(5)
    lines = [" ".join(f"{v:.1f}" for v in row) for row in values]
    lines[-1] = " ".join(lines[-1].split()[:cut])
    source = tmp_path / "frame.txt"
    source.write_text("\n".join(lines) + "\n")
    with pytest.raises(ExportFormatError) as caught:
        read_export(source)
    assert caught.value.line == 110 and "cut" in str(caught.value)
    assert _convert(source, tmp_path / "data", "--day", "20201203") == 1


@pytest.mark.parametrize("fill", ["n/a", "-", "NaN", "---"])
def test_an_unreadable_row_inside_a_matrix_is_refused_not_split(tmp_path: Path, fill: str) -> None:
    lines = [" ".join(f"{v:.1f}" for v in row) for row in _values(6)]
    lines[50] = " ".join([fill] * 120)
    source = tmp_path / "frame.txt"
    source.write_text("\n".join(lines) + "\n")
    with pytest.raises(ExportFormatError) as caught:
        read_export(source)
    assert caught.value.line == 51
    assert _convert(source, tmp_path / "data", "--day", "20201203") == 1
    assert _written(tmp_path / "data") == []


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    dialect=st.sampled_from(["flir", "flir-quoted", "optris", "optris-quoted", "tab", "space"]),
    decimals=st.integers(0, 3),
    seed=st.integers(0, 2**16),
)
def test_every_dialect_reads_back_the_values_written(
    tmp_path_factory: pytest.TempPathFactory, dialect: str, decimals: int, seed: int
) -> None:
    values = np.round(np.random.default_rng(seed).uniform(-30, 200, size=(12, 16)), decimals)
    comma = dialect.startswith("optris") or dialect == "flir-quoted"

    def text(v: float) -> str:
        t = f"{v:.{decimals}f}"
        return t.replace(".", ",") if comma else t

    quote = '"' if dialect.endswith("quoted") else ""
    separator = {"flir": ",", "optris": ";", "tab": "\t", "space": " "}[dialect.split("-")[0]]
    lines = [separator.join(f"{quote}{text(v)}{quote}" for v in row) for row in values]
    source = tmp_path_factory.mktemp("dialect") / "export.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    export = read_export(source)
    np.testing.assert_array_equal(export.frames[0].values, values)
