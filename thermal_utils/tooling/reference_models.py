"""Reference Keras models for tests and benchmarks (the notebooks build theirs inline).

Import only after ``quiet_tensorflow()``.
"""

from __future__ import annotations

import keras

from thermal_utils.preprocess import FLAT_SIZE
from thermal_utils.tooling.params import OPTIMIZERS

LECTURE_LAYER_SIZES = (512, 128, 32, 8)
"""Hidden layer widths of the lecture's model; the output layer has 2 units."""


def build_lecture_mlp(input_size: int = FLAT_SIZE) -> keras.Sequential:
    """The lecture's Dense network: 13,200 inputs, 512-128-32-8 ReLU, 2-way softmax."""
    layers = [keras.Input(shape=(input_size,), name="temperatures")]
    layers += [
        keras.layers.Dense(units, activation="relu", name=f"dense_{units}")
        for units in LECTURE_LAYER_SIZES
    ]
    layers.append(keras.layers.Dense(2, activation="softmax", name="face_probabilities"))
    return keras.Sequential(layers, name="lecture_mlp")


CNN_FILTERS = (8, 16, 16)
"""Filters of the small CNN's three 3 x 3 convolution blocks."""


def build_small_cnn(input_shape: tuple[int, int, int] = (110, 120, 1)) -> keras.Sequential:
    """A small convolutional network for one-channel thermal frames, 8,970 parameters.

    ``(110, 120, 1)`` scaled temperatures -> 2 x 2 average pooling (55 x 60: faces are
    tens of pixels wide, so half resolution keeps their structure and quarters the work)
    -> three blocks of 3 x 3 convolution (8, 16, 16 filters, ReLU, same padding) each
    followed by 2 x 2 max pooling (27 x 30, 13 x 15, 6 x 7) -> flatten (672 values)
    -> Dense 8 ReLU -> 2-way softmax. A convolution shares its few weights across every
    position of the frame, so a pattern (a warm eye corner, a cool nose) is detected
    wherever the face is; the MLP needs separate weights for every pixel.
    """
    layers: list = [
        keras.Input(shape=input_shape, name="temperatures"),
        keras.layers.AveragePooling2D(2, name="half_resolution"),
    ]
    for i, filters in enumerate(CNN_FILTERS, start=1):
        layers.append(
            keras.layers.Conv2D(filters, 3, padding="same", activation="relu", name=f"conv_{i}")
        )
        layers.append(keras.layers.MaxPooling2D(2, name=f"pool_{i}"))
    layers += [
        keras.layers.Flatten(name="flatten"),
        keras.layers.Dense(8, activation="relu", name="dense_8"),
        keras.layers.Dense(2, activation="softmax", name="face_probabilities"),
    ]
    return keras.Sequential(layers, name="small_cnn")


def make_optimizer(name: str, learning_rate: float | None = None) -> keras.optimizers.Optimizer:
    """A Keras optimizer by name; ``learning_rate=None`` keeps Keras's default (0.001 / 0.01 for SGD)."""
    if name not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {OPTIMIZERS}, got {name!r}")
    optimizer = keras.optimizers.get(name)
    if learning_rate is not None:
        optimizer.learning_rate = learning_rate
    return optimizer


def compile_classifier(
    model: keras.Model, optimizer: str = "rmsprop", learning_rate: float | None = None
) -> keras.Model:
    """Compile as the lecture did: categorical cross-entropy on one-hot labels, accuracy."""
    model.compile(
        optimizer=make_optimizer(optimizer, learning_rate),
        loss="categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model
