"""TensorFlow's environment for the whole project: quiet, reproducible, and set before it loads.

``TF_ENVIRONMENT`` is the one place these variables are written down: ``start_notebook``,
the test suite (tests/conftest.py), ``make notebooks`` and ``thermal-utils run`` all take
them from here.
"""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata

TF_ENVIRONMENT = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"}
"""Set before TensorFlow loads: no C++ log lines on stderr (3 = errors only), and oneDNN's
reordered float operations off, so a run gives the same weights (and stored metrics) on
any CPU."""


def quiet_tensorflow() -> None:
    """Silence TensorFlow's C++ logs and disable oneDNN's reordered (non-reproducible) ops.

    Only works before TensorFlow is imported. Calling it again later (re-running a
    setup cell) is fine; calling it first after TensorFlow was loaded without these
    settings raises, so that a notebook cannot silently get noisy, different numbers.
    """
    already = all(os.environ.get(k) == v for k, v in TF_ENVIRONMENT.items())
    if "tensorflow" in sys.modules and not already:
        raise RuntimeError(
            "call quiet_tensorflow() before importing tensorflow or keras (restart the kernel)"
        )
    os.environ.update(TF_ENVIRONMENT)


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and TensorFlow, and make TensorFlow's ops deterministic."""
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()


def library_versions() -> dict[str, str]:
    """Versions of Python and the libraries the notebooks use."""
    versions = {"python": platform.python_version()}
    for package in ("tensorflow", "keras", "numpy", "matplotlib"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = (
                metadata.version(package + "-cpu") if package == "tensorflow" else "missing"
            )
    return versions
