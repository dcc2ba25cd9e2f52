"""Benchmark: ``thermal-utils predict``'s fixed cost and speed per frame, side by side.

Every measurement is one whole command in a fresh process (``python -m
thermal_utils.tooling.cli predict MODEL FRAMES --format json``): interpreter start,
imports, loading the model, reading and classifying the frames, writing the output and
ending the process. Its wall time for one frame is the command's fixed cost; the time
that 300 frames add, the cost per frame. The variants:

* ``before``: the command as it was before issue 13 (the project at ``--before REF``,
  default ``e2d91fc``, extracted with ``git archive`` into a temporary folder): Keras on
  TensorFlow, the CLI importing every sub-command's modules, the interpreter's teardown;
* ``keras``: this tree with ``--engine keras``: Keras on TensorFlow, as before, with the
  lazy imports, ``compile=False`` and the skipped teardown;
* ``numpy``: this tree's default: the NumPy engine, TensorFlow never imported.

The two models are the tutorial's (``thermal_utils.tooling.reference_models``): the
lecture's MLP (13,200-512-128-32-8-2, 54 MB saved with its optimizer state) and the small
CNN, trained one step on random inputs and saved as notebook 05 saves a model. The frames
are rendered by the synthetic generator (real faces and fakes).

The runs are interleaved: every round runs each (model, frame count) case with every
variant, in an order that rotates from round to round, so that other programs on the
machine slow all variants alike; ratios are taken within a round (paired) and their
median over the rounds is printed, with the median wall and CPU times (CPU: the child
process's user + system time, less disturbed by other load than wall time). Before the
rounds each variant runs once untimed (the page cache, numba's compiled-parser cache of
the extracted tree). The script checks that all variants give the same labels and
probabilities within 1e-6.

Usage (from the repository root)::

    python benchmarks/bench_predict.py                  # 5 rounds, both models, 1 and 300 frames
    python benchmarks/bench_predict.py --rounds 3 --models mlp
    python benchmarks/bench_predict.py --before none --rounds 1 --frames 2 --models cnn  # smoke test

Target (issue 13): the fixed cost (one frame, wall) at most half of before's.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BEFORE_REF = "e2d91fc"
"""The commit before issue 13's predict changes."""

FIXED_COST_TARGET = 2.0
"""Before's fixed cost / the new default's: at least this."""

TOLERANCE = 1e-6

MODELS = {"mlp": "lecture MLP", "cnn": "small CNN"}

MAKE_MODELS = r"""
import os, sys
from pathlib import Path
from thermal_utils.tooling.tf_env import quiet_tensorflow
quiet_tensorflow()
import keras
import numpy as np
from thermal_utils import training
from thermal_utils.preprocess import get_scaling
from thermal_utils.tooling import reference_models as models
out = Path(sys.argv[1])
for kind in sys.argv[2:]:
    keras.utils.set_random_seed(0)
    net = models.build_lecture_mlp() if kind == "mlp" else models.build_small_cnn()
    models.compile_classifier(net, "rmsprop", 1e-3)
    shape = (13200,) if kind == "mlp" else (110, 120, 1)
    x = np.random.default_rng(0).uniform(0, 1, (16, *shape)).astype("float32")
    net.fit(x, keras.utils.to_categorical(np.arange(16) % 2, 2), epochs=1, verbose=0)
    folder = out / kind
    folder.mkdir(parents=True)
    net.save(folder / "model.keras")
    training.save_preprocessing(folder, get_scaling("physical"), "flat" if kind == "mlp" else "image")
"""


@dataclass(frozen=True)
class Variant:
    """One way of running the command: which tree's code, and extra arguments."""

    key: str
    description: str
    tree: Path
    arguments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Run:
    """One command: wall and CPU seconds, and its output (path -> (label, p_real))."""

    seconds: float
    cpu_seconds: float
    results: dict[str, tuple[str, float]]


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _environment(tree: Path) -> dict[str, str]:
    """The environment of a command that must import ``thermal_utils`` from ``tree``."""
    return {**os.environ, "PYTHONPATH": str(tree) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def run_predict(variant: Variant, model: Path, frames: Path) -> Run:
    """One ``predict`` command in a fresh process, timed from start to exit."""
    command = [sys.executable, "-m", "thermal_utils.tooling.cli", "predict", str(model)]
    command += [str(frames), "--format", "json", *variant.arguments]
    cpu_before = _children_cpu_seconds()
    start = time.perf_counter()
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=variant.tree, env=_environment(variant.tree)
    )
    seconds = time.perf_counter() - start
    cpu_seconds = _children_cpu_seconds() - cpu_before
    if done.returncode != 0:
        raise RuntimeError(
            f"{variant.key}: {' '.join(command)} exited with {done.returncode}:\n{done.stderr}"
        )
    results = {r["path"]: (r["label"], r["p_real"]) for r in json.loads(done.stdout)}
    return Run(seconds, cpu_seconds, results)


