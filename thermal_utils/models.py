"""Keras models of the tutorial (Keras 3). Import only after ``quiet_tensorflow()``."""

from __future__ import annotations

import keras

from thermal_utils.preprocess import FLAT_SIZE

SEED_LAYER_SIZES = (512, 128, 32, 8)
"""Hidden layer widths of the seed's model; the output layer has 2 units."""


def build_seed_mlp(input_size: int = FLAT_SIZE) -> keras.Sequential:
    """The seed's Dense network: 13,200 inputs, 512-128-32-8 ReLU, 2-way softmax."""
    layers = [keras.Input(shape=(input_size,), name="temperatures")]
    layers += [keras.layers.Dense(units, activation="relu", name=f"dense_{units}") for units in SEED_LAYER_SIZES]
    layers.append(keras.layers.Dense(2, activation="softmax", name="face_probabilities"))
    return keras.Sequential(layers, name="seed_mlp")


OPTIMIZERS = ("rmsprop", "adam", "sgd")


def make_optimizer(name: str, learning_rate: float | None = None) -> keras.optimizers.Optimizer:
    """A Keras optimizer by name; ``learning_rate=None`` keeps Keras's default (0.001 / 0.01 for SGD)."""
    if name not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {OPTIMIZERS}, got {name!r}")
    optimizer = keras.optimizers.get(name)
    if learning_rate is not None:
        optimizer.learning_rate = learning_rate
    return optimizer


def compile_classifier(model: keras.Model, optimizer: str = "rmsprop", learning_rate: float | None = None) -> keras.Model:
    """Compile as the seed did: categorical cross-entropy on one-hot labels, accuracy."""
    model.compile(
        optimizer=make_optimizer(optimizer, learning_rate),
        loss="categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model
