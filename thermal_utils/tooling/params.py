"""Notebook parameters: one typed set shared by every notebook, checked up front.

Each notebook's ``parameters`` cell defines the knobs that make sense there; the
setup cell passes them to ``check_params``, which fails at once with a clear
message for a wrong type or value (papermill users see it in the first cell).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from thermal_utils.formats import DAY_PATTERN, SPLITS
from thermal_utils.preprocess import SCALINGS
from thermal_utils.tooling.values import day_problem

OPTIMIZERS = ("rmsprop", "adam", "sgd")
HELPER_RUN_ENV = "THERMAL_KERAS_HELPER_RUN"
"""Set (to "1") in the environment of a notebook run only to train what another notebook needs
(05_fit for another seed): its metrics go to ``metrics/helper-runs/`` instead of replacing
the metrics of the notebook's own run."""

LANGUAGES = ("en", "ko")
"""The languages of the notebooks' figures: English, and Korean for the Korean edition."""


@dataclass(frozen=True)
class TutorialParams:
    """Every parameter of the suite, with the defaults the stored notebooks use."""

    data_dir: str = "../data/generated/tutorial"
    artifacts_dir: str = "../artifacts"
    first_day: str | None = None  # None: from the first day folder (the lecture: "20201201")
    last_day: str | None = None  # None: to the last day folder (the lecture: "20201219")
    seed: int = 42
    scaling: str = "centred"
    shuffle: bool = True
    epochs: int = 20
    batch_size: int = 64
    validation_split: float = 0.2
    optimizer: str = "adam"
    learning_rate: float = 0.0001
    patience: int = (
        3  # EarlyStopping: epochs without a better val_loss before stopping; 0 = never stop early
    )
    start_from_epoch: int = 5  # EarlyStopping: epochs trained before val_loss is judged at all
    compare_lecture: bool = True  # notebook 05 also trains with the lecture's settings
    check_quality: bool | None = None
    """"Check your work" also asserts the tutorial's expectations (scaling statistics, learning
    quality, test days apart from training days). ``None``: yes on the tutorial's generated data
    (``QUALITY_PRESETS``), where they were measured; no on any other data, where each expectation
    prints what it found instead (``thermal_utils.checks.expect``)."""
    n_examples: int = 8
    imbalance_ratio: int = (
        17  # real faces per fake in notebooks 09a-09b (the lecture's 6,697 to 392)
    )
    cnn_learning_rate: float = 0.002  # the small CNN's learning rate (notebook 10)
    cnn_epochs: int = 10  # at most this many epochs for the small CNN (notebook 10)
    n_seeds: int = 3  # seeds each model of notebook 10 is trained with
    fresh_data_dir: str = (
        "../data/generated/fresh-seed-1"  # frames of another generator seed (notebook 10)
    )
    language: str = "en"  # the figures' texts: "en", or "ko" for the Korean edition (notebooks/ko)


QUALITY_PRESETS = ("tutorial",)
"""Generated presets on which the quality expectations were measured (over seeds; see README)."""

PATH_NAMES = ("data_dir", "artifacts_dir", "fresh_data_dir")
DAY_NAMES = ("first_day", "last_day")

INT_RANGES = (
    ("seed", "a non-negative integer", 0, 2**32 - 1),
    (
        "epochs",
        "an integer from 2 to 1000 (at least 2, so that the loss can be seen to go down)",
        2,
        1000,
    ),
    ("batch_size", "a positive integer", 1, 2**31 - 1),
    ("patience", "an integer from 0 to 1000", 0, 1000),
    ("start_from_epoch", "an integer from 0 to 1000", 0, 1000),
    ("n_examples", "an integer from 0 to 64", 0, 64),
    ("imbalance_ratio", "an integer from 1 to 100", 1, 100),
    ("n_seeds", "an integer from 1 to 30", 1, 30),
    ("cnn_epochs", "an integer from 2 to 1000", 2, 1000),
)
"""Integer parameters: (name, what it must be, lowest, highest), both ends allowed."""

NUMBER_RANGES = (
    ("validation_split", "a fraction between 0 and 1 (exclusive)", 0.0, 1.0),
    ("learning_rate", "a positive number below 10", 0.0, 10.0),
    ("cnn_learning_rate", "a positive number below 10", 0.0, 10.0),
)
"""Number parameters: (name, what it must be, lower, upper), both ends excluded."""

CHOICES = {
    "scaling": tuple(sorted(SCALINGS)),
    "optimizer": OPTIMIZERS,
    "language": LANGUAGES,
}
"""Parameters with a fixed set of values."""


def _fail(name: str, expected: str, value: object) -> None:
    raise ValueError(f"parameter {name!r} must be {expected}, got {value!r}")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _papermill_spelling(name: str, value: object) -> object:
    """``value`` as meant, where papermill's ``-p`` turned a string into a number.

    ``papermill -p first_day 20210322`` passes the int 20210322 (``-p`` reads digits as a
    number; ``-r`` keeps the text): a day or a folder name given as an int is its digits.
    """
    if name in DAY_NAMES + PATH_NAMES and _is_int(value) and value >= 0:  # type: ignore[operator]
        return str(value)
    return value


