"""The notebooks' setup cell, as one call: ``p = start_notebook(globals())``.

Taught in notebook 01 and called first in every notebook. TensorFlow must be quiet and
deterministic from its first import: ``thermal_utils.tooling.tf_env`` holds the environment
variables it reads then (``TF_ENVIRONMENT``) and sets them.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import fields
from typing import TYPE_CHECKING

from thermal_utils.tooling.tf_env import library_versions, quiet_tensorflow, seed_everything

if TYPE_CHECKING:
    from thermal_utils.tooling.params import TutorialParams


def start_notebook(
    namespace: Mapping[str, object], data: bool = True, tensorflow: bool = True
) -> TutorialParams:
    """Check the notebook's parameters, make its data ready, and quiet and seed TensorFlow.

    Taught in notebook 01.

    1. Reads the parameters the notebook defined (the names of ``TutorialParams`` found
       in ``namespace``, normally ``globals()`` after the ``parameters`` cell).
    2. With ``data``, generates ``data_dir`` (and, beside generated data, ``fresh_data_dir``
       when the notebook declares it) first if it is a generated dataset not made yet
       (``thermal_utils.tooling.generated``), with a progress bar.
    3. Validates every parameter (``check_params``): a wrong value fails here, naming it,
       as does a day range that leaves a split without frames of both classes. Prints
       whether the quality checks are on (``check_quality``; None: on for the tutorial's
       generated data only).
    4. Silences TensorFlow's C++ logs and keeps its ops reproducible (this must happen
       before TensorFlow is imported), seeds Python, NumPy and TensorFlow, and prints
       the versions of the libraries. With ``tensorflow=False`` (a notebook without
       Keras) TensorFlow is not imported, which saves a few seconds; the settings still
       apply if it is imported later.
    5. With ``language="ko"`` (the Korean edition, ``notebooks/ko``), makes matplotlib
       draw Korean text: the NanumGothic font, and "-" for minus signs, which it lacks
       (``tooling.korean_font.use_language``).
    6. In a notebook, makes every figure it shows record its texts in the output's metadata
       (``tooling.figure_record``; tests/test_korean_text.py reads them).

    Returns the checked parameters.
    """
    from thermal_utils.tooling.data_checks import check_data
    from thermal_utils.tooling.figure_record import record_figure_texts
    from thermal_utils.tooling.generated import ensure_dataset, generated_preset
    from thermal_utils.tooling.params import TutorialParams, check_params, describe_quality_checks

    values = {f.name: namespace[f.name] for f in fields(TutorialParams) if f.name in namespace}
    data_dir = values.get("data_dir", TutorialParams.data_dir)
    if data and isinstance(data_dir, str):
        ensure_dataset(data_dir, progress=True)
        fresh_data_dir = values.get("fresh_data_dir")
        if isinstance(fresh_data_dir, str) and generated_preset(data_dir) is not None:
            ensure_dataset(fresh_data_dir, progress=True)  # only beside generated data
    p = check_data(check_params(**values))
    if p.language != "en":
        from thermal_utils.tooling.korean_font import use_language

        use_language(p.language)
    record_figure_texts()
    quiet_tensorflow()
    versions = library_versions()
    if int(versions["keras"].split(".")[0]) < 3:
        raise RuntimeError(
            f"this tutorial needs Keras 3 (TensorFlow 2.16 or newer), found {versions['keras']}"
        )
    print(", ".join(f"{name} {version}" for name, version in versions.items()))
    if "check_quality" in values:
        print(describe_quality_checks(p, values["check_quality"]))
    if tensorflow:
        seed_everything(p.seed)
    else:
        import numpy as np

        random.seed(p.seed)
        np.random.seed(p.seed)
    return p
