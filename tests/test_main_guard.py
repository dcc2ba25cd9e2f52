"""``load_split(jobs=2)`` from a script without ``if __name__ == "__main__":`` (issue 10, item 12)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

UNGUARDED = """
import sys
print("body", __name__, file=sys.stderr)
from thermal_utils import load_split
data = load_split(sys.argv[1], "train", jobs=2)
print("loaded", len(data))
"""

GUARDED = """
import sys
from thermal_utils import load_split

def main():
    data = load_split(sys.argv[1], "train", jobs=2)
    print("loaded", len(data))

if "__main__" == __name__:
    main()
"""


def _run(tmp_path: Path, source: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "script.py"
    script.write_text(source)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, str(script), str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )


def test_unguarded_script_warns_and_loads_in_one_process(
    tiny_data_dir: Path, tmp_path: Path
) -> None:
    result = _run(tmp_path, UNGUARDED, tiny_data_dir)
    assert result.returncode == 0, result.stderr
    assert "loaded 5" in result.stdout
    assert "script.py, line 5) without an 'if __name__ == \"__main__\":' guard" in result.stderr
    assert result.stderr.count("body") == 1  # no worker re-ran the script
    assert "BrokenProcessPool" not in result.stderr


def test_guarded_script_uses_workers_without_a_warning(tiny_data_dir: Path, tmp_path: Path) -> None:
    result = _run(tmp_path, GUARDED, tiny_data_dir)
    assert result.returncode == 0, result.stderr
    assert "loaded 5" in result.stdout and "guard" not in result.stderr
