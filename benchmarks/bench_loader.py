"""Benchmark: the seed's loading loop against ``load_split`` on the seed-sized data set.

Generates the ``seed`` preset (7,089 training frames, about 480 MB) once in a
temporary folder, then, in one run, times reading the training split with:

* the seed's loop, transcribed faithfully in ``thermal_utils.seed_loader`` (the baseline);
* ``cat``-ing the same files to /dev/null (the floor: reading the bytes, parsing nothing);
* ``load_split`` in one process (``jobs=1``) and on all cores (``jobs=0``);
* ``load_split`` building its ``.npz`` cache, then reloading from it.

Every variant runs in its own Python process, so that one's memory does not count
against the next; the time measured is the load call alone (no interpreter start,
no imports): its wall time and, for the variants that work in one process, its CPU
time, which other programs competing for the cores disturb much less. Peak memory is the process tree's resident memory (the loader and its
worker processes), sampled from /proc every 20 ms, above what the process held
before loading; it is compared with the size of the final arrays. The script checks
that every variant gives identical frames and labels (the seed's files, which come
in directory order, are put into name order first).

Usage (from the repository root)::

    python benchmarks/bench_loader.py                 # generate, measure, delete
    python benchmarks/bench_loader.py --keep /tmp/seed-data   # generate once, keep
    python benchmarks/bench_loader.py --data /tmp/seed-data   # reuse a generated folder

Targets: ``load_split`` at least 10x faster than the seed's loop, a cache reload at
least 100x faster, and peak memory at most 2x the final float32 arrays.
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
"""The seed's date range, ``range(20201201, 20201220)``."""

FIRST_DAY, LAST_DAY = SEED_DAYS[0], SEED_DAYS[-1]

LOADER_TARGET, CACHE_TARGET, MEMORY_TARGET = 10.0, 100.0, 2.0
SAMPLE_SECONDS = 0.02


@dataclass(frozen=True)
class Measurement:
    """One variant's run: seconds for the load call, memory in bytes, and a digest of its arrays."""

    seconds: float
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


def _run_seed(data_dir: Path) -> tuple[float, np.ndarray, np.ndarray]:
    """The seed's loop over both classes; returns (seconds, frames in name order, labels)."""
    from thermal_utils.seed_loader import seed_frames_array, seed_load_days

    start = time.perf_counter()
    x_real, y_real = seed_load_days(str(data_dir / "train" / "real"), SEED_DAYS, 1)
    x_fake, y_fake = seed_load_days(str(data_dir / "train" / "fake"), SEED_DAYS, 0)
    frames = seed_frames_array(x_real + x_fake)
    labels = np.array(y_real + y_fake, dtype=np.float32)
    seconds = time.perf_counter() - start
    del x_real, x_fake
    # The seed read files in directory order; put them in our (class, day, name) order.
    order = []
    for rank, cls in enumerate(("real", "fake")):
        for day in SEED_DAYS:
            for name in glob.glob(str(data_dir / "train" / cls) + "/" + day + "/*.txt"):
                if len(name) >= 50:  # the seed's own junk rule
                    order.append((rank, day, os.path.basename(name)))
    permutation = sorted(range(len(order)), key=order.__getitem__)
    return seconds, frames[permutation], labels.argmax(axis=1)[permutation]


def _run_ours(data_dir: Path, jobs: int, cache_dir: str | None) -> tuple[float, np.ndarray, np.ndarray, int]:
    from thermal_utils.dataset import load_split

    start = time.perf_counter()
    data = load_split(data_dir, "train", first_day=FIRST_DAY, last_day=LAST_DAY, jobs=jobs, cache_dir=cache_dir, progress=False)
    seconds = time.perf_counter() - start
    array_bytes = data.frames.nbytes + data.labels.nbytes + data.one_hot.nbytes
    return seconds, data.frames, data.labels, array_bytes


