"""The room behind every scene: its temperature and its background.

``sample_ambient_c`` draws the room's temperature (°C, 16..30); ``paint_room`` paints the
background near it, shape ``(110, 120)``, °C: walls, warmer air under the ceiling, a window
side, smooth patches and a few structures (window, door, shelf, floor) within about 2.5 °C of
the room, over which a scene's objects are painted.
"""

from __future__ import annotations

import numpy as np

from thermal_utils.tooling.synth.canvas import (
    IMAGE_COLS,
    SENSOR_ROWS,
    Grid,
    blend,
    box,
    smooth_field,
)

AMBIENT_RANGE_C = (16.0, 30.0)
"""Room temperatures the generator draws from (°C): a cold entrance hall to a hot summer day."""


def sample_ambient_c(rng: np.random.Generator) -> float:
    """A room temperature, °C, uniform in ``AMBIENT_RANGE_C`` (16..30)."""
    return float(rng.uniform(*AMBIENT_RANGE_C))


def paint_room(
    rng: np.random.Generator,
    grid: Grid,
    ambient_c: float,
    *,
    max_structures: int = 2,
    patches_c: float = 0.4,
) -> np.ndarray:
    """Room background near ambient: the grid's shape (by default ``(110, 120)``), °C.

    Walls at ambient +- 0.5, warmer air near the ceiling (up to +1.2), a window side
    (+-0.75 across the frame), smooth patches (up to +-``patches_c``) and 0..``max_structures``
    room structures (window, door, shelf, floor) that stay within about 2.5 °C of ambient.
    """
    img = np.full(grid.rows.shape, ambient_c + rng.uniform(-0.5, 0.5))
    img += rng.uniform(0.0, 1.2) * (1.0 - grid.rows / (SENSOR_ROWS - 1))
    img += rng.uniform(-1.5, 1.5) * (grid.cols / (IMAGE_COLS - 1) - 0.5)
    img += rng.uniform(0.1, patches_c) * smooth_field(rng, (4, 5), img.shape)
    for _ in range(int(rng.integers(0, max_structures + 1))):
        _paint_room_structure(rng, grid, img, ambient_c)
    return img


def _paint_room_structure(
    rng: np.random.Generator, grid: Grid, img: np.ndarray, ambient_c: float
) -> None:
    """Paint one window, door, shelf or floor into ``img`` (°C, in place)."""
    structure = rng.choice(4)
    u, v = grid.cols, grid.rows
    if structure == 0:  # window: cold glass in winter, sun-warmed in summer, with mullions
        c0, r0 = rng.uniform(-10, 90), rng.uniform(-10, 50)
        w, h = rng.uniform(25, 55), rng.uniform(25, 50)
        glass_c = ambient_c + rng.uniform(-2.0, 1.5)
        blend(img, box(u, v, c0, c0 + w, r0, r0 + h, 1.0), glass_c)
        frame_c = ambient_c + rng.uniform(-0.6, 0.6)
        blend(img, box(u, v, c0 + w / 2 - 1, c0 + w / 2 + 1, r0, r0 + h, 1.0), frame_c)
        blend(img, box(u, v, c0, c0 + w, r0 + h / 2 - 1, r0 + h / 2 + 1, 1.0), frame_c)
    elif structure == 1:  # door: a tall panel down to the floor
        c0, w = rng.uniform(-10, 100), rng.uniform(22, 35)
        blend(
            img,
            box(u, v, c0, c0 + w, rng.uniform(-5, 25), 200, 1.0),
            img.mean() + rng.uniform(-0.7, 0.7),
        )
    elif structure == 2:  # shelf, picture or cabinet
        c0, r0 = rng.uniform(-5, 100), rng.uniform(-5, 90)
        blend(
            img,
            box(u, v, c0, c0 + rng.uniform(8, 35), r0, r0 + rng.uniform(6, 30), 1.0),
            img.mean() + rng.uniform(-0.8, 0.8),
        )
    else:  # floor, slightly cooler
        blend(img, box(u, v, -10, 200, rng.uniform(80, 100), 200, 1.0), img - rng.uniform(0.3, 1.2))
