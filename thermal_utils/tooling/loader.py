"""The machinery of ``thermal_utils.load_split``: listing, parallel reading, caching.

Layout: ``DATA_DIR/<split>/<class>/<YYYYMMDD>/<camera>_<YYYYMMDD>_<HHMMSS>_<NNNN>.txt``
with split ``train`` or ``test`` and class ``real`` (label 1) or ``fake`` (label 0).
Every file found under a class folder is a candidate: it is either loaded or listed,
with its reason, in the ``LoadReport``. Nothing is dropped silently.

Frames are parsed in chunks, in one process or in a pool of worker processes
(``jobs``); the result is the same, in the same order, however many processes read
it. A built split can be cached to ``.npz`` (``cache_dir``, see ``thermal_utils.tooling.cache``).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Union

import numpy as np

from thermal_utils import formats as fmt
from thermal_utils.formats import Dataset, FrameFormatError, LoadReport, SkippedFile
from thermal_utils.tooling import cache as split_cache
from thermal_utils.tooling.fast_read import read_temperatures
from thermal_utils.tooling.values import check_day_range, clock_problem, day_problem

display_name = LoadReport.display_name
"""A name printable in any locale (see ``LoadReport.display_name``)."""

OnError = Literal["raise", "skip"]

PROGRESS_MIN_FILES = 500
"""``progress=None`` shows a progress bar only for more frame files than this (and only
when stderr is a terminal)."""

MAX_CHUNK = 64
"""Frame files per work unit: large enough to keep inter-process traffic cheap, small
enough to balance the load and move the progress bar."""

FailureInfo = Union[  # noqa: UP007 (a type alias evaluated at import: Python 3.10 needs Union)
    tuple[str, str, int | None, str, str | None], tuple[str, int, str, str]
]
"""A failed read as plain data (exceptions do not always pickle):
``("format", path, line, expected, found)`` or ``("os", errno, strerror, path)``."""

ChunkResult = tuple[np.ndarray, list[int], list[tuple[int, FailureInfo]]]
"""What reading one chunk gives: the frames read ``(m, 110, 120)`` float32 °C, the
positions (within the chunk) they came from, and ``(position, failure)`` pairs."""


def _in_range(day: str, first_day: str | None, last_day: str | None) -> bool:
    return (first_day is None or day >= first_day) and (last_day is None or day <= last_day)


def _sorted_entries(folder: str) -> list[os.DirEntry[str]]:
    """A folder's entries in name order (``os.scandir``: no extra stat per entry)."""
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def _unreadable(error: OSError) -> str:
    return f"could not be read: {error.strerror or error}"


def _is_dir(entry: os.DirEntry[str]) -> bool | str:
    """Whether an entry is a folder (following symlinks); the reason when that cannot be
    told (a symlink loop, no permission)."""
    try:
        return entry.is_dir()
    except OSError as error:
        return _unreadable(error)


def _skip_reason(item: os.DirEntry[str], day: str) -> str | None:
    """Why an entry of a day folder is not a frame file, or None when it is one."""
    is_dir = _is_dir(item)
    if isinstance(is_dir, str):
        return is_dir
    if is_dir:
        return "a directory, not a frame file"
    match = fmt.FRAME_NAME_PATTERN.match(item.name)
    if not match:
        return "junk: name does not match <camera>_<YYYYMMDD>_<HHMMSS>_<NNNN>.txt"
    if match["day"] != day:
        return f"file date {match['day']} does not match its day folder {day}"
    problem = clock_problem(match["time"])
    if problem is not None:
        return f"file time {problem}"
    return None


