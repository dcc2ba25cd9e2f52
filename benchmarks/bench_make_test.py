"""Benchmark: ``make test`` now against ``make test`` at an earlier commit, side by side.

Both trees run the same command (default ``make test``) in turn, each in its own folder
with its own ``.venv``, data and ``artifacts/``: this checkout, and the project at
``--base REF`` extracted with ``git archive`` into ``--base-dir`` (kept between runs of
this script, so that its install and generated data are made once). Both are warmed up
first, untimed (the install, the generated datasets, the trained models and every cache),
so the rounds compare the steady state a developer and CI's second run see; the warm-up's
times are printed too (a cold start of the base tree includes its pip install).

Every round runs both trees, in an order that alternates from round to round, so that
other programs on the machine slow both alike. Printed per round: wall seconds, CPU
seconds of everything the command started (user + system), exit status; then the medians
and the median of the per-round ratios base / now. A run that fails is reported, and
the script exits 1: a faster failing suite proves nothing.

Usage (from the repository root)::

    python benchmarks/bench_make_test.py                       # base 077d4b8, 2 rounds
    python benchmarks/bench_make_test.py --rounds 3 --base-dir /tmp/base
    python benchmarks/bench_make_test.py --command true --rounds 1   # smoke test

Target (issue 13): ``make test`` at least 1.5x faster at the same coverage.
"""

from __future__ import annotations

import argparse
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BASE_REF = "077d4b8"
"""The last commit before this round of make test's speed work (issue 13)."""


@dataclass(frozen=True)
class Timing:
    tree: str
    wall: float
    cpu: float
    status: int


def extract(ref: str, folder: Path) -> None:
    """The project at ``ref`` in ``folder`` (left alone when it already holds that commit)."""
    stamp = folder / ".bench-ref"
    found = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if found.returncode != 0:
        raise SystemExit(f"bench_make_test: no commit {ref!r} in {ROOT} (a shallow clone lacks it)")
    commit = found.stdout.strip()
    if stamp.exists() and stamp.read_text().strip() == commit:
        return
    folder.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "archive", commit], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    stamp.write_text(commit + "\n")


def timed(tree: str, folder: Path, command: list[str], log: Path) -> Timing:
    """Run ``command`` in ``folder``; wall time, the CPU time of all it started, exit status."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(log, "wb") as out:
        status = subprocess.run(
            command, cwd=folder, stdout=out, stderr=subprocess.STDOUT
        ).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(tree, wall, cpu, status)


def report(t: Timing, what: str) -> None:
    status = "ok" if t.status == 0 else f"FAILED (exit {t.status})"
    print(f"{what:<10}{t.tree:<6}wall {t.wall:8.1f} s   CPU {t.cpu:8.1f} s   {status}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default=BASE_REF, help=f"the earlier commit (default {BASE_REF})")
    parser.add_argument(
        "--base-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "thermal-keras-bench-base",
        help="where the base tree is extracted and kept (default: a folder in the temp dir)",
    )
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--command", default="make test", help="what to time (default: make test)")
    parser.add_argument("--logs", type=Path, default=None, help="folder for the runs' output")
    args = parser.parse_args(argv)

    extract(args.base, args.base_dir)
    command = shlex.split(args.command)
    trees = {"base": args.base_dir.resolve(), "now": ROOT}
    logs = args.logs or Path(tempfile.mkdtemp(prefix="bench-make-test-"))
    logs.mkdir(parents=True, exist_ok=True)
    print(
        f"command: {args.command}; base {args.base} in {trees['base']}; logs in {logs}", flush=True
    )

    failed = False
    for name, folder in trees.items():
        t = timed(name, folder, command, logs / f"warmup-{name}.log")
        report(t, "warm-up")
        failed |= t.status != 0
    rows: list[dict[str, Timing]] = []
    for r in range(args.rounds):
        order = list(trees) if r % 2 == 0 else list(reversed(trees))
        row = {}
        for name in order:
            row[name] = timed(name, trees[name], command, logs / f"round{r + 1}-{name}.log")
            report(row[name], f"round {r + 1}")
            failed |= row[name].status != 0
        rows.append(row)

    if rows:
        print()
        for name in trees:
            walls = [row[name].wall for row in rows]
            cpus = [row[name].cpu for row in rows]
            print(
                f"median {name:<5} wall {statistics.median(walls):8.1f} s   "
                f"CPU {statistics.median(cpus):8.1f} s"
            )
        wall_ratio = statistics.median(row["base"].wall / row["now"].wall for row in rows)
        cpu_ratio = statistics.median(row["base"].cpu / row["now"].cpu for row in rows)
        print(
            f"base / now (median of per-round ratios): wall {wall_ratio:.2f}x, CPU {cpu_ratio:.2f}x"
        )
    if failed:
        print("a run failed: see its log", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
