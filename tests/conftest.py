"""Shared fixtures: small valid frames built without the scene generator; benchmark scripts."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from thermal_utils.frames import Frame
from thermal_utils.tooling.frame_text import write_frame
from thermal_utils.tooling.tf_env import tf_environment

# Tests that import TensorFlow get the notebooks' settings (quiet, oneDNN off, one thread).
for _name, _value in tf_environment().items():
    os.environ.setdefault(_name, _value)


def make_frame(seed: int = 0, width: int = 124) -> Frame:
    """A valid frame with smooth random temperatures (°C), not a realistic scene."""
    rng = np.random.default_rng(seed)
    rows = np.round(rng.uniform(18.0, 37.5, size=(110, width)), 1).astype(np.float32)
    blackbody = np.round(35.0 + rng.normal(0, 0.05, size=(50, 16)), 1).astype(np.float32)
    metadata = {"camera": "TK110", "timestamp": "2020-12-01T09:00:00", "ambient_c": "22.5"}
    return Frame(
        rows=rows, blackbody=blackbody, reference_c=float(blackbody.mean()), metadata=metadata
    )


def load_benchmark(name: str) -> ModuleType:
    """The script ``benchmarks/<name>.py`` as a module (the folder is not a package)."""
    path = Path(__file__).resolve().parents[1] / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def frame_name(day: str, index: int) -> str:
    return f"TK110_{day}_090000_{index:04d}.txt"


@pytest.fixture
def tiny_data_dir(tmp_path: Path) -> Path:
    """train: 3 real + 2 fake over two days; test: 1 + 1; one junk file."""
    seed = 0
    layout = {("train", "real"): 3, ("train", "fake"): 2, ("test", "real"): 1, ("test", "fake"): 1}
    for (split, cls), count in layout.items():
        for i in range(count):
            day = "20201201" if i % 2 == 0 else "20201202"
            write_frame(tmp_path / split / cls / day / frame_name(day, i + 1), make_frame(seed))
            seed += 1
    (tmp_path / "train" / "real" / "20201201" / "notes.txt").write_text("junk\n")
    return tmp_path
