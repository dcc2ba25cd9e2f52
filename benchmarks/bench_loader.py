"""Benchmark: the lecture's loading loop against ``load_split`` on the lecture-sized data set.

Generates the ``lecture`` preset (7,089 training frames, about 480 MB) once in a
temporary folder, then times reading the training split with:

* the lecture's loop, transcribed faithfully in ``thermal_utils.tooling.lecture_loader`` (the baseline);
* ``cat``-ing the same files to /dev/null (the floor: reading the bytes, parsing nothing);
* ``load_split`` in one process (``jobs=1``) and on all cores (``jobs=0``);
* ``load_split`` reloading its ``.npz`` cache (built once with ``jobs=1``, before the rounds).

The variants are interleaved: every round runs each of them once, in an order that
rotates from round to round, so that a slow spell of the machine (other programs on
its cores) falls on all of them alike. Each variant's ratio to the lecture's loop is
taken within a round (paired), and the median over the rounds is printed, with the
median wall and CPU times.

Every variant runs in its own Python process, so that one's memory does not count
against the next; the time measured is the load call alone (no interpreter start,
no imports; the imports' time is printed separately): its wall time and, for the
variants that work in one process, its CPU time, which other programs competing for
the cores disturb much less. Peak memory: for the one-process variants, the main
process's high-water mark above its level before loading (``ru_maxrss``); for all
cores, the process tree's resident memory (the loader and its workers) sampled from
/proc every 20 ms in one extra, untimed run (sampling costs CPU, so never while
timing). It is compared with the size of the final arrays. The script checks that
every variant gives identical frames and labels (the lecture's files, which come in
directory order, are put into name order first).

Usage (from the repository root)::

    python benchmarks/bench_loader.py                 # generate, measure, delete
    python benchmarks/bench_loader.py --keep /tmp/lecture-data   # generate once, keep
    python benchmarks/bench_loader.py --data /tmp/lecture-data   # reuse a generated folder
    python benchmarks/bench_loader.py --data /tmp/lecture-data --frames 500 --rounds 2  # quick
    python benchmarks/bench_loader.py --data data/sample --frames 12 --rounds 1 --no-memory-run  # smoke test

``--frames N`` measures an evenly spread subset of N training frames (both classes,
days in the lecture's range), linked into a temporary folder.

Targets: ``load_split`` at least 30x faster than the lecture's loop on one core, a cache
reload at least 100x faster, and peak memory at most 2x the final float32 arrays.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED_DAYS = [str(day) for day in range(20201201, 20201220)]
"""The lecture's date range, ``range(20201201, 20201220)``."""

FIRST_DAY, LAST_DAY = SEED_DAYS[0], SEED_DAYS[-1]

LOADER_TARGET, CACHE_TARGET, MEMORY_TARGET = 30.0, 100.0, 2.0
SAMPLE_SECONDS = 0.02


@dataclass(frozen=True)
class Measurement:
    """One variant's run: seconds for the load call, memory in bytes, and a digest of its arrays."""

    seconds: float
    import_seconds: float
    """Importing ``thermal_utils.tooling.loader`` and ``lecture_loader`` in the variant's process
    (not part of ``seconds``)."""
    cpu_seconds: float
    """CPU time (user + system) of the main process during the load call; for the
    single-process variants this is all the work, unlike wall time unaffected by
    other programs competing for the cores."""
    peak_bytes: int
    """Peak resident memory of the process tree above its level just before loading."""
    main_peak_bytes: int
    """The same for the main process alone (its exact high-water mark)."""
    array_bytes: int
    frames: int
    digest: str


# ---------------------------------------------------------------------------
# Inside a variant's process


def _rss_high_water_bytes() -> int:
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _digest(frames: np.ndarray, labels: np.ndarray) -> str:
    """SHA-256 of the float32 frames and int64 labels (hashed in place, no copy)."""
    sha = hashlib.sha256()
    sha.update(np.ascontiguousarray(frames, dtype=np.float32))
    sha.update(np.ascontiguousarray(labels, dtype=np.int64))
    return sha.hexdigest()


