"""A pytest plugin for nbval: compare outputs that depend on trained weights only in strict mode.

Loaded by ``make test`` with ``-p thermal_utils.tooling.nbval_numerics``. It asks
``tooling.numerics`` for the mode once per pytest process (``make test`` measures it once and
passes it down in ``THERMAL_KERAS_NUMERICS``), prints it in the report header, and in loose
mode turns off nbval's output comparison for the cells tagged ``trained-weights``. Those cells
still run, so an exception or a failed assert still fails the test; every other cell is still
compared exactly.
"""

from __future__ import annotations

import pytest

from thermal_utils.tooling.numerics import (
    RECORD_FILE,
    TRAINED_WEIGHTS_TAG,
    Decision,
    current_decision,
)

_DECISION_KEY = pytest.StashKey[Decision]()


def _decision(config: pytest.Config) -> Decision:
    if _DECISION_KEY not in config.stash:
        config.stash[_DECISION_KEY] = current_decision(config.rootpath / RECORD_FILE)
    return config.stash[_DECISION_KEY]


def pytest_report_header(config: pytest.Config) -> str:
    decision = _decision(config)
    return f"numerics: {decision.mode} mode: {decision.reason}"


def cell_tags(item: pytest.Item) -> list[str]:
    """The metadata tags of the notebook cell behind an nbval item ([] for other items)."""
    cell = getattr(item, "cell", None)
    tags = cell.get("metadata", {}).get("tags", []) if cell is not None else []
    return list(tags) if isinstance(tags, list) else []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _decision(config).mode != "loose":
        return
    for item in items:
        if TRAINED_WEIGHTS_TAG in cell_tags(item) and hasattr(item, "options"):
            item.options["check"] = False
