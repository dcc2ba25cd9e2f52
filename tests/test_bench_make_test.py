"""The make test benchmark: both trees, alternating rounds, ratios, and failures reported.

It times a trivial command here (``true``), not ``make test``: the real comparison takes
half an hour. The base tree is this checkout's HEAD, which every clone has.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load_benchmark


def _bench():
    return load_benchmark("bench_make_test")


def test_rounds_alternate_and_the_ratio_is_printed(tmp_path: Path, capsys) -> None:
    bench = _bench()
    args = ["--base", "HEAD", "--base-dir", str(tmp_path / "base"), "--logs", str(tmp_path / "l")]
    assert bench.main([*args, "--command", "true", "--rounds", "2"]) == 0
    out = capsys.readouterr().out
    assert (tmp_path / "base" / "Makefile").is_file(), "the base tree is extracted"
    rounds = [line.split()[2] for line in out.splitlines() if line.startswith("round")]
    assert rounds == ["base", "now", "now", "base"]
    assert "base / now (median of per-round ratios): wall" in out


def test_a_failing_run_fails_the_benchmark(tmp_path: Path, capsys) -> None:
    bench = _bench()
    args = ["--base", "HEAD", "--base-dir", str(tmp_path / "base"), "--rounds", "1"]
    assert bench.main([*args, "--command", "false"]) == 1
    assert "FAILED (exit 1)" in capsys.readouterr().out


def test_an_unknown_base_is_an_error(tmp_path: Path) -> None:
    bench = _bench()
    with pytest.raises(SystemExit, match="no commit 'no-such-commit'"):
        bench.main(["--base", "no-such-commit", "--base-dir", str(tmp_path / "b")])
