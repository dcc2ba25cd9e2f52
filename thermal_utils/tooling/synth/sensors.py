"""The screening cameras: their sensors, optics, noise and in-frame reference emitters.

Real screening cameras come with many sensors, and ``thermal-utils convert`` brings each one's
matrix to the frame format's 110 x 120 (``tooling/sizing.py``). The generator does the same: a
scene is painted on the camera's whole field of view, sampled by the camera's own sensor, given
the sensor's blur, gain, noise and drift at its own pixel scale, and then sized exactly as
``convert`` sizes a real export. A coarse sensor's frames are therefore soft and blocky once
enlarged, a fine sensor's frames smooth, as converted frames of such cameras are.

A dataset has a pool of ``CAMERAS_PER_POOL`` cameras (``camera_pool``), drawn from its seed; each
frame is taken by one of them. What belongs to a camera stays fixed for all its frames: its
sensor size and orientation, its optics, its noise, its fixed pattern and whether it has a
heated reference emitter in view, and where. What changes from frame to frame: the drift of its
offset and gain, its column offsets and its temporal noise.

Numbers (°C unless stated), chosen from the data sheets of common thermal sensors and from what
screening kiosks' frames show (``data/README.md``, "Screening cameras", gives the sources):

* sensor sizes (rows x columns, either way up): 60 x 80 and 120 x 160 (FLIR Lepton 2 and 3),
  240 x 320 and 288 x 384 (common VGA-class microbolometer cores, e.g. FLIR Boson 320, Lynred
  Pico384); kiosks often mount the camera on its side, so portrait and landscape both occur;
* optics blur: a Gaussian of 0.5..1.6 sensor pixels;
* temporal noise (NETD) 0.03..0.12 °C per pixel; a fixed pattern of 0.02..0.08 °C per pixel
  and 1.5 times that per column; column offsets 0.01..0.05 per frame;
* radiometric gain 0.90..1.05 around the room temperature and an offset drift of +-0.8 per
  frame (uncalibrated consumer cores read a few tenths to a degree off);
* a heated reference disc (a blackbody the kiosk measures against) in half the cameras:
  radius 3..8 px, 33..40 °C, low in its housing, near a side or a lower corner of the frame,
  sometimes cut by the frame's edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from thermal_utils.tooling.sizing import axis_weights, fit_to_frame
from thermal_utils.tooling.synth.camera import MAX_OUTPUT_C, MIN_OUTPUT_C
from thermal_utils.tooling.synth.canvas import (
    IMAGE_COLS,
    SENSOR_COLS,
    SENSOR_ROWS,
    Grid,
    blend,
    box,
    coverage,
    gaussian_blur,
    make_grid,
)

SENSOR_SIZES: dict[tuple[int, int], float] = {
    (60, 80): 0.08,
    (80, 60): 0.08,
    (120, 160): 0.14,
    (160, 120): 0.20,
    (240, 320): 0.12,
    (320, 240): 0.12,
    (288, 384): 0.13,
    (384, 288): 0.13,
}
"""Native sensor sizes ``(rows, columns)`` and how often a camera has each: landscape and
portrait (a camera mounted on its side)."""

CAMERAS_PER_POOL = 24
"""Cameras in one dataset's pool."""

REFERENCE_SHARE = 0.5
"""The share of cameras with a heated reference disc in view."""


@dataclass(frozen=True)
class Reference:
    """A heated reference disc in its housing, in frame pixels ``(row, col)``; °C."""

    row: float
    col: float
    radius_px: float
    disc_c: float
    housing_half_width_px: float
    housing_height_px: float
    housing_above_room_c: float


@dataclass(frozen=True)
class Camera:
    """One screening camera: what stays the same in all its frames."""

    index: int
    native: tuple[int, int]
    """Sensor size ``(rows, columns)``."""
    blur_px: float
    """Optics blur, sigma in sensor pixels."""
    netd_c: float
    """Temporal noise per pixel, sigma, °C."""
    fixed_pattern_c: float
    """Fixed-pattern offsets per pixel, sigma, °C (1.5 times that per column)."""
    pattern_seed: int
    """Seed of the fixed pattern: the same pattern in every frame of this camera."""
    gain: float
    """Radiometric gain around the room temperature."""
    reference: Reference | None
    """The reference disc in view, or ``None``."""

    @property
    def description(self) -> str:
        """``"160x120"`` (rows x columns), with ``" + reference disc"`` when it has one."""
        size = f"{self.native[0]}x{self.native[1]}"
        return size + (" + reference disc" if self.reference is not None else "")


def _draw_reference(rng: np.random.Generator) -> Reference:
    radius = rng.uniform(3.0, 8.0)
    left = rng.random() < 0.5
    if rng.random() < 0.5:  # low in a corner, maybe cut by the frame's edge
        row = rng.uniform(98.0, 116.0)
        col = rng.uniform(-2.0, 32.0) if left else rng.uniform(88.0, 122.0)
    else:  # along a side
        row = rng.uniform(40.0, 104.0)
        col = rng.uniform(4.0, 30.0) if left else rng.uniform(90.0, 116.0)
    return Reference(
        row=row,
        col=col,
        radius_px=radius,
        disc_c=rng.uniform(33.0, 40.0),
        housing_half_width_px=radius * rng.uniform(1.6, 3.2),
        housing_height_px=radius * rng.uniform(2.0, 4.5),
        housing_above_room_c=rng.uniform(0.2, 2.0),
    )


