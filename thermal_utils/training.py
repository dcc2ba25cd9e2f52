"""Training runs: where a trained model lives, reusing it across notebooks, looking inside it.

Taught in notebook 05 (which saves the model it trains) and used by 06-10 (which reuse
it). The Keras code itself (``Sequential``, ``compile``, ``fit``) lives in the notebooks.
One folder per set of training parameters and training data: ``model_dir`` names it,
``trained_model_dir`` returns it after making sure notebook 05 has trained the model
there (it runs ``05_fit`` through papermill when the model is missing). ``frame_batches``
hands ``fit`` the frames a batch at a time (05, 09b, 10). ``epoch_logger``, ``probabilities``
and ``firing_shares`` show what a model learned (notebook 05).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from thermal_utils.formats import CLASS_NAMES, FRAME_SHAPE, Dataset
from thermal_utils.tooling.atomic import atomic_write_text
from thermal_utils.tooling.params import HELPER_RUN_ENV, TutorialParams

TRAINING_KEYS = (
    "first_day",
    "last_day",
    "seed",
    "scaling",
    "shuffle",
    "epochs",
    "batch_size",
    "validation_split",
    "optimizer",
    "learning_rate",
    "patience",
    "start_from_epoch",
)
"""The parameters that change a trained model (the others only change what is shown)."""

CNN_TRAINING_KEYS = ("cnn_learning_rate", "cnn_epochs")
"""The parameters that change notebook 10's CNN too (its key also holds ``TRAINING_KEYS``)."""

LECTURE_SETTINGS = {
    "scaling": "lecture",
    "optimizer": "rmsprop",
    "learning_rate": 0.001,
    "batch_size": 32,
    "epochs": 10,
    "patience": 0,
    "start_from_epoch": 0,
}
"""The lecture's whole recipe: its inputs divided by 255 (``scaling="lecture"``),
``compile(optimizer='rmsprop')`` (step 0.001), ``fit(epochs=10, batch_size=32)``, no early
stopping."""


def _data_fingerprint(data: Dataset) -> str:
    """A short hash of a dataset's frames, labels and paths."""
    digest = hashlib.sha256()
    digest.update(np.ascontiguousarray(data.frames))  # the buffer itself: .tobytes() would copy it
    digest.update(data.labels.tobytes())
    digest.update("\n".join(data.paths.tolist()).encode())
    return digest.hexdigest()[:16]


def lecture_params(p: TutorialParams) -> TutorialParams:
    """``p`` with the lecture's training settings (``LECTURE_SETTINGS``). Taught in notebook 05."""
    return dataclasses.replace(p, **LECTURE_SETTINGS)


def model_dir(p: TutorialParams, train: Dataset, model: str = "mlp") -> Path:
    """The folder for a ``model`` trained with ``p``'s training parameters on ``train``.

    Taught in notebook 05, which saves its model, history and preprocessing there.
    ``artifacts_dir/models/<model>-<12 hex digits>``: the digits hash the training
    parameters and the data, so another parameter value or other data gets its own folder.
    The folder is created.
    """
    key: dict[str, Any] = {k: getattr(p, k) for k in TRAINING_KEYS}
    if model == "cnn":
        key.update({k: getattr(p, k) for k in CNN_TRAINING_KEYS})
    key["data"] = _data_fingerprint(train)
    key["model"] = model
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:12]
    folder = Path(p.artifacts_dir) / "models" / f"{model}-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_history(folder: Path, history: dict[str, list[float]], p: TutorialParams) -> Path:
    """Write ``history.json`` (``History.history``, as floats) and ``params.json`` into ``folder``.

    Taught in notebook 05."""
    clean = {name: [float(v) for v in values] for name, values in history.items()}
    atomic_write_text(
        folder / "params.json", json.dumps({k: getattr(p, k) for k in TRAINING_KEYS}, indent=1)
    )
    atomic_write_text(folder / "history.json", json.dumps(clean, indent=1))
    return folder / "history.json"


