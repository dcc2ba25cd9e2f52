"""The tutorial's workflow as functions, so that every notebook can reach its starting point.

A notebook that needs a trained model calls ``load_or_train``: it reuses the model and
history an earlier notebook saved under ``artifacts_dir`` when the parameters and the
training data match, and trains (deterministically) otherwise. Import only after
``thermal_utils.tf_setup.quiet_tensorflow()``.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from thermal_utils.dataset import Dataset, load_split
from thermal_utils.params import TutorialParams
from thermal_utils.preprocess import Scaling, flatten, get_scaling, shuffled_order

CLASS_NAMES = ("fake", "real")
"""Class names by integer label: 0 = not a face (fake), 1 = a real face."""

TRAINING_KEYS = (
    "first_day", "last_day", "seed", "scaling", "shuffle", "epochs",
    "batch_size", "validation_split", "optimizer", "learning_rate", "model",
)
"""The parameters that change a trained model (the others only change what is shown)."""


def load_datasets(p: TutorialParams) -> tuple[Dataset, Dataset]:
    """Load the train and test splits of ``p.data_dir`` within the day range (malformed files skipped and reported)."""
    kwargs: dict[str, Any] = dict(first_day=p.first_day, last_day=p.last_day, on_error="skip")
    train = load_split(p.data_dir, "train", **kwargs, **_cache_kwargs(p))
    test = load_split(p.data_dir, "test", **kwargs, **_cache_kwargs(p))
    return train, test


def _cache_kwargs(p: TutorialParams) -> dict[str, Any]:
    import inspect

    if "cache_dir" in inspect.signature(load_split).parameters:
        return {"cache_dir": Path(p.artifacts_dir) / "datasets"}
    return {}


def model_inputs(frames: np.ndarray, scaling: Scaling, model: str) -> np.ndarray:
    """Scaled model inputs: ``(n, 13200)`` for the MLP, ``(n, 110, 120, 1)`` for the CNN."""
    scaled = scaling.apply(frames)
    return flatten(scaled) if model == "mlp" else scaled[..., np.newaxis]


@dataclass(frozen=True)
class PreparedData:
    """Model-ready arrays. Training rows are in ``train_order`` (a seeded shuffle, or identity)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    train_order: np.ndarray
    scaling: Scaling


def prepare(p: TutorialParams, train: Dataset, test: Dataset) -> PreparedData:
    """Shuffle the training set (if ``p.shuffle``), then flatten or reshape, and scale."""
    order = shuffled_order(len(train), p.seed) if p.shuffle else np.arange(len(train))
    scaling = get_scaling(p.scaling)
    return PreparedData(
        x_train=model_inputs(train.frames[order], scaling, p.model),
        y_train=train.one_hot[order],
        x_test=model_inputs(test.frames, scaling, p.model),
        y_test=test.one_hot,
        train_order=order,
        scaling=scaling,
    )


def data_fingerprint(data: Dataset) -> str:
    """A short hash of a dataset's frames, labels and paths."""
    digest = hashlib.sha256()
    digest.update(np.ascontiguousarray(data.frames).tobytes())
    digest.update(data.labels.tobytes())
    digest.update("\n".join(data.paths.tolist()).encode())
    return digest.hexdigest()[:16]


def model_dir(p: TutorialParams, train: Dataset) -> Path:
    """Where the model trained with these parameters on this data is saved."""
    key = {k: getattr(p, k) for k in TRAINING_KEYS}
    key["data"] = data_fingerprint(train)
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:12]
    return Path(p.artifacts_dir) / "models" / f"{p.model}-{digest}"


def build_model(p: TutorialParams):
    """A fresh, compiled model of kind ``p.model``."""
    from thermal_utils import models

    model = models.build_seed_mlp() if p.model == "mlp" else models.build_small_cnn()
    return models.compile_classifier(model, p.optimizer, p.learning_rate)


@dataclass
class TrainedModel:
    """A trained model with its history (``{'loss': [...], 'accuracy': [...], 'val_loss': ...}``)."""

    model: Any
    history: dict[str, list[float]]
    seconds_per_epoch: float
    directory: Path
    source: Literal["trained", "loaded"]


def train(p: TutorialParams, data: PreparedData, verbose: int | str = 2) -> TrainedModel:
    """Seed everything, build, compile and fit; nothing is saved."""
    from thermal_utils.tf_setup import seed_everything

    seed_everything(p.seed)
    model = build_model(p)
    start = time.perf_counter()
    history = model.fit(
        data.x_train,
        data.y_train,
        epochs=p.epochs,
        batch_size=p.batch_size,
        validation_split=p.validation_split,
        verbose=verbose,
    )
    seconds = (time.perf_counter() - start) / p.epochs
    clean = {k: [float(v) for v in values] for k, values in history.history.items()}
    return TrainedModel(model, clean, seconds, Path(), "trained")


def save(trained: TrainedModel, directory: Path, p: TutorialParams, scaling: Scaling) -> TrainedModel:
    """Save model (``.keras``), history, parameters and the preprocessing the model needs."""
    directory.mkdir(parents=True, exist_ok=True)
    trained.model.save(directory / "model.keras")
    (directory / "history.json").write_text(json.dumps(trained.history, indent=1))
    (directory / "params.json").write_text(json.dumps({k: getattr(p, k) for k in TRAINING_KEYS}, indent=1))
    preprocessing = {"scaling": scaling.to_dict(), "input": "flat" if p.model == "mlp" else "image", "classes": list(CLASS_NAMES)}
    (directory / "preprocessing.json").write_text(json.dumps(preprocessing, indent=1))
    (directory / "timing.json").write_text(json.dumps({"seconds_per_epoch": trained.seconds_per_epoch}))
    trained.directory = directory
    return trained


def load_saved(directory: Path) -> TrainedModel:
    """Load a model saved by ``save`` (Keras safe mode)."""
    import keras

    model = keras.models.load_model(directory / "model.keras", safe_mode=True)
    history = json.loads((directory / "history.json").read_text())
    seconds = json.loads((directory / "timing.json").read_text())["seconds_per_epoch"]
    return TrainedModel(model, history, seconds, directory, "loaded")


def load_or_train(p: TutorialParams, train_set: Dataset, data: PreparedData) -> TrainedModel:
    """Reuse the saved model for these parameters and data, or train and save it."""
    directory = model_dir(p, train_set)
    if (directory / "model.keras").is_file() and (directory / "timing.json").is_file():
        return load_saved(directory)
    return save(train(p, data, verbose=0), directory, p, data.scaling)


def record_metrics(p: TutorialParams, notebook: str, metrics: dict[str, Any]) -> Path:
    """Save a notebook's headline metrics to ``artifacts_dir/metrics/<notebook>.json``.

    ``thermal-utils run`` collects these files into one ``metrics.json``.
    """
    path = Path(p.artifacts_dir) / "metrics" / f"{notebook}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(metrics, indent=1, sort_keys=True, default=float))
    return path