def imported_from(tree: Path) -> Path:
    """Where a command run for ``tree`` imports ``thermal_utils`` from (checked, not assumed)."""
    out = subprocess.run(
        [sys.executable, "-c", "import thermal_utils; print(thermal_utils.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tree,
        env=_environment(tree),
    )
    return Path(out.stdout.strip()).resolve().parent.parent


def extract_before(ref: str, out_dir: Path) -> Path:
    """The repository at ``ref``, extracted into ``out_dir`` (``git archive``)."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "thermal_utils"],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(out_dir)], input=archive.stdout, check=True)
    return out_dir


def write_frames(folder: Path, count: int) -> list[Path]:
    """``count`` synthetic frames (alternately real faces and fakes) in ``folder``."""
    from thermal_utils.tooling.frame_text import write_frame
    from thermal_utils.tooling.synth.presets import FrameJob, make_frame

    paths = []
    for index in range(count):
        path = folder / f"TK110_20201201_090000_{index + 1:04d}.txt"
        real = index % 2 == 0
        job = FrameJob(path, 0, 0, int(real), index, "20201201", real)
        write_frame(path, make_frame(job))
        paths.append(path)
    return paths


def _median_ratio(numerators: list[Run], denominators: list[Run], cpu: bool = False) -> float:
    return statistics.median(
        (a.cpu_seconds / b.cpu_seconds) if cpu else (a.seconds / b.seconds)
        for a, b in zip(numerators, denominators)
    )


def _agree(runs: list[Run]) -> float:
    """The largest difference of probabilities between any run and the first (inf: other labels or paths)."""
    first = runs[0].results
    worst = 0.0
    for run in runs[1:]:
        if run.results.keys() != first.keys():
            return float("inf")
        for path, (label, p) in run.results.items():
            if label != first[path][0]:
                return float("inf")
            worst = max(worst, abs(p - first[path][1]))
    return worst


def report(variants: list[Variant], models: list[str], frame_counts: list[int], rounds: int) -> int:
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"load average before: {os.getloadavg()[0]:.2f}"
    )
    for variant in variants:
        where = imported_from(variant.tree)
        if where != variant.tree.resolve():
            raise SystemExit(
                f"{variant.key}: imports thermal_utils from {where}, not {variant.tree}"
            )
        print(f"  {variant.key:<7} {variant.description}")
    with tempfile.TemporaryDirectory(prefix="thermal-bench-predict-") as tmp:
        work = Path(tmp)
        subprocess.run(
            [sys.executable, "-c", MAKE_MODELS, str(work / "models"), *models],
            check=True,
            cwd=ROOT,
            env=_environment(ROOT),
        )
        frames_dir = work / "frames"
        frames_dir.mkdir()
        paths = write_frames(frames_dir, max(frame_counts))
        inputs = {}
        for count in frame_counts:
            if count == max(frame_counts):
                inputs[count] = frames_dir
            else:  # a folder holding the first `count` frames
                inputs[count] = work / f"frames-{count}"
                inputs[count].mkdir()
                for path in paths[:count]:
                    os.link(path, inputs[count] / path.name)
        cases = [(m, n) for m in models for n in frame_counts]
        for variant in variants:  # untimed: page cache, numba's cache in the extracted tree
            for model in models:
                run_predict(variant, work / "models" / model, inputs[min(frame_counts)])
        runs: dict[tuple[str, int, str], list[Run]] = {
            (m, n, v.key): [] for m, n in cases for v in variants
        }
        for round_index in range(rounds):
            shift = round_index % len(variants)
            order = variants[shift:] + variants[:shift]
            start = time.perf_counter()
            for model, count in cases:
                for variant in order:
                    runs[model, count, variant.key].append(
                        run_predict(variant, work / "models" / model, inputs[count])
                    )
            print(
                f"round {round_index + 1}/{rounds} ({' > '.join(v.key for v in order)}): "
                f"{time.perf_counter() - start:.0f} s",
                flush=True,
            )

    print()
    print(
        f"{rounds} interleaved round(s); medians over the rounds; 'x': the median of the per-round "
        "ratios (that variant's time / this one's)"
    )
    newest = variants[-1]
    header = f"{'model':<12}{'frames':>7}  {'variant':<8}{'wall s':>8}{'CPU s':>8}"
    others = [v for v in variants if v is not newest]
    header += "".join(f"{v.key + '/this':>14}" for v in others)
    print(header)
    for model, count in cases:
        for variant in variants:
            group = runs[model, count, variant.key]
            line = (
                f"{MODELS[model]:<12}{count:>7}  {variant.key:<8}"
                f"{statistics.median(r.seconds for r in group):>8.2f}"
                f"{statistics.median(r.cpu_seconds for r in group):>8.2f}"
            )
            if variant is newest:
                line += "".join(
                    f"{_median_ratio(runs[model, count, v.key], group):>13.1f}x" for v in others
                )
            print(line)
    if len(frame_counts) > 1:
        low, high = min(frame_counts), max(frame_counts)
        print()
        print(
            f"frames per second after the first {low} (the {high}-frame run less the {low}-frame run)"
        )
        for model in models:
            rates = []
            for variant in variants:
                extra = [
                    b.seconds - a.seconds
                    for a, b in zip(runs[model, low, variant.key], runs[model, high, variant.key])
                ]
                rate = (high - low) / statistics.median(extra)
                rates.append(f"{variant.key} {rate:,.0f}")
            print(f"  {MODELS[model]:<12}" + "  ".join(rates))
    print()
    worst = max(
        _agree([r for v in variants for r in runs[model, count, v.key]]) for model, count in cases
    )
    same = worst <= TOLERANCE
    print(
        f"same labels and probabilities (within {TOLERANCE:g}) in every variant and round: "
        f"{'yes' if same else 'NO'} (largest difference {worst:.1e})"
    )
    one = min(frame_counts)
    if "before" in {v.key for v in variants}:
        for model in models:
            for cpu in (False, True):
                ratio = _median_ratio(
                    runs[model, one, "before"], runs[model, one, newest.key], cpu=cpu
                )
                passed = ratio >= FIXED_COST_TARGET
                print(
                    f"{'PASS' if passed else 'MISS'}  {MODELS[model]}, {one} frame(s): before / "
                    f"{newest.key} {'CPU' if cpu else 'wall'} {ratio:.1f}x "
                    f"(target: fixed cost at most 1/{FIXED_COST_TARGET:g} of before's)"
                )
    print(
        f"load average after: {os.getloadavg()[0]:.2f} (other programs on the machine slow the wall times down)"
    )
    return 0 if same else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rounds", type=int, default=5, help="interleaved rounds (default 5); medians are shown"
    )
    parser.add_argument(
        "--frames",
        type=int,
        default=300,
        help="frames of the bigger case (default 300); the other case is 1 frame",
    )
    parser.add_argument(
        "--models", nargs="+", choices=list(MODELS), default=list(MODELS), help="default: both"
    )
    parser.add_argument(
        "--before",
        default=BEFORE_REF,
        help=f"git ref of the code to compare with (default {BEFORE_REF}); 'none' to skip it",
    )
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.frames < 2:
        parser.error("--rounds must be at least 1 and --frames at least 2")
    variants = [
        Variant(
            "keras", "this tree, --engine keras (Keras on TensorFlow)", ROOT, ("--engine", "keras")
        ),
        Variant("numpy", "this tree, the default engine (NumPy; no TensorFlow import)", ROOT),
    ]
    with tempfile.TemporaryDirectory(prefix="thermal-bench-before-") as before_dir:
        if args.before != "none":
            if shutil.which("git") is None:
                parser.error("--before needs git; pass --before none to skip it")
            tree = extract_before(args.before, Path(before_dir))
            description = f"the project at {args.before} (Keras on TensorFlow, as before issue 13)"
            variants.insert(0, Variant("before", description, tree))
        print(
            f"thermal-utils predict, {' and '.join(MODELS[m] for m in args.models)}, "
            f"1 and {args.frames} frames, each command in a fresh process"
        )
        return report(variants, args.models, [1, args.frames], args.rounds)


if __name__ == "__main__":
    sys.exit(main())
