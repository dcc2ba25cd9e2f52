"""Classify raw frame files with a saved model (``thermal-utils predict``).

A saved model is a folder as ``pipeline.save`` writes it (``model.keras`` and
``preprocessing.json``), or a ``.keras`` file with a ``preprocessing.json`` beside it.
``preprocessing.json`` holds the scaling (``{"name", "offset_c", "span_c"}``) and the input
kind (``"flat"``: ``(n, 13200)`` for the MLP, ``"image"``: ``(n, 110, 120, 1)`` for the CNN),
so raw frames in °C are prepared exactly as the notebooks prepared them.

Engines: a plain float32 ``keras.Sequential`` of the layers the tutorial uses (Dense,
Conv2D, pooling, Flatten, Dropout) runs in NumPy (``thermal_utils.tooling.numpy_model``),
without importing TensorFlow (most of the six seconds a call took); any other model is
loaded with Keras (safe mode) on TensorFlow. ``--engine keras`` always takes the Keras
path (the way every model was run before); ``--engine numpy`` refuses models it cannot
run. Both give the same probabilities to float32 rounding (tests/test_predict.py).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from thermal_utils import formats as fmt
from thermal_utils.formats import FrameFormatError
from thermal_utils.preprocess import Scaling
from thermal_utils.tooling.loader import display_name

INPUT_KINDS = ("flat", "image")
ENGINES = ("auto", "numpy", "keras")
"""``auto``: NumPy when the model is a plain layer stack it runs, else Keras."""


@dataclass(frozen=True)
class SavedModel:
    """A loaded model and the preprocessing its inputs need."""

    model: Any
    scaling: Scaling
    input_kind: str
    classes: tuple[str, ...]
    engine: str = "keras"
    """Which engine runs ``model``: ``"numpy"`` or ``"keras"``."""
    source: str = "the model"
    """The ``.keras`` file the model was read from, for messages."""

    def inputs(self, frames: np.ndarray) -> np.ndarray:
        """``(n, 110, 120)`` frames in °C -> scaled model inputs of the saved kind."""
        scaled = self.scaling.apply(frames)
        return (
            scaled.reshape(len(scaled), -1)
            if self.input_kind == "flat"
            else scaled[..., np.newaxis]
        )

    def probabilities(self, frames: np.ndarray, batch_size: int = 64) -> np.ndarray:
        """P(real face) per frame, shape ``(n,)``: ``training.probabilities``, as the notebooks."""
        from thermal_utils.training import probabilities

        p = probabilities(self.model, self.inputs(frames), batch_size)
        if not (np.isfinite(p).all() and (p >= 0).all() and (p <= 1).all()):
            raise ValueError(
                f"{self.source}: the model gave {int((~np.isfinite(p) | (p < 0) | (p > 1)).sum())} probabilities outside 0..1 (nan or inf)"
            )
        return p


def model_files(model_path: str | Path) -> tuple[Path, Path]:
    """``(model.keras, preprocessing.json)`` for a model folder or a ``.keras`` file."""
    path = Path(model_path)
    if path.is_dir():
        keras_file, preprocessing = path / "model.keras", path / "preprocessing.json"
    elif path.suffix == ".keras":
        keras_file, preprocessing = path, path.parent / "preprocessing.json"
    else:
        raise ValueError(
            f"MODEL must be a saved model folder or a .keras file, got {path.as_posix()}"
        )
    for needed in (keras_file, preprocessing):
        if not needed.is_file():
            raise FileNotFoundError(
                f"{needed.as_posix()} not found (a saved model needs model.keras and preprocessing.json)"
            )
    return keras_file, preprocessing


MAX_PREPROCESSING_BYTES = 64 * 1024
"""A preprocessing.json is a few hundred bytes; bigger ones are refused unread."""


class PreprocessingError(ValueError):
    """``preprocessing.json`` is not what ``pipeline.save`` writes: names the file and the field."""

    def __init__(self, path: Path, field: str | None, expected: str, found: object = None):
        where = f"{path.as_posix()}: " + (f"field {field!r}: " if field else "")
        super().__init__(
            where + f"expected {expected}" + ("" if found is None else f", found {found!r}")
        )


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and np.isfinite(value)


def read_preprocessing(path: str | Path) -> tuple[Scaling, str, tuple[str, ...]]:
    """Read and check a ``preprocessing.json``: ``(scaling, input kind, classes)``.

    Every field is checked where it enters: the scaling must be one of ``SCALINGS`` with its
    own offset and span (a positive, finite span), the input kind one of ``INPUT_KINDS``, and
    ``classes`` (optional) exactly ``["fake", "real"]``, the order every model here is trained
    with (issue 21: ``["real", "fake"]`` labelled a frame with P(real) 0.84 "fake"). Any other
    key is refused: it could change what the model means. A name found is shown escaped
    (``repr``), so no escape sequence from the file reaches the terminal.
    Raises ``PreprocessingError`` naming the file and the field.
    """
    from thermal_utils.preprocess import SCALINGS

    path = Path(path)
    size = path.stat().st_size
    if size > MAX_PREPROCESSING_BYTES:
        raise PreprocessingError(
            path,
            None,
            f"a preprocessing file of at most {MAX_PREPROCESSING_BYTES:,} bytes",
            f"{size:,} bytes",
        )
    try:
        document = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise PreprocessingError(path, None, f"JSON text ({error})") from None
    if not isinstance(document, dict):
        raise PreprocessingError(path, None, "a JSON object", type(document).__name__)
    unknown = sorted(set(document) - {"scaling", "input", "classes"})
    if unknown:  # a key this reader does not know may change what the model means: refused
        raise PreprocessingError(path, None, "only the keys scaling, input, classes", unknown)
    scaling = document.get("scaling")
    if not isinstance(scaling, dict):
        raise PreprocessingError(path, "scaling", "an object {name, offset_c, span_c}", scaling)
    unexpected = sorted(set(scaling) - {"name", "offset_c", "span_c"})
    if unexpected:
        raise PreprocessingError(
            path, "scaling", "only the keys name, offset_c, span_c", unexpected
        )
    name = scaling.get("name")
    if not isinstance(name, str) or name not in SCALINGS:
        raise PreprocessingError(path, "scaling.name", f"one of {sorted(SCALINGS)}", name)
    for key in ("offset_c", "span_c"):
        if not _number(scaling.get(key)):
            raise PreprocessingError(path, f"scaling.{key}", "a finite number", scaling.get(key))
    if not scaling["span_c"] > 0:
        raise PreprocessingError(
            path,
            "scaling.span_c",
            "a positive number (values are divided by it)",
            scaling["span_c"],
        )
    known = SCALINGS[name]
    if (scaling["offset_c"], scaling["span_c"]) != (known.offset_c, known.span_c):
        raise PreprocessingError(
            path,
            "scaling",
            f"the {name!r} scaling's offset_c {known.offset_c:g} and span_c {known.span_c:g}",
            {"offset_c": scaling["offset_c"], "span_c": scaling["span_c"]},
        )
    input_kind = document.get("input")
    if not isinstance(input_kind, str) or input_kind not in INPUT_KINDS:
        raise PreprocessingError(path, "input", f"one of {list(INPUT_KINDS)}", input_kind)
    classes = document.get("classes", list(fmt.CLASS_NAMES))
    if classes != list(fmt.CLASS_NAMES):
        # The models here are trained with output 0 = fake, output 1 = real (one-hot [0, 1] is a
        # real face); another order or name would label frames with the other class's name.
        raise PreprocessingError(
            path,
            "classes",
            f"{list(fmt.CLASS_NAMES)} (output 0 is P(fake), output 1 is P(real), as every model here is trained)",
            classes,
        )
    return (
        Scaling(name, float(scaling["offset_c"]), float(scaling["span_c"])),
        input_kind,
        tuple(classes),
    )


EXPECTED_INPUT_SHAPES = {
    "flat": (None, fmt.ROWS * fmt.COLS),
    "image": (None, fmt.ROWS, fmt.COLS, 1),
}


def check_model_shapes(
    model: Any, input_kind: str, classes: tuple[str, ...], keras_file: Path
) -> None:
    """The model takes the inputs ``input_kind`` names and gives one probability per class."""
    try:
        input_shape = tuple(model.input_shape)
        output_shape = tuple(model.output_shape)
    except (AttributeError, TypeError, ValueError):
        raise ValueError(
            f"{keras_file.as_posix()}: expected a model with one input and one output"
        ) from None
    if input_shape != EXPECTED_INPUT_SHAPES[input_kind]:
        raise ValueError(
            f"{keras_file.as_posix()}: expected a model taking {input_kind!r} inputs of shape "
            f"{EXPECTED_INPUT_SHAPES[input_kind]} (preprocessing.json), found input shape {input_shape}"
        )
    if output_shape != (None, len(classes)):
        raise ValueError(
            f"{keras_file.as_posix()}: expected a model output of shape (None, {len(classes)}), one probability per class "
            f"{list(classes)} (preprocessing.json), found {output_shape}"
        )


def check_keras_archive(keras_file: Path) -> None:
    """Refuse a ``.keras`` file that is not a complete zip archive holding ``config.json``.

    Every member is read and checked against its CRC, so a file cut short (Keras said "File
    not found") or with changed bytes is named as such before either engine reads it.
    Raises ``ValueError`` naming the file."""

    def refuse(reason: str) -> ValueError:
        return ValueError(
            f"{keras_file.as_posix()}: not a readable Keras model (truncated or corrupt: {reason}); "
            "save or copy the model again"
        )

    try:
        with zipfile.ZipFile(keras_file) as archive:
            bad = archive.testzip()
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        raise refuse(f"{type(error).__name__}: {str(error)[:120]}") from None
    if bad is not None:
        raise refuse(f"{bad} does not match its checksum")
    if "config.json" not in names:
        raise refuse("the archive holds no config.json")


WEIGHTS_DO_NOT_FIT = "its weights do not fit the model its config.json describes"


def keras_load_reason(error: Exception) -> str:
    """Keras's loading error in one short line, to follow the file's name: the variable and
    both shapes when the weights do not fit (Keras's own message prints the whole weight
    array), else its first line, at most 240 characters."""
    text = str(error)
    shapes = re.search(r"variable\.shape=(\([^)]*\)), Received: value\.shape=(\([^)]*\))", text)
    if shapes:
        variable = re.search(r"<Variable path=([^,\s>]+)", text)
        where = f"{variable.group(1)}: " if variable else ""
        return (
            f"{WEIGHTS_DO_NOT_FIT}: {where}expected shape {shapes.group(1)}, "
            f"found {shapes.group(2)}"
        )
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    reason = f"{type(error).__name__}: {first}"
    if len(reason) > 240:
        reason = reason[:239] + "…"
    return f"expected a Keras model saved by pipeline.save ({reason})"


SOFTMAX_NEEDED = (
    "predict needs a model whose output is a 2-unit softmax "
    "(one probability per class, {classes}, summing to 1)"
)


def _keras_output_layer(model: Any) -> tuple[str, str | None]:
    """``(class name, activation name)`` of the layer computing a Keras model's output
    (trailing ``Dropout`` layers pass it through)."""
    layers = [layer for layer in getattr(model, "layers", []) if type(layer).__name__ != "Dropout"]
    if not layers:
        return type(model).__name__, None
    last = layers[-1]
    kind = type(last).__name__
    if kind == "Softmax":
        axis = getattr(last, "axis", -1)
        return kind, "softmax" if axis in (
            -1,
            len(model.output_shape) - 1,
        ) else f"softmax over axis {axis}"
    activation = getattr(last, "activation", None)
    return kind, None if activation is None else getattr(activation, "__name__", repr(activation))


def check_softmax_output(model: Any, classes: tuple[str, ...], keras_file: Path) -> None:
    """The model's output layer is a softmax over the classes: its outputs are probabilities
    that sum to 1 (a sigmoid or linear output gave numbers predict printed as P(real)).
    Raises ``ValueError`` naming the file and the output layer found."""
    from thermal_utils.tooling.numpy_model import NumpyModel

    kind, activation = (
        model.output_layer() if isinstance(model, NumpyModel) else _keras_output_layer(model)
    )
    if activation == "softmax":
        return
    found = (
        f"{kind}, which applies no activation"
        if activation is None
        else (f"{kind} with activation {activation!r}")
    )
    raise ValueError(
        f"{keras_file.as_posix()}: {SOFTMAX_NEEDED.format(classes=list(classes))}; "
        f"this model's output layer is {found}"
    )


def load_model(model_path: str | Path, engine: str = "auto") -> SavedModel:
    """Load a saved model (no code from the file is run) and its preprocessing.

    ``preprocessing.json`` is checked first (``read_preprocessing``), then the archive
    (``check_keras_archive``), then the model's input and output shapes against it and its
    output layer (``check_softmax_output``); each error names the file (and the field).
    ``engine`` (one of ``ENGINES``) chooses how the model runs: ``"numpy"`` reads a plain
    layer stack and runs it in NumPy (an error for any other model), ``"keras"`` loads it
    with Keras in safe mode on TensorFlow, ``"auto"`` tries NumPy and falls back to Keras."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {list(ENGINES)}, got {engine!r}")
    keras_file, preprocessing_file = model_files(model_path)
    scaling, input_kind, classes = read_preprocessing(preprocessing_file)
    check_keras_archive(keras_file)
    model, used = None, "keras"
    if engine != "keras":
        from thermal_utils.tooling.numpy_model import (
            InconsistentModel,
            UnsupportedModel,
            load_numpy_model,
        )

        try:
            model, used = load_numpy_model(keras_file), "numpy"
        except InconsistentModel as reason:  # Keras refuses it too: no need to load TensorFlow
            raise ValueError(f"{keras_file.as_posix()}: {WEIGHTS_DO_NOT_FIT}: {reason}") from None
        except UnsupportedModel as reason:
            if engine == "numpy":
                raise ValueError(
                    f"{keras_file.as_posix()}: the numpy engine cannot run this model ({reason}); "
                    "use --engine keras"
                ) from None
    if model is None:
        model = _load_keras_model(keras_file)
    check_model_shapes(model, input_kind, classes, keras_file)
    check_softmax_output(model, classes, keras_file)
    return SavedModel(
        model, scaling, input_kind, classes, engine=used, source=keras_file.as_posix()
    )


