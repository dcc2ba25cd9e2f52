"""Text summaries of a data directory (used by ``thermal-utils info`` and ``make run``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from thermal_utils import formats as fmt
from thermal_utils.datasets import Dataset, load_split
from thermal_utils.tooling.loader import display_name


def describe_split(name: str, data: Dataset) -> list[str]:
    """Counts per class and day, temperature ranges in °C, and the skip report of one split."""
    lines = [
        f"[{name}] {len(data)} frames, shape {data.frames.shape}, "
        + ", ".join(f"{cls}: {count}" for cls, count in data.class_counts().items())
    ]
    for cls, label in sorted(fmt.CLASS_LABELS.items(), key=lambda kv: -kv[1]):
        mask = data.labels == label
        if not mask.any():
            continue
        days, counts = np.unique(data.days[mask], return_counts=True)
        per_day = ", ".join(f"{d}: {c}" for d, c in zip(days.tolist(), counts.tolist()))
        frames = data.frames[mask]
        lines.append(f"  {fmt.pad(cls, 4)} per day  {per_day}")
        lines.append(
            f"  {fmt.pad(cls, 4)} °C       min {frames.min():.1f}, mean {frames.mean():.1f}, max {frames.max():.1f}"
            f" (frame means {frames.mean(axis=(1, 2)).min():.1f} to {frames.mean(axis=(1, 2)).max():.1f})"
        )
    lines += ["  " + line for line in data.report.lines()]
    return lines


def describe_data_dir(
    data_dir: str | Path, first_day: str | None = None, last_day: str | None = None
) -> str:
    """Summarise both splits of a data directory (skipping malformed frames, with reasons)."""
    data_dir = Path(data_dir)
    lines = [f"Data directory: {display_name(data_dir.as_posix())}"]
    if first_day or last_day:
        lines.append(f"Day range: {first_day or 'any'} to {last_day or 'any'}")
    for split in fmt.SPLITS:
        data = load_split(data_dir, split, first_day=first_day, last_day=last_day, on_error="skip")
        lines += describe_split(split, data)
    return "\n".join(lines)
