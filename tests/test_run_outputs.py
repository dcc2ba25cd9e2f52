"""``thermal-utils run`` never writes over a file it did not create (issue 21, item 1 applied to
``run``): ``metrics.json``, ``summary.txt``, the executed notebooks, their ``.stderr.log`` and
``figures/`` in the output folder are replaced only when the folder's ledger
(``.thermal-utils-written.json``) says a run wrote them, or, for a folder written by an earlier
version (no ledger entry), when their content is recognisably a run's. No notebook runs here:
the refusals come before the first one, and the writing is tested on made-up executed notebooks.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import nbformat
import pytest

from thermal_utils.tooling import suite
from thermal_utils.tooling.atomic import LEDGER, NotOurFileError, claim, record_owned
from thermal_utils.tooling.cli import main
from thermal_utils.tooling.suite import (
    LOCK_NAME,
    check_run_outputs,
    extract_figures,
    finish_run,
    output_lock,
    run_suite,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
NOTEBOOKS = [Path("notebooks/01_explore.ipynb"), Path("notebooks/05_fit.ipynb")]


def _executed(out: Path, stem: str, figure: bytes = PNG, papermill: bool = True) -> Path:
    """A made-up executed notebook ``out/<stem>.ipynb`` with one PNG output, as papermill
    leaves it (its metadata names the output file) unless ``papermill`` is False."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("plot()")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data", data={"image/png": base64.b64encode(figure).decode()}
        )
    ]
    nb.cells = [cell]
    path = out / f"{stem}.ipynb"
    if papermill:
        nb.metadata["papermill"] = {
            "input_path": f"notebooks/{stem}.ipynb",
            "output_path": str(path),
        }
    out.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def _earlier_run(out: Path) -> None:
    """An output folder as an earlier version of ``run`` left it: no ledger."""
    for notebook in NOTEBOOKS:
        _executed(out, notebook.stem)
    (out / "05_fit.stderr.log").write_text("asyncio: Task was destroyed but it is pending!\n")
    (out / "figures").mkdir()
    (out / "figures" / "01_explore-cell00-0.png").write_bytes(PNG)
    (out / "metrics.json").write_text(json.dumps({"05_fit": {"val_balanced_accuracy": 0.9}}))
    (out / "summary.txt").write_text(
        "thermal-keras suite: 2 notebooks in 12.0 s wall\n  01_explore: 2.0 s\n"
        "parameters: the notebooks' defaults\n"
    )


def test_a_folder_an_earlier_run_wrote_is_adopted(tmp_path: Path) -> None:
    """``make run`` reruns into runs/tutorial/, written before there was a ledger."""
    out = tmp_path / "runs" / "tutorial"
    _earlier_run(out)
    check_run_outputs(out, NOTEBOOKS)  # no refusal
    result = finish_run(out, NOTEBOOKS, {"data_dir": "d"}, {"01_explore": 1.0, "05_fit": 2.0}, 0.0)
    ledger = json.loads((out / LEDGER).read_text())
    assert {"metrics.json", "summary.txt"} <= set(ledger)
    assert json.loads((out / "figures" / LEDGER).read_text()).keys() == {
        "01_explore-cell00-0.png",
        "05_fit-cell00-0.png",
    }
    assert result.figures and (out / "summary.txt").read_text().startswith("thermal-keras suite: ")
    check_run_outputs(out, NOTEBOOKS)  # and again, now from the ledger


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("summary.txt", b"my notes on this run\n"),
        ("metrics.json", b'{"accuracy": 0.97}\n'),
        ("metrics.json", b"not json"),
        ("05_fit.ipynb", b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'),
        ("05_fit.stderr.log", b"my log\n"),
        ("figures/05_fit-cell03-0.png", b"a picture of mine, not a PNG"),
    ],
)
def test_a_file_the_run_cannot_recognise_is_refused(
    tmp_path: Path, name: str, content: bytes
) -> None:
    out = tmp_path / "mine"
    (out / name).parent.mkdir(parents=True, exist_ok=True)
    (out / name).write_bytes(content)
    with pytest.raises(NotOurFileError) as error:
        check_run_outputs(out, NOTEBOOKS)
    assert str(out / name) in str(error.value) and "choose another --out" in str(error.value)
    assert (out / name).read_bytes() == content


def test_a_file_changed_since_the_run_wrote_it_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "run"
    _earlier_run(out)
    finish_run(out, NOTEBOOKS, {}, {"01_explore": 1.0, "05_fit": 2.0}, 0.0)
    with (out / "summary.txt").open("a") as summary:
        summary.write("my comment\n")  # still recognisable, but edited since the run wrote it
    with pytest.raises(NotOurFileError, match="summary.txt"):
        check_run_outputs(out, NOTEBOOKS)


def test_every_file_refused_is_named_at_once(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "summary.txt").write_text("mine\n")
    (out / "metrics.json").write_text("mine\n")
    with pytest.raises(NotOurFileError) as error:
        check_run_outputs(out, NOTEBOOKS)
    assert str(out / "summary.txt") in str(error.value) and str(out / "metrics.json") in str(
        error.value
    )


