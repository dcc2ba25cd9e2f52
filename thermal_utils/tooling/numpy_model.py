"""A saved Keras model's forward pass in NumPy, without importing TensorFlow.

``thermal-utils predict`` classifies a handful of frames per call. With Keras, importing
TensorFlow takes seconds while the arithmetic takes milliseconds (and Keras 3's other
backends need JAX or PyTorch, which this project does not install). The models this
tutorial saves are plain layer stacks: a ``keras.Sequential`` of ``Dense``, ``Conv2D``,
``MaxPooling2D``, ``AveragePooling2D``, ``Flatten`` and ``Dropout`` layers in float32. For
those, ``load_numpy_model`` reads the ``.keras`` archive itself (``config.json`` and the
weights in ``model.weights.h5``) and runs the same arithmetic in NumPy.

Nothing in the archive is ever run: the configuration is read as data and every field is
checked against a list of what is understood. Anything else (another layer, another
activation, another option, a Functional model, a weight of an unexpected shape, a file
that is not an archive) raises ``UnsupportedModel`` with the reason, and ``predict`` then
loads the model with Keras (safe mode) exactly as before, with Keras's own error messages.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

MAX_CONFIG_BYTES = 16 * 2**20
"""``config.json`` of a plain layer stack is a few kilobytes; bigger ones are left to Keras."""

MAX_WEIGHTS_BYTES = 4 * 2**30
"""The weights are read into memory; bigger archives are left to Keras."""


class UnsupportedModel(ValueError):
    """The archive is not a plain layer stack this module runs (the reason says why)."""


class InconsistentModel(UnsupportedModel):
    """The archive's weights do not fit the layers its ``config.json`` describes: no engine
    can run it (Keras refuses it too)."""


# Configuration keys that do not change what a layer computes at inference time.
_COMMON_KEYS = {"name", "trainable", "dtype"}
_TRAINING_ONLY_KEYS = {
    "kernel_initializer",
    "bias_initializer",
    "kernel_regularizer",
    "bias_regularizer",
    "activity_regularizer",
    "kernel_constraint",
    "bias_constraint",
}
_LAYER_KEYS = {
    "InputLayer": {"batch_shape", "dtype", "sparse", "ragged", "name", "optional"},
    "Dense": _COMMON_KEYS
    | _TRAINING_ONLY_KEYS
    | {"units", "activation", "use_bias", "quantization_config", "lora_rank", "lora_alpha"},
    "Conv2D": _COMMON_KEYS
    | _TRAINING_ONLY_KEYS
    | {
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "data_format",
        "dilation_rate",
        "groups",
        "activation",
        "use_bias",
        "lora_rank",
        "lora_alpha",
    },
    "MaxPooling2D": _COMMON_KEYS | {"pool_size", "padding", "strides", "data_format"},
    "AveragePooling2D": _COMMON_KEYS | {"pool_size", "padding", "strides", "data_format"},
    "Flatten": _COMMON_KEYS | {"data_format"},
    "Dropout": _COMMON_KEYS | {"rate", "seed", "noise_shape"},
}
_SEQUENTIAL_KEYS = {"name", "trainable", "dtype", "layers", "build_input_shape"}

_WEIGHTS_GROUP = {
    "Dense": "dense",
    "Conv2D": "conv2d",
    "MaxPooling2D": "max_pooling2d",
    "AveragePooling2D": "average_pooling2d",
    "Flatten": "flatten",
    "Dropout": "dropout",
}
"""Each layer's group in ``model.weights.h5``: Keras names them after the layer's class in
snake case (``dense``, ``dense_1``, ...), in the order of the model's layers."""


def _relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, np.float32(0))


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return np.float32(1) / (np.float32(1) + np.exp(-x))


def _linear(x: np.ndarray) -> np.ndarray:
    return x


ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "relu": _relu,
    "softmax": _softmax,
    "sigmoid": _sigmoid,
    "tanh": np.tanh,
    "linear": _linear,
}
"""Activations by the name Keras writes in ``config.json``."""


