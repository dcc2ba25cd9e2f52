"""``-p`` values of ``thermal-utils run`` and ``sweep``: typed as the notebooks declare, unknown
names refused, values checked before any notebook starts (issue 10, items 3 and 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thermal_utils.tooling import suite
from thermal_utils.tooling.cli import main
from thermal_utils.tooling.suite import coerce_params, coerce_value, suite_notebooks


@pytest.fixture
def no_notebooks_run(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Record what ``run_suite`` would get instead of running notebooks."""
    calls: list[dict] = []

    def fake_run_suite(params, out_dir, **kwargs):
        calls.append(dict(params))
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "summary.txt").write_text("ok\n")

    monkeypatch.setattr(suite, "run_suite", fake_run_suite)
    return calls


@pytest.mark.parametrize("pair", [["epoch", "1"], ["model", "cnn"]])
def test_unknown_parameter_is_an_error_naming_it(
    tiny_data_dir: Path,
    tmp_path: Path,
    pair: list[str],
    no_notebooks_run,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Item 3: a typo, or a name no notebook declares, stops the run before it starts."""
    code = main(
        ["run", "-p", *pair, "--data-dir", str(tiny_data_dir), "--out", str(tmp_path / "r")]
    )
    err = capsys.readouterr().err
    assert code == 2 and no_notebooks_run == []
    assert f"unknown parameter {pair[0]!r}: no notebook of this run declares it; known: " in err
    assert "epochs" in err and "first_day" in err


def test_first_day_stays_a_string(tiny_data_dir: Path, tmp_path: Path, no_notebooks_run) -> None:
    """Item 4: "20201203" is a str for first_day (declared str), an int for seed (declared int)."""
    code = main(
        [
            "run",
            "-p",
            "first_day",
            "20201201",
            "-p",
            "seed",
            "7",
            "--data-dir",
            str(tiny_data_dir),
            "--out",
            str(tmp_path / "r"),
        ]
    )
    assert code == 0
    assert no_notebooks_run[0]["first_day"] == "20201201" and no_notebooks_run[0]["seed"] == 7


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        (
            ["epochs", "1"],
            "parameter 'epochs' must be an integer from 2 to 1000 (at least 2, so that the loss can be seen to go down), got 1",
        ),
        (
            ["epochs", "2.5"],
            "parameter 'epochs' is declared int in the notebooks: expected an integer, got '2.5'",
        ),
        (
            ["shuffle", "yes"],
            "parameter 'shuffle' is declared bool in the notebooks: expected True or False, got 'yes'",
        ),
        (
            ["learning_rate", "nan"],
            "parameter 'learning_rate' is declared float in the notebooks: expected a finite number, got 'nan'",
        ),
        (
            ["first_day", "2020-12-01"],
            "parameter 'first_day' must be a day as a 'YYYYMMDD' string, or None for no limit, got '2020-12-01'",
        ),
        (["first_day", "20201201\n"], "parameter 'first_day' must be a day as a 'YYYYMMDD' string"),
    ],
)
def test_bad_values_stop_the_run_before_it_starts(
    tiny_data_dir: Path,
    tmp_path: Path,
    pair: list[str],
    message: str,
    no_notebooks_run,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        ["run", "-p", *pair, "--data-dir", str(tiny_data_dir), "--out", str(tmp_path / "r")]
    )
    assert code == 2 and no_notebooks_run == []
    assert message in capsys.readouterr().err


def test_a_parameter_given_twice_is_an_error(
    tiny_data_dir: Path, tmp_path: Path, no_notebooks_run, capsys
) -> None:
    assert (
        main(
            [
                "run",
                "-p",
                "seed",
                "1",
                "-p",
                "seed",
                "2",
                "--data-dir",
                str(tiny_data_dir),
                "--out",
                str(tmp_path / "r"),
            ]
        )
        == 2
    )
    assert "parameter 'seed' is given twice" in capsys.readouterr().err


def test_sweep_refuses_unknown_parameters(tiny_data_dir: Path, tmp_path: Path, capsys) -> None:
    assert (
        main(
            [
                "sweep",
                "--notebooks",
                "05_fit",
                "-p",
                "epoch",
                "3",
                "--data-dir",
                str(tiny_data_dir),
                "--out",
                str(tmp_path / "s"),
            ]
        )
        == 2
    )
    assert (
        "unknown parameter 'epoch': no notebook of this sweep declares it"
        in capsys.readouterr().err
    )
    assert not (tmp_path / "s").exists()


TYPES = suite.declared_types(suite_notebooks())


@settings(max_examples=200, deadline=None, database=None)
@given(name=st.sampled_from(sorted(TYPES)), text=st.text(max_size=30))
def test_any_value_is_typed_or_refused_by_name(name: str, text: str) -> None:
    """Hypothesis: a -p value becomes the declared type or raises a ValueError naming the parameter."""
    try:
        value = coerce_value(name, text, TYPES[name])
    except ValueError as error:
        assert repr(name) in str(error)
        return
    expected = {"str": str, "int": int, "float": float, "bool": bool}.get(TYPES[name])
    if expected is not None:
        assert type(value) is expected
    if TYPES[name] == "str":
        assert value == text


@settings(max_examples=100, deadline=None, database=None)
@given(
    name=st.text(min_size=1, max_size=20).filter(lambda n: n not in TYPES),
    text=st.text(max_size=10),
)
def test_any_unknown_name_is_refused(name: str, text: str) -> None:
    with pytest.raises(ValueError, match="unknown parameter"):
        coerce_params([(name, text)], suite_notebooks())
