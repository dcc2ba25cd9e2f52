"""Generated datasets, made on first use: ``data/generated/<preset>`` or ``.../<preset>-seed-<n>``.

The notebooks train on the ``tutorial`` preset (2,040 training frames, 300 test frames, in
the raw frame format). It is too large to commit, and deterministic, so it is generated
the first time a notebook (or ``make run``) asks for it, then reused until the generator
changes (``GENERATOR_VERSION``).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path

from thermal_utils.formats import SPLITS

GENERATED_FOLDER = "generated"
"""A data folder inside a folder of this name is generated on first use."""

_NAME = re.compile(r"^(?P<preset>[a-z]+)(?:-seed-(?P<seed>\d+))?$")
COMPLETE_MARKER = ".complete"
"""Written last into a generated folder: without it the folder is incomplete."""

GENERATOR_VERSION = "screening-cameras-1"
"""Named in the completion marker; a generated folder made by another version of the generator
is made again (the frames it would draw have changed)."""


def generated_spec(data_dir: str | Path) -> tuple[str, int] | None:
    """``(preset, seed)`` if ``data_dir`` names a generated dataset, else ``None``.

    ``data/generated/tutorial`` is the ``tutorial`` preset with seed 0;
    ``data/generated/fresh-seed-1`` is the ``fresh`` preset with seed 1.
    """
    from thermal_utils.tooling.synth.presets import PRESETS

    path = Path(data_dir)
    match = _NAME.match(path.name)
    if path.parent.name != GENERATED_FOLDER or not match or match["preset"] not in PRESETS:
        return None
    return match["preset"], int(match["seed"] or 0)


def generated_preset(data_dir: str | Path) -> str | None:
    """The preset a complete generated dataset was made with (read from its completion marker,
    ``"tutorial preset, seed 0: 2340 frames"``), or None for any other folder."""
    from thermal_utils.tooling.synth.presets import PRESETS

    try:
        words = (Path(data_dir) / COMPLETE_MARKER).read_text(encoding="utf-8").split()
    except (OSError, UnicodeDecodeError):
        return None
    if len(words) >= 2 and words[0] in PRESETS and words[1] == "preset,":
        return words[0]
    return None


def is_complete(data_dir: str | Path) -> bool:
    """Whether ``data_dir`` holds a whole dataset: ``train/`` and ``test/`` (and, if generated,
    its marker, naming this ``GENERATOR_VERSION``)."""
    path = Path(data_dir)
    if not all((path / split).is_dir() for split in SPLITS):
        return False
    if generated_spec(path) is None:
        return True
    try:
        marker = (path / COMPLETE_MARKER).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return f"generator {GENERATOR_VERSION}" in marker


def ensure_dataset(data_dir: str | Path, progress: bool = False, jobs: int = 2) -> str:
    """Return ``data_dir``, generating it first when it is a generated dataset not made yet.

    Generation writes into a temporary folder beside the target and renames it into
    place, so an interrupted run leaves no half dataset and two processes asking at once
    both end with the same complete one. A folder that is not a generated dataset must
    already hold ``train/`` and ``test/``.

    Raises:
        FileNotFoundError: ``data_dir`` is neither a dataset nor a generated one.
    """
    path = Path(data_dir)
    if is_complete(path):
        return str(data_dir)
    spec = generated_spec(path)
    if spec is None:
        raise FileNotFoundError(
            f"data_dir {str(data_dir)!r} has no train/ and test/ folders; point it at a dataset, or at "
            f"'<somewhere>/{GENERATED_FOLDER}/<preset>' to generate one (see data/README.md)"
        )
    preset, seed = spec
    from thermal_utils.tooling.synth.presets import write_preset

    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}-writing-"))
    try:
        start = time.perf_counter()
        count = write_preset(preset, staging, seed=seed, jobs=jobs, progress=progress)
        (staging / COMPLETE_MARKER).write_text(
            f"{preset} preset, seed {seed}: {count} frames, generator {GENERATOR_VERSION}\n"
        )
        if path.exists() and not is_complete(path):
            shutil.rmtree(path)  # an old copy: incomplete, or made by another generator
        try:
            staging.rename(path)
        except OSError:
            if not is_complete(path):  # another process did not finish it either
                raise
        else:
            if progress:
                print(
                    f"generated {count} frames ({preset} preset, seed {seed}) in {time.perf_counter() - start:.1f} s"
                )
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return str(data_dir)


def main(argv: list[str] | None = None) -> int:
    """``python -m thermal_utils.tooling.generated DIR...``: make generated datasets ready
    (``make test`` runs it before the notebooks start, so that they do not all generate at once)."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument(
        "data_dirs", nargs="+", help="generated dataset folders, e.g. data/generated/tutorial"
    )
    parser.add_argument(
        "--jobs", type=int, default=2, help="worker processes writing frames (default 2)"
    )
    args = parser.parse_args(argv)
    for data_dir in args.data_dirs:
        ensure_dataset(data_dir, jobs=args.jobs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
