"""``predict`` trusts nothing in ``preprocessing.json`` (issue 21, item 8): the class order is
the one the models are trained with, unknown keys are refused, and no class name reaches the
terminal unless it is one of the project's. No model is loaded here (no TensorFlow)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thermal_utils.tooling.predict import PreprocessingError, read_preprocessing

GOOD = {
    "scaling": {"name": "centred", "offset_c": 27.0, "span_c": 6.0},
    "input": "flat",
    "classes": ["fake", "real"],
}


def _write(tmp_path: Path, **changes: object) -> Path:
    document = {**GOOD, **changes}
    path = tmp_path / "preprocessing.json"
    path.write_text(json.dumps({k: v for k, v in document.items() if v is not None}))
    return path


def test_what_save_preprocessing_writes_is_read(tmp_path: Path) -> None:
    scaling, kind, classes = read_preprocessing(_write(tmp_path))
    assert (scaling.name, kind, classes) == ("centred", "flat", ("fake", "real"))
    assert read_preprocessing(_write(tmp_path, classes=None))[2] == ("fake", "real")


@pytest.mark.parametrize(
    "classes",
    [
        ["real", "fake"],  # P(real) 0.84 was labelled "fake"
        ["fake", "face"],
        ["no", "yes"],
        ["fake", "\x1b[2J\x1b[31mreal"],  # terminal escape sequences
        ["fake", "real\n"],
    ],
)
def test_a_class_order_or_name_the_models_do_not_have_is_refused(
    tmp_path: Path, classes: list[str]
) -> None:
    with pytest.raises(PreprocessingError, match=r"field 'classes'.*\['fake', 'real'\]") as caught:
        read_preprocessing(_write(tmp_path, classes=classes))
    assert "\x1b" not in str(caught.value)  # what was found is shown escaped


@pytest.mark.parametrize("key", ["labels", "threshold", "class_order"])
def test_an_unknown_key_is_refused_not_ignored(tmp_path: Path, key: str) -> None:
    with pytest.raises(PreprocessingError, match=f"only the keys.*{key}"):
        read_preprocessing(_write(tmp_path, **{key: 0.5}))