def variant_main(variant: str, data_dir: Path, cache_dir: str | None, result_file: Path) -> None:
    """Run one variant in this process and write its Measurement (as JSON) to ``result_file``."""
    import thermal_utils.dataset  # noqa: F401  (imports are not part of the timing)
    import thermal_utils.seed_loader  # noqa: F401

    before = _rss_high_water_bytes()
    cpu_before = _cpu_seconds()
    ready = Path(str(result_file) + ".ready")
    ready.with_suffix(".tmp").write_text(str(_current_rss_bytes(os.getpid())))
    ready.with_suffix(".tmp").replace(ready)  # the driver never reads half a number
    if variant == "seed":
        seconds, frames, labels = _run_seed(data_dir)  # its peak is in the loop, not the reordering
        array_bytes = frames.nbytes + labels.size * 8 + labels.size * 2 * 4
    else:
        jobs = 1 if variant == "jobs1" else 0
        seconds, frames, labels, array_bytes = _run_ours(data_dir, jobs, cache_dir)
    main_peak = _rss_high_water_bytes() - before
    cpu_seconds = _cpu_seconds() - cpu_before
    Path(str(result_file) + ".loaded").write_text("")  # the driver stops sampling memory here
    result = {"seconds": seconds, "cpu_seconds": cpu_seconds, "main_peak_bytes": main_peak, "array_bytes": array_bytes,
              "frames": int(len(frames)), "digest": _digest(frames, labels)}
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
        children = [child for child, parent in parents.items() if parent == pid and child not in tree]
        tree.update(children)
        frontier += children
    return sum(_current_rss_bytes(pid) for pid in tree)


def run_variant(variant: str, data_dir: Path, cache_dir: Path | None, sample_memory: bool) -> Measurement:
    """Run one variant in a fresh Python process; sample its process tree's memory."""
    with tempfile.TemporaryDirectory() as tmp:
        result_file = Path(tmp) / "result.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--variant", variant, "--data", str(data_dir),
                   "--result-file", str(result_file)]
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
        cpu_seconds=result["cpu_seconds"],
        peak_bytes=max(peak - (baseline or 0), result["main_peak_bytes"]) if sample_memory else result["main_peak_bytes"],
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


def repeated(variant: str, data_dir: Path, cache_dir: Path | None, repeat: int) -> tuple[Measurement, float, float]:
    """Run a variant ``repeat`` times (memory sampled on the first); return the first
    run and the median wall and CPU times."""
    runs = [run_variant(variant, data_dir, cache_dir, sample_memory=(i == 0)) for i in range(repeat)]
    if len({run.digest for run in runs}) != 1:
        raise RuntimeError(f"variant {variant} gave different arrays on different runs")
    return runs[0], statistics.median(run.seconds for run in runs), statistics.median(run.cpu_seconds for run in runs)