def list_candidates(
    data_dir: Path,
    split: str,
    cls: str,
    first_day: str | None,
    last_day: str | None,
    report: LoadReport,
) -> list[str]:
    """List the frame files of one class folder, in day then name order, as POSIX paths
    relative to ``data_dir`` (``train/real/20201201/TK110_20201201_090000_0001.txt``).

    Junk (entries whose names break the naming rule, stray files beside the day
    folders, sub-folders) is added to ``report.skipped``; day folders outside the
    date range are added to ``report.excluded_days``. An entry that cannot be read
    (a symlink loop, a folder without permission) is skipped with the reason, never fatal.
    """
    class_dir = data_dir / split / cls
    if not class_dir.is_dir():
        raise FileNotFoundError(
            f"{split}/{cls}: expected a folder of day folders (YYYYMMDD) in {data_dir.name or data_dir}"
        )
    frames: list[str] = []
    try:
        entries = _sorted_entries(str(class_dir))
    except OSError as error:
        report.candidates += 1
        report.skipped.append(SkippedFile(f"{split}/{cls}", _unreadable(error)))
        return frames
    for entry in entries:
        rel = f"{split}/{cls}/{entry.name}"
        is_dir = _is_dir(entry)
        problem = day_problem(entry.name)
        if isinstance(is_dir, str) or not is_dir or problem is not None:
            report.candidates += 1
            if isinstance(is_dir, str):
                reason = is_dir
            elif not is_dir or not fmt.DAY_PATTERN.match(entry.name):
                reason = "not a day folder (expected a folder named YYYYMMDD)"
            else:
                reason = f"not a day folder (expected a folder named YYYYMMDD): {problem}"
            report.skipped.append(SkippedFile(rel, reason))
            continue
        if not _in_range(entry.name, first_day, last_day):
            report.excluded_days.append(rel)
            continue
        try:
            items = _sorted_entries(entry.path)
        except OSError as error:
            report.candidates += 1
            report.skipped.append(SkippedFile(rel, f"day folder {_unreadable(error)}"))
            continue
        for item in items:
            report.candidates += 1
            reason = _skip_reason(item, entry.name)
            if reason is None:
                frames.append(f"{rel}/{item.name}")
            else:
                report.skipped.append(SkippedFile(f"{rel}/{item.name}", reason))
    return frames


def check_selection(data_dir: str | Path, first_day: str | None, last_day: str | None) -> None:
    """Fail unless the day range leaves frame files of both classes in both splits.

    Reads only folder listings (no frame). Raises ``ValueError`` naming each split and class
    left empty, the day folders each class has, and the parameters to change; a missing class
    folder is a ``ValueError`` too.
    """
    data_dir = Path(data_dir)
    empty: list[str] = []
    days_found: list[str] = []
    for split in fmt.SPLITS:
        for cls in fmt.CLASSES:
            report = LoadReport()
            try:
                found = list_candidates(data_dir, split, cls, first_day, last_day, report)
            except FileNotFoundError as error:
                raise ValueError(
                    f"data_dir {data_dir.as_posix()!r}: {error} (each split needs a 'real' and a "
                    "'fake' class folder: see data/README.md)"
                ) from None
            days = sorted(
                {rel.split("/")[2] for rel in found}
                | {rel.split("/")[2] for rel in report.excluded_days}
            )
            days_found.append(f"{split}/{cls}: {_day_list(days)}")
            if not found:
                empty.append(f"{split}/{cls}")
    if not empty:
        return
    if first_day is None and last_day is None:
        what = "holds no frame file in"
        fix = "add frames of both classes to both splits (data/README.md shows the layout)"
    else:
        what = f"with days {first_day or 'any'}..{last_day or 'any'} has no frame file in"
        fix = (
            "choose first_day and last_day among the days found, or leave them unset (None) to "
            "use every day (papermill: -r first_day YYYYMMDD; thermal-utils run: -p first_day "
            "YYYYMMDD)"
        )
    raise ValueError(
        f"data_dir {data_dir.as_posix()!r} {what} {', '.join(empty)}: every split needs frames "
        f"of both classes. Day folders found: {'; '.join(days_found)}. To fix: {fix}."
    )


def _day_list(days: list[str]) -> str:
    """``20201201..20201217 (17 days)``, a single day, or ``none``."""
    if not days:
        return "none"
    if len(days) == 1:
        return days[0]
    return f"{days[0]}..{days[-1]} ({len(days)} days)"


def full_path(data_dir: Path, rel: str) -> str:
    """``data_dir / rel`` as a string, as ``str(Path)`` gives it, without pathlib's cost."""
    base = os.fspath(data_dir)
    native = rel if os.sep == "/" else rel.replace("/", os.sep)
    return native if base in ("", ".") else os.path.join(base, native)


def read_into(
    paths: Sequence[str], out: np.ndarray
) -> tuple[list[int], list[tuple[int, FailureInfo]]]:
    """Read frame files into ``out[i]`` (``out``: ``(len(paths), 110, 120)`` float32, °C).

    Returns the positions read, and a plain-data description of every failure (a
    malformed frame or an unreadable file) with its position; the slots of failed
    files are left as they were. Other exceptions propagate.
    """
    positions: list[int] = []
    failures: list[tuple[int, FailureInfo]] = []
    for position, path in enumerate(paths):
        try:
            out[position] = read_temperatures(path)  # read_frame(path).temperatures, faster
        except FrameFormatError as error:
            failures.append(
                (position, ("format", error.path, error.line, error.expected, error.found))
            )
        except OSError as error:
            failures.append(
                (position, ("os", error.errno or 0, error.strerror or str(error), str(path)))
            )
        else:
            positions.append(position)
    return positions, failures


