"""Seconds per training epoch of the tutorial's two networks, with TensorFlow's oneDNN off and on.

    .venv/bin/python benchmarks/bench_training.py [--frames 1632] [--rounds 2]

Each measurement runs in a fresh process (``TF_ENABLE_ONEDNN_OPTS`` only takes effect before
TensorFlow is imported), the two settings alternating round by round so that other load on the
machine hits both alike; the median over the rounds is printed, and the ratio off/on. Inputs are
random: the time of an epoch does not depend on the values.
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


def measure(onednn: bool, frames: int) -> dict[str, float]:
    env = {
        **os.environ,
        **TF_ENVIRONMENT,
        "TF_ENABLE_ONEDNN_OPTS": "1" if onednn else "0",
    }
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
    parser.add_argument("--rounds", type=int, default=2, help="rounds of both settings (default 2)")
    args = parser.parse_args()
    runs: dict[bool, list[dict[str, float]]] = {False: [], True: []}
    for r in range(args.rounds):
        for onednn in (False, True) if r % 2 == 0 else (True, False):
            runs[onednn].append(measure(onednn, args.frames))
    print(f"seconds per epoch, {args.frames} frames, median of {args.rounds} round(s)")
    print(f"{'model':<16}{'oneDNN off':>12}{'oneDNN on':>12}{'off / on':>10}")
    for case in runs[False][0]:
        off = statistics.median(r[case] for r in runs[False])
        on = statistics.median(r[case] for r in runs[True])
        print(f"{case:<16}{off:>12.2f}{on:>12.2f}{off / on:>9.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