@lru_cache(maxsize=8)
def camera_pool(seed: int, n: int = CAMERAS_PER_POOL) -> tuple[Camera, ...]:
    """The ``n`` cameras of a dataset generated with ``seed`` (the same seed, the same cameras;
    computed once per seed, and immutable)."""
    rng = np.random.default_rng([seed, 4242])
    sizes = list(SENSOR_SIZES)
    weights = np.array([SENSOR_SIZES[s] for s in sizes])
    cameras = []
    for index in range(n):
        native = sizes[int(rng.choice(len(sizes), p=weights / weights.sum()))]
        reference = _draw_reference(rng) if rng.random() < REFERENCE_SHARE else None
        cameras.append(
            Camera(
                index=index,
                native=native,
                blur_px=rng.uniform(0.5, 1.6),
                netd_c=rng.uniform(0.03, 0.12),
                fixed_pattern_c=rng.uniform(0.02, 0.08),
                pattern_seed=int(rng.integers(1 << 30)),
                gain=rng.uniform(0.9, 1.05),
                reference=reference,
            )
        )
    return tuple(cameras)


def field_of_view(camera: Camera) -> Grid:
    """The grid a scene is painted on for this camera: its whole field of view, in frame pixels.

    The view is the sensor's, scaled as ``convert`` scales it (``s = max(110 / rows, 120 /
    columns)``), so one grid pixel is one pixel of the final frame; the part of it that the
    centre crop keeps has rows 0..109 and columns 0..119, the rest lies at negative or larger
    coordinates. A portrait 160 x 120 sensor gives a ``(160, 120)`` grid from row -25.
    """
    rows, cols = camera.native
    scale = max(SENSOR_ROWS / rows, IMAGE_COLS / cols)
    shape = (round(rows * scale), round(cols * scale))
    return make_grid(shape, ((SENSOR_ROWS - shape[0]) / 2.0, (IMAGE_COLS - shape[1]) / 2.0))


def paint_reference(grid: Grid, img: np.ndarray, reference: Reference, ambient_c: float) -> None:
    """Paint the reference disc and its housing into ``img`` (°C, in place)."""
    r = reference
    housing = box(
        grid.cols,
        grid.rows,
        r.col - r.housing_half_width_px,
        r.col + r.housing_half_width_px,
        r.row - 2.0 * r.housing_height_px,
        r.row + 0.6 * r.housing_height_px,
        1.0,
    )
    blend(img, housing, ambient_c + r.housing_above_room_c)
    distance = np.hypot(grid.rows - r.row, grid.cols - r.col)
    blend(img, coverage(r.radius_px - distance), r.disc_c)


@lru_cache(maxsize=CAMERAS_PER_POOL)
def _fixed_pattern(seed: int, shape: tuple[int, int], sigma_c: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    pattern = rng.normal(0.0, sigma_c, size=shape) + rng.normal(0.0, 1.5 * sigma_c, (1, shape[1]))
    pattern.setflags(write=False)
    return pattern


def take_frame(
    rng: np.random.Generator, camera: Camera, view: np.ndarray, ambient_c: float
) -> np.ndarray:
    """What the camera records of a painted view, sized as ``convert`` sizes an export.

    Args:
        rng: the frame's source of randomness.
        camera: the camera.
        view: the painted field of view, °C, on ``field_of_view(camera)``'s grid.
        ambient_c: the room's temperature, °C.

    Returns:
        A sensor frame of the frame format, shape ``(110, 124)``, float64, °C: the image in
        columns 0..119 and the camera's internal temperature in the 4 masked columns.
    """
    rows, cols = camera.native
    h, w = view.shape
    native = axis_weights(h, rows, rows / h) @ view @ axis_weights(w, cols, cols / w).T
    native = gaussian_blur(native, camera.blur_px)
    native = ambient_c + camera.gain * (native - ambient_c) + rng.uniform(-0.8, 0.8)
    r = np.linspace(-1.0, 1.0, rows)[:, None]
    c = np.linspace(-1.0, 1.0, cols)[None, :]
    internal_c = ambient_c + rng.uniform(3.0, 8.0)
    native += rng.uniform(0.02, 0.06) * 0.5 * (r**2 + c**2) * (internal_c - native)  # vignetting
    native += rng.uniform(0.6, 1.4) * _fixed_pattern(
        camera.pattern_seed, camera.native, camera.fixed_pattern_c
    )
    native += rng.normal(0.0, rng.uniform(0.01, 0.05), size=(1, cols))
    native += rng.normal(0.0, camera.netd_c, size=native.shape)
    image = fit_to_frame(native)
    masked = internal_c + rng.normal(0.0, 0.03, size=(SENSOR_ROWS, SENSOR_COLS - IMAGE_COLS))
    return np.clip(np.concatenate([image, masked], axis=1), MIN_OUTPUT_C, MAX_OUTPUT_C)


def scale_of(camera: Camera) -> float:
    """How many frame pixels one sensor pixel becomes (``convert``'s scale)."""
    rows, cols = camera.native
    return max(SENSOR_ROWS / rows, IMAGE_COLS / cols)


__all__ = [
    "CAMERAS_PER_POOL",
    "REFERENCE_SHARE",
    "SENSOR_SIZES",
    "Camera",
    "Reference",
    "camera_pool",
    "field_of_view",
    "paint_reference",
    "scale_of",
    "take_frame",
]