def _load_keras_model(keras_file: Path) -> Any:
    """The model loaded by Keras (safe mode: no arbitrary code is run) on TensorFlow."""
    from thermal_utils.tooling.tf_env import quiet_tensorflow

    if "tensorflow" not in sys.modules:
        quiet_tensorflow()
    import keras

    try:
        return keras.models.load_model(keras_file, safe_mode=True, compile=False)
    except (OSError, ValueError, TypeError, KeyError) as error:
        raise ValueError(f"{keras_file.as_posix()}: {keras_load_reason(error)}") from None


def find_frame_files(paths: list[str | Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Frame files among ``paths``: files as given, folders searched recursively.

    In folders only names that follow the frame naming rule
    (``<camera>_<YYYYMMDD>_<HHMMSS>_<NNNN>.txt``) are taken, in sorted order; files given by name
    are always taken. Returns the files and ``(path, reason)`` for what cannot be read as a file:
    a path that does not exist, and a special file (FIFO, device, socket, broken link) given by
    name or named like a frame inside a folder (issue 21: one inside a folder was dropped
    without a word).
    """
    files: list[Path] = []
    missing: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            named = sorted(p for p in path.rglob("*.txt") if fmt.FRAME_NAME_PATTERN.match(p.name))
            files += [p for p in named if p.is_file()]
            missing += [(p, NOT_A_FILE) for p in named if not p.is_file() and not p.is_dir()]
        elif path.is_file():
            files.append(path)
        elif os.path.lexists(path):
            missing.append((path, NOT_A_FILE))
        else:
            missing.append((path, "no such file or folder"))
    return files, missing


NOT_A_FILE = "not a regular file (a FIFO, device, socket or broken link)"


@dataclass(frozen=True)
class Prediction:
    """One frame's result: ``p_real`` and ``label`` or, for an unreadable frame, ``error``."""

    path: str
    p_real: float | None = None
    label: str | None = None
    error: str | None = None


def predict_paths(
    saved: SavedModel, paths: list[str | Path], threshold: float = 0.5
) -> list[Prediction]:
    """Read every frame file under ``paths`` and classify the readable ones (``P(real) > threshold``)."""
    from thermal_utils.tooling.frame_text import read_frame_file as read_frame

    files, missing = find_frame_files(paths)
    results: dict[int, Prediction] = {}
    frames, positions = [], []
    for i, path in enumerate(files):
        try:
            frames.append(read_frame(path).temperatures)
            positions.append(i)
        except FrameFormatError as error:
            results[i] = Prediction(path.as_posix(), error=str(error))
        except OSError as error:
            results[i] = Prediction(
                path.as_posix(), error=f"{path.as_posix()}: {error.strerror or error}"
            )
    if frames:
        probabilities = saved.probabilities(np.stack(frames))
        for i, p_real in zip(positions, probabilities.tolist()):
            results[i] = Prediction(
                files[i].as_posix(), p_real=p_real, label=saved.classes[int(p_real > threshold)]
            )
    ordered = [results[i] for i in range(len(files))]
    return ordered + [
        Prediction(path.as_posix(), error=f"{path.as_posix()}: {reason}")
        for path, reason in missing
    ]


def format_predictions(predictions: list[Prediction], output_format: str = "text") -> str:
    """The predictions as text (one line per frame), JSON (a list) or CSV (``path,p_real,label,error``)."""
    if output_format == "json":
        return json.dumps([p.__dict__ for p in predictions], indent=1) + "\n"
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["path", "p_real", "label", "error"])
        for p in predictions:
            writer.writerow(
                [
                    display_name(p.path),
                    "" if p.p_real is None else f"{p.p_real:.6f}",
                    p.label or "",
                    p.error or "",
                ]
            )
        return buffer.getvalue()
    if output_format != "text":
        raise ValueError(f"format must be text, json or csv, got {output_format!r}")
    width = max((len(display_name(p.path)) for p in predictions), default=0)
    lines = [
        f"{display_name(p.path):<{width}}  {p.p_real:.4f}  {p.label}"
        for p in predictions
        if p.error is None
    ]
    return "\n".join(lines) + ("\n" if lines else "")


def add_predict_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``thermal-utils predict`` on the CLI's sub-command parser."""
    predict = sub.add_parser("predict", help="classify raw frame files with a saved model")
    predict.add_argument(
        "model",
        metavar="MODEL",
        help="a saved model folder (model.keras + preprocessing.json) or a .keras file",
    )
    predict.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        help="frame files, or folders searched recursively for frame files",
    )
    predict.add_argument(
        "--format",
        choices=["text", "json", "csv"],
        default="text",
        help="output format (default text)",
    )
    predict.add_argument(
        "--threshold",
        type=float,
        default=0.5,
        help="call a frame real when P(real face) > this (default 0.5)",
    )
    predict.add_argument(
        "--engine",
        choices=ENGINES,
        default="auto",
        help="how the model runs: numpy (no TensorFlow import; plain Dense/Conv2D/pooling "
        "stacks), keras (Keras on TensorFlow, any model), auto (numpy when it can, else keras; "
        "the default)",
    )
    # Output is flushed and the process ends without the interpreter's teardown, which
    # takes about a second once TensorFlow is loaded (cli.main, only for a real command line).
    predict.set_defaults(func=_cmd_predict, fast_exit=True)


def _cmd_predict(args: argparse.Namespace) -> int:
    if not 0.0 <= args.threshold <= 1.0:
        raise ValueError(f"--threshold must be between 0 and 1, got {args.threshold}")
    saved = load_model(args.model, args.engine)
    predictions = predict_paths(saved, args.paths, args.threshold)
    sys.stdout.write(format_predictions(predictions, args.format))
    errors = [p for p in predictions if p.error is not None]
    for p in errors:
        print(f"thermal-utils predict: error: {display_name(p.error or '')}", file=sys.stderr)
    if not predictions:
        print("thermal-utils predict: error: no frame files found", file=sys.stderr)
        return 1
    return 1 if errors else 0