def test_a_file_where_the_figures_folder_goes_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "figures").write_text("mine\n")
    with pytest.raises(NotOurFileError, match="figures"):
        check_run_outputs(out, NOTEBOOKS)


def test_a_notebook_a_stopped_run_was_writing_is_its_own(tmp_path: Path) -> None:
    """papermill writes the executed notebook as it goes; a run killed then leaves it unrecorded
    in content, but claimed in the ledger: the next run replaces it."""
    out = tmp_path / "run"
    out.mkdir()
    claim(out / "05_fit.ipynb")
    (out / "05_fit.ipynb").write_text("{half a notebook")
    check_run_outputs(out, NOTEBOOKS)
    record_owned(out / "05_fit.ipynb")
    (out / "05_fit.ipynb").write_text("{changed by hand afterwards")
    with pytest.raises(NotOurFileError, match="05_fit.ipynb"):
        check_run_outputs(out, NOTEBOOKS)


def test_a_users_figure_is_not_replaced_when_figures_are_extracted(tmp_path: Path) -> None:
    out = tmp_path / "run"
    executed = _executed(out, "05_fit")
    (out / "figures").mkdir()
    (out / "figures" / "05_fit-cell00-0.png").write_bytes(b"mine")
    with pytest.raises(NotOurFileError, match="05_fit-cell00-0.png"):
        extract_figures(executed, out / "figures")
    assert (out / "figures" / "05_fit-cell00-0.png").read_bytes() == b"mine"


def test_run_suite_refuses_before_any_notebook(
    tmp_path: Path, tiny_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("a notebook started although the run should have been refused")

    monkeypatch.setattr(suite, "_run_locked", no_run)
    out = tmp_path / "mine"
    out.mkdir()
    (out / "summary.txt").write_text("mine\n")
    with pytest.raises(NotOurFileError, match="summary.txt"):
        run_suite({"data_dir": str(tiny_data_dir)}, out, notebooks=NOTEBOOKS)
    assert (out / "summary.txt").read_text() == "mine\n" and not (out / LOCK_NAME).exists()


def test_the_cli_refuses_with_exit_2_and_says_what_to_do(
    tmp_path: Path, tiny_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "metrics.json").write_text('{"mine": true}\n')
    assert main(["run", "--data-dir", str(tiny_data_dir), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{out / 'metrics.json'} exists and was not written by thermal-utils" in err
    assert "choose another --out, or move the file away" in err
    assert (out / "metrics.json").read_text() == '{"mine": true}\n'


def test_a_lock_file_that_is_not_a_runs_is_not_deleted(tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).write_text("my notes\n")
    with pytest.raises(NotOurFileError, match=LOCK_NAME), output_lock(tmp_path):
        pass
    assert (tmp_path / LOCK_NAME).read_text() == "my notes\n"


def _fake_execute(
    notebook: Path, output: Path, given: dict, kernel_name: str, helper: bool = False
) -> float:
    """Stands in for papermill in a worker process: writes the executed copy and a log."""
    _executed(output.parent, output.stem, figure=PNG + notebook.stem.encode())
    output.with_suffix(".stderr.log").write_text(f"kernel chatter of {notebook.stem}\n")
    return 0.1


def _suite_notebooks(folder: Path) -> list[Path]:
    """Two numbered notebooks with a parameters cell (never executed here)."""
    folder.mkdir()
    paths = []
    for stem in ("01_explore", "02_more"):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell('data_dir: str = "../data/sample"')
        cell.metadata["tags"] = ["parameters"]
        nb.cells = [cell]
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        paths.append(folder / f"{stem}.ipynb")
        nbformat.write(nb, paths[-1])
    return paths


def test_a_run_records_what_it_wrote_and_replaces_only_that(
    tmp_path: Path, tiny_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    monkeypatch.setattr(suite, "_execute", _fake_execute)
    notebooks = _suite_notebooks(tmp_path / "notebooks")
    out = tmp_path / "run"
    for _ in range(2):  # the second run replaces what the first wrote
        run_suite({"data_dir": str(tiny_data_dir)}, out, notebooks=notebooks, jobs=2)
        ledger = json.loads((out / LEDGER).read_text())
        for name in ("01_explore.ipynb", "02_more.stderr.log", "metrics.json", "summary.txt"):
            assert ledger[name] == hashlib.sha256((out / name).read_bytes()).hexdigest(), name
        assert sorted(p.name for p in (out / "figures").glob("*.png")) == [
            "01_explore-cell00-0.png",
            "02_more-cell00-0.png",
        ]
    (out / "02_more.ipynb").write_text("{}")  # changed by hand since
    with pytest.raises(NotOurFileError, match="02_more.ipynb"):
        run_suite({"data_dir": str(tiny_data_dir)}, out, notebooks=notebooks, jobs=2)
    assert (out / "02_more.ipynb").read_text() == "{}"
