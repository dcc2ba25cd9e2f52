"""The lecture note's loading loop, transcribed faithfully with its indentation fixed.

Kept for teaching (notebook 01 compares it with ``load_split``), for the test that
proves our format reads identically with both, and as the benchmark's baseline.
Do not use it for real work: it checks nothing, skips files by the length of their
path, and builds a list of Python strings before converting to numbers.
"""

from __future__ import annotations

import glob

import numpy as np

from thermal_utils.one_hot import one_hot_encoding


def lecture_read_lines(filename: str) -> tuple[list[list[str]], str]:
    """The lecture's per-file loop: returns (rows of string tokens, line 320's first token)."""
    with open(filename, errors="ignore") as f:  # the lecture never closed its files
        lines = f.readlines()
    line = []  # 110 * 120
    temp = ""
    for i, d in enumerate(lines):  # noqa: B007 (the lecture's loop, as written: d is unused)
        tmp = lines[i].split(" ")
        if i == 320:  # the reference temperature
            temp = tmp[0]
        if i < 100 or len(tmp) < 100:
            continue  # header (with the blackbody block) and short lines are not stored
        line.append(tmp[:120])
    return line, temp


def lecture_load_days(
    path: str, days: list[str], label: int, min_path_length: int = 50
) -> tuple[list, list]:
    """The lecture's folder walk for one class: ``glob(path/day/*.txt)`` per day folder.

    Files whose path is shorter than ``min_path_length`` characters are skipped, as
    in the lecture (its way of ignoring "junk" files). Returns (frames, one-hot labels)
    as nested Python lists.
    """
    x_train = []
    x_label = []
    for day in days:
        filenames = glob.glob(path + "/" + day + "/*.txt")
        for filename in filenames:
            if len(filename) < min_path_length:
                continue
            line, _ = lecture_read_lines(filename)
            x_train.append(line)
            x_label.append(one_hot_encoding(label, 2))
    return x_train, x_label


def lecture_frames_array(x_train: list) -> np.ndarray:
    """The lecture's conversion: ``np.array(x_train, dtype='float32')``, shape ``(n, 110, 120)``."""
    return np.array(x_train, dtype="float32")
