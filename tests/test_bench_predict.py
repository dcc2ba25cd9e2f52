"""The predict benchmark runs end to end on a tiny case and prints its comparison.

It times nothing here (one round of two frames says nothing about speed); it only checks
that the script, its variants and its agreement check still work. The ``before`` variant
(the project at an older commit, extracted with git) is left out: a checkout without
history lacks it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_runs_on_a_tiny_case() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_predict.py"),
            "--before",
            "none",
            "--rounds",
            "1",
            "--frames",
            "2",
            "--models",
            "cnn",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "round 1/1 (keras > numpy)" in result.stdout
    assert any(line.startswith("small CNN         1  numpy") and "x" in line for line in lines)
    assert any(line.startswith("small CNN         2  keras") for line in lines)
    assert any(line.strip().startswith("small CNN   keras") for line in lines), "frames per second"
    assert (
        "same labels and probabilities (within 1e-06) in every variant and round: yes"
        in result.stdout
    )
