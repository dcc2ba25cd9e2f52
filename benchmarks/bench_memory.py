"""Benchmark: each notebook's peak memory at the lecture's size, against 4x the frames' arrays.

Runs the suite's numbered notebooks one at a time, in suite order (05 saves the model that
06-10 reuse), on the ``lecture`` preset of the generator (6,697 real + 392 fake training
frames and 20 test frames of 110 x 120 float32: 7,109 frames, 375 MB as float32), generated
into ``data/generated/lecture`` on first use. Each notebook gets ``data_dir`` (absolute),
``check_quality=False``, an ``artifacts_dir`` in a temporary folder (never the repository's
``artifacts/``), ``n_seeds`` when given, and its own defaults otherwise.

What is measured: the peak resident memory (RSS) of each notebook's kernel process, its own,
exactly. Every notebook runs in a fresh runner process (this script, ``--execute-one``) that
executes it through papermill; the kernel is the runner's child. After every code cell (nbclient's
``on_cell_executed`` hook, before the next cell starts and before the kernel is shut down) the
runner reads the kernel's ``VmHWM`` (the kernel's high-water mark of resident memory, kept by
Linux) and ``VmRSS`` from ``/proc/<pid>/status``, then resets the high-water mark to the current
resident memory (writing ``5`` to ``/proc/<pid>/clear_refs``), so each cell's own peak is known
(what it started with included); the notebook's peak is the largest of them. Where the reset is
not allowed, the figures per cell are the running maximum (the notebook's peak is the same).
After the kernel has exited the runner also reads ``getrusage(RUSAGE_CHILDREN).ru_maxrss``, which
covers every process the kernel started (the tiny sweep's kernels of notebook 11, a nested run of
05); when it is above the kernel's peak, a process the kernel started went higher, and that is
shown.

Two baselines are measured the same way: a kernel that runs nothing, and a kernel that only
imports keras and tensorflow (with the notebooks' TensorFlow environment): what TensorFlow alone
costs before a notebook holds any data. MB is 10^6 bytes throughout.

Usage (from the repository root)::

    python benchmarks/bench_memory.py                        # every notebook, their defaults
    python benchmarks/bench_memory.py --n-seeds 1            # notebook 10: one seed, not 3
    python benchmarks/bench_memory.py --notebooks 01,03,05 --keep /tmp/bench-memory
    python benchmarks/bench_memory.py --data-dir data/sample --notebooks 03  # smoke test

``--keep DIR`` keeps the executed notebooks and the artifacts (models, cached datasets) in
``DIR`` (new or empty) instead of a temporary folder. Notebooks 06-10 reuse 05's model: run
without 05, they train it first in a nested kernel (a process they start, not counted in their
own peak). A whole run at the lecture's size took 7 minutes on 2 cores with ``--n-seeds 1``.
Linux only (it reads ``/proc``).

Target (the issue "Bounded memory"): every notebook's peak within 4x the float32 bytes of all
frames of both splits (1.50 GB at the lecture's size). The script prints the figures and exits
0 whatever they are; it exits 1 only when a notebook failed or timed out (its figures are then
incomplete).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DATA_DIR = ROOT / "data" / "generated" / "lecture"
BOUND = 4.0
"""The target: a notebook's peak at most this many times the frames' float32 bytes."""
MB = 1_000_000
FRAME_BYTES = 110 * 120 * 4
"""One frame as float32."""
NOTEBOOK_TIMEOUT = 3600
"""Seconds one notebook may run before it is stopped (its kernel with it)."""
KERNEL_QUIET = ["--IPKernelApp.log_level=CRITICAL"]

EMPTY_KERNEL = "pass"
TENSORFLOW_ONLY = """\
from thermal_utils.tooling.tf_env import quiet_tensorflow

quiet_tensorflow()  # the notebooks' TensorFlow environment, as start_notebook sets it
import keras
import tensorflow as tf
"""


@dataclass(frozen=True)
class CellMemory:
    """One executed code cell: its peak resident memory while it ran, and after it (bytes)."""

    index: int
    """The cell's position in the notebook as stored (markdown cells counted); -1 for the
    parameters cell papermill injects."""
    first_line: str
    peak: int
    resident: int


@dataclass(frozen=True)
class NotebookMemory:
    """One notebook's kernel: its own peak (bytes), its cells, and how the run went."""

    name: str
    peak: int
    """The kernel's own peak resident memory: the largest of its cells' peaks."""
    tree_peak: int
    """``RUSAGE_CHILDREN``'s peak after the kernel exited: the largest of the processes the kernel
    started and of the kernel itself since its last reset; above ``peak``, a process the
    kernel started went higher than the kernel."""
    cells: tuple[CellMemory, ...]
    seconds: float
    error: str = ""
    """Empty when every cell ran; else why the notebook stopped."""
    per_cell_reset: bool = True
    """Whether each cell's peak is its own (the high-water mark was reset between cells), or
    the running maximum."""

    def peak_cell(self) -> CellMemory | None:
        return max(self.cells, key=lambda c: c.peak, default=None)


