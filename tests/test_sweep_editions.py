"""``thermal-utils sweep`` and ``run`` with the Korean edition (issue 20): names are looked up in
the edition asked for (``--language ko``: ``notebooks/ko``), a path runs that very file, and a
Korean run never counts as the English one. No notebook runs here: ``run_suite`` is replaced by
a recorder (the Korean notebooks themselves run in tests/test_translation.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import thermal_utils.tooling.suite as suite
import thermal_utils.tooling.sweep as sweep
from thermal_utils.tooling.cli import main
from thermal_utils.tooling.suite import edition_dir, edition_suffix, notebook_language
from thermal_utils.tooling.sweep import is_complete, resolve_notebooks, run_record

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
KOREAN = NOTEBOOKS / "ko"
SAMPLE = str(ROOT / "data" / "sample")


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[tuple[dict[str, Any], list[Path]]]:
    """What each run was given, in place of running it."""
    runs: list[tuple[dict[str, Any], list[Path]]] = []

    def record(params: dict[str, Any], out_dir: Path, notebooks: list[Path], **_: Any) -> None:
        runs.append((params, list(notebooks)))
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        (Path(out_dir) / "summary.txt").write_text("thermal-keras suite: recorded\n")

    monkeypatch.setattr(sweep, "run_suite", record)
    monkeypatch.setattr(suite, "run_suite", record)
    return runs


def test_edition_dir_from_either_editions_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert edition_dir() == NOTEBOOKS and edition_dir("en") == NOTEBOOKS
    assert edition_dir("ko") == KOREAN
    assert edition_dir("en", KOREAN) == NOTEBOOKS and edition_dir("ko", KOREAN) == KOREAN
    assert edition_dir(None, KOREAN) == KOREAN
    monkeypatch.chdir(KOREAN)  # a Korean notebook running a sweep
    assert edition_dir() == KOREAN and edition_dir("ko") == KOREAN
    assert edition_dir("en") == NOTEBOOKS
    with pytest.raises(ValueError, match=r"language must be one of \['en', 'ko'\], got 'kr'"):
        edition_dir("kr")


def test_names_are_looked_up_in_the_edition_and_paths_run_as_they_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    assert resolve_notebooks(["05_fit", "07_evaluate.ipynb"], KOREAN) == [
        KOREAN / "05_fit.ipynb",
        KOREAN / "07_evaluate.ipynb",
    ]
    assert resolve_notebooks(["notebooks/ko/05_fit.ipynb"]) == [(KOREAN / "05_fit.ipynb").resolve()]
    assert resolve_notebooks(["notebooks/05_fit.ipynb"], KOREAN) == [
        (NOTEBOOKS / "05_fit.ipynb").resolve()
    ]
    for bad in ("notebooks/ko/99_none.ipynb", "README.md", "notebooks/ko/catalogue"):
        with pytest.raises(ValueError, match="is not a notebook file"):
            resolve_notebooks([bad])
    with pytest.raises(ValueError, match="unknown notebook '99_none'"):
        resolve_notebooks(["99_none"], KOREAN)
    assert notebook_language(KOREAN / "05_fit.ipynb") == "ko"
    assert notebook_language(NOTEBOOKS / "05_fit.ipynb") == "en"
    assert notebook_language(ROOT / "README.md") == "en"
    assert edition_suffix([KOREAN / "05_fit.ipynb"]) == "-ko"
    assert edition_suffix([NOTEBOOKS / "05_fit.ipynb"]) == ""


def test_sweep_language_ko_runs_the_korean_notebooks_from_the_repository(
    recorded: list[tuple[dict[str, Any], list[Path]]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "sweep"
    args = ["sweep", "--language", "ko", "--notebooks", "05_fit", "07_evaluate"]
    args += ["-p", "epochs", "3", "4", "--data-dir", SAMPLE, "--out", str(out)]
    assert main(args) == 0, capsys.readouterr().err
    korean = [(KOREAN / "05_fit.ipynb").resolve(), (KOREAN / "07_evaluate.ipynb").resolve()]
    assert [notebooks for _, notebooks in recorded] == [korean, korean]
    assert [params["epochs"] for params, _ in recorded] == [3, 4]
    assert all(Path(params["data_dir"]).is_absolute() for params, _ in recorded)
    record = json.loads((out / "epochs-3" / "run.json").read_text())
    assert record["notebooks"] == ["05_fit", "07_evaluate"]
    assert record["editions"] == {"05_fit": "ko", "07_evaluate": "ko"}
    assert "sweep: 2 runs of 05_fit, 07_evaluate (ko)" in capsys.readouterr().out


def test_sweep_of_a_korean_notebook_given_by_path_and_its_default_folder(
    recorded: list[tuple[dict[str, Any], list[Path]]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """From another folder, with the English folder given: the path wins over the name."""
    monkeypatch.chdir(tmp_path)
    args = ["sweep", "--notebooks-dir", str(NOTEBOOKS), "--notebooks"]
    args += [str(KOREAN / "05_fit.ipynb"), "-p", "epochs", "3", "--data-dir", SAMPLE]
    assert main(args) == 0
    assert recorded[0][1] == [(KOREAN / "05_fit.ipynb").resolve()]
    assert (tmp_path / "sweeps" / "epochs-ko" / "epochs-3" / "run.json").is_file()


def test_sweep_run_sweep_takes_the_language(
    recorded: list[tuple[dict[str, Any], list[Path]]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(ROOT)
    sweep.run_sweep(
        {"epochs": [3]}, tmp_path / "s", notebooks=["05_fit"], data_dir=SAMPLE, language="ko"
    )
    sweep.run_sweep({"epochs": [3]}, tmp_path / "e", notebooks=["05_fit"], data_dir=SAMPLE)
    assert [notebooks for _, notebooks in recorded] == [
        [KOREAN / "05_fit.ipynb"],
        [NOTEBOOKS / "05_fit.ipynb"],
    ]


def test_an_english_run_folder_is_not_the_korean_run(tmp_path: Path) -> None:
    english, korean = [NOTEBOOKS / "05_fit.ipynb"], [KOREAN / "05_fit.ipynb"]
    en = run_record({"epochs": 3}, english, "fingerprint")
    ko = run_record({"epochs": 3}, korean, "fingerprint")
    assert "editions" not in en, "English records are as before: earlier sweeps still resume"
    assert ko["editions"] == {"05_fit": "ko"}
    folder = tmp_path / "epochs-3"
    folder.mkdir()
    (folder / "run.json").write_text(json.dumps(en))
    (folder / "metrics.json").write_text(json.dumps({"05_fit": {"epochs_run": 3}}))
    assert is_complete(folder, english, en) and not is_complete(folder, korean, ko)
    assert "other editions of the notebooks" in sweep._conflict(folder, ko)


def test_run_language_ko_runs_the_korean_suite_into_its_own_folder(
    recorded: list[tuple[dict[str, Any], list[Path]]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["run", "--notebooks-dir", str(NOTEBOOKS), "--language", "ko", "--data-dir", SAMPLE]
    assert main(args) == 0, capsys.readouterr().err
    assert recorded[0][1] == sorted(KOREAN.glob("[0-9][0-9]*_*.ipynb"))
    assert (tmp_path / "runs" / "sample-ko" / "summary.txt").is_file()
