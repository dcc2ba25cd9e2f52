"""Drawing primitives of the synthetic scenes: the frame's size, the pixel grid of its image
part, soft-edged shapes in an object's own rotated and scaled coordinates, smooth random
fields and a Gaussian blur.

A scene is painted on the image part of a sensor frame: shape ``(SENSOR_ROWS, IMAGE_COLS) =
(110, 120)``, float64, °C; every array here has that shape unless stated. Positions are
``(row, col)`` in pixels; ``local`` gives every pixel's coordinates ``(u, v)`` in an object's
own frame (rotated, in units of the object's scale), in which the shapes are drawn. A
shape's coverage is a soft alpha in [0, 1] whose edge is about one pixel wide, which
anti-aliases small shapes; ``blend`` paints a temperature over an image in place with it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

SENSOR_ROWS = 110
"""Rows of one sensor frame."""

SENSOR_COLS = 124
"""Columns of one sensor frame: 120 image columns + 4 shutter-masked columns (120..123)."""

IMAGE_COLS = 120
"""Image columns, the part of the frame a model sees: ``frame[:, :IMAGE_COLS]``."""


# --------------------------------------------------------------------------------------
# Geometry primitives (all arrays are (110, 120) unless stated)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grid:
    """Pixel coordinates of the image part: ``rows[i, j] = i``, ``cols[i, j] = j``, px."""

    rows: np.ndarray
    cols: np.ndarray


def make_grid(
    shape: tuple[int, int] = (SENSOR_ROWS, IMAGE_COLS), origin: tuple[float, float] = (0.0, 0.0)
) -> Grid:
    """A fresh coordinate grid of ``shape`` pixels, px: by default the ``(110, 120)`` image part.

    ``origin`` is the ``(row, col)`` of pixel ``[0, 0]``: a camera whose view reaches beyond
    the 110 x 120 frame is painted on a larger grid that starts at a negative row or column, so
    that painters keep placing things in the frame's own coordinates.
    """
    rows, cols = np.mgrid[0 : shape[0], 0 : shape[1]].astype(np.float64)
    return Grid(rows=rows + origin[0], cols=cols + origin[1])


def coverage(inside_px: np.ndarray | float) -> np.ndarray:
    """Soft coverage in [0, 1] from a signed distance to a shape's edge (px, > 0 inside).

    The edge is about one pixel wide, which anti-aliases small shapes.
    """
    return np.clip(np.asarray(inside_px) + 0.5, 0.0, 1.0)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function, overflow-safe for the value ranges used here."""
    return 1.0 / (1.0 + np.exp(-np.clip(x, -40.0, 40.0)))


def blend(img: np.ndarray, alpha: np.ndarray, value: np.ndarray | float) -> None:
    """Paint ``value`` (°C) over ``img`` (°C) in place with coverage ``alpha``."""
    img += alpha * (value - img)


def local(
    grid: Grid, row: float, col: float, angle: float, scale: float
) -> tuple[np.ndarray, np.ndarray]:
    """Rotated, scaled coordinates ``(u, v)`` of every pixel around ``(row, col)``.

    ``u`` points right and ``v`` down in the object's own frame, rotated by ``angle``
    (radians, clockwise on screen) and measured in units of ``scale`` px.
    """
    dx = grid.cols - col
    dy = grid.rows - row
    c, s = math.cos(angle), math.sin(angle)
    return (c * dx + s * dy) / scale, (c * dy - s * dx) / scale


def to_pixel(
    row: float, col: float, angle: float, scale: float, u: float, v: float
) -> tuple[float, float]:
    """Pixel position ``(row, col)`` of local point ``(u, v)`` (inverse of ``local``)."""
    c, s = math.cos(angle), math.sin(angle)
    return row + scale * (s * u + c * v), col + scale * (c * u - s * v)


def ellipse(
    u: np.ndarray,
    v: np.ndarray,
    cu: float,
    cv: float,
    au: float | np.ndarray,
    av: float,
    scale: float,
) -> np.ndarray:
    """Coverage of an ellipse centred at ``(cu, cv)`` with semi-axes ``au``, ``av`` (local units)."""
    r = np.sqrt(((u - cu) / au) ** 2 + ((v - cv) / av) ** 2)
    return coverage((1.0 - r) * np.minimum(au, av) * scale)


