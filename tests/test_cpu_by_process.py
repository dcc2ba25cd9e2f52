"""The CPU profiler of benchmarks/ records every Python process a command starts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_child_processes_are_recorded_by_kind(capsys) -> None:
    spec = importlib.util.spec_from_file_location(
        "cpu_by_process", ROOT / "benchmarks" / "cpu_by_process.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    child = "import subprocess, sys; subprocess.run([sys.executable, '-c', 'sum(range(10**6))'])"
    assert module.main(["--", sys.executable, "-c", child]) == 0
    out = capsys.readouterr().out
    assert "2 Python processes recorded" in out
    assert "other Python                           2" in out
    assert module.main(["--", sys.executable, "-c", "raise SystemExit(3)"]) == 3