def generate(data_dir: Path) -> None:
    from thermal_utils.synth.presets import write_preset

    start = time.perf_counter()
    print(f"generating the seed preset in {data_dir} ...", flush=True)
    count = write_preset("seed", data_dir, seed=0, jobs=os.cpu_count() or 1)
    print(f"  {count:,} frames in {time.perf_counter() - start:.0f} s", flush=True)


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def report(data_dir: Path, repeat: int) -> int:
    files = frame_files(data_dir)
    size = sum(p.stat().st_size for p in files)
    print(f"data: {len(files):,} training frame files, {size / 1e6:,.0f} MB, in {data_dir}")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, numpy {np.__version__}, "
          f"load average before: {os.getloadavg()[0]:.2f}")
    time_cat(files)  # warm the page cache: every variant reads from memory
    cat = statistics.median(time_cat(files) for _ in range(repeat))
    # (name, wall s, main-process CPU s or None when workers do the work, measurement)
    rows: list[tuple[str, float, float | None, Measurement | None]] = []
    seed, seed_seconds, seed_cpu = repeated("seed", data_dir, None, 1)
    rows.append(("seed loop (faithful transcription)", seed_seconds, seed_cpu, seed))
    rows.append(("cat files > /dev/null (input floor)", cat, None, None))
    one, one_seconds, one_cpu = repeated("jobs1", data_dir, None, repeat)
    rows.append(("load_split, jobs=1", one_seconds, one_cpu, one))
    every, every_seconds, _ = repeated("jobsall", data_dir, None, repeat)
    rows.append((f"load_split, jobs=0 ({os.cpu_count()} cores)", every_seconds, None, every))
    with tempfile.TemporaryDirectory() as cache_dir:
        build, build_seconds, _ = repeated("jobsall", data_dir, Path(cache_dir), 1)
        rows.append(("load_split, all cores + writing the cache", build_seconds, None, build))
        reload, reload_seconds, reload_cpu = repeated("jobsall", data_dir, Path(cache_dir), repeat)
        rows.append(("load_split, cache reload", reload_seconds, reload_cpu, reload))

    final = one.array_bytes
    print(f"final arrays (frames, labels, one-hot): {_mib(final)}; medians of {repeat} runs (seed loop: 1 run)")
    print(f"{'variant':<44}{'wall s':>8}{'vs seed':>9}{'CPU s':>8}{'vs seed':>9}{'peak memory':>13}{'x arrays':>9}")
    for name, seconds, cpu, run in rows:
        cpu_text = f"{cpu:>8.2f}{seed_cpu / cpu:>8.1f}x" if cpu else f"{'':>17}"
        memory = f"{_mib(run.peak_bytes):>13}{run.peak_bytes / final:>8.2f}x" if run else ""
        print(f"{name:<44}{seconds:>8.2f}{seed_seconds / seconds:>8.1f}x{cpu_text}{memory}")
    print("(CPU s: the main process only, so only for the variants that do all their work there)")

    identical = len({run.digest for _, _, _, run in rows if run}) == 1 and seed.frames == len(files)
    print(f"identical frames and labels in every variant: {'yes' if identical else 'NO'} ({seed.frames:,} frames)")
    checks = [
        (f"load_split (all cores) >= {LOADER_TARGET:g}x faster than the seed loop (wall)", seed_seconds / every_seconds, LOADER_TARGET, True),
        (f"load_split (one core) >= {LOADER_TARGET:g}x faster than the seed loop (wall)", seed_seconds / one_seconds, LOADER_TARGET, True),
        (f"load_split (one core) >= {LOADER_TARGET:g}x less CPU than the seed loop", seed_cpu / one_cpu, LOADER_TARGET, True),
        (f"cache reload >= {CACHE_TARGET:g}x faster than the seed loop (wall)", seed_seconds / reload_seconds, CACHE_TARGET, True),
        (f"peak memory (one core) <= {MEMORY_TARGET:g}x the final arrays", one.peak_bytes / final, MEMORY_TARGET, False),
        (f"peak memory (all cores, with workers) <= {MEMORY_TARGET:g}x the final arrays", every.peak_bytes / final, MEMORY_TARGET, False),
        (f"peak memory (cache reload) <= {MEMORY_TARGET:g}x the final arrays", reload.peak_bytes / final, MEMORY_TARGET, False),
    ]
    for text, value, target, higher_is_better in checks:
        passed = value >= target if higher_is_better else value <= target
        print(f"{'PASS' if passed else 'MISS'}  {text}: {value:.2f}x")
    print(f"(the seed loop's own peak memory: {_mib(seed.peak_bytes)}, {seed.peak_bytes / final:.1f}x the final arrays)")
    print(f"load average after: {os.getloadavg()[0]:.2f} (other programs on the machine slow the wall times down)")
    return 0 if identical else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--data", type=Path, help="an existing data directory holding the seed preset")
    where.add_argument("--keep", type=Path, help="generate the seed preset here (unless already there) and keep it")
    parser.add_argument("--repeat", type=int, default=3, help="runs per fast variant; the median is shown (default 3)")
    parser.add_argument("--variant", help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", help=argparse.SUPPRESS)
    parser.add_argument("--result-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.variant:
        variant_main(args.variant, args.data.resolve(), args.cache_dir, args.result_file)
        return 0
    if args.data:
        return report(args.data.resolve(), args.repeat)
    if args.keep:
        if not (args.keep / "train").is_dir():
            generate(args.keep)
        return report(args.keep.resolve(), args.repeat)
    with tempfile.TemporaryDirectory(prefix="thermal-bench-") as tmp:
        generate(Path(tmp))
        return report(Path(tmp).resolve(), args.repeat)


if __name__ == "__main__":
    sys.exit(main())
