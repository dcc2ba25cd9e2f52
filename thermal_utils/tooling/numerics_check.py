"""``make numerics-check``: loose mode, shown on numerics that really differ.

A maintainer cannot borrow a machine of every CPU family, so this check makes this machine's
numerics differ instead: with ``THERMAL_KERAS_ALL_CORES=1`` TensorFlow splits its sums over all
cores, and training takes another path from the first epochs (the fingerprints printed first
show it). Then nbval runs every notebook of both editions in loose mode, in a copy of the working
tree so that the models it trains stay out of the real ``artifacts/``. It fails when a cell whose
output depends on trained weights is not tagged ``trained-weights``, or an assert does not hold.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from thermal_utils.tooling.numerics import MODE_VARIABLE, RECORD_FILE, fingerprint, read_recorded
from thermal_utils.tooling.tf_env import ALL_CORES_VARIABLE

NOT_COPIED = (".git", ".venv", "artifacts", "runs", "sweeps", "generated", "__pycache__")


def main() -> int:
    root = Path.cwd()
    if not (root / RECORD_FILE).is_file():
        print(f"run from the repository root: no {RECORD_FILE} here", file=sys.stderr)
        return 2
    os.environ[ALL_CORES_VARIABLE] = "1"
    perturbed, recorded = fingerprint(), read_recorded(root / RECORD_FILE)
    print(f"fingerprint with all cores: {perturbed}; recorded with the stored outputs: {recorded}")
    if perturbed == recorded:
        print("all cores give the recorded numerics on this machine: nothing differs to check")
        return 1
    os.environ[MODE_VARIABLE] = "loose"
    with tempfile.TemporaryDirectory(prefix="numerics-check-") as tmp:
        copy = Path(tmp) / "tree"
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns(*NOT_COPIED))
        (copy / "data" / "generated").symlink_to(root / "data" / "generated")
        notebooks = sorted(str(p.relative_to(copy)) for p in copy.glob("notebooks/[0-9]*.ipynb"))
        notebooks += [n.replace("notebooks/", "notebooks/ko/") for n in notebooks]
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            "notebooks/nbval_sanitize.cfg",
            "-p",
            "thermal_utils.tooling.nbval_numerics",
            *notebooks,
        ]
        return subprocess.run(command, cwd=copy, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
