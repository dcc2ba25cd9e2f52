"""Days are real calendar days, read by one parser (issue 21, item 7): day folders, the day and
time in frame file names, ``first_day``/``last_day`` of ``load_split``, ``info`` and the
notebooks' parameters. ``\\d`` matched any Unicode digit and the calendar was never checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import frame_name, make_frame
from hypothesis import given, settings
from hypothesis import strategies as st

from thermal_utils import load_split
from thermal_utils.tooling.cli import main
from thermal_utils.tooling.frame_text import write_frame
from thermal_utils.tooling.params import check_params
from thermal_utils.tooling.values import day_problem, parse_day


@pytest.mark.parametrize(
    "folder",
    [
        "20209999",
        "20201399",
        "20200230",
        "\u0662\u0660\u0662\u0660\u0661\u0662\u0660\u0661",
        "18991231",
    ],
)
def test_a_folder_that_is_no_calendar_day_is_skipped_with_the_reason(
    tiny_data_dir: Path, folder: str
) -> None:
    write_frame(tiny_data_dir / "train" / "real" / folder / "x.txt", make_frame(1))
    data = load_split(tiny_data_dir, "train")
    reasons = {s.path: s.reason for s in data.report.skipped}
    assert f"train/real/{folder}" in reasons, reasons
    assert "not a day folder" in reasons[f"train/real/{folder}"]
    assert folder not in set(data.days.tolist())


def test_a_file_name_whose_time_is_no_time_of_day_is_skipped(tiny_data_dir: Path) -> None:
    name = "TK110_20201201_996099_0009.txt"
    write_frame(tiny_data_dir / "train" / "real" / "20201201" / name, make_frame(2))
    data = load_split(tiny_data_dir, "train")
    reasons = {s.path: s.reason for s in data.report.skipped}
    assert "not a time of day" in reasons[f"train/real/20201201/{name}"]


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        ("20201202", "20201201", "is after last_day"),
        ("20201399", None, "not a calendar day"),
        (None, "20209999", "not a calendar day"),
        ("2020120", None, "YYYYMMDD"),
        ("\u0662\u0660\u0662\u0660\u0661\u0662\u0660\u0661", None, "ASCII"),
    ],
)
def test_load_split_refuses_a_range_that_is_no_range_of_days(
    tiny_data_dir: Path, first: str | None, last: str | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        load_split(tiny_data_dir, "train", first_day=first, last_day=last)


@pytest.mark.parametrize(
    "args",
    [
        ["--first-day", "20201399"],
        ["--first-day", "20201202", "--last-day", "20201201"],
    ],
)
def test_info_refuses_them_with_exit_2(
    tiny_data_dir: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) if args[1] == "20201399" else _no_exit():
        assert main(["info", str(tiny_data_dir), *args]) == 2
    assert "day" in capsys.readouterr().err


class _no_exit:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False


def test_the_notebook_parameters_take_calendar_days_only(tiny_data_dir: Path) -> None:
    check_params(data_dir=str(tiny_data_dir), first_day="20201201", last_day="20201219")
    with pytest.raises(ValueError, match="parameter 'last_day'.*not a calendar day"):
        check_params(data_dir=str(tiny_data_dir), last_day="20201399")


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet="0123456789\u0660\u0661\uff10 -\n", min_size=0, max_size=10))
def test_a_day_is_exactly_eight_ascii_digits_of_a_real_date_in_range(text: str) -> None:
    import datetime

    try:
        real = datetime.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        expected = (
            len(text) == 8 and text.isascii() and text.isdigit() and 1970 <= real.year <= 2099
        )
    except ValueError:
        expected = False
    assert (day_problem(text) is None) == expected, text
    if expected:
        assert parse_day(text) == text


def test_the_lecture_days_are_days() -> None:
    assert parse_day("20201201") == "20201201" and parse_day("20201219") == "20201219"
    assert day_problem(20201201) is not None  # an int is not a day string (issue 24 decides ints)
    assert frame_name("20201201", 1).startswith("TK110_20201201")