def _run_lecture(data_dir: Path) -> tuple[float, np.ndarray, np.ndarray]:
    """The lecture's loop over both classes; returns (seconds, frames in name order, labels)."""
    from thermal_utils.tooling.lecture_loader import lecture_frames_array, lecture_load_days

    start = time.perf_counter()
    x_real, y_real = lecture_load_days(str(data_dir / "train" / "real"), SEED_DAYS, 1)
    x_fake, y_fake = lecture_load_days(str(data_dir / "train" / "fake"), SEED_DAYS, 0)
    frames = lecture_frames_array(x_real + x_fake)
    labels = np.array(y_real + y_fake, dtype=np.float32)
    seconds = time.perf_counter() - start
    del x_real, x_fake
    # The lecture read files in directory order; put them in our (class, day, name) order.
    order = []
    for rank, cls in enumerate(("real", "fake")):
        for day in SEED_DAYS:
            for name in glob.glob(str(data_dir / "train" / cls) + "/" + day + "/*.txt"):
                if len(name) >= 50:  # the lecture's own junk rule
                    order.append((rank, day, os.path.basename(name)))
    permutation = sorted(range(len(order)), key=order.__getitem__)
    return seconds, frames[permutation], labels.argmax(axis=1)[permutation]


def _run_ours(
    data_dir: Path, jobs: int, cache_dir: str | None
) -> tuple[float, np.ndarray, np.ndarray, int]:
    from thermal_utils.datasets import load_split

    start = time.perf_counter()
    data = load_split(
        data_dir,
        "train",
        first_day=FIRST_DAY,
        last_day=LAST_DAY,
        jobs=jobs,
        cache_dir=cache_dir,
        progress=False,
    )
    seconds = time.perf_counter() - start
    array_bytes = data.frames.nbytes + data.labels.nbytes + data.one_hot.nbytes
    return seconds, data.frames, data.labels, array_bytes


def variant_main(variant: str, data_dir: Path, cache_dir: str | None, result_file: Path) -> None:
    """Run one variant in this process and write its Measurement (as JSON) to ``result_file``."""
    start = time.perf_counter()
    import thermal_utils.tooling.lecture_loader  # noqa: F401
    import thermal_utils.tooling.loader  # noqa: F401  (imports are not part of the timing)

    import_seconds = time.perf_counter() - start

    before = _rss_high_water_bytes()
    cpu_before = _cpu_seconds()
    ready = Path(str(result_file) + ".ready")
    ready.with_suffix(".tmp").write_text(str(_current_rss_bytes(os.getpid())))
    ready.with_suffix(".tmp").replace(ready)  # the driver never reads half a number
    if variant == "lecture":
        seconds, frames, labels = _run_lecture(
            data_dir
        )  # its peak is in the loop, not the reordering
        array_bytes = frames.nbytes + labels.size * 8 + labels.size * 2 * 4
    else:
        jobs = 1 if variant == "jobs1" else 0
        seconds, frames, labels, array_bytes = _run_ours(data_dir, jobs, cache_dir)
    main_peak = _rss_high_water_bytes() - before
    cpu_seconds = _cpu_seconds() - cpu_before
    Path(str(result_file) + ".loaded").write_text("")  # the driver stops sampling memory here
    result = {
        "seconds": seconds,
        "import_seconds": import_seconds,
        "cpu_seconds": cpu_seconds,
        "main_peak_bytes": main_peak,
        "array_bytes": array_bytes,
        "frames": int(len(frames)),
        "digest": _digest(frames, labels),
    }
    result_file.write_text(json.dumps(result))


# ---------------------------------------------------------------------------
# In the driver


