"""The numerics modes: strict where this machine trains like the one that made the outputs, loose
elsewhere, and nbval comparing exactly the cells it should in each."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from thermal_utils.tooling import numerics
from thermal_utils.tooling.numerics import (
    MODE_VARIABLE,
    TRAINED_WEIGHTS_TAG,
    current_decision,
    decide,
    read_recorded,
)
from thermal_utils.tooling.tf_env import (
    ALL_CORES_VARIABLE,
    TF_ENVIRONMENT,
    apply_tf_environment,
    tf_environment,
)

ROOT = Path(__file__).resolve().parents[1]


def test_matching_fingerprints_compare_strictly() -> None:
    decision = decide("abc", "abc")
    assert decision.mode == "strict" and "every output is compared" in decision.reason


def test_a_mismatch_compares_loosely_and_says_why() -> None:
    decision = decide("abc", "def")
    assert decision.mode == "loose"
    assert "fingerprint def, recorded abc" in decision.reason
    assert TRAINED_WEIGHTS_TAG in decision.reason


def test_no_record_is_loose() -> None:
    assert decide(None, "def").mode == "loose"


def test_a_forced_mode_wins_and_a_wrong_one_is_refused() -> None:
    assert decide("abc", "abc", "loose").mode == "loose"
    with pytest.raises(ValueError, match=MODE_VARIABLE):
        decide("abc", "abc", "sloppy")


def test_a_faked_mismatch_is_detected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A record made elsewhere (another fingerprint): loose, without forcing anything."""
    monkeypatch.delenv(MODE_VARIABLE, raising=False)
    record = tmp_path / "numerics.json"
    record.write_text(json.dumps({"fingerprint": "0000000000000000"}))
    monkeypatch.setattr(numerics, "fingerprint", lambda: "1111111111111111")
    assert current_decision(record)[0].mode == "loose"
    monkeypatch.setattr(numerics, "fingerprint", lambda: "0000000000000000")
    assert current_decision(record)[0].mode == "strict"


@pytest.mark.parametrize(
    "text", ["", "not json", "[1]", '{"fingerprint": 3}', '{"fingerprint": ""}']
)
def test_an_unreadable_record_reads_as_none(tmp_path: Path, text: str) -> None:
    record = tmp_path / "numerics.json"
    record.write_text(text)
    assert read_recorded(record) is None
    assert read_recorded(tmp_path / "missing.json") is None


def test_the_stored_outputs_have_a_record() -> None:
    info = json.loads((ROOT / numerics.RECORD_FILE).read_text())
    assert len(info["fingerprint"]) == 16
    assert info["made_with"]["threads"] == "one per operation"


def test_one_thread_per_operation_unless_the_learner_opts_in() -> None:
    assert TF_ENVIRONMENT["TF_NUM_INTRAOP_THREADS"] == "1"
    assert TF_ENVIRONMENT["TF_NUM_INTEROP_THREADS"] == "1"
    assert tf_environment({}) == TF_ENVIRONMENT
    opted_in = tf_environment({ALL_CORES_VARIABLE: "1"})
    assert "TF_NUM_INTRAOP_THREADS" not in opted_in and opted_in["TF_ENABLE_ONEDNN_OPTS"] == "0"
    environ = {"TF_NUM_INTRAOP_THREADS": "1", ALL_CORES_VARIABLE: "1"}
    apply_tf_environment(environ)
    assert "TF_NUM_INTRAOP_THREADS" not in environ, "a parent's pin is lifted for the opt-in"


def test_the_fingerprint_is_repeatable_and_sees_the_thread_count() -> None:
    """Measured twice, it agrees: make test measured it once to choose the mode and passes it on
    (THERMAL_KERAS_MEASURED_FINGERPRINT), so in strict mode that measurement matching the record
    shows it; otherwise it is measured here. All cores (other sums) give another fingerprint on a
    multi-core machine."""
    env = {k: v for k, v in os.environ.items() if k not in (ALL_CORES_VARIABLE, MODE_VARIABLE)}
    run = [sys.executable, "-m", "thermal_utils.tooling.numerics", "fingerprint"]

    def measure(extra: dict[str, str]) -> str:
        out = subprocess.run(run, env={**env, **extra}, capture_output=True, text=True, check=True)
        return out.stdout.strip()

    first = os.environ.get(numerics.MEASURED_VARIABLE) or measure({})
    assert len(first) == 16
    if os.environ.get(MODE_VARIABLE) == "strict":
        assert first == read_recorded(ROOT / numerics.RECORD_FILE)
    else:
        assert first == measure({})
    if (os.cpu_count() or 1) > 1:
        assert measure({ALL_CORES_VARIABLE: "1"}) != first


def _notebook(path: Path, tagged_output: str) -> Path:
    """Two cells that print the time: one untagged, one tagged ``trained-weights``."""
    nb = nbformat.v4.new_notebook()
    plain = nbformat.v4.new_code_cell("print('same')")
    plain.outputs = [nbformat.v4.new_output("stream", name="stdout", text="same\n")]
    tagged = nbformat.v4.new_code_cell("import time; print(time.time_ns())")
    tagged.metadata["tags"] = [TRAINED_WEIGHTS_TAG]
    tagged.outputs = [nbformat.v4.new_output("stream", name="stdout", text=tagged_output)]
    plain.execution_count, tagged.execution_count = 1, 2
    nb.cells = [plain, tagged]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


def _nbval(notebook: Path, mode: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, MODE_VARIABLE: mode}
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--nbval"]
    command += ["-p", "thermal_utils.tooling.nbval_numerics", str(notebook)]
    return subprocess.run(command, env=env, capture_output=True, text=True, cwd=notebook.parent)


def test_loose_mode_runs_tagged_cells_without_comparing_them(tmp_path: Path) -> None:
    notebook = _notebook(tmp_path / "nb.ipynb", "0\n")
    strict = _nbval(notebook, "strict")
    assert strict.returncode == 1 and "1 failed, 1 passed" in strict.stdout, strict.stdout
    loose = _nbval(notebook, "loose")
    assert loose.returncode == 0 and "2 passed" in loose.stdout, loose.stdout
    assert "numerics: loose mode" in loose.stdout
    assert "1 cells tagged trained-weights ran without comparison; 1 of them printed other" in (
        loose.stdout
    )


def test_loose_mode_still_compares_untagged_cells(tmp_path: Path) -> None:
    notebook = _notebook(tmp_path / "nb.ipynb", "0\n")
    nb = nbformat.read(notebook, as_version=4)
    nb.cells[0].outputs[0]["text"] = "different\n"
    nbformat.write(nb, notebook)
    loose = _nbval(notebook, "loose")
    assert loose.returncode == 1 and "1 failed, 1 passed" in loose.stdout, loose.stdout
