"""What the data of a run select, checked before any notebook trains on them.

``check_data`` runs in every notebook's setup cell (``start_notebook``) and in
``thermal-utils run`` before the first notebook: a day range that leaves a split without
frames of both classes stops there, naming the days found. It also settles
``check_quality=None``: the quality expectations are asserted on the tutorial's generated
data, where they were measured, and reported on any other data.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from thermal_utils.tooling.generated import generated_preset
from thermal_utils.tooling.loader import check_selection
from thermal_utils.tooling.params import QUALITY_PRESETS, TutorialParams


def is_tutorial_data(data_dir: str | Path) -> bool:
    """Whether ``data_dir`` is a dataset of a preset the quality expectations were measured on
    (its generator's completion marker names one of ``QUALITY_PRESETS``)."""
    return generated_preset(data_dir) in QUALITY_PRESETS


def check_data(p: TutorialParams) -> TutorialParams:
    """``p`` with ``check_quality`` resolved (None: ``is_tutorial_data``), after checking that
    its day range selects frames of both classes in both splits (``ValueError`` otherwise,
    naming the days found and the parameters to change)."""
    check_selection(p.data_dir, p.first_day, p.last_day)
    if p.check_quality is None:
        p = replace(p, check_quality=is_tutorial_data(p.data_dir))
    return p
