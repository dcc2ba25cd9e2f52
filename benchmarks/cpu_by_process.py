"""Where a command's CPU time goes, process by process (for example ``make test``).

Runs the command with a ``sitecustomize`` module on ``PYTHONPATH`` that makes every Python
process it starts (pytest, each Jupyter kernel, papermill's kernels, worker processes)
record its own CPU time (user + system), its command line and whether it imported
TensorFlow, twice a second and when it exits. Then prints the CPU time by kind of process
(kernels with and without TensorFlow, pytest, others), the busiest processes, and the
share of the command's whole CPU time the records cover (processes that are not Python,
and the last half second of a process killed without exiting, are not covered).

Usage (from the repository root)::

    python benchmarks/cpu_by_process.py -- make test
    python benchmarks/cpu_by_process.py --top 20 -- .venv/bin/python -m pytest tests

A ``sitecustomize`` module the environment already has is shadowed while it runs.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HOOK = """
import atexit, json, os, resource, sys, threading, time
_folder, _start = {folder!r}, time.time()
def _record():
    r = resource.getrusage(resource.RUSAGE_SELF)
    rec = {{"pid": os.getpid(), "ppid": os.getppid(), "argv": sys.argv[:8],
            "tensorflow": "tensorflow" in sys.modules, "cpu": r.ru_utime + r.ru_stime,
            "start": _start, "wall": time.time() - _start}}
    tmp = os.path.join(_folder, f"{{os.getpid()}}.tmp")
    with open(tmp, "w") as f:
        json.dump(rec, f)
    os.replace(tmp, os.path.join(_folder, f"{{os.getpid()}}.json"))
def _loop():
    while True:
        time.sleep(0.5)
        try:
            _record()
        except Exception:
            pass
threading.Thread(target=_loop, daemon=True).start()
atexit.register(_record)
"""


def kind(record: dict) -> str:
    """A process's kind, from its command line."""
    argv = " ".join(record["argv"])
    tf = " (TensorFlow)" if record["tensorflow"] else ""
    if "ipykernel" in argv:
        return "Jupyter kernel" + tf
    if "pytest" in argv:
        return "pytest --nbval" if "--nbval" in argv else "pytest"
    return "other Python" + tf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--top", type=int, default=12, help="how many busiest processes to list")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args(argv)
    command = [c for c in args.command if c != "--"] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")

    with tempfile.TemporaryDirectory(prefix="cpu-by-process-") as tmp:
        hook_dir, records_dir = Path(tmp, "hook"), Path(tmp, "records")
        hook_dir.mkdir()
        records_dir.mkdir()
        (hook_dir / "sitecustomize.py").write_text(HOOK.format(folder=str(records_dir)))
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(hook_dir), env.get("PYTHONPATH")]))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        status = subprocess.run(command, env=env).returncode
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        records = [json.loads(p.read_text()) for p in records_dir.glob("*.json")]

    total = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    covered = sum(r["cpu"] for r in records)
    print(f"\n{' '.join(command)}: exit {status}, wall {wall:.1f} s, CPU {total:.1f} s")
    print(f"{len(records)} Python processes recorded, {covered:.1f} s CPU ({covered / total:.0%})")
    by_kind: dict[str, list[float]] = collections.defaultdict(list)
    for r in records:
        by_kind[kind(r)].append(r["cpu"])
    print(f"\n{'kind':<30}{'processes':>10}{'CPU s':>9}{'share':>7}{'median s':>10}")
    for name, cpus in sorted(by_kind.items(), key=lambda item: -sum(item[1])):
        cpus.sort()
        print(
            f"{name:<30}{len(cpus):>10}{sum(cpus):>9.1f}{sum(cpus) / total:>7.0%}"
            f"{cpus[len(cpus) // 2]:>10.1f}"
        )
    t0 = min((r["start"] for r in records), default=0.0)
    print(f"\nbusiest {args.top} (start: seconds after the first recorded process started):")
    for r in sorted(records, key=lambda r: -r["cpu"])[: args.top]:
        print(
            f"  CPU {r['cpu']:6.1f} s  wall {r['wall']:6.1f} s  start {r['start'] - t0:6.1f}  "
            f"{kind(r)}: {' '.join(r['argv'])[:70]}"
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
