"""Write whole synthetic datasets in the raw frame format and the dataset layout.

Five presets. All but ``closeup`` show what screening cameras see (``screening.py``, taken by
the dataset's pool of cameras, ``sensors.py``):

* ``sample``: the small data set shipped in ``data/sample`` (under 10 MB), with the
  seed's imbalance (real faces far more common than fakes), a test split of both
  classes, one training day outside the lecture's date range, and a few junk files that
  the loader must report as skipped.
* ``lecture``: the lecture's full size (6,697 real and 392 fake training frames, 20 test
  frames) for benchmarks.
* ``tutorial``: what the notebooks train on: 1,100 real and 940 fake training frames
  (20201201..20201217), 150 real and 150 fake test frames (20201218, 20201219).
* ``fresh``: a large balanced test split (500 real, 500 fake) with a token training
  split (100 real, 20 fake; the loader wants one), to test a trained model on frames
  from another generator seed.
* ``closeup``: the tutorial's size in the generator's first world, one camera at arm's length
  (``scenes.render_real`` and ``render_fake``: big, sharp, centred heads), to compare with.

Every frame gets its own random generator seeded from ``(seed, split, class, index)``,
so the output is identical however many processes write it. The frames are rendered in
worker processes whose linear algebra runs on one thread each (``_single_threaded``): the
renderer's many small matrix products run about three times faster so than with the
threads of a BLAS library fighting over two cores.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from tqdm import tqdm

from thermal_utils import formats as fmt
from thermal_utils.formats import Frame
from thermal_utils.tooling.frame_text import write_frame
from thermal_utils.tooling.synth import camera, scenes, screening, sensors

CAMERA = "TK110"
BLACKBODY_SETPOINT_C = 35.0


@dataclass(frozen=True)
class SplitPlan:
    """How many frames of each class one split gets, spread over these days."""

    real: int
    fake: int
    days: tuple[str, ...]


@dataclass(frozen=True)
class Preset:
    name: str
    train: SplitPlan
    test: SplitPlan
    junk: bool
    extra_train_days: dict[str, int]
    """Real-face frames on days outside the lecture's range (to show the date filter)."""
    world: str = "screening"
    """``"screening"`` (``screening.py``) or ``"closeup"`` (``scenes.py``)."""


PRESETS: dict[str, Preset] = {
    "sample": Preset(
        name="sample",
        train=SplitPlan(
            real=90,
            fake=18,
            days=("20201201", "20201202", "20201203", "20201204", "20201205", "20201206"),
        ),
        test=SplitPlan(real=8, fake=8, days=("20201218", "20201219")),
        junk=True,
        extra_train_days={"20201222": 2},
    ),
    "tutorial": Preset(
        name="tutorial",
        train=SplitPlan(real=1100, fake=940, days=tuple(str(d) for d in range(20201201, 20201218))),
        test=SplitPlan(real=150, fake=150, days=("20201218", "20201219")),
        junk=True,
        extra_train_days={},
    ),
    "closeup": Preset(
        name="closeup",
        train=SplitPlan(real=1300, fake=740, days=tuple(str(d) for d in range(20201201, 20201218))),
        test=SplitPlan(real=150, fake=150, days=("20201218", "20201219")),
        junk=False,
        extra_train_days={},
        world="closeup",
    ),
    "fresh": Preset(
        name="fresh",
        train=SplitPlan(real=100, fake=20, days=tuple(str(d) for d in range(20201201, 20201218))),
        test=SplitPlan(real=500, fake=500, days=("20201218", "20201219")),
        junk=False,
        extra_train_days={},
    ),
    "lecture": Preset(
        name="lecture",
        train=SplitPlan(real=6697, fake=392, days=tuple(str(d) for d in range(20201201, 20201218))),
        test=SplitPlan(real=10, fake=10, days=("20201218", "20201219")),
        junk=False,
        extra_train_days={},
    ),
}

JUNK_FILES: dict[str, bytes] = {
    # Files a real capture folder collects: OS thumbnails, notes, a half-copied backup.
    "train/real/20201201/Thumbs.db": bytes(range(256)) * 4,
    "train/real/20201203/notes.txt": b"camera moved 20 cm to the left after lunch\n",
    "train/fake/20201202/TK110_20201202_101500_0003.txt.bak": b"# thermal-keras frame v1\n# camera: TK110\n",
    "train/real/20201204/desktop.ini": b"[.ShellClassInfo]\r\nIconResource=thermal.ico\r\n",
}


@dataclass(frozen=True)
class FrameJob:
    path: Path
    seed: int
    split_index: int
    class_index: int
    index: int
    day: str
    real: bool
    world: str = "screening"


def _timestamp(day: str, index: int) -> datetime:
    start = datetime.strptime(day, "%Y%m%d") + timedelta(hours=9)
    return start + timedelta(seconds=37 * index)


