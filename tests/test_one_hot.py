"""The lecture's one-hot helper agrees with keras.utils.to_categorical."""

from __future__ import annotations

import numpy as np
import pytest

from thermal_utils import one_hot_encoding


def test_seed_examples() -> None:
    assert one_hot_encoding(1, 2) == [0, 1]  # a real face
    assert one_hot_encoding(0, 2) == [1, 0]  # not a face
    assert one_hot_encoding(2, 6) == [0, 0, 1, 0, 0, 0]  # the word example: third of six words


def test_agrees_with_keras_to_categorical() -> None:
    import keras  # a hard dependency: imported here only because it is slow to load

    labels = np.array([0, 1, 1, 0, 1, 2, 3])
    ours = np.array([one_hot_encoding(int(n), 4) for n in labels], dtype="float32")
    np.testing.assert_array_equal(ours, keras.utils.to_categorical(labels, num_classes=4))


def test_out_of_range() -> None:
    with pytest.raises(ValueError, match="outside 0..1"):
        one_hot_encoding(2, 2)
