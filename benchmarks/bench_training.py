"""Seconds per training epoch of the tutorial's two networks under TensorFlow's thread and oneDNN settings.

    .venv/bin/python benchmarks/bench_training.py [--frames 1632] [--rounds 2] [--settings ...]

The settings (each measured in a fresh process: they only take effect before TensorFlow loads):

- ``pinned``: the notebooks' environment (``tf_env.TF_ENVIRONMENT``): one thread inside each
  operation, one operation at a time, oneDNN off; the same weights on every x86-64 CPU;
- ``inter-op 2``: as pinned, but two operations may run at once;
- ``all cores``: no thread settings (TensorFlow uses every core), oneDNN off, what
  ``THERMAL_KERAS_ALL_CORES=1`` gives;
- ``all cores + oneDNN``: TensorFlow's own defaults.

The settings alternate round by round, in rotating order, so that other load on the machine hits
them alike; the median over the rounds is printed, and each setting's speed-up over ``pinned``.
Inputs are random: the time of an epoch does not depend on the values.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

from thermal_utils.tooling.tf_env import TF_ENVIRONMENT

CASES = (("MLP", 32), ("MLP", 64), ("CNN", 64))

CHILD = r"""
import json, os, sys, time
import numpy as np, keras, tensorflow as tf
frames, epochs = int(sys.argv[1]), 2
keras.utils.set_random_seed(0)
tf.config.experimental.enable_op_determinism()
from thermal_utils.tooling import reference_models as models
y = keras.utils.to_categorical(np.random.randint(0, 2, frames), 2)
result = {}
for kind, batch in json.loads(sys.argv[2]):
    if kind == "MLP":
        x, model = np.random.rand(frames, 13200).astype("float32"), models.build_lecture_mlp()
    else:
        x, model = np.random.rand(frames, 110, 120, 1).astype("float32"), models.build_small_cnn()
    models.compile_classifier(model, "rmsprop", 1e-4)
    model.fit(x, y, epochs=1, batch_size=batch, verbose=0)  # the first epoch also traces the graph
    start = time.perf_counter()
    model.fit(x, y, epochs=epochs, batch_size=batch, verbose=0)
    result[f"{kind}, batch {batch}"] = (time.perf_counter() - start) / epochs
print(json.dumps(result))
"""


THREADS = ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS")
SETTINGS = {
    "pinned": dict(TF_ENVIRONMENT),
    "inter-op 2": {**TF_ENVIRONMENT, "TF_NUM_INTEROP_THREADS": "2"},
    "all cores": {k: v for k, v in TF_ENVIRONMENT.items() if k not in THREADS},
    "all cores + oneDNN": {
        **{k: v for k, v in TF_ENVIRONMENT.items() if k not in THREADS},
        "TF_ENABLE_ONEDNN_OPTS": "1",
    },
}


def measure(setting: str, frames: int) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k not in THREADS}
    env.update(SETTINGS[setting])
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(frames), json.dumps(CASES)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--frames", type=int, default=1632, help="training frames per epoch (default 1632)"
    )
    parser.add_argument("--rounds", type=int, default=2, help="rounds of every setting (default 2)")
    parser.add_argument(
        "--settings", nargs="+", choices=list(SETTINGS), default=list(SETTINGS), metavar="SETTING"
    )
    args = parser.parse_args()
    settings = ["pinned"] + [s for s in args.settings if s != "pinned"]
    runs: dict[str, list[dict[str, float]]] = {s: [] for s in settings}
    for r in range(args.rounds):
        for setting in settings[r % len(settings) :] + settings[: r % len(settings)]:
            runs[setting].append(measure(setting, args.frames))
    print(f"seconds per epoch, {args.frames} frames, median of {args.rounds} round(s)")
    print(f"{'model':<16}" + "".join(f"{s:>20}" for s in settings))
    for case in runs["pinned"][0]:
        base = statistics.median(r[case] for r in runs["pinned"])
        cells = []
        for setting in settings:
            value = statistics.median(r[case] for r in runs[setting])
            cells.append(
                f"{value:.2f}" + ("" if setting == "pinned" else f" ({base / value:.1f}x)")
            )
        print(f"{case:<16}" + "".join(f"{c:>20}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
