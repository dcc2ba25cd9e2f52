"""The sizing rule that brings a camera's matrix to the frame format's 110 x 120.

``thermal-utils convert`` applies it to real exports, and the generator applies it to the
frames of its simulated sensors (80 x 60 to 384 x 288), so that generated frames are sized
exactly as converted ones are: scaled by ``s = max(110 / rows, 120 / columns)``, keeping the
aspect ratio, so that the matrix just covers 110 x 120, then the excess of the longer side is
cut equally from both ends (a centre crop). Enlarging interpolates bilinearly; shrinking
averages the source area under each new pixel (no aliasing).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from thermal_utils import formats as fmt


@lru_cache(maxsize=64)
def axis_weights(n_in: int, n_out: int, scale: float) -> np.ndarray:
    """``(n_out, n_in)`` weights taking one axis from ``n_in`` pixels to ``n_out`` (read-only).

    The source, scaled by ``scale``, is centred on the output: output pixel ``i``
    covers source coordinates ``[(i + o) / scale, (i + o + 1) / scale)`` with
    ``o = (n_in * scale - n_out) / 2``. Enlarging (``scale >= 1``) samples bilinearly at
    the pixel centre; shrinking averages the covered source pixels by overlap. The weights
    of each size are computed once (all frames of one camera have the same size).
    """
    offset = (n_in * scale - n_out) / 2.0
    out = np.arange(n_out, dtype=np.float64)
    weights = np.zeros((n_out, n_in), dtype=np.float64)
    if scale >= 1.0:
        centre = np.clip((out + offset + 0.5) / scale - 0.5, 0.0, n_in - 1)
        low = np.floor(centre).astype(int)
        high = np.minimum(low + 1, n_in - 1)
        fraction = centre - low
        np.add.at(weights, (out.astype(int), low), 1.0 - fraction)
        np.add.at(weights, (out.astype(int), high), fraction)
        weights.setflags(write=False)
        return weights
    start = (out + offset) / scale
    stop = (out + offset + 1.0) / scale
    pixel = np.arange(n_in, dtype=np.float64)
    overlap = np.clip(
        np.minimum(stop[:, None], pixel[None, :] + 1) - np.maximum(start[:, None], pixel[None, :]),
        0.0,
        None,
    )
    weights = overlap / overlap.sum(axis=1, keepdims=True)
    weights.setflags(write=False)
    return weights


def fit_to_frame(values: np.ndarray) -> np.ndarray:
    """Scale and centre-crop a ``(rows, columns)`` matrix to ``(110, 120)`` (see the module docstring)."""
    rows, columns = values.shape
    scale = max(fmt.ROWS / rows, fmt.COLS / columns)
    if (rows, columns) == fmt.FRAME_SHAPE:
        return values.astype(np.float64, copy=True)
    return axis_weights(rows, fmt.ROWS, scale) @ values @ axis_weights(columns, fmt.COLS, scale).T
