"""The first code cell of every notebook, as one call: ``p = start_notebook(globals())``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields

from thermal_utils.params import TutorialParams, check_params


def start_notebook(namespace: Mapping[str, object], data: bool = True, tensorflow: bool = True) -> TutorialParams:
    """Check the notebook's parameters, make its data ready, and quiet and seed TensorFlow.

    1. Reads the parameters the notebook defined (the names of ``TutorialParams`` found
       in ``namespace``, normally ``globals()`` after the ``parameters`` cell).
    2. With ``data``, generates ``data_dir`` first if it is a generated dataset not made
       yet (``thermal_utils.generated``), with a progress bar.
    3. Validates every parameter (``check_params``): a wrong value fails here, naming it.
    4. Silences TensorFlow's C++ logs and keeps its ops reproducible (this must happen
       before TensorFlow is imported), seeds Python, NumPy and TensorFlow, and prints
       the versions of the libraries. With ``tensorflow=False`` (a notebook without
       Keras) TensorFlow is not imported, which saves a few seconds; the settings still
       apply if it is imported later.

    Returns the checked parameters.
    """
    values = {f.name: namespace[f.name] for f in fields(TutorialParams) if f.name in namespace}
    data_dir = values.get("data_dir", TutorialParams.data_dir)
    if data and isinstance(data_dir, str):
        from thermal_utils.generated import ensure_dataset

        ensure_dataset(data_dir, progress=True)
    p = check_params(**values)

    from thermal_utils.tf_setup import library_versions, quiet_tensorflow, seed_everything

    quiet_tensorflow()
    versions = library_versions()
    if int(versions["keras"].split(".")[0]) < 3:
        raise RuntimeError(f"this tutorial needs Keras 3 (TensorFlow 2.16 or newer), found {versions['keras']}")
    print(", ".join(f"{name} {version}" for name, version in versions.items()))
    if tensorflow:
        seed_everything(p.seed)
    else:
        import random

        import numpy as np

        random.seed(p.seed)
        np.random.seed(p.seed)
    return p