# ---------------------------------------------------------------------------
# Inside a runner process: executes one notebook, reads its kernel's memory


def read_memory(pid: int) -> tuple[int, int]:
    """``(VmHWM, VmRSS)`` of process ``pid`` in bytes: its peak and current resident memory."""
    values = {}
    with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                values[key] = int(value.split()[0]) * 1024  # kB (KiB) in the file
    return values["VmHWM"], values["VmRSS"]


def reset_peak(pid: int) -> bool:
    """Reset the high-water mark of ``pid`` to its current resident memory; False if refused."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w", encoding="ascii") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return True


def child_pids(parent: int) -> list[int]:
    """The processes whose parent is ``parent`` (scanning ``/proc``)."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[1]) == parent:
            found.append(int(entry.name))
    return found


def _command_line(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


@dataclass
class CellRecorder:
    """nbclient's ``on_cell_executed`` hook: records the kernel's memory after each code cell."""

    cells: list[CellMemory] = field(default_factory=list)
    kernel_pid: int = 0
    per_cell_reset: bool = True
    _offset: int = 0
    """1 once papermill's injected parameters cell has passed (it is not in the stored notebook)."""

    def find_kernel(self) -> int:
        if not self.kernel_pid:
            kernels = [p for p in child_pids(os.getpid()) if "ipykernel" in _command_line(p)]
            if len(kernels) != 1:
                raise RuntimeError(f"expected one kernel process below the runner, found {kernels}")
            self.kernel_pid = kernels[0]
        return self.kernel_pid

    def __call__(self, cell: Any, cell_index: int, **_: Any) -> None:
        pid = self.find_kernel()
        peak, resident = read_memory(pid)
        if "injected-parameters" in cell.metadata.get("tags", []):
            self._offset = 1
            index, first_line = -1, "(the parameters papermill injects)"
        else:
            index = cell_index - self._offset
            first_line = next((s for s in cell.source.splitlines() if s.strip()), "")
        self.cells.append(CellMemory(index, first_line, peak, resident))
        if self.per_cell_reset:
            self.per_cell_reset = reset_peak(pid)


def execute_one(spec_file: Path) -> None:
    """The runner: execute the notebook ``spec_file`` names, write what was measured beside it."""
    spec = json.loads(spec_file.read_text())
    from thermal_utils.tooling.tf_env import apply_tf_environment

    apply_tf_environment()  # before the kernel starts: it inherits this environment
    import papermill

    recorder = CellRecorder()
    error = ""
    start = time.perf_counter()
    try:
        papermill.execute_notebook(
            spec["notebook"],
            spec["output"],
            parameters=spec["parameters"],
            cwd=spec["cwd"],
            progress_bar=False,
            log_output=False,
            extra_arguments=KERNEL_QUIET,
            shutdown_kernel="immediate",
            on_cell_executed=recorder,
        )
    except papermill.PapermillExecutionError as failure:
        error = f"cell In [{failure.exec_count}]: {failure.ename}: {failure.evalue}"[:300]
    except Exception as failure:  # a dead kernel, a missing file: reported, not raised
        error = f"{type(failure).__name__}: {failure}"[:300]
    seconds = time.perf_counter() - start
    tree_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
    result = NotebookMemory(
        name=Path(spec["notebook"]).stem,
        peak=max((c.peak for c in recorder.cells), default=0),
        tree_peak=tree_peak,
        cells=tuple(recorder.cells),
        seconds=round(seconds, 1),
        error=error,
        per_cell_reset=recorder.per_cell_reset,
    )
    Path(spec["result"]).write_text(json.dumps(asdict(result)))


# ---------------------------------------------------------------------------
# In the benchmark's process


def measure_notebook(
    notebook: Path,
    parameters: dict[str, Any],
    work_dir: Path,
    cwd: Path | None = None,
    timeout: float = NOTEBOOK_TIMEOUT,
) -> NotebookMemory:
    """Execute ``notebook`` with ``parameters`` in a fresh runner process (its kernel run in
    ``cwd``, default the notebook's folder) and return its kernel's memory. The executed copy
    is written to ``work_dir``. A notebook that fails or times out comes back with ``error``."""
    notebook = Path(notebook).resolve()
    work_dir.mkdir(parents=True, exist_ok=True)
    spec_file = work_dir / f"{notebook.stem}.memory-spec.json"
    result_file = work_dir / f"{notebook.stem}.memory.json"
    result_file.unlink(missing_ok=True)
    spec = {
        "notebook": str(notebook),
        "output": str(work_dir / notebook.name),
        "parameters": parameters,
        "cwd": str(cwd or notebook.parent),
        "result": str(result_file),
    }
    spec_file.write_text(json.dumps(spec))
    command = [sys.executable, str(Path(__file__).resolve()), "--execute-one", str(spec_file)]
    start = time.perf_counter()
    # Its own session, so that a timeout stops the runner, its kernel and what that started.
    runner = subprocess.Popen(
        command, cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        output, _ = runner.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(runner.pid, signal.SIGKILL)
        runner.communicate()
        seconds = round(time.perf_counter() - start, 1)
        return NotebookMemory(notebook.stem, 0, 0, (), seconds, f"timed out after {timeout:g} s")
    if runner.returncode != 0 or not result_file.is_file():
        tail = output.decode(errors="replace").strip().splitlines()[-3:]
        seconds = round(time.perf_counter() - start, 1)
        why = f"the runner exited with {runner.returncode}: " + " | ".join(tail)
        return NotebookMemory(notebook.stem, 0, 0, (), seconds, why[:300])
    data = json.loads(result_file.read_text())
    data["cells"] = tuple(CellMemory(**cell) for cell in data["cells"])
    return NotebookMemory(**data)


def frame_count(data_dir: Path) -> int:
    """Frame files of both splits and both classes, every day (what the notebooks load)."""
    from thermal_utils.formats import LoadReport
    from thermal_utils.tooling.loader import list_candidates

    return sum(
        len(list_candidates(data_dir, split, cls, None, None, LoadReport()))
        for split in ("train", "test")
        for cls in ("real", "fake")
    )


def baseline_notebook(folder: Path, name: str, source: str) -> Path:
    """A notebook of one code cell, ``source``, written to ``folder/name.ipynb``."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def select_notebooks(text: str | None, known: list[Path]) -> list[Path]:
    """The notebooks ``--notebooks`` names (``01,03,09b`` or whole names), in suite order.
    Raises ``ValueError`` naming a value that matches no notebook."""
    if text is None:
        return list(known)
    chosen = set()
    for item in (part.strip() for part in text.split(",")):
        matches = [n for n in known if n.stem == item or n.stem.startswith(f"{item}_")]
        if not item or not matches:
            numbers = ", ".join(n.stem.split("_")[0] for n in known)
            raise ValueError(f"--notebooks: no notebook {item!r}; choose from {numbers}")
        chosen.update(matches)
    return [n for n in known if n in chosen]


def _mb(size: int) -> str:
    return f"{size / MB:,.0f} MB"


def print_cells(result: NotebookMemory) -> None:
    kind = "its peak" if result.per_cell_reset else "the running peak"
    print(
        f"{result.name}, per code cell (MB): {kind} while it ran, resident after it, and both "
        "less the resident memory it started with"
    )
    print(f"  {'cell':<10}{'peak':>7}{'after':>7}{'rise':>7}{'kept':>7}  first line")
    before = result.cells[0].resident if result.cells else 0
    for cell in result.cells:
        label = "param" if cell.index < 0 else str(cell.index)
        figures = (cell.peak, cell.resident, cell.peak - before, cell.resident - before)
        print(
            f"  cell {label:<5}{figures[0] / MB:7,.0f}{figures[1] / MB:7,.0f}"
            f"{figures[2] / MB:+7,.0f}{figures[3] / MB:+7,.0f}  {cell.first_line[:70]}"
        )
        before = cell.resident


def run(
    data_dir: Path,
    notebooks: list[Path],
    n_seeds: int | None,
    work: Path,
    all_cells: bool = False,
    timeout: float = NOTEBOOK_TIMEOUT,
) -> int:
    from thermal_utils.tooling.suite import declared_parameters

    frames = frame_count(data_dir)
    frames_bytes = frames * FRAME_BYTES
    print(
        f"data: {data_dir} ({frames:,} frames of both splits: {_mb(frames_bytes)} as float32; "
        f"bound {BOUND:g}x = {_mb(int(BOUND * frames_bytes))})"
    )
    seeds = f"n_seeds={n_seeds}" if n_seeds is not None else "n_seeds: the notebooks' default"
    print(f"parameters: data_dir, check_quality=False, artifacts_dir in {work}, {seeds}")
    print(
        "measured: each kernel's own peak resident memory (VmHWM read from /proc after every "
        f"cell); one notebook at a time; {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    baselines_dir = work / "baselines"
    baselines_dir.mkdir(parents=True)
    baselines = {}
    for name, source, what in (
        ("empty_kernel", EMPTY_KERNEL, "a kernel that runs nothing"),
        ("tensorflow_only", TENSORFLOW_ONLY, "a kernel that only imports keras and tensorflow"),
    ):
        path = baseline_notebook(baselines_dir, name, source)
        result = measure_notebook(path, {}, baselines_dir / "executed", cwd=ROOT / "notebooks")
        baselines[what] = result
    common = {"data_dir": str(data_dir), "artifacts_dir": str(work / "artifacts")}
    common |= {"check_quality": False} | ({"n_seeds": n_seeds} if n_seeds is not None else {})
    results = []
    for number, notebook in enumerate(notebooks, 1):
        declared = declared_parameters(notebook)
        parameters = {k: v for k, v in common.items() if k in declared}
        result = measure_notebook(notebook, parameters, work / "executed", timeout=timeout)
        status = f"FAILED: {result.error}" if result.error else "ok"
        print(
            f"[{number}/{len(notebooks)}] {result.name}: {result.seconds:.0f} s, {status}",
            flush=True,
        )
        results.append(result)

    print()
    for what, result in baselines.items():
        problem = f" (FAILED: {result.error})" if result.error else ""
        print(
            f"baseline, {what}: peak {result.peak / MB:,.0f} MB "
            f"({result.peak / frames_bytes:.1f}x the frames' float32 arrays){problem}"
        )
    for result in results:
        ratio = result.peak / frames_bytes
        line = (
            f"{result.name}: peak {result.peak / MB:,.0f} MB ({ratio:.1f}x the frames' float32 "
            f"arrays; bound {BOUND:g}x)"
        )
        if result.error:
            line += f" [incomplete: {result.error}]"
        print(line)
        top = result.peak_cell()
        if top is not None:
            print(f"    peak in cell {top.index}: {top.first_line[:70]}")
        if result.tree_peak > result.peak:
            print(f"    a process it started peaked at {result.tree_peak / MB:,.0f} MB")
    measured = [r for r in results if r.peak]
    within = [r for r in measured if r.peak <= BOUND * frames_bytes]
    if measured:
        largest = max(measured, key=lambda r: r.peak)
        print(
            f"notebooks within {BOUND:g}x the frames' float32 arrays: {len(within)} of "
            f"{len(results)} (largest: {largest.name}, {largest.peak / frames_bytes:.1f}x)"
        )
    shown = [r for r in results if r.cells and (all_cells or r.peak > BOUND * frames_bytes)]
    for result in shown:
        print()
        print_cells(result)
    failed = [r.name for r in results + list(baselines.values()) if r.error]
    if failed:
        print(f"\nincomplete (failed or timed out): {', '.join(failed)}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="the data the notebooks run on (default data/generated/lecture, generated if missing)",
    )
    parser.add_argument(
        "--notebooks", help="which notebooks, by number or name: 01,03,09b (default: all 12)"
    )
    parser.add_argument(
        "--n-seeds", type=int, help="notebook 10's n_seeds (default: the notebook's, 3)"
    )
    parser.add_argument(
        "--keep",
        type=Path,
        help="keep executed notebooks and artifacts in this new or empty folder",
    )
    parser.add_argument(
        "--all-cells",
        action="store_true",
        help="print every notebook's cells (default: only those of notebooks over the bound)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=NOTEBOOK_TIMEOUT,
        help=f"seconds per notebook (default {NOTEBOOK_TIMEOUT})",
    )
    parser.add_argument("--execute-one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.execute_one:
        execute_one(args.execute_one)
        return 0

    from thermal_utils.tooling.generated import ensure_dataset, generated_spec, is_complete
    from thermal_utils.tooling.suite import suite_notebooks

    try:
        notebooks = select_notebooks(args.notebooks, suite_notebooks(ROOT / "notebooks"))
    except ValueError as error:
        parser.error(str(error))
    if args.n_seeds is not None and args.n_seeds < 1:
        parser.error("--n-seeds must be at least 1")
    if args.timeout <= 0:
        parser.error("--timeout must be positive")
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep}: not empty (earlier artifacts would change the run)")
    data_dir = args.data_dir.resolve()
    if generated_spec(data_dir) is not None:
        if not is_complete(data_dir):
            print(f"generating {data_dir} (about a minute)", flush=True)
        ensure_dataset(data_dir, progress=False, jobs=2)
    elif not (data_dir / "train").is_dir():
        parser.error(f"--data-dir {args.data_dir}: no train/ folder")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        work = args.keep.resolve()
        return run(data_dir, notebooks, args.n_seeds, work, args.all_cells, args.timeout)
    with tempfile.TemporaryDirectory(prefix="thermal-bench-memory-") as tmp:
        return run(data_dir, notebooks, args.n_seeds, Path(tmp), args.all_cells, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
