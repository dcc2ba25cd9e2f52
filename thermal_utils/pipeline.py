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
from typing import Any, Callable, Literal

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
    kwargs: dict[str, Any] = dict(
        first_day=p.first_day, last_day=p.last_day, on_error="skip", cache_dir=Path(p.artifacts_dir) / "datasets"
    )
    return load_split(p.data_dir, "train", **kwargs), load_split(p.data_dir, "test", **kwargs)


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


def model_dir(p: TutorialParams, train: Dataset, variant: dict[str, Any] | None = None) -> Path:
    """Where the model trained with these parameters on this data is saved.

    ``variant`` adds to the key what else changes the model (notebooks 09-10: a
    stratified split and class weights); its ``split`` names the folder too.
    """
    key: dict[str, Any] = {k: getattr(p, k) for k in TRAINING_KEYS}
    key["data"] = data_fingerprint(train)
    key.update(variant or {})
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:12]
    prefix = f"{p.model}-{variant['split']}" if variant else p.model
    return Path(p.artifacts_dir) / "models" / f"{prefix}-{digest}"


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


def epoch_logger():
    """A Keras callback printing one line of rounded metrics per epoch, without timings.

    Unlike ``verbose=2`` its output is the same on every run, so notebooks can keep it.
    """
    import keras

    class EpochLogger(keras.callbacks.Callback):
        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            values = ", ".join(f"{k} {v:.3f}" for k, v in sorted((logs or {}).items()))
            print(f"epoch {epoch + 1:>3}/{self.params['epochs']}: {values}")

    return EpochLogger()


def _fit(
    p: TutorialParams,
    x: np.ndarray,
    y: np.ndarray,
    callbacks: list[Any],
    verbose: int | str,
    **fit_kwargs: Any,
) -> TrainedModel:
    """Seed everything, build and compile ``p.model``, and fit it; nothing is saved.

    ``seconds_per_epoch`` is the median over the epochs after the first (the first also
    traces TensorFlow's graph).
    """
    from thermal_utils.tf_setup import seed_everything

    seed_everything(p.seed)
    model = build_model(p)
    timer = _epoch_timer()
    history = model.fit(
        x, y, epochs=p.epochs, batch_size=p.batch_size, verbose=verbose, callbacks=[timer, *callbacks], **fit_kwargs
    )
    seconds = float(np.median(timer.seconds[1:] if len(timer.seconds) > 1 else timer.seconds))
    clean = {k: [float(v) for v in values] for k, values in history.history.items()}
    return TrainedModel(model, clean, seconds, Path(), "trained")


def train(p: TutorialParams, data: PreparedData, verbose: int | str = 0, log_epochs: bool = False) -> TrainedModel:
    """Seed everything, build, compile and fit with ``validation_split``; nothing is saved.

    ``log_epochs`` prints one timing-free line per epoch (see ``epoch_logger``);
    ``verbose`` is passed to ``fit`` (2 prints Keras's own log, with timings).
    """
    callbacks = [epoch_logger()] if log_epochs else []
    return _fit(p, data.x_train, data.y_train, callbacks, verbose, validation_split=p.validation_split)


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


def _load_or_fit(directory: Path, fit: Callable[[], TrainedModel], p: TutorialParams, scaling: Scaling) -> TrainedModel:
    """Load the model saved in ``directory``, or call ``fit`` and save what it returns there."""
    if (directory / "model.keras").is_file() and (directory / "timing.json").is_file():
        return load_saved(directory)
    return save(fit(), directory, p, scaling)


def load_or_train(p: TutorialParams, train_set: Dataset, data: PreparedData) -> TrainedModel:
    """Reuse the saved model for these parameters and data, or train and save it."""
    return _load_or_fit(model_dir(p, train_set), lambda: train(p, data), p, data.scaling)


def record_metrics(p: TutorialParams, notebook: str, metrics: dict[str, Any]) -> Path:
    """Save a notebook's headline metrics to ``artifacts_dir/metrics/<notebook>.json``.

    ``thermal-utils run`` collects these files into one ``metrics.json``.
    """
    path = Path(p.artifacts_dir) / "metrics" / f"{notebook}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(metrics, indent=1, sort_keys=True, default=float))
    return path