def _day_hint(name: str, value: object) -> str:
    """A hint for a day papermill's ``-p`` read as a number (``-p first_day 2021-03-22`` stays
    text; ``-p first_day 2021.0322`` becomes a float)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f" (papermill's -p reads {value} as a number: write -r {name} YYYYMMDD)"
    return ""


def _bool_hint(name: str, value: object) -> str:
    """A hint for a boolean spelled otherwise than papermill's ``True`` and ``False``."""
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return f" (papermill reads only True and False as booleans: -p {name} {value.capitalize()})"
    return ""


def check_params(**values: object) -> TutorialParams:
    """Validate the given parameters; the others keep their defaults.

    A day or folder name given as a non-negative int (``papermill -p first_day 20210322``)
    is read as its digits. ``check_quality`` may stay None: ``tooling.data_checks.check_data``
    resolves it, and checks what the day range selects.

    Raises ``ValueError`` naming the parameter, what it must be, and what it got.
    """
    known = {f.name for f in fields(TutorialParams)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"unknown parameter(s) {unknown}; known: {sorted(known)}")
    p = TutorialParams(**{k: _papermill_spelling(k, v) for k, v in values.items()})  # type: ignore[arg-type]
    data_dir = Path(p.data_dir) if isinstance(p.data_dir, str) else None
    if data_dir is None or not data_dir.is_dir():
        _fail("data_dir", "an existing data directory", p.data_dir)
    missing = [s for s in SPLITS if not (data_dir / s).is_dir()]
    if missing:
        _fail(
            "data_dir",
            f"a folder with {' and '.join(SPLITS)} sub-folders (missing {', '.join(missing)})",
            p.data_dir,
        )
    if not isinstance(p.artifacts_dir, str) or not p.artifacts_dir:
        _fail("artifacts_dir", "a folder path", p.artifacts_dir)
    for name in DAY_NAMES:
        value = getattr(p, name)
        if value is None:
            continue
        if not isinstance(value, str) or not DAY_PATTERN.match(value):
            _fail(
                name,
                "a day as a 'YYYYMMDD' string, or None for no limit" + _day_hint(name, value),
                value,
            )
        problem = day_problem(value)
        if problem is not None:
            _fail(name, f"a day as a 'YYYYMMDD' string ({problem})", value)
    if p.first_day is not None and p.last_day is not None and p.first_day > p.last_day:
        _fail("first_day", f"on or before last_day ({p.last_day})", p.first_day)
    for name, expected, low, high in INT_RANGES:
        value = getattr(p, name)
        if not _is_int(value) or not low <= value <= high:
            _fail(name, expected, value)
    for name, expected, low, high in NUMBER_RANGES:
        value = getattr(p, name)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not low < value < high:
            _fail(name, expected, value)
    for name, choices in CHOICES.items():
        if getattr(p, name) not in choices:
            _fail(name, f"one of {list(choices)}", getattr(p, name))
    for name in ("shuffle", "compare_lecture"):
        if not isinstance(getattr(p, name), bool):
            _fail(name, "True or False" + _bool_hint(name, getattr(p, name)), getattr(p, name))
    if p.check_quality is not None and not isinstance(p.check_quality, bool):
        hint = _bool_hint("check_quality", p.check_quality)
        _fail(
            "check_quality",
            "True, False or None (None: on for the tutorial's data)" + hint,
            p.check_quality,
        )
    if not isinstance(p.fresh_data_dir, str) or not p.fresh_data_dir:
        _fail("fresh_data_dir", "a folder path", p.fresh_data_dir)
    return p


QUALITY_LINES = {
    "en": (
        "Quality checks: {state} (check_quality = {given})",
        "Quality checks: on (the tutorial's generated data)",
        "Quality checks: off (not the tutorial's generated data: each expectation prints what it "
        "found; set check_quality = True to assert them)",
        ("on", "off"),
    ),
    "ko": (
        "품질 점검: {state} (check_quality = {given})",
        "품질 점검: 켜짐 (튜토리얼이 생성한 데이터)",
        "품질 점검: 꺼짐 (튜토리얼이 생성한 데이터가 아님: 기대치마다 찾은 값을 출력합니다. "
        "assert로 확인하려면 check_quality = True로 설정하세요)",
        ("켜짐", "꺼짐"),
    ),
}
"""The setup cell's line about the quality checks, per language: given, on by default, off by
default, and the words for on and off."""


def describe_quality_checks(p: TutorialParams, given: object) -> str:
    """One line for the setup cell: whether the quality expectations are asserted, and why."""
    given_line, on_line, off_line, (on, off) = QUALITY_LINES[p.language]
    if given is not None:
        return given_line.format(state=on if p.check_quality else off, given=given)
    return on_line if p.check_quality else off_line
