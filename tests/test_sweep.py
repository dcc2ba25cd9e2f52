"""``thermal-utils sweep``: a tiny sweep of one fast notebook, its CSV, resuming, and ``--jobs``."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import frame_name, make_frame

from thermal_utils.preprocess import get_scaling
from thermal_utils.tooling.cli import main
from thermal_utils.tooling.frame_text import write_frame
from thermal_utils.tooling.sweep import combinations, parse_grid, read_csv, run_name, run_sweep

GRID = {"scaling": ["lecture", "physical"]}
PROBE_SOURCES = [
    (
        """data_dir: str = "../data/sample"  # data directory
artifacts_dir: str = "../artifacts"  # artifacts directory
scaling: str = "physical"  # scaling name
seed: int = 42  # random seed""",
        ["parameters"],
    ),
    (
        """from thermal_utils import datasets, training
from thermal_utils.tooling.params import check_params
from thermal_utils.preprocess import get_scaling

p = check_params(data_dir=data_dir, artifacts_dir=artifacts_dir, scaling=scaling, seed=seed)
train, test = datasets.load_train_test(p)
x = get_scaling(p.scaling).apply(train.frames)
training.record_metrics(p, "probe", {"scaling": p.scaling, "x_mean": round(float(x.mean()), 4), "frames": len(train)})""",
        [],
    ),
]
"""A notebook as small as a sweep's run can be (no TensorFlow): the sweep machinery is under test here;
the suite's own notebooks are run by tests/test_suite_run.py."""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sweep-data")
    seed = 200
    for (split, cls), count in {
        ("train", "real"): 3,
        ("train", "fake"): 2,
        ("test", "real"): 1,
        ("test", "fake"): 1,
    }.items():
        for i in range(count):
            write_frame(
                root / split / cls / "20201201" / frame_name("20201201", i + 1), make_frame(seed)
            )
            seed += 1
    return root


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> str:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    cells = []
    for source, tags in PROBE_SOURCES:
        cells.append(new_code_cell(source))
        cells[-1].metadata["tags"] = tags
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    path = tmp_path_factory.mktemp("probe") / "probe.ipynb"
    nbformat.write(nb, path)
    return str(path)