@dataclass
class Layer:
    """One layer of the stack: its kind, its settings and its weights (float32)."""

    kind: str
    activation: Callable[[np.ndarray], np.ndarray] = _linear
    activation_name: str | None = None
    """The activation's name in ``config.json`` (Dense, Conv2D); None for other layers."""
    weights: list[np.ndarray] = field(default_factory=list)
    pool: tuple[int, int] = (1, 1)
    strides: tuple[int, int] = (1, 1)
    padding: str = "valid"

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """This layer's output for a batch ``x``."""
        if self.kind == "Dense":
            y = x @ self.weights[0]
            return self.activation(y + self.weights[1] if len(self.weights) > 1 else y)
        if self.kind == "Conv2D":
            return self.activation(_conv2d(x, self.weights, self.padding))
        if self.kind in ("MaxPooling2D", "AveragePooling2D"):
            return _pool(x, self.pool, self.strides, self.kind == "MaxPooling2D")
        if self.kind == "Flatten":
            return x.reshape(len(x), -1)
        return x  # Dropout: the identity at inference


IDENTITY_AT_INFERENCE = ("Dropout",)
"""Layers that pass their input through unchanged when a model predicts."""


def _conv2d(x: np.ndarray, weights: list[np.ndarray], padding: str) -> np.ndarray:
    """A stride-1 convolution, channels last: ``(n, h, w, c)`` -> ``(n, h', w', filters)``."""
    kernel = weights[0]
    kh, kw, channels, filters = kernel.shape
    if padding == "same":
        x = np.pad(x, ((0, 0), ((kh - 1) // 2, kh // 2), ((kw - 1) // 2, kw // 2), (0, 0)))
    n, h, w = x.shape[0], x.shape[1] - kh + 1, x.shape[2] - kw + 1
    windows = np.lib.stride_tricks.sliding_window_view(x, (kh, kw), axis=(1, 2))
    # (n, h, w, c, kh, kw) -> (n * h * w, kh * kw * c), in the kernel's (kh, kw, c) order.
    columns = windows.transpose(0, 1, 2, 4, 5, 3).reshape(n * h * w, kh * kw * channels)
    y = columns @ kernel.reshape(kh * kw * channels, filters)
    if len(weights) > 1:
        y += weights[1]
    return y.reshape(n, h, w, filters)


def _pool(
    x: np.ndarray, pool: tuple[int, int], strides: tuple[int, int], take_max: bool
) -> np.ndarray:
    """Max or average pooling with ``valid`` padding, channels last.

    Combines one strided view per position in the window (four for 2 x 2), which is ten
    times faster than reducing over a sliding-window view."""
    h = (x.shape[1] - pool[0]) // strides[0] + 1
    w = (x.shape[2] - pool[1]) // strides[1] + 1
    views = [
        x[
            :,
            i : i + strides[0] * (h - 1) + 1 : strides[0],
            j : j + strides[1] * (w - 1) + 1 : strides[1],
        ]
        for i in range(pool[0])
        for j in range(pool[1])
    ]
    out = views[0].copy()
    for view in views[1:]:
        if take_max:
            np.maximum(out, view, out=out)
        else:
            out += view
    return out if take_max else out / np.float32(len(views))


@dataclass
class NumpyModel:
    """A plain layer stack read from a ``.keras`` archive, called like a Keras model."""

    input_shape: tuple[int | None, ...]
    output_shape: tuple[int | None, ...]
    layers: list[Layer]

    def __call__(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        """The model's outputs for a batch (inference only: ``training`` must be False)."""
        if training:
            raise ValueError("a NumpyModel only runs inference (training=False)")
        y = np.asarray(x, dtype=np.float32)
        if y.shape[1:] != self.input_shape[1:]:
            raise ValueError(f"expected inputs of shape {self.input_shape}, got {y.shape}")
        for layer in self.layers:
            y = layer(y)
        return y

    def output_layer(self) -> tuple[str, str | None]:
        """``(kind, activation name)`` of the layer that computes the output (trailing
        ``Dropout`` layers pass it through); the name is None for a layer without one."""
        computing = [layer for layer in self.layers if layer.kind not in IDENTITY_AT_INFERENCE]
        last = computing[-1] if computing else self.layers[-1]
        return last.kind, last.activation_name


def _pair(value: object, what: str) -> tuple[int, int]:
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value, value]
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value)
    ):
        raise UnsupportedModel(f"{what}: expected two positive integers, found {value!r}")
    return value[0], value[1]


def _float32_policy(dtype: object) -> bool:
    if dtype in (None, "float32"):
        return True
    return (
        isinstance(dtype, dict)
        and dtype.get("class_name") == "DTypePolicy"
        and isinstance(dtype.get("config"), dict)
        and dtype["config"].get("name") == "float32"
    )


def _check_layer(entry: object, index: int) -> tuple[str, dict[str, Any]]:
    """``(class name, config)`` of a layer entry of a supported kind with only known keys."""
    if not isinstance(entry, dict):
        raise UnsupportedModel(f"layer {index}: not an object")
    kind, config = entry.get("class_name"), entry.get("config")
    if entry.get("module") != "keras.layers" or kind not in _LAYER_KEYS:
        raise UnsupportedModel(f"layer {index}: {entry.get('module')}.{kind} is not supported")
    if entry.get("registered_name") not in (None, kind) or not isinstance(config, dict):
        raise UnsupportedModel(f"layer {index} ({kind}): a custom or malformed layer")
    unknown = sorted(set(config) - _LAYER_KEYS[kind])
    if unknown:
        raise UnsupportedModel(f"layer {index} ({kind}): unsupported settings {unknown}")
    if not _float32_policy(config.get("dtype")):
        raise UnsupportedModel(f"layer {index} ({kind}): dtype {config.get('dtype')!r}")
    for key in ("quantization_config", "lora_rank"):
        if config.get(key) is not None:
            raise UnsupportedModel(f"layer {index} ({kind}): {key} is set")
    if config.get("data_format", "channels_last") != "channels_last":
        raise UnsupportedModel(f"layer {index} ({kind}): data_format {config['data_format']!r}")
    return kind, config


def _activation(config: dict[str, Any], index: int) -> str:
    """The name of the layer's activation, one of ``ACTIVATIONS``."""
    name = config.get("activation", "linear")
    if not isinstance(name, str) or name not in ACTIVATIONS:
        raise UnsupportedModel(f"layer {index}: activation {name!r} is not supported")
    return name


def _activated(kind: str, name: str, **settings: Any) -> Layer:
    """A Dense or Conv2D layer applying the activation ``name``."""
    return Layer(kind, activation=ACTIVATIONS[name], activation_name=name, **settings)


def _positive_int(value: object, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise UnsupportedModel(f"{what}: expected a positive integer, found {value!r}")
    return value


def _build_layer(
    kind: str, config: dict[str, Any], shape: tuple[int, ...], index: int
) -> tuple[Layer, tuple[int, ...], list[tuple[int, ...]]]:
    """The layer, its output shape (without the batch axis) and the shapes of its weights."""
    if kind == "Dense":
        if len(shape) != 1:
            raise UnsupportedModel(f"layer {index} (Dense): input of shape {shape}, not flat")
        units = _positive_int(config.get("units"), f"layer {index} (Dense) units")
        use_bias = config.get("use_bias", True)
        expected = [(shape[0], units)] + ([(units,)] if use_bias else [])
        return _activated(kind, _activation(config, index)), (units,), expected
    if kind == "Conv2D":
        if len(shape) != 3:
            raise UnsupportedModel(f"layer {index} (Conv2D): input of shape {shape}")
        filters = _positive_int(config.get("filters"), f"layer {index} (Conv2D) filters")
        kh, kw = _pair(config.get("kernel_size"), f"layer {index} kernel_size")
        padding = config.get("padding", "valid")
        if (
            _pair(config.get("strides", 1), f"layer {index} strides") != (1, 1)
            or _pair(config.get("dilation_rate", 1), f"layer {index} dilation_rate") != (1, 1)
            or config.get("groups", 1) != 1
            or padding not in ("valid", "same")
        ):
            raise UnsupportedModel(
                f"layer {index} (Conv2D): only stride 1, no dilation, one group, "
                "valid or same padding are supported"
            )
        h, w = shape[:2] if padding == "same" else (shape[0] - kh + 1, shape[1] - kw + 1)
        if h < 1 or w < 1:
            raise UnsupportedModel(f"layer {index} (Conv2D): input {shape} smaller than kernel")
        use_bias = config.get("use_bias", True)
        expected = [(kh, kw, shape[2], filters)] + ([(filters,)] if use_bias else [])
        layer = _activated(kind, _activation(config, index), padding=padding)
        return layer, (h, w, filters), expected
    if kind in ("MaxPooling2D", "AveragePooling2D"):
        if len(shape) != 3 or config.get("padding", "valid") != "valid":
            raise UnsupportedModel(f"layer {index} ({kind}): only valid padding on images")
        pool = _pair(config.get("pool_size"), f"layer {index} pool_size")
        strides = _pair(config.get("strides") or list(pool), f"layer {index} strides")
        h = (shape[0] - pool[0]) // strides[0] + 1
        w = (shape[1] - pool[1]) // strides[1] + 1
        if h < 1 or w < 1:
            raise UnsupportedModel(f"layer {index} ({kind}): input {shape} smaller than pool")
        return Layer(kind, pool=pool, strides=strides), (h, w, shape[2]), []
    if kind == "Flatten":
        return Layer(kind), (int(np.prod(shape)),), []
    return Layer(kind), shape, []  # Dropout


def _read_config(archive: zipfile.ZipFile) -> dict[str, Any]:
    names = set(archive.namelist())
    if not {"config.json", "metadata.json", "model.weights.h5"} <= names:
        raise UnsupportedModel("the archive lacks config.json, metadata.json or model.weights.h5")
    for name in ("config.json", "metadata.json"):
        if archive.getinfo(name).file_size > MAX_CONFIG_BYTES:
            raise UnsupportedModel(f"{name} is over {MAX_CONFIG_BYTES:,} bytes")
    try:
        metadata = json.loads(archive.read("metadata.json"))
        config = json.loads(archive.read("config.json"))
    except (ValueError, UnicodeDecodeError) as error:
        raise UnsupportedModel(f"config.json or metadata.json: {error}") from None
    version = metadata.get("keras_version") if isinstance(metadata, dict) else None
    if not isinstance(version, str) or not version.startswith("3."):
        raise UnsupportedModel(f"saved by Keras {version!r}, not Keras 3")
    if not isinstance(config, dict):
        raise UnsupportedModel("config.json is not an object")
    return config


def _read_weights(data: bytes, groups: list[str]) -> dict[str, list[np.ndarray]]:
    """Each group's variables (``layers/<group>/vars/0, 1, ...``) as float32 arrays."""
    import h5py

    weights: dict[str, list[np.ndarray]] = {}
    try:
        with h5py.File(io.BytesIO(data), "r") as store:
            layers = store.get("layers")
            found = sorted(layers.keys()) if isinstance(layers, h5py.Group) else []
            if found != sorted(groups):
                raise UnsupportedModel(
                    f"model.weights.h5 holds layers {found}, expected {sorted(groups)}"
                )
            for group in groups:
                variables = layers[group].get("vars")
                if not isinstance(variables, h5py.Group):
                    raise UnsupportedModel(f"model.weights.h5: layers/{group} has no vars")
                if sorted(variables.keys()) != [str(i) for i in range(len(variables))]:
                    raise UnsupportedModel(f"model.weights.h5: layers/{group}/vars is not 0..n")
                arrays = []
                for i in range(len(variables)):
                    dataset = variables[str(i)]
                    if not isinstance(dataset, h5py.Dataset) or dataset.dtype != np.float32:
                        raise UnsupportedModel(f"layers/{group}/vars/{i}: not float32 values")
                    arrays.append(np.asarray(dataset[()], dtype=np.float32))
                weights[group] = arrays
    except (OSError, KeyError, TypeError, ValueError) as error:
        if isinstance(error, UnsupportedModel):
            raise
        raise UnsupportedModel(f"model.weights.h5: {type(error).__name__}: {error}") from None
    return weights


def load_numpy_model(keras_file: str | Path) -> NumpyModel:
    """Read a ``.keras`` archive of a plain float32 ``Sequential`` layer stack.

    Raises ``UnsupportedModel`` (with the reason) for anything it does not run exactly as
    Keras does; the caller then loads the model with Keras.
    """
    try:
        with zipfile.ZipFile(keras_file) as archive:
            config = _read_config(archive)
            if archive.getinfo("model.weights.h5").file_size > MAX_WEIGHTS_BYTES:
                raise UnsupportedModel(f"model.weights.h5 is over {MAX_WEIGHTS_BYTES:,} bytes")
            model_config = config.get("config")
            if (
                config.get("module") != "keras"
                or config.get("class_name") != "Sequential"
                or config.get("registered_name") not in (None, "Sequential")
                or not isinstance(model_config, dict)
            ):
                raise UnsupportedModel(
                    f"a {config.get('class_name')!r} model, not a keras.Sequential"
                )
            unknown = sorted(set(model_config) - _SEQUENTIAL_KEYS)
            if unknown or not _float32_policy(model_config.get("dtype")):
                raise UnsupportedModel(f"Sequential settings {unknown or 'dtype'} not supported")
            entries = model_config.get("layers")
            if not isinstance(entries, list) or len(entries) < 2:
                raise UnsupportedModel("the model has no layers after its input")
            kind, input_config = _check_layer(entries[0], 0)
            batch_shape = input_config.get("batch_shape")
            if (
                kind != "InputLayer"
                or any(input_config.get(k) for k in ("sparse", "ragged", "optional"))
                or not isinstance(batch_shape, list)
                or len(batch_shape) < 2
                or batch_shape[0] is not None
            ):
                raise UnsupportedModel("the first layer is not a dense float32 keras.Input")
            shape = tuple(_positive_int(d, "the input's shape") for d in batch_shape[1:])
            input_shape = (None, *shape)
            layers, expected, groups, used = [], [], [], {}
            for index, entry in enumerate(entries[1:], start=1):
                kind, layer_config = _check_layer(entry, index)
                if kind == "InputLayer":
                    raise UnsupportedModel(f"layer {index}: a second input")
                layer, shape, weight_shapes = _build_layer(kind, layer_config, shape, index)
                base = _WEIGHTS_GROUP[kind]
                used[base] = used.get(base, -1) + 1
                groups.append(base if used[base] == 0 else f"{base}_{used[base]}")
                layers.append(layer)
                expected.append(weight_shapes)
            weights = _read_weights(archive.read("model.weights.h5"), groups)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise UnsupportedModel(f"not a readable .keras (zip) archive: {error}") from None
    for layer, group, shapes in zip(layers, groups, expected):
        found = [w.shape for w in weights[group]]
        if found != shapes:
            raise InconsistentModel(f"layers/{group}: expected shapes {shapes}, found {found}")
        layer.weights = weights[group]
    return NumpyModel(input_shape, (None, *shape), layers)
