"""``thermal-utils sweep`` writes over nothing it did not write, and checks every value before
any run starts (issue 21, items 1 and 9). No notebook runs in these tests: every case is
refused before the first run."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import frame_name, make_frame

from thermal_utils.tooling.atomic import NotOurFileError, write_owned
from thermal_utils.tooling.cli import main
from thermal_utils.tooling.frame_text import write_frame
from thermal_utils.tooling.sweep import RESULTS_CSV, RESULTS_PNG, run_sweep


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    for split in ("train", "test"):
        for cls in ("real", "fake"):
            write_frame(root / split / cls / "20201201" / frame_name("20201201", 1), make_frame(3))
    return root


def _no_run(*args: object, **kwargs: object) -> None:
    raise AssertionError("a run started although the sweep should have been refused")


@pytest.mark.parametrize("name", [RESULTS_CSV, RESULTS_PNG])
def test_a_users_results_file_is_never_replaced(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    import thermal_utils.tooling.sweep as sweep

    monkeypatch.setattr(sweep, "run_suite", _no_run)
    out = tmp_path / "mine"
    (out / "epochs-3").mkdir(parents=True)
    (out / "epochs-3" / "metrics.json").write_text("{}")  # a stray file beside it
    (out / name).write_bytes(b"my own results, typed by hand\n")
    with pytest.raises(NotOurFileError, match=f"{name}.*not written by thermal-utils"):
        run_sweep({"epochs": [3]}, out, notebooks=["05_fit"], data_dir=data_dir)
    assert (out / name).read_bytes() == b"my own results, typed by hand\n"


def test_the_cli_refuses_with_exit_2_and_names_the_file(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / RESULTS_CSV).write_text("a,b\n1,2\n")
    code = main(
        [
            "sweep",
            "--notebooks",
            "05_fit",
            "-p",
            "epochs",
            "3",
            "--out",
            str(out),
            "--data-dir",
            str(data_dir),
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert str(out / RESULTS_CSV) in err and "choose another --out" in err
    assert (out / RESULTS_CSV).read_text() == "a,b\n1,2\n"


def test_a_file_the_sweep_wrote_is_replaced_and_one_changed_since_is_not(tmp_path: Path) -> None:
    path = tmp_path / RESULTS_CSV
    write_owned(path, b"run,status\n")
    write_owned(path, b"run,status\nx,complete\n")  # ours: replaced
    assert path.read_bytes() == b"run,status\nx,complete\n"
    path.write_bytes(b"run,status\nedited by hand\n")
    with pytest.raises(NotOurFileError):
        write_owned(path, b"run,status\n")
    assert path.read_bytes() == b"run,status\nedited by hand\n"


@pytest.mark.parametrize(
    ("param", "message"),
    [
        (["epochs", "1"], "parameter 'epochs' must be an integer from 2 to 1000"),
        (["first_day", "20201399"], "parameter 'first_day'"),
        (["learning_rate", "0.001", "-1"], "parameter 'learning_rate'"),
    ],
)
def test_every_value_is_checked_before_any_run(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    param: list[str],
    message: str,
) -> None:
    import thermal_utils.tooling.sweep as sweep

    monkeypatch.setattr(sweep, "run_suite", _no_run)
    out = tmp_path / "sweep"
    code = main(
        [
            "sweep",
            "--notebooks",
            "05_fit",
            "-p",
            *param,
            "--out",
            str(out),
            "--data-dir",
            str(data_dir),
        ]
    )
    assert code == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