@pytest.fixture(scope="module")
def first_sweep(data_dir: Path, probe: str, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("sweeps") / "tiny"
    return out, run_sweep(GRID, out, notebooks=[probe], data_dir=data_dir, jobs=1)


def test_grid_parsing_and_run_names() -> None:
    grid = parse_grid(
        [["epochs", "5", "10"], ["optimizer", "rmsprop", "adam"], ["learning_rate", "0.001"]]
    )
    assert grid == {"epochs": [5, 10], "optimizer": ["rmsprop", "adam"], "learning_rate": [0.001]}
    combos = combinations(grid)
    assert len(combos) == 4 and combos[1] == {
        "epochs": 5,
        "optimizer": "adam",
        "learning_rate": 0.001,
    }
    assert run_name(combos[1]) == "epochs-5_optimizer-adam_learning_rate-0.001"
    assert run_name({"data": "a/b c"}) == "data-a_b_c" and run_name({}) == "default"
    for bad in ([["epochs"]], [["epochs", "1"], ["epochs", "2"]], [["data_dir", "x"]]):
        with pytest.raises(ValueError):
            parse_grid(bad)


def test_csv_holds_every_run_and_its_metrics(first_sweep, data_dir: Path) -> None:
    from thermal_utils.datasets import load_split

    out, result = first_sweep
    assert (
        result.ran == ["scaling-lecture", "scaling-physical"]
        and result.skipped == []
        and not result.failed
    )
    rows = read_csv(out / "results.csv")
    assert [r["run"] for r in rows] == ["scaling-lecture", "scaling-physical"]
    assert [r["status"] for r in rows] == ["complete", "complete"]
    frames = load_split(data_dir, "train", first_day="20201201", last_day="20201219").frames
    for row in rows:
        assert row["probe.scaling"] == row["scaling"] and row["probe.frames"] == len(frames) == 5
        assert row["probe.x_mean"] == round(
            float(get_scaling(row["scaling"]).apply(frames).mean()), 4
        )
    assert (out / "results.png").stat().st_size > 1000
    assert (out / "scaling-lecture" / "probe.ipynb").is_file()


def test_second_call_skips_finished_runs(first_sweep, data_dir: Path, probe: str) -> None:
    out, _ = first_sweep
    stamps = {p: p.stat().st_mtime_ns for p in out.glob("*/metrics.json")}
    again = run_sweep(GRID, out, notebooks=[probe], data_dir=data_dir)
    assert again.ran == [] and again.skipped == ["scaling-lecture", "scaling-physical"]
    assert {p: p.stat().st_mtime_ns for p in out.glob("*/metrics.json")} == stamps


def test_jobs_give_the_same_csv_and_the_cli_resumes_incomplete_runs(
    first_sweep, data_dir: Path, probe: str, tmp_path: Path, capsys
) -> None:
    out, _ = first_sweep
    parallel = run_sweep(GRID, tmp_path / "parallel", notebooks=[probe], data_dir=data_dir, jobs=2)
    assert sorted(parallel.ran) == ["scaling-lecture", "scaling-physical"]
    assert (tmp_path / "parallel" / "results.csv").read_text() == (out / "results.csv").read_text()
    # A run without a complete metrics.json (stopped before writing it) is run again; the
    # finished one is skipped.
    (tmp_path / "parallel" / "scaling-lecture" / "metrics.json").unlink()
    code = main(
        [
            "sweep",
            "--notebooks",
            probe,
            "-p",
            "scaling",
            "lecture",
            "physical",
            "--data-dir",
            str(data_dir),
            "--out",
            str(tmp_path / "parallel"),
            "--jobs",
            "2",
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "ran 1, skipped 1 already complete, failed 0" in printed
    assert (tmp_path / "parallel" / "results.csv").read_text() == (out / "results.csv").read_text()


def test_failing_runs_are_reported(data_dir: Path, probe: str, tmp_path: Path, capsys) -> None:
    # A bad value stops the sweep before any run (issue 21, item 9), with exit 2.
    argv = ["sweep", "--notebooks", probe, "--data-dir", str(data_dir), "--out"]
    assert main([*argv, str(tmp_path / "bad"), "-p", "scaling", "kelvin"]) == 2
    assert "parameter 'scaling' must be one of" in capsys.readouterr().err
    assert not (tmp_path / "bad").exists()
    # A run that cannot go ahead (a folder with results of unknown origin) is listed as failed.
    (tmp_path / "taken" / "scaling-lecture").mkdir(parents=True)
    (tmp_path / "taken" / "scaling-lecture" / "metrics.json").write_text("{}")
    code = main([*argv, str(tmp_path / "taken"), "-p", "scaling", "lecture"])
    captured = capsys.readouterr()
    assert code == 1 and "failed 1" in captured.out
    assert "holds results without a run.json" in captured.err
    rows = read_csv(tmp_path / "taken" / "results.csv")
    assert rows == [{"run": "scaling-lecture", "status": "incomplete", "scaling": "lecture"}]
    assert (
        main(["sweep", "--notebooks", "99_nothing", "-p", "seed", "1", "--data-dir", str(data_dir)])
        == 2
    )


def test_resume_is_keyed_on_the_data_and_the_parameters(
    first_sweep, data_dir: Path, probe: str, tmp_path: Path, capsys
) -> None:
    """Issue 10, item 5: another data directory (or changed files) does not count as done, and
    the run folders of the first data are neither reused nor overwritten."""
    import shutil

    out, _ = first_sweep
    other = tmp_path / "other-data"
    shutil.copytree(data_dir, other)
    next(iter(sorted((other / "train" / "real").rglob("*.txt")))).unlink()
    stamps = {p: p.stat().st_mtime_ns for p in out.glob("*/metrics.json")}
    again = run_sweep(GRID, out, notebooks=[probe], data_dir=other)
    assert again.ran == [] and again.skipped == []
    assert sorted(again.failed) == ["scaling-lecture", "scaling-physical"]
    assert (
        "holds a run made with other data (another data directory, or its files changed); choose another --out"
        in again.failed["scaling-lecture"]
    )
    assert [r["status"] for r in read_csv(out / "results.csv")] == ["incomplete", "incomplete"]
    assert {p: p.stat().st_mtime_ns for p in out.glob("*/metrics.json")} == stamps
    code = main(
        [
            "sweep",
            "--notebooks",
            probe,
            "-p",
            "scaling",
            "lecture",
            "physical",
            "--data-dir",
            str(other),
            "--out",
            str(out),
        ]
    )
    assert code == 1 and "failed 2" in capsys.readouterr().out
    # Another fixed parameter is another run, too.
    changed = run_sweep(GRID, out, notebooks=[probe], data_dir=data_dir, fixed={"seed": 7})
    assert "other parameters" in changed.failed["scaling-lecture"]
    # The original data still resumes (and restores the CSV).
    assert run_sweep(GRID, out, notebooks=[probe], data_dir=data_dir).skipped == [
        "scaling-lecture",
        "scaling-physical",
    ]