def load_history(folder: Path) -> dict[str, list[float]]:
    """The history ``save_history`` wrote: ``{'loss': [...], 'val_loss': [...], ...}``.

    Taught in notebook 06."""
    return json.loads((folder / "history.json").read_text())


def save_preprocessing(folder: Path, scaling: Any, input_kind: str) -> Path:
    """Write ``preprocessing.json``: what ``thermal-utils predict`` does to a frame first.

    Taught in notebook 05."""
    info = {"scaling": scaling.to_dict(), "input": input_kind, "classes": list(CLASS_NAMES)}
    atomic_write_text(folder / "preprocessing.json", json.dumps(info, indent=1))
    return folder / "preprocessing.json"


def is_trained(folder: Path) -> bool:
    """Whether ``folder`` holds a saved model and its history. Taught in notebook 10."""
    return (folder / "model.keras").is_file() and (folder / "history.json").is_file()


def trained_model_dir(p: TutorialParams, train: Dataset, with_lecture: bool = True) -> Path:
    """The folder where notebook 05 saved the MLP trained with ``p`` on ``train``.

    Taught in notebook 06 (and used by 07-10). If the model is not there yet, the
    ``05_fit.ipynb`` beside the running notebook (the current folder) is run first, with
    ``p``; with ``with_lecture`` it also trains the lecture's settings, as it does by default.
    """
    from thermal_utils.tooling.atomic import exclusive_lock
    from thermal_utils.tooling.execute import run_notebook  # here: it imports nbclient

    folder = model_dir(p, train)
    needed = [folder] + ([model_dir(lecture_params(p), train)] if with_lecture else [])
    if not all(is_trained(f) for f in needed):
        with exclusive_lock(
            folder / ".training.lock"
        ):  # another notebook may be training it right now
            if not all(is_trained(f) for f in needed):
                run_notebook(Path("05_fit.ipynb"), p, compare_lecture=with_lecture)
    missing = [f.name for f in needed if not is_trained(f)]
    if missing:
        raise RuntimeError(
            f"05_fit ran but did not save {missing} (check artifacts_dir/executed/05_fit-*.ipynb)"
        )
    return folder


def record_metrics(p: TutorialParams, notebook: str, metrics: dict[str, Any]) -> Path:
    """Save a notebook's headline metrics to ``artifacts_dir/metrics/<notebook>.json``.

    Taught in notebook 01; called at the end of every notebook.
    ``thermal-utils run`` collects these files into one ``metrics.json``. A helper run (see
    ``HELPER_RUN_ENV``) writes ``metrics/helper-runs/<notebook>-seed-<seed>.json`` instead.
    """
    path = Path(p.artifacts_dir) / "metrics" / f"{notebook}.json"
    if os.environ.get(HELPER_RUN_ENV):
        path = path.parent / "helper-runs" / f"{notebook}-seed-{p.seed}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(metrics, indent=1, sort_keys=True, default=float))
    return path


def balanced_class_weight(labels: np.ndarray) -> dict[int, float]:
    """Class weights ``n / (2 * n_class)`` for labels 0 and 1: each class weighs half the loss.

    Taught in notebook 09b. With 1,300 real faces and 76 fakes: ``{0: 9.05, 1: 0.53}``.
    """
    counts = np.bincount(np.asarray(labels), minlength=2)
    if (counts[:2] == 0).any():
        raise ValueError("class weights need both classes")
    total = int(counts.sum())
    return {label: float(total / (2 * counts[label])) for label in (0, 1)}


def epoch_logger(label: str = "epoch"):
    """A Keras callback printing one line of rounded metrics per epoch, without timings.

    Taught in notebook 05. ``label`` starts each line (the Korean edition passes its word).
    Unlike ``verbose=2`` its output is the same on every run, so notebooks can keep it.
    """
    import keras

    class EpochLogger(keras.callbacks.Callback):
        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            values = ", ".join(f"{k} {v:.3f}" for k, v in sorted((logs or {}).items()))
            print(f"{label} {epoch + 1:>3}/{self.params['epochs']}: {values}")

    return EpochLogger()


