"""The "Check your work" cells: expectations about the tutorial's own data, asserted or reported.

Taught in notebook 01. A notebook's checks are of two kinds. Invariants hold for any valid
data (shapes, one-hot rows that sum to 1, no test frame in training) and are plain
``assert`` statements. Expectations were measured on the tutorial's generated data (its
scaling statistics, how well the model learns, test days apart from training days):
``expect`` asserts them when ``p.check_quality`` is on, and otherwise prints what it found,
so that the suite runs to the end on a practitioner's own camera data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thermal_utils.tooling.params import TutorialParams


REPORTED = {
    "en": (
        "expectation {verdict} (reported, not asserted): {expectation}; found {found}",
        "met",
        "NOT met",
    ),
    "ko": (
        "기대치 {verdict}(assert하지 않고 보고만 함): {expectation} / 찾은 값: {found}",
        "충족",
        "미충족",
    ),
}
"""The line ``expect`` prints when the quality checks are off, per language, and its verdicts."""

FOUND = {"en": "{expectation}: found {found}", "ko": "{expectation}: 찾은 값 {found}"}
"""The message of a failed expectation, per language."""


def expect(p: TutorialParams, met: bool, expectation: str, found: str) -> bool:
    """Assert ``met`` (with ``p.check_quality``), or print whether it was met.

    Taught in notebook 01; every notebook's "Check your work" cell uses it.

    Args:
        p: the notebook's checked parameters (``check_quality`` resolved to True or False;
            ``language`` chooses the language of the printed line).
        met: whether the expectation holds on these data.
        expectation: what the tutorial expects, as a phrase ("test balanced accuracy >= 0.83").
        found: what these data gave ("0.807").

    Returns ``met``.

    Raises:
        AssertionError: ``p.check_quality`` is on and ``met`` is false; the message names the
            expectation and what was found.
    """
    if p.check_quality:
        assert met, FOUND[p.language].format(expectation=expectation, found=found)
    else:
        line, yes, no = REPORTED[p.language]
        print(line.format(verdict=yes if met else no, expectation=expectation, found=found))
    return bool(met)
