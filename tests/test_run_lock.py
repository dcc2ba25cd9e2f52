"""Two runs into one output folder at once: the second is refused, never interleaved (issue 10)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from thermal_utils.tooling.cli import main
from thermal_utils.tooling.suite import LOCK_NAME, OutputInUse, output_lock, run_suite


def test_a_folder_in_use_is_refused(
    tmp_path: Path, tiny_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "run"
    out.mkdir()
    with output_lock(out):
        assert (out / LOCK_NAME).read_text().strip() == str(os.getpid())
        with pytest.raises(
            OutputInUse, match=rf"being written by another run \(process {os.getpid()}\)"
        ):
            run_suite({"data_dir": str(tiny_data_dir)}, out)
        assert main(["run", "--data-dir", str(tiny_data_dir), "--out", str(out)]) == 1
        assert "being written by another run" in capsys.readouterr().err
    assert not (out / LOCK_NAME).exists()


def test_a_stale_lock_is_taken_over(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / LOCK_NAME).write_text(f"{dead.pid}\n")
    with output_lock(tmp_path):
        assert (tmp_path / LOCK_NAME).read_text().strip() == str(os.getpid())
    assert not (tmp_path / LOCK_NAME).exists()
