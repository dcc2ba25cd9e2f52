"""Check that the generated data teaches shape, not temperature (issue 9).

Generates the ``tutorial`` preset (seed 0) and the ``fresh`` preset (seed 1) into a
temporary folder, loads them with ``load_split(..., on_error="raise")`` and reports:

* the best single threshold on a frame's mean and on its maximum temperature
  (balanced accuracy on the tutorial test split, threshold fitted on the training
  split, and the optimistic figure fitted on the test split itself): target <= 0.75;
* (a) ``build_small_cnn()`` on ``(T - 15) / 25``, Adam lr 1e-3, batch 32, 15 epochs,
  balanced class weights: test balanced accuracy target >= 0.95;
* (b) ``build_seed_mlp()`` on the flattened scaled frames, RMSprop lr 1e-4, batch 32,
  15 epochs, balanced class weights: target >= 0.85;
* (c) the CNN of (a) on the fresh test split (1,000 frames from generator seed 1):
  within 0.05 of its tutorial test figure.

Balanced accuracy at the 0.5 threshold and ROC AUC for each. Seeded and deterministic
(``keras.utils.set_random_seed``, ``enable_op_determinism``). Takes a few minutes on
two CPU cores.

Usage (from the repository root)::

    TF_CPP_MIN_LOG_LEVEL=3 python benchmarks/check_learnability.py [--epochs 15] [--keep DIR]

Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")


def _scale(frames: np.ndarray) -> np.ndarray:
    return ((frames.astype(np.float32) - 15.0) / 25.0)[..., None]


def _class_weight(labels: np.ndarray) -> dict[int, float]:
    n = len(labels)
    return {c: n / (2.0 * max(1, int((labels == c).sum()))) for c in (0, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--keep", help="generate into this folder and keep it (reused if it exists)")
    args = parser.parse_args(argv)

    from thermal_utils import load_split
    from thermal_utils.baselines import balanced_accuracy, best_threshold_balanced_accuracy
    from thermal_utils.metrics import binary_report, roc_auc
    from thermal_utils.synth.presets import write_preset

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.keep) if args.keep else Path(tmp)
        tutorial, fresh = root / "tutorial", root / "fresh"
        for name, out, seed in (("tutorial", tutorial, 0), ("fresh", fresh, 1)):
            if not (out / "test").exists():
                start = time.perf_counter()
                write_preset(name, out, seed=seed, jobs=2)
                print(f"generated {name} (seed {seed}) in {time.perf_counter() - start:.1f} s")
        train = load_split(tutorial, "train", on_error="raise")
        test = load_split(tutorial, "test", on_error="raise")
        fresh_test = load_split(fresh, "test", on_error="raise")
    print(f"train {train.class_counts()}, test {test.class_counts()}, fresh test {fresh_test.class_counts()}")

    failures: list[str] = []

    def check(ok: bool, what: str) -> None:
        if not ok:
            failures.append(what)

    print("\nthreshold baselines (balanced accuracy; fitted on train -> test, and fitted on test itself)")
    for stat in ("mean", "max"):
        f = getattr(np, stat)
        tr, te = f(train.frames, axis=(1, 2)), f(test.frames, axis=(1, 2))
        _, threshold, direction = best_threshold_balanced_accuracy(tr, train.labels)
        pred = (te >= threshold) if direction == ">=" else (te <= threshold)
        transfer = balanced_accuracy(test.labels, pred.astype(int))
        optimistic, _, _ = best_threshold_balanced_accuracy(te, test.labels)
        print(f"  {stat:4s} temperature {direction} {threshold:.2f} °C: test {transfer:.3f}, best on test {optimistic:.3f}")
        check(optimistic <= 0.75, f"{stat} threshold {optimistic:.3f} > 0.75")

    from thermal_utils.tf_setup import quiet_tensorflow

    quiet_tensorflow()
    import keras
    import tensorflow as tf

    from thermal_utils.models import build_seed_mlp, build_small_cnn, compile_classifier

    x_train, x_test, x_fresh = _scale(train.frames), _scale(test.frames), _scale(fresh_test.frames)
    weights = _class_weight(train.labels)

    def fit(model: keras.Model, x: np.ndarray, optimizer: str, lr: float) -> keras.Model:
        compile_classifier(model, optimizer, lr)
        start = time.perf_counter()
        model.fit(x, train.one_hot, batch_size=32, epochs=args.epochs, class_weight=weights, shuffle=True, verbose=0)
        print(f"  trained {model.name} for {args.epochs} epochs in {time.perf_counter() - start:.0f} s")
        return model

    def evaluate(model: keras.Model, x: np.ndarray, labels: np.ndarray, what: str) -> float:
        scores = model.predict(x, batch_size=256, verbose=0)[:, 1]
        report = binary_report(labels, scores)
        auc = roc_auc(labels, scores)
        print(f"  {what}: balanced accuracy {report.balanced_accuracy:.3f}, AUC {auc:.3f} "
              f"(tn {report.tn}, fp {report.fp}, fn {report.fn}, tp {report.tp})")
        return report.balanced_accuracy

    keras.utils.set_random_seed(0)
    tf.config.experimental.enable_op_determinism()
    print("\n(a) small CNN, Adam 1e-3")
    cnn = fit(build_small_cnn(), x_train, "adam", 1e-3)
    cnn_test = evaluate(cnn, x_test, test.labels, "tutorial test")
    check(cnn_test >= 0.95, f"CNN test {cnn_test:.3f} < 0.95")
    print("\n(c) the same CNN on the fresh test split (seed 1)")
    cnn_fresh = evaluate(cnn, x_fresh, fresh_test.labels, "fresh test")
    check(abs(cnn_fresh - cnn_test) <= 0.05, f"CNN fresh {cnn_fresh:.3f} vs test {cnn_test:.3f}")

    keras.utils.set_random_seed(0)
    print("\n(b) seed MLP, RMSprop 1e-4")
    mlp = fit(build_seed_mlp(), x_train.reshape(len(x_train), -1), "rmsprop", 1e-4)
    mlp_test = evaluate(mlp, x_test.reshape(len(x_test), -1), test.labels, "tutorial test")
    evaluate(mlp, x_fresh.reshape(len(x_fresh), -1), fresh_test.labels, "fresh test")
    check(mlp_test >= 0.85, f"MLP test {mlp_test:.3f} < 0.85")

    print("\n" + ("all targets met" if not failures else "MISSED: " + "; ".join(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
