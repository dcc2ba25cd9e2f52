"""Does this machine train the way the machine that made the stored outputs did?

The stored notebook outputs hold numbers that depend on trained weights (losses, accuracies,
probabilities). With the locked versions and one thread per operation (``tf_env``), they are
the same on every x86-64 Linux machine we measured; another CPU family, operating system, math
library or version, or the all-cores opt-in, gives other last digits, and from there another
training path. Rather than guess, ``make test`` measures: ``fingerprint()`` trains the
tutorial's two networks (the lecture's MLP and the small CNN, at their real input shapes) for
a few steps on seeded random frames and hashes the weights; ``make notebooks`` records it in
``notebooks/numerics.json`` beside the outputs it makes. Then:

- **strict** (the fingerprint matches): nbval compares every stored output, digit by digit;
- **loose** (it differs, or nothing is recorded): every notebook still runs and every assert
  still holds, every output that does not depend on trained weights is still compared
  exactly, and cells tagged ``trained-weights`` (their output does) are run but not compared.

``python -m thermal_utils.tooling.numerics mode`` prints the mode (and why, on stderr);
``record`` writes the file. ``THERMAL_KERAS_NUMERICS=strict|loose`` forces a mode.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MODE_VARIABLE = "THERMAL_KERAS_NUMERICS"
MEASURED_VARIABLE = "THERMAL_KERAS_MEASURED_FINGERPRINT"
"""Set by make test to the fingerprint it measured to decide the mode (empty if none was)."""
"""Set to ``strict`` or ``loose`` to skip the measurement (``make test`` sets it once)."""

MODES = ("strict", "loose")

TRAINED_WEIGHTS_TAG = "trained-weights"
"""The cell tag for outputs that depend on trained weights (compared only in strict mode)."""

RECORD_FILE = Path("notebooks") / "numerics.json"
"""Where ``make notebooks`` records the fingerprint of the machine that made the outputs, relative
to the repository root (``make`` runs there; the nbval plugin looks under pytest's root folder)."""

FINGERPRINT_STEPS = 4
"""Training steps of each network (batches of 32 seeded random frames)."""


def compute_fingerprint() -> str:
    """Train both networks a few steps in this process and hash their weights (16 hex digits).

    Must run in a process where TensorFlow is not loaded yet (``fingerprint()`` starts one).
    """
    from thermal_utils.tooling.tf_env import quiet_tensorflow, seed_everything

    quiet_tensorflow()
    import numpy as np

    from thermal_utils.tooling.params import TutorialParams
    from thermal_utils.tooling.reference_models import (
        build_lecture_mlp,
        build_small_cnn,
        compile_classifier,
    )

    defaults = TutorialParams()
    frames = np.random.default_rng(0).normal(size=(32 * FINGERPRINT_STEPS, 110, 120))
    frames = frames.astype(np.float32)
    labels = np.eye(2, dtype=np.float32)[np.arange(len(frames)) % 2]
    digest = hashlib.sha256()
    networks = (
        (
            build_lecture_mlp,
            frames.reshape(len(frames), -1),
            defaults.optimizer,
            defaults.learning_rate,
        ),
        (build_small_cnn, frames[..., np.newaxis], "adam", defaults.cnn_learning_rate),
    )
    for build, inputs, optimizer, learning_rate in networks:
        seed_everything(0)
        model = compile_classifier(build(), optimizer, learning_rate)
        model.fit(inputs, labels, batch_size=32, epochs=1, shuffle=False, verbose=0)
        for weights in model.get_weights():
            digest.update(np.ascontiguousarray(weights).tobytes())
        digest.update(np.asarray(model(inputs[:8], training=False)).tobytes())
    return digest.hexdigest()[:16]


def fingerprint() -> str:
    """``compute_fingerprint()`` in a fresh Python process with the project's TensorFlow settings."""
    out = subprocess.run(
        [sys.executable, "-m", "thermal_utils.tooling.numerics", "fingerprint"],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"could not measure the numerics fingerprint:\n{out.stderr.strip()}")
    return out.stdout.strip().splitlines()[-1]


def machine_description() -> dict[str, str]:
    """What made a fingerprint: versions, CPU model, operating system (for people, not compared)."""
    from thermal_utils.tooling.tf_env import all_cores, library_versions

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        **library_versions(),
        "system": f"{platform.system()} {platform.machine()}",
        "cpu": cpu,
        "threads": "all cores" if all_cores() else "one per operation",
    }


def record(path: Path = RECORD_FILE) -> dict[str, object]:
    """Measure and write the fingerprint with what made it (``make notebooks`` calls this)."""
    info = {"fingerprint": fingerprint(), "made_with": machine_description()}
    path.write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    return info


@dataclass(frozen=True)
class Decision:
    """The mode nbval runs in, and the sentence that says why."""

    mode: str
    reason: str


def decide(recorded: str | None, measured: str | None, forced: str | None = None) -> Decision:
    """Strict when the measured fingerprint equals the recorded one; loose otherwise."""
    if forced:
        if forced not in MODES:
            raise ValueError(f"{MODE_VARIABLE} must be one of {list(MODES)}, got {forced!r}")
        return Decision(
            forced, f"set by {MODE_VARIABLE}={forced} (make test measures it first and says why)"
        )
    if recorded is None:
        return Decision("loose", "no fingerprint is recorded beside the stored outputs")
    if measured == recorded:
        return Decision(
            "strict",
            f"this machine trains bit for bit like the one that made the stored outputs "
            f"(fingerprint {measured}): every output is compared",
        )
    return Decision(
        "loose",
        f"this machine's training numerics differ from those of the machine that made the "
        f"stored outputs (fingerprint {measured}, recorded {recorded}): outputs that depend on "
        f"trained weights (cells tagged {TRAINED_WEIGHTS_TAG!r}) are run but not compared",
    )


def read_recorded(path: Path = RECORD_FILE) -> str | None:
    """The recorded fingerprint, or None when there is no (readable) record."""
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("fingerprint")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and value else None


def current_decision(path: Path = RECORD_FILE) -> tuple[Decision, str | None]:
    """The mode for this machine (forced by ``THERMAL_KERAS_NUMERICS``, or measured), and the
    fingerprint measured for it (None when nothing was measured)."""
    forced = os.environ.get(MODE_VARIABLE) or None
    if forced:
        return decide(None, None, forced), None
    recorded = read_recorded(path)
    measured = fingerprint() if recorded else None
    return decide(recorded, measured), measured


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m thermal_utils.tooling.numerics")
    parser.add_argument("command", choices=("fingerprint", "mode", "record"))
    parser.add_argument("--file", type=Path, default=RECORD_FILE, help="the record (numerics.json)")
    parser.add_argument(
        "--fingerprint-file",
        type=Path,
        help="mode: also write the fingerprint measured here (make test passes it to the tests)",
    )
    args = parser.parse_args(argv)
    if args.command == "fingerprint":
        print(compute_fingerprint())
    elif args.command == "record":
        info = record(args.file)
        print(f"recorded numerics fingerprint {info['fingerprint']} in {args.file.name}")
    else:
        decision, measured = current_decision(args.file)
        print(f"numerics: {decision.mode} mode: {decision.reason}", file=sys.stderr)
        print(decision.mode)
        if args.fingerprint_file is not None:
            args.fingerprint_file.write_text(f"{measured or ''}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