def _current_rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _tree_rss_bytes(root: int) -> int:
    """Resident memory of ``root`` and all its descendants (Linux /proc; 0 elsewhere)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc") if os.path.isdir("/proc") else []:
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as handle:
                    parents[int(entry.name)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [
            child for child, parent in parents.items() if parent == pid and child not in tree
        ]
        tree.update(children)
        frontier += children
    return sum(_current_rss_bytes(pid) for pid in tree)


def run_variant(
    variant: str, data_dir: Path, cache_dir: Path | None, sample_memory: bool
) -> Measurement:
    """Run one variant in a fresh Python process; sample its process tree's memory."""
    with tempfile.TemporaryDirectory() as tmp:
        result_file = Path(tmp) / "result.json"
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--variant",
            variant,
            "--data",
            str(data_dir),
            "--result-file",
            str(result_file),
        ]
        if cache_dir is not None:
            command += ["--cache-dir", str(cache_dir)]
        process = subprocess.Popen(command)
        ready, loaded = Path(str(result_file) + ".ready"), Path(str(result_file) + ".loaded")
        baseline, peak = None, 0
        while process.poll() is None:
            if sample_memory and ready.exists() and not loaded.exists():
                if baseline is None:
                    baseline = int(ready.read_text() or 0)  # written just before the load began
                peak = max(peak, _tree_rss_bytes(process.pid))
            time.sleep(SAMPLE_SECONDS)
        if process.returncode != 0:
            raise RuntimeError(f"variant {variant} failed with exit status {process.returncode}")
        result = json.loads(result_file.read_text())
    return Measurement(
        seconds=result["seconds"],
        import_seconds=result["import_seconds"],
        cpu_seconds=result["cpu_seconds"],
        peak_bytes=max(peak - (baseline or 0), result["main_peak_bytes"])
        if sample_memory
        else result["main_peak_bytes"],
        main_peak_bytes=result["main_peak_bytes"],
        array_bytes=result["array_bytes"],
        frames=result["frames"],
        digest=result["digest"],
    )


def frame_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in (data_dir / "train").rglob("*.txt") if p.is_file())


