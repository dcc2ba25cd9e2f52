"""The loader benchmark runs end to end on a tiny set and prints its ratio lines.

It times nothing here (a handful of frames says nothing about speed); it only checks
that the script, its interleaved rounds and its variants still work.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_runs_on_a_tiny_subset() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_loader.py"),
            "--data",
            str(ROOT / "data" / "sample"),
            "--frames",
            "12",
            "--rounds",
            "1",
            "--no-memory-run",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "data: 12 training frame files" in out
    assert "round 1/1 (" in out
    for name in ("load_split, jobs=1", "load_split, jobs=0", "load_split, cache reload"):
        assert any(
            line.startswith(f"ratio {name}") and " wall " in line and "x" in line
            for line in out.splitlines()
        ), name
    assert "identical frames and labels in every variant and round: yes (12 frames)" in out
    assert "PASS  peak memory (one core)" in out or "MISS  peak memory (one core)" in out
