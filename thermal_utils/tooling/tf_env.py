"""TensorFlow's environment for the whole project: quiet, reproducible, and set before it loads.

``TF_ENVIRONMENT`` is the one place these variables are written down: ``start_notebook``,
the test suite (tests/conftest.py), ``make notebooks`` and ``thermal-utils run`` all take
them from here, through ``tf_environment()``.

Why one thread per operation: TensorFlow splits a large matrix product over its threads, and
how it splits depends on the number of threads, so the rounding of the sums, and from there the
whole training path, changes with the core count. With one thread per operation (and oneDNN's
reordered kernels off) the same versions give the same weights on every x86-64 CPU we measured.
It costs little here: a notebook's model is small, and ``make test`` runs two notebooks at once.
A learner who wants all cores sets ``THERMAL_KERAS_ALL_CORES=1`` before starting Jupyter (or
``make``): training may then be faster on a many-core machine, and the last digits of every
trained number differ from the stored ones (``make test`` then checks in loose mode).
"""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Mapping
from importlib import metadata

ALL_CORES_VARIABLE = "THERMAL_KERAS_ALL_CORES"
"""Set to ``1`` to let TensorFlow use every core (the stored outputs' last digits then differ)."""

THREAD_VARIABLES = {"TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1"}
"""One thread inside each operation, one operation at a time: the same sums on every machine."""

TF_ENVIRONMENT = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    **THREAD_VARIABLES,
}
"""Set before TensorFlow loads: no C++ log lines on stderr (3 = errors only), oneDNN's
reordered float operations off, and one thread per operation, so a run gives the same weights
(and stored metrics) on any x86-64 CPU with the locked versions."""


def all_cores(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the learner opted in to all cores (``THERMAL_KERAS_ALL_CORES=1``)."""
    value = (os.environ if environ is None else environ).get(ALL_CORES_VARIABLE, "")
    return value.strip().lower() in ("1", "true", "yes")


def tf_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """``TF_ENVIRONMENT``, without the thread settings when the learner opted in to all cores."""
    if all_cores(environ):
        return {k: v for k, v in TF_ENVIRONMENT.items() if k not in THREAD_VARIABLES}
    return dict(TF_ENVIRONMENT)


def apply_tf_environment(environ: dict[str, str] | os._Environ | None = None) -> None:
    """Write ``tf_environment()`` into ``environ`` (default ``os.environ``), for child processes.

    With the all-cores opt-in, thread settings left by a parent process are removed too.
    """
    target = os.environ if environ is None else environ
    wanted = tf_environment(target)
    for name in THREAD_VARIABLES:
        if name not in wanted:
            target.pop(name, None)
    target.update(wanted)


def quiet_tensorflow() -> None:
    """Silence TensorFlow's C++ logs, disable oneDNN's reordered ops, pin its thread pools.

    Only works before TensorFlow is imported. Calling it again later (re-running a
    setup cell) is fine; calling it first after TensorFlow was loaded without these
    settings raises, so that a notebook cannot silently get noisy, different numbers.
    """
    wanted = tf_environment()
    already = all(os.environ.get(k) == v for k, v in wanted.items())
    if "tensorflow" in sys.modules and not already:
        raise RuntimeError(
            "call quiet_tensorflow() before importing tensorflow or keras (restart the kernel)"
        )
    apply_tf_environment()


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