def box(
    u: np.ndarray, v: np.ndarray, u0: float, u1: float, v0: float, v1: float, scale: float
) -> np.ndarray:
    """Coverage of the axis-aligned box ``u0..u1`` x ``v0..v1`` (local units)."""
    inside = np.minimum(np.minimum(u - u0, u1 - u), np.minimum(v - v0, v1 - v))
    return coverage(inside * scale)


def gauss(u: np.ndarray, v: np.ndarray, cu: float, cv: float, su: float, sv: float) -> np.ndarray:
    """Unit-peak Gaussian bump centred at ``(cu, cv)`` with widths ``su``, ``sv`` (local units)."""
    return np.exp(-0.5 * (((u - cu) / su) ** 2 + ((v - cv) / sv) ** 2))


def capsule(
    grid: Grid, p0: tuple[float, float], p1: tuple[float, float], r0: float, r1: float
) -> tuple[np.ndarray, np.ndarray]:
    """A tapered capsule from ``p0`` to ``p1`` (``(row, col)``, px) with end radii ``r0``, ``r1`` px.

    Returns ``(coverage, t)``: ``t`` in [0, 1] is the position along the axis, so a
    temperature can vary along a finger or an arm.
    """
    drow, dcol = p1[0] - p0[0], p1[1] - p0[1]
    length2 = max(drow * drow + dcol * dcol, 1e-9)
    t = np.clip(((grid.rows - p0[0]) * drow + (grid.cols - p0[1]) * dcol) / length2, 0.0, 1.0)
    dist = np.hypot(grid.rows - (p0[0] + t * drow), grid.cols - (p0[1] + t * dcol))
    return coverage(r0 + (r1 - r0) * t - dist), t


def smooth_field(
    rng: np.random.Generator,
    cells: tuple[int, int],
    shape: tuple[int, int] = (SENSOR_ROWS, IMAGE_COLS),
) -> np.ndarray:
    """Smooth random field in [-1, 1] of ``shape`` (default ``(110, 120)``): bilinear
    upsampling of a coarse ``cells`` grid of uniform values."""
    coarse = rng.uniform(-1.0, 1.0, size=cells)
    return _upsample_matrix(shape[0], cells[0]) @ coarse @ _upsample_matrix(shape[1], cells[1]).T


def _upsample_matrix(n_out: int, n_in: int) -> np.ndarray:
    """Linear-interpolation weights, shape ``(n_out, n_in)``, mapping ``n_in`` knots onto ``n_out`` pixels."""
    pos = np.linspace(0.0, n_in - 1.0, n_out)
    return np.maximum(0.0, 1.0 - np.abs(pos[:, None] - np.arange(n_in)[None, :]))


# --------------------------------------------------------------------------------------
# Blur
# --------------------------------------------------------------------------------------


def _gaussian_kernel(sigma_px: float) -> np.ndarray:
    """Normalised 1-D Gaussian kernel, radius ``ceil(3 sigma)``."""
    radius = max(1, int(math.ceil(3.0 * sigma_px)))
    x = np.arange(-radius, radius + 1, dtype=np.float64)
    k = np.exp(-0.5 * (x / sigma_px) ** 2)
    return k / k.sum()


def gaussian_blur(img: np.ndarray, sigma_px: float) -> np.ndarray:
    """Separable Gaussian blur of a 2-D array (any units), edges extended.

    Args:
        img: shape ``(H, W)``.
        sigma_px: standard deviation in pixels; ``<= 0`` returns a copy.

    Returns:
        A new array of shape ``(H, W)``.
    """
    if sigma_px <= 0:
        return np.array(img, dtype=np.float64)
    k = _gaussian_kernel(sigma_px)
    r = len(k) // 2
    padded = np.pad(np.asarray(img, dtype=np.float64), r, mode="edge")
    h, w = img.shape
    tmp = np.zeros((h + 2 * r, w))
    for i, weight in enumerate(k):
        tmp += weight * padded[:, i : i + w]
    out = np.zeros((h, w))
    for i, weight in enumerate(k):
        out += weight * tmp[i : i + h, :]
    return out