def read_chunk(paths: Sequence[str]) -> ChunkResult:
    """Read a few frame files in a worker process (see ``read_into``).

    Returns the temperatures of those that parsed, stacked as ``(m, 110, 120)``
    float32 °C, their positions in ``paths``, and the failures.
    """
    frames = np.empty((len(paths),) + fmt.FRAME_SHAPE, dtype=np.float32)
    positions, failures = read_into(paths, frames)
    return frames[positions], positions, failures


def _failure_error(info: FailureInfo) -> Exception:
    """Rebuild the exception a failure stands for."""
    if info[0] == "format":
        _, path, line, expected, found = info
        return FrameFormatError(path, line, expected, found)
    _, errno, strerror, path = info
    return OSError(errno, strerror, path)


def _failure_reason(info: FailureInfo) -> str:
    """The skip reason of a failure (no file name: the report lists the path beside it)."""
    error = _failure_error(info)
    if isinstance(error, FrameFormatError):
        return error.detail
    return f"could not be read: {error.strerror}"


def resolve_jobs(jobs: int | None) -> int:
    """Worker processes for ``jobs``: None or 1 = this process only; 0 or a negative
    number = one per available core; n > 1 = n."""
    if jobs is None:
        return 1
    if isinstance(jobs, bool) or not isinstance(jobs, int):
        raise ValueError(f"jobs must be an integer or None, got {jobs!r}")
    if jobs >= 1:
        return jobs
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _chunks(count: int, jobs: int) -> list[range]:
    """Split ``range(count)`` into work units: about 4 per worker, at most MAX_CHUNK files each."""
    size = max(1, min(MAX_CHUNK, -(-count // (4 * jobs))))
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def _is_main_guard(node: object) -> bool:
    """Whether an ``ast`` node is ``if __name__ == "__main__":`` (either side first)."""
    import ast

    if (
        not isinstance(node, ast.If)
        or not isinstance(node.test, ast.Compare)
        or len(node.test.comparators) != 1
    ):
        return False
    sides = [node.test.left, node.test.comparators[0]]
    names = [s.id for s in sides if isinstance(s, ast.Name)]
    constants = [s.value for s in sides if isinstance(s, ast.Constant)]
    return (
        isinstance(node.test.ops[0], ast.Eq) and names == ["__name__"] and constants == ["__main__"]
    )


def unguarded_main_call() -> str | None:
    """Where the running script calls into us from its top level outside an
    ``if __name__ == "__main__":`` block (``"script.py, line 4"``), else None.

    Worker processes re-run the main script (``forkserver`` and ``spawn`` both import it);
    without the guard every worker would run the whole script again, load the data and
    try to start workers of its own, and the pool breaks (``BrokenProcessPool``).
    Notebooks, the interactive prompt and ``python -c`` have no script file: None.
    """
    import ast

    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or not path or not os.path.isfile(path):
        return None
    frame = sys._getframe(1)
    while frame is not None and not (
        frame.f_globals is vars(main) and frame.f_code.co_name == "<module>"
    ):
        frame = frame.f_back
    if frame is None:
        return None
    line = frame.f_lineno
    try:
        with open(path, "rb") as handle:
            tree = ast.parse(handle.read())
    except (OSError, SyntaxError, ValueError):
        return None
    for node in tree.body:
        if _is_main_guard(node) and node.lineno <= line <= (node.end_lineno or node.lineno):
            return None
    return f"{os.path.basename(path)}, line {line}"


def _pool_context() -> multiprocessing.context.BaseContext:
    """Start workers with ``forkserver`` where there is one (POSIX): unlike ``fork`` it is
    safe in a process that already runs threads (TensorFlow, Jupyter). The server
    imports this module once, so workers start without re-importing numpy."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["__main__", __name__])
        return context
    return multiprocessing.get_context()


@dataclass
class _Collected:
    """Where chunk results land: one preallocated array, so peak memory stays near the
    final array's size (plus one chunk per worker in flight)."""

    frames: np.ndarray
    ok: np.ndarray
    failures: dict[int, FailureInfo]
    on_error: OnError
    advance: Callable[[int], object]

    def store(self, chunk: range, result: ChunkResult) -> bool:
        """Copy a worker's chunk into place; True when loading should stop."""
        frames, positions, failures = result
        for row, position in enumerate(positions):
            self.frames[chunk[position]] = frames[row]
        return self.mark(chunk, positions, failures)

    def mark(
        self, chunk: range, positions: list[int], failures: list[tuple[int, FailureInfo]]
    ) -> bool:
        """Record which files of a chunk were read and which failed; True when loading should stop."""
        for position in positions:
            self.ok[chunk[position]] = True
        for position, info in failures:
            self.failures[chunk[position]] = info
        self.advance(len(chunk))
        return bool(failures) and self.on_error == "raise"

    def compact(self) -> tuple[np.ndarray, np.ndarray]:
        """Move the frames read to the front (in order, in place); return them and their indices."""
        kept = np.flatnonzero(self.ok)
        if len(kept) < len(self.ok):
            for target, source in enumerate(kept.tolist()):
                if target != source:
                    self.frames[target] = self.frames[source]
        return self.frames[: len(kept)], kept


Sink = Callable[[range, ChunkResult], bool]
"""Stores one chunk's result; returns True when loading should stop (on_error='raise')."""


def _read_serial(paths: list[str], chunks: list[range], collected: _Collected) -> None:
    """Read chunk after chunk in this process, straight into the final array."""
    for chunk in chunks:
        positions, failures = read_into(
            paths[chunk.start : chunk.stop], collected.frames[chunk.start : chunk.stop]
        )
        if collected.mark(chunk, positions, failures):
            return


def _read_parallel(
    paths: list[str], chunks: list[range], sink: Sink, pool: ProcessPoolExecutor, window: int
) -> None:
    """Read chunks in the pool, at most ``window`` in flight; results are stored as they
    arrive (order does not matter: every frame has its slot). After a chunk asks to
    stop, no later chunk is submitted, but those in flight are still stored, so the
    earliest failure is always known."""
    pending: dict[Future[ChunkResult], range] = {}
    queue = iter(chunks)
    stop = False
    while True:
        while not stop and len(pending) < window:
            chunk = next(queue, None)
            if chunk is None:
                break
            pending[pool.submit(read_chunk, [paths[i] for i in chunk])] = chunk
        if not pending:
            return
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            chunk = pending.pop(future)
            stop = sink(chunk, future.result()) or stop


def _show_progress(progress: bool | None, count: int) -> bool:
    if progress is not None:
        return bool(progress)
    return count > PROGRESS_MIN_FILES and sys.stderr is not None and sys.stderr.isatty()


def _read_frames(
    paths: list[str], jobs: int, on_error: OnError, progress: bool, label: str
) -> tuple[np.ndarray, np.ndarray, dict[int, FailureInfo]]:
    """Read every file of ``paths``; returns the frames read (in path order), their
    indices in ``paths``, and the failures by index."""
    from tqdm import tqdm

    chunks = _chunks(len(paths), jobs)
    workers = min(jobs, len(chunks))
    pool = (
        ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context())
        if workers > 1
        else None
    )
    try:
        with tqdm(
            total=len(paths),
            desc=label,
            unit="frame",
            disable=not progress,
            leave=False,
            file=sys.stderr,
        ) as bar:
            collected = _Collected(
                frames=np.empty((len(paths),) + fmt.FRAME_SHAPE, dtype=np.float32),
                ok=np.zeros(len(paths), dtype=bool),
                failures={},
                on_error=on_error,
                advance=bar.update,
            )
            if pool is None:
                _read_serial(paths, chunks, collected)
            else:
                _read_parallel(paths, chunks, collected.store, pool, window=2 * workers)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    frames, kept = collected.compact()
    return frames, kept, collected.failures


def _dataset_from_cache(cached: split_cache.CachedSplit) -> Dataset:
    report = LoadReport(
        candidates=cached.candidates,
        loaded=len(cached.labels),
        skipped=[SkippedFile(p, r) for p, r in zip(cached.skipped_paths, cached.skipped_reasons)],
        excluded_days=list(cached.excluded_days),
    )
    labels = np.asarray(cached.labels, dtype=np.int64)
    return Dataset(
        frames=cached.frames,
        labels=labels,
        one_hot=np.eye(2, dtype=np.float32)[labels],
        paths=cached.paths,
        days=cached.days,
        report=report,
    )


def _cache_of(dataset: Dataset, read_errors: int) -> split_cache.CachedSplit:
    report = dataset.report
    return split_cache.CachedSplit(
        frames=dataset.frames,
        labels=dataset.labels,
        paths=dataset.paths,
        days=dataset.days,
        skipped_paths=[s.path for s in report.skipped],
        skipped_reasons=[s.reason for s in report.skipped],
        excluded_days=list(report.excluded_days),
        candidates=report.candidates,
        read_errors=read_errors,
    )


def build_split(
    data_dir: str | Path,
    split: str = "train",
    *,
    first_day: str | None = None,
    last_day: str | None = None,
    on_error: OnError = "skip",
    jobs: int | None = None,
    cache_dir: str | Path | None = None,
    progress: bool | None = None,
) -> Dataset:
    """``thermal_utils.load_split``'s work (its docstring says what each argument does)."""
    data_dir = Path(data_dir)
    _check_arguments(split, on_error, first_day, last_day)
    workers = resolve_jobs(jobs)
    if workers > 1:
        where = unguarded_main_call()
        if where is not None:
            warnings.warn(
                f"load_split(jobs={jobs}) is called from the top level of a script ({where}) without an "
                "'if __name__ == \"__main__\":' guard; worker processes would re-run the whole script, so this "
                "load uses one process. Put the script's code under that guard to use several.",
                RuntimeWarning,
                stacklevel=3,
            )
            workers = 1
    if data_dir.exists() and not data_dir.is_dir():
        raise NotADirectoryError(f"data directory {data_dir} is a file, not a folder")
    if not data_dir.is_dir():
        raise FileNotFoundError(f"data directory {data_dir} does not exist")
    report, rel_paths, file_labels = _list_split(data_dir, split, first_day, last_day)

    cache_path, key = None, ""
    if cache_dir is not None:
        candidates = rel_paths + [s.path for s in report.skipped]
        key = split_cache.cache_key(
            data_dir, split, first_day, last_day, candidates, report.excluded_days
        )
        cache_path = split_cache.cache_file(cache_dir, data_dir, split, first_day, last_day)
        cached = split_cache.load_cached(cache_path, key, split)
        if cached is not None and not (on_error == "raise" and cached.read_errors):
            return _dataset_from_cache(cached)

    paths = [full_path(data_dir, rel) for rel in rel_paths]
    show = _show_progress(progress, len(paths))
    frames, kept, failures = _read_frames(paths, workers, on_error, show, f"loading {split}")
    if failures and on_error == "raise":
        raise _failure_error(failures[min(failures)])
    for index in sorted(failures):
        report.skipped.append(SkippedFile(rel_paths[index], _failure_reason(failures[index])))
    dataset = _assemble(
        frames,
        [rel_paths[i] for i in kept.tolist()],
        [file_labels[i] for i in kept.tolist()],
        report,
    )
    if cache_path is not None:
        try:
            split_cache.save_cached(cache_path, key, _cache_of(dataset, read_errors=len(failures)))
        except OSError as error:
            warnings.warn(
                f"could not write the cache {cache_path} ({error.strerror or error}); the data were loaded and are returned uncached",
                stacklevel=3,
            )
    return dataset


def _check_arguments(
    split: str, on_error: str, first_day: str | None, last_day: str | None
) -> None:
    if split not in fmt.SPLITS:
        raise ValueError(f"split must be one of {fmt.SPLITS}, got {split!r}")
    if on_error not in ("raise", "skip"):
        raise ValueError(f"on_error must be 'raise' or 'skip', got {on_error!r}")
    check_day_range(first_day, last_day)


def _list_split(
    data_dir: Path, split: str, first_day: str | None, last_day: str | None
) -> tuple[LoadReport, list[str], list[int]]:
    """The frame files of a split (real first, then fake) with their labels, and the
    report of what was skipped or excluded while listing."""
    report = LoadReport()
    rel_paths: list[str] = []
    file_labels: list[int] = []
    for cls in fmt.CLASSES:
        found = list_candidates(data_dir, split, cls, first_day, last_day, report)
        rel_paths += found
        file_labels += [fmt.CLASS_LABELS[cls]] * len(found)
    return report, rel_paths, file_labels


def _assemble(
    frames: np.ndarray, rel_paths: list[str], labels: list[int], report: LoadReport
) -> Dataset:
    """A Dataset of the frames read (in order), their relative paths and labels."""
    label_array = np.array(labels, dtype=np.int64)
    report.loaded = len(rel_paths)
    return Dataset(
        frames=frames,
        labels=label_array,
        one_hot=np.eye(2, dtype=np.float32)[label_array],
        paths=np.array(rel_paths, dtype=str),
        days=np.array([rel.split("/")[2] for rel in rel_paths], dtype=str),
        report=report,
    )
