"""The camera and its sensor: what the camera makes of a painted scene, and its blackbody
reference patch.

``apply_sensor`` turns a scene (the image part, shape ``(110, 120)``, °C) into a sensor frame
(shape ``(110, 124)``, float64, °C): optical blur, vignetting towards the camera's internal
temperature, the camera's fixed pattern (per pixel and per column), per-frame column offsets
and temporal noise (NETD about 0.04..0.10 °C), then the shutter-masked columns ``120..123``,
which read the camera's internal temperature. ``render_blackbody`` gives the readings of the
reference patch, shape ``(50, cols)``, °C, that a frame's header carries.

The same camera shows the same fixed pattern in every frame, so the pattern is a constant of
this module, drawn once from a fixed seed, not from a frame's generator.
"""

from __future__ import annotations

import math

import numpy as np

from thermal_utils.tooling.synth.canvas import IMAGE_COLS, SENSOR_COLS, SENSOR_ROWS, gaussian_blur

BLACKBODY_ROWS = 50
"""Rows of the blackbody reference block (the frame header's lines 50-99)."""

MIN_OUTPUT_C = -40.0
MAX_OUTPUT_C = 250.0
"""Every rendered value lies in this range (°C); the frame reader rejects others."""


_FIXED_PATTERN_SEED = 110_120


def _fixed_pattern() -> np.ndarray:
    """The camera's own fixed-pattern offsets, shape ``(110, 120)``, °C: per-pixel
    (sigma 0.04) plus per-column (sigma 0.06). The same camera shows the same pattern in
    every frame, so it comes from a fixed seed, not from the frame's generator."""
    rng = np.random.default_rng(_FIXED_PATTERN_SEED)
    return rng.normal(0.0, 0.04, size=(SENSOR_ROWS, IMAGE_COLS)) + rng.normal(
        0.0, 0.06, size=(1, IMAGE_COLS)
    )


_FPN = _fixed_pattern()
_FPN.setflags(write=False)


def apply_sensor(rng: np.random.Generator, scene: np.ndarray, ambient_c: float) -> np.ndarray:
    """Turn a scene (``(110, 120)``, °C) into a sensor frame (``(110, 124)``, float64, °C).

    Optics blur the scene (sigma 0.5..1.0 px); vignetting pulls the corners 2..6 %
    towards the camera's internal temperature and leaves a residual of -0.5..+0.3 °C;
    the camera's fixed pattern (per pixel and per column, scaled 0.6..1.4 by the
    camera's temperature drift), per-frame column offsets (sigma 0.02..0.06 °C) and
    temporal noise (NETD, sigma 0.04..0.10 °C) follow. The masked columns read the
    camera's internal temperature, ambient + 3..8 °C.
    """
    grid_r = (np.arange(SENSOR_ROWS) - (SENSOR_ROWS - 1) / 2.0) / ((SENSOR_ROWS - 1) / 2.0)
    grid_c = (np.arange(IMAGE_COLS) - (IMAGE_COLS - 1) / 2.0) / ((IMAGE_COLS - 1) / 2.0)
    radial2 = 0.5 * (grid_r[:, None] ** 2 + grid_c[None, :] ** 2)
    internal_c = ambient_c + rng.uniform(3.0, 8.0)

    image = gaussian_blur(scene, rng.uniform(0.5, 1.0))
    image += (
        rng.uniform(0.02, 0.06) * radial2 * (internal_c - image) + rng.uniform(-0.5, 0.3) * radial2
    )
    image += rng.uniform(0.6, 1.4) * _FPN
    image += rng.normal(0.0, rng.uniform(0.02, 0.06), size=(1, IMAGE_COLS))
    image += rng.normal(0.0, rng.uniform(0.04, 0.10), size=image.shape)

    drift = rng.uniform(-0.05, 0.05) * grid_r[:, None]
    masked = (
        internal_c + drift + rng.normal(0.0, 0.03, size=(SENSOR_ROWS, SENSOR_COLS - IMAGE_COLS))
    )

    frame = np.concatenate([image, masked], axis=1)
    return np.clip(frame, MIN_OUTPUT_C, MAX_OUTPUT_C)


def render_blackbody(
    rng: np.random.Generator, setpoint_c: float = 35.0, cols: int = 16
) -> np.ndarray:
    """Readings of the camera's blackbody reference patch.

    Args:
        rng: source of randomness.
        setpoint_c: the blackbody's set temperature, °C.
        cols: readings per line.

    Returns:
        Shape ``(50, cols)``, float64, °C: the setpoint plus a small calibration offset
        (|offset| <= 0.1 °C), a gentle gradient across the patch (<= 0.1 °C end to end)
        and pixel noise (sigma 0.02..0.05 °C).
    """
    if cols < 1:
        raise ValueError(f"cols must be >= 1, got {cols}")
    if not math.isfinite(setpoint_c) or not MIN_OUTPUT_C + 1 <= setpoint_c <= MAX_OUTPUT_C - 1:
        raise ValueError(
            f"setpoint_c must be a finite temperature in -39..249 °C, got {setpoint_c}"
        )
    r = np.linspace(-0.5, 0.5, BLACKBODY_ROWS)[:, None]
    c = np.linspace(-0.5, 0.5, cols)[None, :]
    offset = rng.uniform(-0.1, 0.1)
    gradient = rng.uniform(-0.1, 0.1) * r + rng.uniform(-0.1, 0.1) * c
    noise = rng.normal(0.0, rng.uniform(0.02, 0.05), size=(BLACKBODY_ROWS, cols))
    return setpoint_c + offset + gradient + noise
