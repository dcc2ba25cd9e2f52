"""Body parts that are not a face, the hard negatives: a hand, an arm, a torso with the head
above the frame, the back of a head.

They have a face's temperatures (skin about 29..36 °C) but not its shape. Each ``render_*``
paints its kind in place into the room background ``img`` (the ``(110, 120)`` image part,
°C); ``paint_hand`` and ``skin_c`` also paint the hands that hold photos, screens and cups.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from thermal_utils.tooling.synth.canvas import Grid, blend, capsule, ellipse, gauss, local
from thermal_utils.tooling.synth.faces import paint_person
from thermal_utils.tooling.synth.people import Pose, pose_close, sample_person


def skin_c(rng: np.random.Generator, ambient_c: float, lo: float, hi: float) -> float:
    """Skin temperature of hands and arms, °C: colder rooms give colder extremities."""
    return float(np.clip(rng.uniform(lo, hi) + 0.15 * (ambient_c - 22.5), 29.0, 35.8))


def paint_hand(
    img: np.ndarray,
    grid: Grid,
    rng: np.random.Generator,
    ambient_c: float,
    *,
    center: tuple[float, float],
    size: float,
    angle: float,
    palm_c: float,
    forearm: bool = True,
) -> None:
    """A hand: palm, four fingers, a thumb and optionally the forearm, in place (°C).

    Fingers point along ``angle`` (radians, 0 = up, clockwise); ``size`` is the palm's
    half-length in px. Fingertips are cooler than the palm (0.5..4 °C, more in cold rooms).
    """
    up = (-math.cos(angle), math.sin(angle))  # (drow, dcol) along the fingers
    side = (math.sin(angle), math.cos(angle))  # across the palm
    r0, c0 = center
    tip_drop = rng.uniform(0.5, 4.0) + max(0.0, 22.5 - ambient_c) * 0.2
    if forearm:
        end = (r0 - up[0] * size * 6, c0 - up[1] * size * 6)
        arm, t = capsule(
            grid, (r0 - up[0] * size * 0.6, c0 - up[1] * size * 0.6), end, 0.4 * size, 0.52 * size
        )
        blend(img, arm, palm_c - 0.4 - 0.5 * t)
        if rng.random() < 0.5:
            cuff = rng.uniform(1.5, 4.0)
            cuff_at = (r0 - up[0] * size * cuff, c0 - up[1] * size * cuff)
            sleeve, _ = capsule(grid, cuff_at, end, 0.6 * size, 0.7 * size)
            blend(img, sleeve, ambient_c + rng.uniform(0.4, 0.75) * (33.0 - ambient_c))
    spread = rng.uniform(0.1, 0.3)
    curl = rng.uniform(0.5, 1.1)
    for i, (length, offset) in enumerate(zip((0.85, 1.0, 0.95, 0.75), (-0.36, -0.12, 0.12, 0.36))):
        a = angle + (i - 1.5) * spread
        base = (
            r0 + up[0] * size * 0.6 + side[0] * offset * size,
            c0 + up[1] * size * 0.6 + side[1] * offset * size,
        )
        tip = (
            base[0] - math.cos(a) * size * length * curl,
            base[1] + math.sin(a) * size * length * curl,
        )
        finger, t = capsule(grid, base, tip, 0.14 * size, 0.11 * size)
        blend(img, finger, palm_c - 0.3 - tip_drop * t)
    thumb_dir = angle + math.copysign(rng.uniform(0.5, 1.1), rng.uniform(-1, 1))
    sgn = math.copysign(1.0, thumb_dir - angle)
    base = (r0 + side[0] * sgn * 0.35 * size, c0 + side[1] * sgn * 0.35 * size)
    tip = (base[0] - math.cos(thumb_dir) * size * 0.85, base[1] + math.sin(thumb_dir) * size * 0.85)
    thumb, t = capsule(grid, base, tip, 0.17 * size, 0.12 * size)
    blend(img, thumb, palm_c - 0.2 - 0.7 * tip_drop * t)
    u, v = local(grid, r0, c0, angle, size)
    palm = ellipse(u, v, 0.0, 0.0, 0.5, 0.82, size)
    blend(img, palm, palm_c - 0.6 * (u / 0.5) ** 2 + 0.3 * gauss(u, v, 0.0, 0.1, 0.25, 0.35))


def render_torso(rng: np.random.Generator, grid: Grid, img: np.ndarray, ambient_c: float) -> None:
    """A person standing too close or too tall: neck, shoulders and chest, the head above
    the frame (nothing of the face in view)."""
    scale = rng.uniform(28.0, 42.0)
    row = -rng.uniform(1.35, 1.7) * scale
    pose = Pose(row=row, col=rng.uniform(40, 80), scale=scale, roll=rng.uniform(-0.2, 0.2), yaw=0.0)
    person = sample_person(rng, ambient_c, pose, glasses=False, mask=False)
    if person.hair_style == "long":  # long hair would hang into view like a head
        person = dataclasses.replace(person, hair_style="short")
    paint_person(img, grid, person)
    if rng.random() < 0.5:  # hands in front of the chest
        paint_hand(
            img,
            grid,
            rng,
            ambient_c,
            center=(rng.uniform(70, 100), rng.uniform(30, 90)),
            size=scale * 0.45,
            angle=rng.uniform(-1.5, 1.5),
            palm_c=skin_c(rng, ambient_c, 32.5, 35.0),
        )


def render_back_of_head(
    rng: np.random.Generator, grid: Grid, img: np.ndarray, ambient_c: float
) -> None:
    """A person at arm's length facing away: hair over the whole head, ears, the back of
    the neck and shoulders; no face."""
    pose = pose_close(rng, rng.uniform(30.0, 44.0), 0.0)
    person = sample_person(rng, ambient_c, pose, glasses=False, mask=False, facing_away=True)
    if person.hair_style == "bald":
        person = dataclasses.replace(person, hair_style="short")
    paint_person(img, grid, person)


def render_hand(rng: np.random.Generator, grid: Grid, img: np.ndarray, ambient_c: float) -> None:
    """A hand held up to the camera (palm or back), with its forearm running off the frame."""
    size = rng.uniform(20.0, 32.0)
    center = (rng.uniform(40, 75), rng.uniform(35, 85))
    angle = rng.uniform(-0.8, 0.8) + (math.pi if rng.random() < 0.15 else 0.0)
    paint_hand(
        img,
        grid,
        rng,
        ambient_c,
        center=center,
        size=size,
        angle=angle,
        palm_c=skin_c(rng, ambient_c, 33.0, 36.0),
    )


def render_arm(rng: np.random.Generator, grid: Grid, img: np.ndarray, ambient_c: float) -> None:
    """A forearm (and maybe an upper arm) crossing the frame close up; warmer inner wrist; a sleeve."""
    skin = skin_c(rng, ambient_c, 32.3, 35.0)
    start = (rng.uniform(-10, 120), -25.0) if rng.random() < 0.5 else (135.0, rng.uniform(-10, 130))
    elbow = (rng.uniform(30, 80), rng.uniform(30, 90))
    radius = rng.uniform(11.0, 20.0)
    upper, t = capsule(grid, start, elbow, radius * 1.2, radius)
    if rng.random() < 0.6:
        blend(img, upper, ambient_c + rng.uniform(0.3, 0.6) * (33.0 - ambient_c) + 0.5 * t)
    else:
        blend(img, upper, skin - 0.3 + 0.2 * t)
    ang = rng.uniform(0, 2 * math.pi)
    length = rng.uniform(45, 75)
    wrist = (elbow[0] + length * math.sin(ang), elbow[1] + length * math.cos(ang))
    fore, t = capsule(grid, elbow, wrist, radius, radius * 0.7)
    blend(img, fore, skin - 0.2 + 0.5 * np.exp(-0.5 * ((t - 0.85) / 0.1) ** 2))  # warm inner wrist
    if rng.random() < 0.5:
        fingers_angle = math.atan2(wrist[1] - elbow[1], -(wrist[0] - elbow[0]))
        hand_size = radius * 1.3
        center = (
            wrist[0] - math.cos(fingers_angle) * hand_size * 0.7,
            wrist[1] + math.sin(fingers_angle) * hand_size * 0.7,
        )
        paint_hand(
            img,
            grid,
            rng,
            ambient_c,
            center=center,
            size=hand_size,
            angle=fingers_angle,
            palm_c=skin,
            forearm=False,
        )
