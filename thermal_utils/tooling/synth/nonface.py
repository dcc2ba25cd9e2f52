"""The not-a-face kinds: which renderer paints each (``FAKE_RENDERERS``), and the two kinds
of no family of their own, a pet and an empty room.

Spoofs come from ``spoofs.py``, body parts from ``body_parts.py`` and heat sources from
``heat_sources.py``. A renderer takes ``(rng, grid, img, ambient_c)`` and paints its kind in
place into the room background ``img`` (the ``(110, 120)`` image part, °C).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from thermal_utils.tooling.synth.body_parts import (
    render_arm,
    render_back_of_head,
    render_hand,
    render_torso,
)
from thermal_utils.tooling.synth.canvas import (
    IMAGE_COLS,
    SENSOR_ROWS,
    Grid,
    blend,
    box,
    capsule,
    ellipse,
    gauss,
    local,
    sigmoid,
    smooth_field,
    to_pixel,
)
from thermal_utils.tooling.synth.heat_sources import render_hot_drink, render_lamp, render_radiator
from thermal_utils.tooling.synth.spoofs import render_mannequin, render_photo, render_screen


def _render_pet(rng: np.random.Generator, grid: Grid, img: np.ndarray, ambient_c: float) -> None:
    """A cat or dog: fur 25..32 °C, thin-furred ears and open eyes 33..38 °C."""
    dog = rng.random() < 0.5
    fur_c = ambient_c + rng.uniform(0.3, 0.6) * (37.5 - ambient_c)
    eye_c = rng.uniform(35.5, 38.0) if rng.random() < 0.9 else fur_c + 1.0
    ear_c = rng.uniform(33.0, 37.0)
    if rng.random() < 0.5:  # close-up of the head looking at the camera, body below
        head = rng.uniform(12.0, 22.0)
        hr, hc = (
            rng.uniform(head + 5, SENSOR_ROWS - head),
            rng.uniform(head + 5, IMAGE_COLS - head - 5),
        )
        blend(
            img,
            capsule(
                grid,
                (hr + head, hc),
                (hr + 4 * head, hc + rng.uniform(-head, head)),
                1.3 * head,
                1.6 * head,
            )[0],
            fur_c - 0.5,
        )
    else:  # whole animal from the side, head at one end
        length = rng.uniform(18.0, 35.0)
        br, bc = rng.uniform(40, 90), rng.uniform(length + 5, IMAGE_COLS - length - 5)
        facing = math.copysign(1.0, rng.uniform(-1, 1))
        for dx in (-0.6, -0.4, 0.4, 0.6):  # legs
            leg, t = capsule(
                grid,
                (br, bc + dx * length),
                (br + 0.9 * length, bc + dx * length),
                0.14 * length,
                0.11 * length,
            )
            blend(img, leg, fur_c - 1.5 * t)
        tail_root = (br - 0.1 * length, bc - facing * 0.9 * length)
        tail_tip = (br - rng.uniform(0.2, 1.0) * length, bc - facing * 1.6 * length)
        tail, t = capsule(grid, tail_root, tail_tip, 0.09 * length, 0.05 * length)
        blend(img, tail, fur_c - 2.0 * t)
        bu, bv = local(grid, br, bc, rng.uniform(-0.15, 0.15), length)
        body = ellipse(bu, bv, 0.0, 0.0, 1.0, 0.5, length)
        blend(
            img, body, fur_c + 1.5 * sigmoid((bv - 0.25) / 0.1) - 0.8 * sigmoid((-bv - 0.3) / 0.1)
        )
        head = 0.45 * length
        hr, hc = br - 0.45 * length, bc + facing * 0.95 * length
    u, v = local(grid, hr, hc, rng.uniform(-0.3, 0.3), head)
    for side in (-1.0, 1.0):
        if dog and rng.random() < 0.6:  # floppy ears hanging at the sides
            ear = ellipse(u, v, side * 0.85, 0.15, 0.3, 0.6, head)
            blend(img, ear, fur_c + 0.5)
        else:  # upright, thin-furred ears (warm inside)
            base = to_pixel(hr, hc, 0.0, head, side * 0.55, -0.6)
            tip = to_pixel(hr, hc, 0.0, head, side * 0.8, -1.45)
            ear, t = capsule(grid, base, tip, 0.3 * head, 0.05 * head)
            blend(img, ear, fur_c + (ear_c - fur_c) * (1.0 - 0.6 * t))
    blend(
        img,
        ellipse(u, v, 0.0, 0.0, 1.0, 0.9, head),
        fur_c + 1.0 + 0.4 * smooth_field(rng, (3, 3), u.shape),
    )
    if dog:
        blend(img, ellipse(u, v, 0.0, 0.55, 0.45, 0.4, head), fur_c + 0.5)  # muzzle
        nose_c = ambient_c + rng.uniform(2.0, 7.0)  # wet, cool nose
        if rng.random() < 0.35:  # panting: tongue out
            blend(img, ellipse(u, v, 0.0, 1.05, 0.17, 0.25, head), rng.uniform(34.5, 37.0))
    else:
        nose_c = rng.uniform(30.0, 34.0)
    blend(img, ellipse(u, v, 0.0, 0.45, 0.12, 0.08, head), nose_c)
    sigma = max(0.09, 0.9 / head)
    for side in (-1.0, 1.0):
        blend(img, gauss(u, v, side * 0.38, -0.05, 1.3 * sigma, sigma), eye_c)


def _render_empty(rng: np.random.Generator, grid: Grid, img: np.ndarray, ambient_c: float) -> None:
    """Nothing but the room (its structures are already painted); maybe a chair."""
    if rng.random() < 0.4:
        c0, r0 = rng.uniform(0, 90), rng.uniform(45, 80)
        chair_c = ambient_c + rng.uniform(-0.5, 1.5)
        blend(
            img, box(grid.cols, grid.rows, c0, c0 + rng.uniform(18, 30), r0, r0 + 8, 1.0), chair_c
        )
        blend(img, box(grid.cols, grid.rows, c0, c0 + 4, r0 - 25, r0 + 35, 1.0), chair_c - 0.3)


FAKE_RENDERERS: dict[str, Callable[[np.random.Generator, Grid, np.ndarray, float], None]] = {
    "photo": render_photo,
    "screen": render_screen,
    "hand": render_hand,
    "arm": render_arm,
    "torso": render_torso,
    "back_of_head": render_back_of_head,
    "mannequin": render_mannequin,
    "hot_drink": render_hot_drink,
    "lamp": render_lamp,
    "radiator": render_radiator,
    "pet": _render_pet,
    "empty": _render_empty,
}
"""The renderer of each not-a-face kind (the kinds of ``scenes.FAKE_KINDS``)."""