def make_frame(job: FrameJob) -> Frame:
    """Render one synthetic frame (deterministic for the job's seed and position)."""
    rng = np.random.default_rng([job.seed, job.split_index, job.class_index, job.index])
    extra = {}
    if job.world == "screening":
        cameras = sensors.camera_pool(job.seed)
        taken_by = cameras[int(rng.integers(len(cameras)))]
        ambient_c = screening.sample_ambient_c(rng)
        scene = screening.render_screening_scene(rng, taken_by, ambient_c, job.real)
        rows, kind = scene.frame, scene.kind
        extra["synthetic_camera"] = f"{taken_by.index:02d} {taken_by.description}"
    else:
        ambient_c = scenes.sample_ambient_c(rng)
        table = scenes.REAL_KIND_WEIGHTS if job.real else scenes.FAKE_KIND_WEIGHTS
        kind = _weighted_kind(rng, table)
        rows = (scenes.render_real if job.real else scenes.render_fake)(rng, ambient_c, kind)
    blackbody = camera.render_blackbody(rng, BLACKBODY_SETPOINT_C)
    blackbody = np.round(blackbody, fmt.DECIMALS)
    metadata = {
        "camera": CAMERA,
        "timestamp": _timestamp(job.day, job.index).isoformat(),
        "ambient_c": f"{ambient_c:.1f}",
        "emissivity": "0.98",
        "sensor_rows": str(rows.shape[0]),
        "sensor_cols": str(rows.shape[1]),
        "blackbody_setpoint_c": f"{BLACKBODY_SETPOINT_C:.1f}",
        **extra,
        "synthetic_scene": ("real/" if job.real else "fake/") + kind,
    }
    return Frame(
        rows=rows, blackbody=blackbody, reference_c=float(blackbody.mean()), metadata=metadata
    )


def _weighted_kind(rng: np.random.Generator, table: dict[str, float]) -> str:
    """One kind drawn from ``table`` (kind -> weight)."""
    kinds = list(table)
    weights = np.array([table[k] for k in kinds], dtype=float)
    return str(rng.choice(kinds, p=weights / weights.sum()))


def _write_job(job: FrameJob) -> None:
    write_frame(job.path, make_frame(job))


_CHUNK = 32
"""Frames per task handed to a worker process."""


def _write_jobs(chunk: list[FrameJob]) -> int:
    for job in chunk:
        _write_job(job)
    return len(chunk)


_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@contextlib.contextmanager
def _single_threaded() -> Iterator[None]:
    """While inside, processes started (the spawned workers) load their BLAS with one thread;
    the variables are restored afterwards."""
    saved = {name: os.environ.get(name) for name in _THREAD_VARIABLES}
    os.environ.update({name: "1" for name in _THREAD_VARIABLES})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def plan_jobs(preset: Preset, out_dir: Path, seed: int) -> list[FrameJob]:
    """List every frame file of a preset with its path and random seed."""
    jobs: list[FrameJob] = []
    for split_index, (split, plan) in enumerate((("train", preset.train), ("test", preset.test))):
        for class_index, cls in enumerate(fmt.CLASSES):
            count = plan.real if cls == "real" else plan.fake
            days = [plan.days[i * len(plan.days) // count] for i in range(count)] if count else []
            if split == "train" and cls == "real":
                for day, extra in preset.extra_train_days.items():
                    days += [day] * extra
            for index, day in enumerate(days):
                time = _timestamp(day, index).strftime("%H%M%S")
                name = f"{CAMERA}_{day}_{time}_{index + 1:04d}.txt"
                jobs.append(
                    FrameJob(
                        out_dir / split / cls / day / name,
                        seed,
                        split_index,
                        class_index,
                        index,
                        day,
                        cls == "real",
                        preset.world,
                    )
                )
    return jobs


def write_preset(
    name: str,
    out_dir: str | Path,
    seed: int = 0,
    jobs: int = 1,
    overwrite: bool = False,
    progress: bool = False,
) -> int:
    """Write the preset ``name`` to ``out_dir``; returns the number of frame files written.

    Refuses to write into a non-empty folder (or a path that is a file) unless ``overwrite``
    is set, in which case the folder's ``train`` and ``test`` sub-folders are replaced and
    nothing else in it is touched. ``jobs`` > 1
    renders in that many processes (the files are the same either way); ``progress``
    shows a progress bar on stdout (where a notebook shows it).
    """
    if name not in PRESETS:
        raise ValueError(f"unknown preset {name!r}; choose one of {sorted(PRESETS)}")
    preset = PRESETS[name]
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise NotADirectoryError(f"{out_dir} is a file, not a folder; choose another --out")
    existing = [p for p in (out_dir / "train", out_dir / "test") if p.exists()]
    if existing and not overwrite:
        raise FileExistsError(
            f"{out_dir} already holds a dataset; pass overwrite=True (--overwrite) to replace it"
        )
    others = sorted(p.name for p in out_dir.iterdir()) if out_dir.is_dir() else []
    if others and not existing and not overwrite:
        raise FileExistsError(
            f"{out_dir} is not empty ({', '.join(others[:5])}{', ...' if len(others) > 5 else ''}); "
            "choose an empty or new folder"
        )
    for path in existing:
        shutil.rmtree(path)
    frame_jobs = plan_jobs(preset, out_dir, seed)
    bar = tqdm(
        total=len(frame_jobs),
        desc=f"synth {name}",
        unit="frame",
        file=sys.stdout,
        disable=not progress,
    )
    chunks = [frame_jobs[i : i + _CHUNK] for i in range(0, len(frame_jobs), _CHUNK)]
    with bar, _single_threaded():
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context) as pool:
            for done in pool.map(_write_jobs, chunks):
                bar.update(done)
    if preset.junk:
        for rel, content in JUNK_FILES.items():
            path = out_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    return len(frame_jobs)