def frame_batches(
    data: Dataset,
    rows: np.ndarray,
    scaling: Any,
    batch_size: int,
    image: bool = False,
    seed: int | None = None,
) -> Any:
    """Batches of ``data``'s frames ``rows``, scaled one batch at a time, for ``fit``.

    Taught in notebook 05. A ``keras.utils.PyDataset``: batch ``i`` is ``(x, y)``, the next
    ``batch_size`` of ``rows`` scaled with ``scaling``, flat ``(n, 13200)`` (``image``: ``(n,
    110, 120, 1)``), and their one-hot labels. Given arrays, ``fit`` copies them into TensorFlow
    first: at the lecture's size that and a scaled copy of every frame take about 1 GB. With
    ``seed``, the rows are shuffled again before every epoch (and ``fit`` shuffles the batches,
    seeded by ``keras.utils.set_random_seed``); without, they keep their order (validation data).
    """
    import keras

    shape = (*FRAME_SHAPE, 1) if image else (FRAME_SHAPE[0] * FRAME_SHAPE[1],)

    class FrameBatches(keras.utils.PyDataset):
        def __init__(self) -> None:
            super().__init__()
            self.rows = np.asarray(rows)
            self.rng = None if seed is None else np.random.default_rng(seed)

        def __len__(self) -> int:
            return -(-len(self.rows) // batch_size)  # the last batch may be smaller

        def __getitem__(self, index: int) -> tuple[np.ndarray, np.ndarray]:
            chosen = self.rows[index * batch_size : (index + 1) * batch_size]
            x = scaling.apply(data.frames[chosen]).reshape(len(chosen), *shape)
            return x, data.one_hot[chosen]

        def on_epoch_begin(self) -> None:
            if self.rng is not None:
                self.rows = self.rng.permutation(self.rows)

    return FrameBatches()


def _input_batches(x: Any, batch_size: int) -> Any:
    """The inputs of ``x`` a batch at a time: slices of an array, or ``frame_batches``' ``x``."""
    if hasattr(x, "shape"):
        return (x[start : start + batch_size] for start in range(0, len(x), batch_size))
    return (inputs for inputs, _ in x)


def firing_shares(model: Any, x: Any, batch_size: int = 256) -> list[np.ndarray]:
    """For each ReLU ``Dense`` layer: the share of inputs on which each unit outputs more than 0.

    Taught in notebook 05, which writes the same probe itself. ``x``: an array of inputs, or
    ``frame_batches``. One array per layer, shape ``(units,)``, values from 0 to 1. A unit with
    share 0 is dead: its output and its gradient are 0 for every input, so training cannot
    change it any more. Units with a share near 0 pass on almost nothing about the input.
    """
    import keras

    dense = [
        layer
        for layer in model.layers
        if isinstance(layer, keras.layers.Dense)
        and getattr(layer.activation, "__name__", "") == "relu"
    ]
    probe = keras.Model(model.inputs[0], [layer.output for layer in dense])
    fired = [np.zeros(layer.units) for layer in dense]
    n_inputs = 0
    for inputs in _input_batches(x, batch_size):
        outputs = probe(inputs, training=False)
        for count, out in zip(fired, outputs if isinstance(outputs, (list, tuple)) else [outputs]):
            count += (np.asarray(out) > 0).sum(axis=0)
        n_inputs += len(inputs)
    return [count / max(n_inputs, 1) for count in fired]


def probabilities(model: Any, x: Any, batch_size: int = 256) -> np.ndarray:
    """P(real face) per row of ``x``: column 1 of the softmax output, shape ``(n,)``, float64.

    Taught in notebook 05. ``x``: an array of inputs, or ``frame_batches`` without ``seed`` (in
    the order of its rows). Calls the model directly (``training=False``) in batches instead of
    ``predict``, which would trace a new TensorFlow function for every new input size.
    ``thermal-utils predict`` uses it too, with a Keras model or its NumPy engine.
    """
    parts = [
        np.asarray(model(inputs, training=False))[:, 1] for inputs in _input_batches(x, batch_size)
    ]
    return np.concatenate(parts).astype(np.float64) if parts else np.zeros(0)
