"""A pytest plugin for nbval: compare outputs that depend on trained weights only in strict mode.

Loaded by ``make test`` with ``-p thermal_utils.tooling.nbval_numerics``. It asks
``tooling.numerics`` for the mode once per pytest process (``make test`` measures it once and
passes it down in ``THERMAL_KERAS_NUMERICS``), prints it in the report header, and in loose
mode turns off nbval's output comparison for the cells tagged ``trained-weights``. Those cells
still run, so an exception or a failed assert still fails the test; every other cell is still
compared exactly. At the end it says how many of those cells printed something other than their
stored output: the measure of how far this machine's numerics took the training.
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
_UNCOMPARED_KEY = pytest.StashKey[list[tuple[str, bool]]]()


def _decision(config: pytest.Config) -> Decision:
    if _DECISION_KEY not in config.stash:
        config.stash[_DECISION_KEY] = current_decision(config.rootpath / RECORD_FILE)[0]
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


def pytest_runtest_teardown(item: pytest.Item) -> None:
    """In loose mode, note whether an uncompared cell's output matched its stored one anyway."""
    if not _is_uncompared(item) or getattr(item, "test_outputs", None) is None:
        return
    from nbval.plugin import coalesce_streams

    same = bool(item.compare_outputs(item.test_outputs, coalesce_streams(item.cell.outputs)))
    item.config.stash.setdefault(_UNCOMPARED_KEY, []).append((item.nodeid, same))


def _is_uncompared(item: pytest.Item) -> bool:
    options = getattr(item, "options", None)
    return options is not None and not options["check"] and TRAINED_WEIGHTS_TAG in cell_tags(item)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    cells = config.stash.get(_UNCOMPARED_KEY, [])
    if cells:
        differ = sum(not same for _, same in cells)
        terminalreporter.write_line(
            f"numerics: loose mode: {len(cells)} cells tagged {TRAINED_WEIGHTS_TAG} ran without "
            f"comparison; {differ} of them printed other numbers than the stored outputs"
        )
