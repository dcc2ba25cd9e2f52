"""The notebooks' setup cell, as one call: ``p = start_notebook(globals())``.

Taught in notebook 01 and called first in every notebook. TensorFlow must be quiet and
deterministic from its first import: the environment variables it reads then are
``TF_ENVIRONMENT``, the one place they are set (the test suite, ``make notebooks`` and
``thermal-utils run`` take them from here).
"""

from __future__ import annotations

import os
import platform
import random
import sys
from collections.abc import Mapping
from dataclasses import fields
from importlib import metadata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thermal_utils.tooling.params import TutorialParams

TF_ENVIRONMENT = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"}
"""Set before TensorFlow loads: no C++ log lines on stderr (3 = errors only), and oneDNN's
reordered float operations off, so a run gives the same weights (and stored metrics) on
any CPU."""


def start_notebook(
    namespace: Mapping[str, object], data: bool = True, tensorflow: bool = True
) -> TutorialParams:
    """Check the notebook's parameters, make its data ready, and quiet and seed TensorFlow.

    Taught in notebook 01.

    1. Reads the parameters the notebook defined (the names of ``TutorialParams`` found
       in ``namespace``, normally ``globals()`` after the ``parameters`` cell).
    2. With ``data``, generates ``data_dir`` (and ``fresh_data_dir`` when the notebook
       declares it) first if it is a generated dataset not made yet
       (``thermal_utils.tooling.generated``), with a progress bar.
    3. Validates every parameter (``check_params``): a wrong value fails here, naming it.
    4. Silences TensorFlow's C++ logs and keeps its ops reproducible (this must happen
       before TensorFlow is imported), seeds Python, NumPy and TensorFlow, and prints
       the versions of the libraries. With ``tensorflow=False`` (a notebook without
       Keras) TensorFlow is not imported, which saves a few seconds; the settings still
       apply if it is imported later.
    5. With ``language="ko"`` (the Korean edition, ``notebooks/ko``), makes matplotlib
       draw Korean text: the NanumGothic font, and "-" for minus signs, which it lacks
       (``plots.use_language``).

    Returns the checked parameters.
    """
    from thermal_utils.tooling.generated import ensure_dataset
    from thermal_utils.tooling.params import TutorialParams, check_params

    values = {f.name: namespace[f.name] for f in fields(TutorialParams) if f.name in namespace}
    for name in ("data_dir", "fresh_data_dir") if data else ():
        folder = values.get(name, TutorialParams.data_dir if name == "data_dir" else None)
        if isinstance(folder, str):
            ensure_dataset(folder, progress=True)
    p = check_params(**values)
    if p.language != "en":
        from thermal_utils.plots import use_language

        use_language(p.language)
    quiet_tensorflow()
    versions = library_versions()
    if int(versions["keras"].split(".")[0]) < 3:
        raise RuntimeError(
            f"this tutorial needs Keras 3 (TensorFlow 2.16 or newer), found {versions['keras']}"
        )
    print(", ".join(f"{name} {version}" for name, version in versions.items()))
    if tensorflow:
        seed_everything(p.seed)
    else:
        import numpy as np

        random.seed(p.seed)
        np.random.seed(p.seed)
    return p


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