def time_cat(files: list[Path]) -> float:
    """Seconds to ``cat`` every file to /dev/null (xargs batches the command lines)."""
    listing = b"\0".join(str(p).encode() for p in files)
    start = time.perf_counter()
    subprocess.run(["xargs", "-0", "cat"], input=listing, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def subset(data_dir: Path, frames: int, out_dir: Path) -> Path:
    """Link ``frames`` training frames of ``data_dir``, spread evenly over its sorted
    frame files (both classes, days in the lecture's range), into ``out_dir``."""
    from thermal_utils import frames as fmt

    candidates = [
        p
        for p in frame_files(data_dir)
        if fmt.FRAME_NAME_PATTERN.match(p.name)
        and p.parent.name in SEED_DAYS
        and p.parent.parent.name in fmt.CLASSES
    ]
    if frames > len(candidates):
        raise SystemExit(
            f"--frames {frames}: {data_dir} has only {len(candidates)} training frames in the lecture's days"
        )
    picks = sorted({round(i * (len(candidates) - 1) / max(1, frames - 1)) for i in range(frames)})
    for index in picks:
        source = candidates[index]
        target = out_dir / source.relative_to(data_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:  # another file system: copy
            target.write_bytes(source.read_bytes())
    for cls in fmt.CLASSES:
        (out_dir / "train" / cls).mkdir(parents=True, exist_ok=True)
    return out_dir


def generate(data_dir: Path) -> None:
    from thermal_utils.tooling.synth.presets import write_preset

    start = time.perf_counter()
    print(f"generating the lecture preset in {data_dir} ...", flush=True)
    count = write_preset("lecture", data_dir, seed=0, jobs=os.cpu_count() or 1)
    print(f"  {count:,} frames in {time.perf_counter() - start:.0f} s", flush=True)


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


VARIANTS = [
    # (key, printed name, the variant process's mode, uses the cache, one process only)
    ("lecture", "lecture loop (faithful transcription)", "lecture", False, True),
    ("jobs1", "load_split, jobs=1", "jobs1", False, True),
    ("jobsall", f"load_split, jobs=0 ({os.cpu_count()} cores)", "jobsall", False, False),
    ("reload", "load_split, cache reload", "jobsall", True, True),
]


def report(data_dir: Path, rounds: int, memory_run: bool = True) -> int:
    files = frame_files(data_dir)
    size = sum(p.stat().st_size for p in files)
    print(f"data: {len(files):,} training frame files, {size / 1e6:,.0f} MB, in {data_dir}")
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, numpy {np.__version__}, "
        f"load average before: {os.getloadavg()[0]:.2f}"
    )
    time_cat(files)  # warm the page cache: every variant reads from memory
    with tempfile.TemporaryDirectory() as cache_dir:
        build = run_variant("jobs1", data_dir, Path(cache_dir), sample_memory=False)
        print(
            f"cache built once before the rounds (one core, reading + writing it): {build.seconds:.2f} s",
            flush=True,
        )
        runs: dict[str, list[Measurement]] = {key: [] for key, *_ in VARIANTS}
        cats: list[float] = []
        for round_index in range(rounds):
            shift = round_index % len(VARIANTS)
            order = VARIANTS[shift:] + VARIANTS[:shift]  # rotate: no variant always runs first
            for key, _, mode, cached, _ in order:
                runs[key].append(
                    run_variant(
                        mode, data_dir, Path(cache_dir) if cached else None, sample_memory=False
                    )
                )
            cats.append(time_cat(files))
            walls = "  ".join(f"{key} {runs[key][-1].seconds:.2f}" for key, *_ in VARIANTS)
            print(
                f"round {round_index + 1}/{rounds} ({' > '.join(key for key, *_ in order)}), wall s: {walls}",
                flush=True,
            )
        # One more, untimed run of the all-cores variant to sample its process tree's
        # memory (sampling costs CPU, so it never runs while timing).
        every_memory = (
            run_variant("jobsall", data_dir, None, sample_memory=True) if memory_run else None
        )

    lecture_runs = runs["lecture"]
    final = runs["jobs1"][0].array_bytes
    print()
    print(
        f"final arrays (frames, labels, one-hot): {_mib(final)}; {rounds} interleaved round(s); "
        "medians over the rounds; 'vs lecture': the median of the per-round ratios lecture / variant"
    )
    print(
        f"{'variant':<40}{'wall s':>8}{'vs lecture':>11}{'CPU s':>8}{'vs lecture':>11}{'import s':>10}{'peak memory':>13}{'x arrays':>9}"
    )
    ratios: dict[str, tuple[float, float | None]] = {}
    for key, name, _, _, one_process in VARIANTS:
        group = runs[key]
        wall = statistics.median(run.seconds for run in group)
        wall_ratio = statistics.median(
            s.seconds / run.seconds for s, run in zip(lecture_runs, group)
        )
        cpu_ratio = (
            statistics.median(
                s.cpu_seconds / run.cpu_seconds for s, run in zip(lecture_runs, group)
            )
            if one_process
            else None
        )
        ratios[key] = (wall_ratio, cpu_ratio)
        cpu_text = (
            f"{statistics.median(run.cpu_seconds for run in group):>8.2f}{cpu_ratio:>10.1f}x"
            if one_process
            else f"{'':>19}"
        )
        peak = (
            max(run.main_peak_bytes for run in group)
            if one_process
            else every_memory.peak_bytes
            if every_memory
            else None
        )
        imports = statistics.median(run.import_seconds for run in group)
        memory = (
            f"{_mib(peak):>13}{peak / final:>8.2f}x" if peak is not None else f"{'(not run)':>13}"
        )
        print(f"{name:<40}{wall:>8.2f}{wall_ratio:>10.1f}x{cpu_text}{imports:>10.2f}{memory}")
    cat = statistics.median(cats)
    cat_ratio = statistics.median(s.seconds / c for s, c in zip(lecture_runs, cats))
    print(f"{'cat files > /dev/null (input floor)':<40}{cat:>8.2f}{cat_ratio:>10.1f}x")
    print(
        "(CPU s: the main process only, so only for the variants that do all their work there; "
        "import s: importing thermal_utils in the variant's process, outside the timing)"
    )
    print()
    for key, name, _, _, _ in VARIANTS[1:]:
        wall_ratio, cpu_ratio = ratios[key]
        per_round = " ".join(
            f"{s.seconds / run.seconds:.1f}x" for s, run in zip(lecture_runs, runs[key])
        )
        cpu_text = f", CPU {cpu_ratio:.1f}x" if cpu_ratio is not None else ""
        print(
            f"ratio {name} vs lecture loop: wall {wall_ratio:.1f}x{cpu_text} (per round: {per_round})"
        )

    digests = {run.digest for group in runs.values() for run in group} | {build.digest}
    digests |= {every_memory.digest} if every_memory else set()
    identical = len(digests) == 1 and lecture_runs[0].frames == len(files)
    print(
        f"identical frames and labels in every variant and round: {'yes' if identical else 'NO'} ({lecture_runs[0].frames:,} frames)"
    )
    one_peak = max(run.main_peak_bytes for run in runs["jobs1"])
    reload_peak = max(run.main_peak_bytes for run in runs["reload"])
    checks = [
        (
            f"load_split (one core) >= {LOADER_TARGET:g}x faster than the lecture loop (wall)",
            ratios["jobs1"][0],
            LOADER_TARGET,
            True,
        ),
        (
            f"load_split (one core) >= {LOADER_TARGET:g}x less CPU than the lecture loop",
            ratios["jobs1"][1],
            LOADER_TARGET,
            True,
        ),
        (
            f"load_split (all cores) >= {LOADER_TARGET:g}x faster than the lecture loop (wall)",
            ratios["jobsall"][0],
            LOADER_TARGET,
            True,
        ),
        (
            f"cache reload >= {CACHE_TARGET:g}x faster than the lecture loop (wall)",
            ratios["reload"][0],
            CACHE_TARGET,
            True,
        ),
        (
            f"peak memory (one core) <= {MEMORY_TARGET:g}x the final arrays",
            one_peak / final,
            MEMORY_TARGET,
            False,
        ),
        (
            f"peak memory (cache reload) <= {MEMORY_TARGET:g}x the final arrays",
            reload_peak / final,
            MEMORY_TARGET,
            False,
        ),
    ]
    if every_memory:
        checks.append(
            (
                f"peak memory (all cores, with workers) <= {MEMORY_TARGET:g}x the final arrays",
                every_memory.peak_bytes / final,
                MEMORY_TARGET,
                False,
            )
        )
    for text, value, target, higher_is_better in checks:
        passed = value >= target if higher_is_better else value <= target
        print(f"{'PASS' if passed else 'MISS'}  {text}: {value:.2f}x")
    lecture_peak = max(run.main_peak_bytes for run in lecture_runs)
    print(
        f"(the lecture loop's own peak memory: {_mib(lecture_peak)}, {lecture_peak / final:.1f}x the final arrays)"
    )
    print(
        f"load average after: {os.getloadavg()[0]:.2f} (other programs on the machine slow the wall times down)"
    )
    return 0 if identical else 1


def measure(data_dir: Path, rounds: int, frames: int | None, memory_run: bool) -> int:
    """Report on ``data_dir``, or on a linked subset of ``frames`` of its frames."""
    if frames is None:
        return report(data_dir, rounds, memory_run)
    with tempfile.TemporaryDirectory(prefix="thermal-bench-subset-") as tmp:
        return report(subset(data_dir, frames, Path(tmp)).resolve(), rounds, memory_run)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--data", type=Path, help="an existing data directory holding the lecture preset"
    )
    where.add_argument(
        "--keep",
        type=Path,
        help="generate the lecture preset here (unless already there) and keep it",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="interleaved rounds, each running every variant once; medians are shown (default 3)",
    )
    parser.add_argument(
        "--frames", type=int, help="measure an evenly spread subset of this many training frames"
    )
    parser.add_argument(
        "--no-memory-run",
        dest="memory_run",
        action="store_false",
        help="skip the extra, untimed run that samples the all-cores variant's memory",
    )
    parser.add_argument("--variant", help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", help=argparse.SUPPRESS)
    parser.add_argument("--result-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.variant:
        variant_main(args.variant, args.data.resolve(), args.cache_dir, args.result_file)
        return 0
    if args.rounds < 1 or (args.frames is not None and args.frames < 1):
        parser.error("--rounds and --frames must be at least 1")
    if args.data:
        return measure(args.data.resolve(), args.rounds, args.frames, args.memory_run)
    if args.keep:
        if not (args.keep / "train").is_dir():
            generate(args.keep)
        return measure(args.keep.resolve(), args.rounds, args.frames, args.memory_run)
    with tempfile.TemporaryDirectory(prefix="thermal-bench-") as tmp:
        generate(Path(tmp))
        return measure(Path(tmp).resolve(), args.rounds, args.frames, args.memory_run)


if __name__ == "__main__":
    sys.exit(main())
