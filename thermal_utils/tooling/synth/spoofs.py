"""Presentation attacks: a printed face photo, a phone or tablet showing a face, a mannequin
head, each held up at arm's length.

They have a face's shape but not its temperature pattern: paper near room temperature with
a faint face in it, a warm and nearly uniform screen, a head of one material near room
temperature. Each ``render_*`` paints its kind in place into the room background ``img``
(the ``(110, 120)`` image part, °C).
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
    gauss,
    local,
    sigmoid,
    to_pixel,
)
from thermal_utils.tooling.synth.faces import (
    EYE_U,
    HEAD_TOP_V,
    feature_u,
    head_coverage,
    head_half_width,
)
from thermal_utils.tooling.synth.people import arm_length_scale, pose_close


def _face_albedo(u: np.ndarray, v: np.ndarray, scale: float) -> np.ndarray:
    """Visible-light brightness (0 dark .. 1 light) of a face picture, local coordinates as
    for a head; shape like ``u``."""
    pic = np.full(u.shape, 0.75)
    blend(pic, ellipse(u, v, 0.0, 3.0, 2.3, 1.2, scale), 0.35)  # clothes
    blend(pic, box(u, v, -0.45, 0.45, 0.8, 2.1, scale), 0.65)  # neck
    head, _ = head_coverage(u, v, scale)
    blend(pic, head, 0.7)
    hair = coverage(
        np.minimum(head_half_width(v) + 0.08 - np.abs(u), (v - HEAD_TOP_V + 0.08) * 0.6) * scale
    )
    blend(pic, hair * coverage((-0.6 + 0.3 * u**2 - v) * scale), 0.15)
    for side in (-1.0, 1.0):
        blend(pic, ellipse(u, v, side * EYE_U, 0.0, 0.15, 0.06, scale), 0.15)  # eyes
        lo, hi = sorted((side * 0.16, side * 0.62))
        blend(pic, box(u, v, lo, hi, -0.3, -0.24, scale), 0.25)  # brows
    blend(pic, ellipse(u, v, 0.0, 0.75, 0.25, 0.05, scale), 0.3)  # mouth
    blend(pic, ellipse(u, v, 0.0, 0.45, 0.13, 0.06, scale), 0.5)  # nostrils
    return pic


def render_photo(rng: np.random.Generator, grid: Grid, img: np.ndarray, ambient_c: float) -> None:
    """A printed face photo held up at arm's length: paper at room temperature with a faint
    face pattern (dark ink absorbs room light: +0.1..0.6 °C), sharp paper edges, warmed
    where the warm fingers hold it."""
    h = rng.uniform(75.0, 115.0)
    w = h * rng.uniform(0.7, 0.85)
    row = rng.uniform(SENSOR_ROWS / 2 - 10, SENSOR_ROWS / 2 + 10)
    col = rng.uniform(IMAGE_COLS / 2 - 15, IMAGE_COLS / 2 + 15)
    angle = rng.uniform(-0.2, 0.2)
    palm_c = skin_c(rng, ambient_c, 32.0, 35.2)
    if rng.random() < 0.5:  # the person holding it, behind: clothing near ambient
        blend(
            img,
            box(grid.cols, grid.rows, -10, 200, row + rng.uniform(0, 30), 200, 1.0),
            ambient_c + rng.uniform(0.15, 0.45) * (33.0 - ambient_c),
        )
    paper_c = ambient_c + rng.uniform(-0.3, 1.2)
    u, v = local(grid, row, col, angle, 1.0)
    paper = box(u, v, -w / 2, w / 2, -h / 2, h / 2, 1.0)
    face_scale = w * rng.uniform(0.26, 0.34)
    fu, fv = local(grid, row - h * 0.08, col + rng.uniform(-0.05, 0.05) * w, angle, face_scale)
    contrast = rng.uniform(0.1, 0.6)
    paper_t = paper_c + contrast * (1.0 - _face_albedo(fu, fv, face_scale))
    holds = []
    for side in (-1.0, 1.0):
        if rng.random() < 0.7 or not holds:
            holds.append(to_pixel(row, col, angle, 1.0, side * w / 2, rng.uniform(-0.1, 0.4) * h))
    for at in holds:
        paper_t = paper_t + rng.uniform(0.3, 1.5) * np.exp(
            -np.hypot(grid.rows - at[0], grid.cols - at[1]) / 7.0
        )
    blend(img, paper, paper_t)
    for at in holds:  # thumbs over the paper edge, fingers behind
        side = math.copysign(1.0, at[1] - col)
        thumb, t = capsule(
            grid, (at[0] + 3, at[1] + side * 9), (at[0] - 2, at[1] - side * 6), 4.5, 3.5
        )
        blend(img, thumb, palm_c - 0.3 - 1.5 * t)
        palm, _ = capsule(
            grid, (at[0] + 6, at[1] + side * 14), (at[0] + 30, at[1] + side * 24), 8.0, 9.0
        )
        blend(img, palm, palm_c - 0.4)


def render_screen(rng: np.random.Generator, grid: Grid, img: np.ndarray, ambient_c: float) -> None:
    """A phone or tablet showing a face at arm's length: warm and nearly uniform
    (electronics and backlight: 4..12 °C above ambient, at most about 36 °C), a warmer
    processor area, faint face-shaped contrast, a holding hand."""
    tablet = rng.random() < 0.45
    h = rng.uniform(80.0, 110.0) if tablet else rng.uniform(60.0, 95.0)
    w = h * (rng.uniform(0.7, 0.8) if tablet else rng.uniform(0.48, 0.56))
    row = rng.uniform(SENSOR_ROWS / 2 - 10, SENSOR_ROWS / 2 + 10)
    col = rng.uniform(w / 2 + 2, IMAGE_COLS - w / 2 - 2)
    angle = rng.uniform(-0.2, 0.2)
    device_c = float(min(ambient_c + rng.uniform(5.0, 13.0), rng.uniform(33.5, 36.5)))
    bottom = to_pixel(row, col, angle, 1.0, 0.0, h / 2)
    hand_size = rng.uniform(14.0, 22.0)
    palm_c = skin_c(rng, ambient_c, 32.0, 35.2)
    if rng.random() < 0.8:
        paint_hand(
            img,
            grid,
            rng,
            ambient_c,
            center=(bottom[0] - hand_size * 0.2, bottom[1]),
            size=hand_size,
            angle=angle + rng.uniform(-0.3, 0.3),
            palm_c=palm_c,
        )
    u, v = local(grid, row, col, angle, 1.0)
    body_t = device_c + rng.uniform(0.5, 2.0) * gauss(
        u, v, rng.uniform(-0.2, 0.2) * w, -0.25 * h, 0.3 * w, 0.25 * h
    )
    blend(
        img, box(u, v, -w / 2, w / 2, -h / 2, h / 2, 1.0), body_t - rng.uniform(1.0, 2.5)
    )  # bezel, case
    display = box(u, v, -w / 2 + 2, w / 2 - 2, -h / 2 + 4, h / 2 - 4, 1.0)
    face_scale = w * rng.uniform(0.26, 0.33)
    fu, fv = local(grid, row - 0.05 * h, col, angle, face_scale)
    contrast = rng.uniform(0.15, 0.7)
    blend(img, display, body_t + contrast * (_face_albedo(fu, fv, face_scale) - 0.5))
    for side in (-1.0, 1.0):  # fingers wrapped around the edges
        if rng.random() < 0.6:
            p0 = to_pixel(row, col, angle, 1.0, side * (w / 2 + 4), rng.uniform(0.1, 0.4) * h)
            p1 = to_pixel(row, col, angle, 1.0, side * (w / 2 - 4), rng.uniform(0.1, 0.4) * h)
            finger, _ = capsule(grid, p0, p1, 3.2, 2.6)
            blend(img, finger, palm_c - rng.uniform(0.5, 2.5))


def render_mannequin(
    rng: np.random.Generator, grid: Grid, img: np.ndarray, ambient_c: float
) -> None:
    """A mannequin head or a rigid face mask held up at arm's length: the shape of a head
    and face, but one uniform material near room temperature (a little warmer where a
    hand holds it or a lamp warmed it); no warm eye corners, no breath, no warm neck."""
    pose = pose_close(rng, arm_length_scale(rng), rng.uniform(-0.4, 0.4))
    q = pose
    u, v = local(grid, q.row, q.col, q.roll, q.scale)
    s = q.scale
    base = ambient_c + rng.uniform(0.2, 2.5)
    if rng.random() < 0.6:  # the stand or the neck and shoulders of the bust
        half = 0.45 + 0.25 * np.clip(v - 1.5, 0.0, None) ** 2
        blend(img, coverage((half - np.abs(u)) * s) * box(u, v, -3, 3, 0.5, 9.0, s), base - 0.3)
    head, r = head_coverage(u, v, s)
    t = base + rng.uniform(0.2, 0.8) * sigmoid((-0.3 - v) / 0.2) - rng.uniform(0.3, 0.8) * r**4
    nose_u = feature_u(0.0, q.yaw, 1.3)
    t -= rng.uniform(0.1, 0.5) * gauss(
        u, v, nose_u, 0.3, 0.1, 0.18
    )  # the nose stands out, a little cooler
    for side in (
        -1.0,
        1.0,
    ):  # shallow eye sockets read a touch warmer (less surface, more enclosure)
        t += rng.uniform(0.1, 0.4) * gauss(
            u, v, feature_u(side * EYE_U, q.yaw, 0.93), 0.0, 0.15, 0.08
        )
    blend(img, head, t)
    if rng.random() < 0.5:  # a wig
        wig_c = ambient_c + rng.uniform(0.0, 0.8)
        region = coverage(
            np.minimum(head_half_width(v) + 0.08 - np.abs(u), (v - HEAD_TOP_V + 0.08) * 0.6) * s
        )
        blend(img, region * coverage((rng.uniform(-0.75, -0.5) + 0.3 * u**2 - v) * s), wig_c)
    if rng.random() < 0.5:  # held by a warm hand at the side or below
        side = math.copysign(1.0, rng.uniform(-1, 1))
        center = to_pixel(q.row, q.col, q.roll, s, side * 1.0, rng.uniform(0.3, 1.0))
        paint_hand(
            img,
            grid,
            rng,
            ambient_c,
            center=center,
            size=rng.uniform(12.0, 18.0),
            angle=-side * rng.uniform(1.0, 1.6),
            palm_c=skin_c(rng, ambient_c, 32.5, 35.2),
        )
