"""training.firing_shares: the share of inputs on which each ReLU unit fires (notebook 05)."""

from __future__ import annotations

import numpy as np

from thermal_utils import training
from thermal_utils.tooling.tf_env import quiet_tensorflow

quiet_tensorflow()
import keras  # noqa: E402  (after quiet_tensorflow)


def _model_with_known_units() -> keras.Model:
    """2 inputs -> 3 ReLU units: fires when x0 > 0, never fires, always fires -> softmax."""
    model = keras.Sequential(
        [
            keras.Input(shape=(2,)),
            keras.layers.Dense(3, activation="relu"),
            keras.layers.Dense(2, activation="softmax"),
        ]
    )
    kernel = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 0.0]], dtype="float32")
    bias = np.array([0.0, -1.0, 1.0], dtype="float32")
    model.layers[0].set_weights([kernel, bias])
    return model


def test_shares_count_the_inputs_each_unit_fires_on() -> None:
    x = np.array([[1.0, 5.0], [-1.0, 5.0], [2.0, -3.0], [-2.0, 0.0]], dtype="float32")
    (shares,) = training.firing_shares(_model_with_known_units(), x, batch_size=3)
    np.testing.assert_allclose(shares, [0.5, 0.0, 1.0])


def test_a_unit_that_fires_on_no_input_has_share_zero() -> None:
    x = np.array([[-1.0, 0.0], [-2.0, 1.0]], dtype="float32")  # unit 0 never fires here either
    (shares,) = training.firing_shares(_model_with_known_units(), x)
    np.testing.assert_allclose(shares, [0.0, 0.0, 1.0])
