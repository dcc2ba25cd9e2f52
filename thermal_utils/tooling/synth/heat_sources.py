"""Heat sources hotter than a face: a cup of hot drink (liquid 50..80 °C), a lamp (bulb
55..110 °C) and a radiator (40..70 °C).

Each ``render_*`` paints its kind in place into the room background ``img`` (the
``(110, 120)`` image part, °C).
"""

from __future__ import annotations

import math

import numpy as np

from thermal_utils.tooling.synth.body_parts import paint_hand, skin_c
from thermal_utils.tooling.synth.canvas import (
    IMAGE_COLS,
    SENSOR_ROWS,
    Grid,
    blend,
    box,
    capsule,
    coverage,
    ellipse,
    sigmoid,
)


def render_hot_drink(
    rng: np.random.Generator, grid: Grid, img: np.ndarray, ambient_c: float
) -> None:
    """A cup of hot drink (liquid 50..80 °C) on a table, faint steam, maybe a hand on it."""
    liquid_c = rng.uniform(50.0, 80.0)
    wall_c = ambient_c + rng.uniform(0.7, 0.9) * (liquid_c - ambient_c)
    table_row = rng.uniform(60, 95)
    blend(
        img,
        box(grid.cols, grid.rows, -10, 200, table_row, 200, 1.0),
        ambient_c + rng.uniform(-0.8, 0.3),
    )
    half_w = rng.uniform(6.0, 14.0)
    height = half_w * rng.uniform(1.4, 2.2)
    col = rng.uniform(half_w + 10, IMAGE_COLS - half_w - 10)
    base_row = table_row + rng.uniform(2, 8)
    top_row = base_row - height
    u, v = grid.cols - col, grid.rows - top_row  # v: px below the rim
    taper = half_w - 0.15 * half_w * np.clip(v / height, 0, 1)
    body = coverage(np.minimum(taper - np.abs(u), np.minimum(v, height - v)))
    plume = coverage(half_w * 1.5 - np.abs(u)) * coverage(-v) * np.exp(v / rng.uniform(8, 20))
    img += rng.uniform(1.0, 4.0) * plume * sigmoid(-np.abs(u) / half_w * 3 + 2)  # rising warm air
    handle_side = math.copysign(1.0, rng.uniform(-1, 1))
    ring = np.hypot(
        (u - handle_side * half_w) / (0.45 * half_w), (v - 0.4 * height) / (0.3 * height)
    )
    blend(img, coverage(np.minimum(1.0 - ring, ring - 0.45) * 0.3 * half_w), wall_c - 3.0)
    blend(img, body, wall_c - 0.25 * (liquid_c - ambient_c) * np.clip(v / height, 0, 1) ** 2)
    if rng.random() < 0.6:  # open cup: the liquid surface shows at the rim
        blend(
            img,
            ellipse(u, v, 0.0, 0.0, half_w, 0.3 * half_w, 1.0),
            liquid_c - rng.uniform(0.0, 3.0),
        )
    if rng.random() < 0.45:
        paint_hand(
            img,
            grid,
            rng,
            ambient_c,
            center=(top_row + height * 0.5, col - handle_side * (half_w + 6)),
            size=rng.uniform(9, 14),
            angle=handle_side * math.pi / 2,
            palm_c=skin_c(rng, ambient_c, 32.5, 35.2),
        )


def render_lamp(rng: np.random.Generator, grid: Grid, img: np.ndarray, ambient_c: float) -> None:
    """A lamp: a very hot bulb (55..110 °C) with a warm halo, a warm shade, a stand."""
    bulb_c = rng.uniform(55.0, 110.0)
    row, col = rng.uniform(10, 75), rng.uniform(15, 105)
    if rng.random() < 0.7:  # desk / floor lamp stand
        base_row = rng.uniform(row + 25, 130)
        stand, t = capsule(grid, (row + 4, col), (base_row, col + rng.uniform(-20, 20)), 1.5, 2.0)
        blend(img, stand, ambient_c + rng.uniform(1.0, 5.0) * (1.0 - t))
    dist = np.hypot(grid.rows - row, grid.cols - col)
    img += rng.uniform(4.0, 18.0) * np.exp(
        -0.5 * (dist / rng.uniform(5.0, 12.0)) ** 2
    )  # heated surroundings
    if rng.random() < 0.6:  # shade above the bulb
        shade_w = rng.uniform(10, 20)
        u, v = grid.cols - col, grid.rows - row
        shade = coverage(
            np.minimum(
                shade_w * (0.6 + 0.4 * np.clip((v + 12) / 12, 0, 1)) - np.abs(u),
                np.minimum(v + 14, 1.0 - v),
            )
        )
        blend(
            img,
            shade,
            ambient_c
            + rng.uniform(0.3, 0.6) * (bulb_c - ambient_c) * np.clip((v + 14) / 14, 0.3, 1),
        )
    radius = rng.uniform(1.5, 4.5)
    blend(
        img,
        coverage(radius - dist),
        bulb_c - (bulb_c - ambient_c) * 0.1 * np.clip(dist / radius, 0, 1),
    )


def render_radiator(
    rng: np.random.Generator, grid: Grid, img: np.ndarray, ambient_c: float
) -> None:
    """A radiator: a large warm panel (40..70 °C) with fins, hotter at the top, a warm
    plume above, a supply pipe."""
    panel_c = rng.uniform(40.0, 70.0)
    w, h = rng.uniform(40, 100), rng.uniform(25, 55)
    c0, r0 = rng.uniform(-20, IMAGE_COLS - w + 20), rng.uniform(25, SENSOR_ROWS - h + 10)
    u, v = grid.cols - c0, grid.rows - r0
    plume = (
        coverage(np.minimum(u, w - u)) * np.exp(np.clip(v, None, 0) / rng.uniform(10, 25)) * (v < 0)
    )
    img += rng.uniform(2.0, 6.0) * plume
    pipe, _ = capsule(
        grid, (r0 + h - 3, c0 + 3), (SENSOR_ROWS + 20, c0 + 3 + rng.uniform(-5, 5)), 1.8, 1.8
    )
    blend(img, pipe, panel_c - 2.0)
    period = rng.uniform(4.0, 8.0)
    fins = 0.5 + 0.5 * np.cos(2 * math.pi * u / period)
    panel_t = (
        panel_c
        + rng.uniform(2.0, 8.0) * (0.5 - np.clip(v / h, 0, 1))
        - rng.uniform(2.0, 8.0) * fins
    )
    blend(img, box(u, v, 0, w, 0, h, 1.0), panel_t)