# ---------------------------------------------------------------- stratified splits and class weights (notebooks 09-11)


def stratified_split(labels: np.ndarray, fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Hold out ``fraction`` of every class for validation, seeded.

    Args:
        labels: shape ``(n,)``, integer class labels.
        fraction: share of each class to hold out, in (0, 1).
        seed: random seed.

    Returns:
        ``(fit_index, val_index)``: indices into ``labels``, each in a seeded random order.
        Each class gives ``round(fraction * count)`` frames to validation, at least one and
        at most ``count - 1`` when it has two or more frames, so both parts see every class.
    """
    labels = np.asarray(labels)
    if not 0 < fraction < 1:
        raise ValueError(f"fraction must be between 0 and 1, got {fraction}")
    rng = np.random.default_rng(seed)
    fit_parts, val_parts = [], []
    for label in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == label))
        n_val = int(round(fraction * len(members)))
        if len(members) >= 2:
            n_val = min(max(n_val, 1), len(members) - 1)
        val_parts.append(members[:n_val])
        fit_parts.append(members[n_val:])
    return rng.permutation(np.concatenate(fit_parts)), rng.permutation(np.concatenate(val_parts))


def balanced_class_weight(labels: np.ndarray) -> dict[int, float]:
    """Class weights ``n / (2 * n_class)`` for labels 0 and 1, so that each class weighs half the loss.

    With 72 real faces and 14 fakes: ``{0: 3.07, 1: 0.6}``.
    """
    counts = np.bincount(np.asarray(labels), minlength=2)
    if (counts[:2] == 0).any():
        raise ValueError("class weights need both classes")
    total = int(counts.sum())
    return {label: float(total / (2 * counts[label])) for label in (0, 1)}


@dataclass(frozen=True)
class SplitData:
    """Model-ready arrays for a stratified fit / validation split of train, plus test.

    ``x_*`` are ``(n, 13200)`` for the MLP or ``(n, 110, 120, 1)`` for the CNN, scaled;
    ``y_*`` are one-hot ``(n, 2)``. ``fit_index``/``val_index`` index the loaded training
    ``Dataset``, so ``train.frames[val_index]`` are the validation frames in °C.
    """

    x_fit: np.ndarray
    y_fit: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    fit_index: np.ndarray
    val_index: np.ndarray
    scaling: Scaling

    @property
    def fit_labels(self) -> np.ndarray:
        return self.y_fit.argmax(axis=1)

    @property
    def val_labels(self) -> np.ndarray:
        return self.y_val.argmax(axis=1)

    @property
    def test_labels(self) -> np.ndarray:
        return self.y_test.argmax(axis=1)


def prepare_stratified(p: TutorialParams, train: Dataset, test: Dataset) -> SplitData:
    """Split train by ``stratified_split(labels, p.validation_split, p.seed)``, then scale and shape for ``p.model``."""
    fit_index, val_index = stratified_split(train.labels, p.validation_split, p.seed)
    scaling = get_scaling(p.scaling)
    return SplitData(
        x_fit=model_inputs(train.frames[fit_index], scaling, p.model),
        y_fit=train.one_hot[fit_index],
        x_val=model_inputs(train.frames[val_index], scaling, p.model),
        y_val=train.one_hot[val_index],
        x_test=model_inputs(test.frames, scaling, p.model),
        y_test=test.one_hot,
        fit_index=fit_index,
        val_index=val_index,
        scaling=scaling,
    )


def _epoch_timer() -> Any:
    """A Keras callback recording each epoch's wall-clock seconds in ``.seconds``."""
    import keras

    class EpochTimer(keras.callbacks.Callback):
        def __init__(self) -> None:
            super().__init__()
            self.seconds: list[float] = []
            self._start = 0.0

        def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
            self._start = time.perf_counter()

        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            self.seconds.append(time.perf_counter() - self._start)

    return EpochTimer()


def fit_split(
    p: TutorialParams,
    data: SplitData,
    class_weight: dict[int, float] | None = None,
    verbose: int | str = 0,
) -> TrainedModel:
    """Seed, build and fit ``p.model`` on ``data.x_fit``, validating on ``data.x_val``; nothing is saved.

    ``class_weight`` multiplies each frame's loss by its class's weight (e.g.
    ``balanced_class_weight(data.fit_labels)``).
    """
    return _fit(p, data.x_fit, data.y_fit, [], verbose, validation_data=(data.x_val, data.y_val), class_weight=class_weight)


def split_model_dir(p: TutorialParams, train_set: Dataset, class_weight: dict[int, float] | None = None) -> Path:
    """Where ``load_or_fit_split`` keeps the model for these parameters, data and class weights."""
    weights = None if class_weight is None else {str(k): round(v, 6) for k, v in sorted(class_weight.items())}
    return model_dir(p, train_set, {"split": "stratified", "class_weight": weights})


def load_or_fit_split(
    p: TutorialParams,
    train_set: Dataset,
    data: SplitData,
    class_weight: dict[int, float] | None = None,
) -> TrainedModel:
    """Reuse the model ``fit_split`` saved for these parameters, data and class weights, or fit and save it."""
    directory = split_model_dir(p, train_set, class_weight)
    return _load_or_fit(directory, lambda: fit_split(p, data, class_weight=class_weight), p, data.scaling)


def probabilities(model: Any, x: np.ndarray, batch_size: int = 256) -> np.ndarray:
    """P(real face) per row of ``x``: column 1 of the softmax output, shape ``(n,)``, float64.

    Calls the model directly (``training=False``) in batches instead of ``predict``, which
    would trace a new TensorFlow function for every new input size and warn about it.
    """
    parts = [np.asarray(model(x[i : i + batch_size], training=False))[:, 1] for i in range(0, len(x), batch_size)]
    return np.concatenate(parts).astype(np.float64) if parts else np.zeros(0)


FRESH_SEEDS_START = 1001
"""Fresh synthetic test sets use generator seeds 1001, 1002, ... (the shipped sample uses 0)."""


def is_synthetic(data: Dataset, data_dir: str | Path) -> bool:
    """Whether the frames of ``data`` were drawn by ``thermal-utils synth`` (their header names the scene)."""
    from thermal_utils.frame_io import read_frame

    return len(data) > 0 and "synthetic_scene" in read_frame(Path(data_dir) / data.paths[0]).metadata


def fresh_synthetic_frames(p: TutorialParams, n_sets: int) -> tuple[np.ndarray, np.ndarray]:
    """Frames never used for training: ``n_sets`` freshly generated ``sample`` datasets.

    Each set (seed ``FRESH_SEEDS_START + i``, both splits, frames within ``first_day``..
    ``last_day``: 98 real and 26 fake) is written once to
    ``artifacts_dir/fresh_data/sample-seed-<seed>`` and reused after that; generation is
    deterministic, so a rerun gives the same frames.

    Returns:
        ``(frames, labels)``: ``(n, 110, 120)`` float32 °C and ``(n,)`` int64.
    """
    import shutil
    import tempfile

    from thermal_utils.synth.presets import write_preset

    frames, labels = [np.zeros((0, 110, 120), np.float32)], [np.zeros(0, np.int64)]
    for i in range(n_sets):
        seed = FRESH_SEEDS_START + i
        target = Path(p.artifacts_dir) / "fresh_data" / f"sample-seed-{seed}"
        if not (target / "complete").is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".writing-"))
            write_preset("sample", staging, seed=seed)
            (staging / "complete").write_text("written by pipeline.fresh_synthetic_frames\n")
            shutil.rmtree(target, ignore_errors=True)
            staging.rename(target)
        for split in ("train", "test"):
            data = load_split(target, split, first_day=p.first_day, last_day=p.last_day, on_error="skip")
            frames.append(data.frames)
            labels.append(data.labels)
    return np.concatenate(frames), np.concatenate(labels)
