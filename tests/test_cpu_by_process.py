"""The CPU profiler of benchmarks/ records every Python process a command starts."""

from __future__ import annotations

import sys

from conftest import load_benchmark


def test_child_processes_are_recorded_by_kind(capsys) -> None:
    module = load_benchmark("cpu_by_process")
    child = "import subprocess, sys; subprocess.run([sys.executable, '-c', 'sum(range(10**6))'])"
    assert module.main(["--", sys.executable, "-c", child]) == 0
    out = capsys.readouterr().out
    assert "2 Python processes recorded" in out
    assert "other Python                           2" in out
    assert module.main(["--", sys.executable, "-c", "raise SystemExit(3)"]) == 3
