"""The people of a scene: who they are (temperatures and looks), where their heads are, and
their bodies.

``sample_person`` draws one person's temperatures (°C) and looks; ``pose_close`` and
``pose_back`` place a head at arm's length or further back (pixels of the ``(110, 120)`` image
part); ``paint_body`` paints the torso, arms and neck in place, in the head's coordinates
(head half-widths, see ``faces.py``). ``faces.py`` paints the head and face, and a whole
person (``paint_person``).

Facial temperatures (°C) follow facial thermography studies (Haddad et al. 2016; Zhou et
al. 2020; Vardasca et al. 2019; Ioannou et al. 2014; review: Fernández-Cuevas et al. 2015)
and the screening standards that measure at the inner canthi (IEC 80601-2-59, ISO/TR
13154): the inner eye corners (canthi) are the warmest spots, 35.5..37.2, nearly
independent of the room; the eyes, periorbital skin, temples and forehead come next
(about 33.3..35.8); cheeks are cooler; the nose tip (26.5..33, about 0.35 °C per °C of
room temperature), the ears (28.5..33.5) and the chin are the coolest skin and colder in a
cold room; the neck is warm (33.5..35.3); hair, eyebrows and beards insulate (30..65 % of
the way from room to skin temperature); eyeglass lenses are opaque to long-wave IR, so
they read close to the room with sharp edges and hide the canthi; masks read 25..32.5
with a breath-warmed upper edge; clothing is near room temperature; skin seen at a
grazing angle (the head's silhouette) reads cooler as its emissivity (about 0.98 face-on,
Steketee 1973) falls. ``data/README.md`` tabulates these values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

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
    to_pixel,
)


@dataclass(frozen=True)
class Pose:
    """Head placement: eye-level centre ``(row, col)`` px, half-width ``scale`` px,
    in-plane ``roll`` and sideways ``yaw`` (radians)."""

    row: float
    col: float
    scale: float
    roll: float
    yaw: float


@dataclass(frozen=True)
class Person:
    """Everything needed to paint one person; temperatures in °C."""

    pose: Pose
    skin_c: float
    forehead_gain_c: float
    temple_gain_c: float
    cheek_drop_c: float
    chin_drop_c: float
    nose_c: float
    ear_c: float
    eye_c: float
    canthus_c: tuple[float, float]
    brow_drop_c: float
    neck_c: float
    cloth_c: float
    hair_c: float
    hair_style: str  # "short", "long" or "bald"
    hairline_v: float
    limb_drop_c: float
    build: float
    v_neck: bool
    lens_c: float | None  # None: no glasses
    mask_c: float | None  # None: no mask
    breath_c: float
    beard_drop_c: float | None
    facing_away: bool
    vessel_c: float
    texture: tuple[float, ...]
    fold_amp_c: float
    fold_freq: float
    fold_angle: float
    lens_scale: float = 1.0  # lens size relative to everyday glasses (sunglasses: up to 1.45)


def sample_person(
    rng: np.random.Generator,
    ambient_c: float,
    pose: Pose,
    *,
    glasses: bool,
    mask: bool,
    facing_away: bool = False,
    beard: bool | None = None,
) -> Person:
    """Draw one person's temperatures (°C) and looks.

    Core skin (inner canthi, forehead, neck) hardly follows the room; peripheral skin
    (nose tip, ears, chin, cheeks) does, and cools strongly in a cold room. Hair,
    eyebrows, clothing, lenses and masks sit between ambient and skin.
    """
    cold = ambient_c - 23.0  # < 0 in a cold room
    skin = float(np.clip(rng.normal(34.0 + 0.08 * cold, 0.3), 33.0, 35.0))
    forehead = rng.uniform(0.3, 0.8)
    canthus = float(np.clip(rng.uniform(35.6, 37.0) + 0.03 * cold, 35.5, 37.2))
    canthus = max(canthus, skin + forehead + 0.6)
    canthus_pair = (canthus, float(np.clip(canthus + rng.normal(0.0, 0.12), 35.5, 37.4)))
    hair_style = ("short", "long", "bald")[int(rng.choice(3, p=(0.6, 0.3, 0.1)))]
    hair_frac = rng.uniform(0.75, 0.9) if hair_style == "bald" else rng.uniform(0.3, 0.65)
    if beard is None:
        beard = bool(not mask and rng.random() < 0.12)
    cheek_drop = rng.uniform(0.6, 1.6) - 0.06 * cold
    return Person(
        pose=pose,
        skin_c=skin,
        forehead_gain_c=forehead,
        temple_gain_c=rng.uniform(0.2, 0.6),
        cheek_drop_c=cheek_drop,
        chin_drop_c=rng.uniform(0.5, 1.5) - 0.05 * cold,
        nose_c=float(
            np.clip(rng.normal(31.0 + 0.35 * cold, 0.8), 26.5, min(33.0, skin - cheek_drop - 1.0))
        ),
        ear_c=float(np.clip(rng.normal(31.5 + 0.3 * cold, 0.6), 28.5, min(33.5, skin - 0.5))),
        eye_c=float(skin + rng.uniform(0.4, 1.0)),
        canthus_c=canthus_pair,
        brow_drop_c=rng.uniform(0.8, 2.0),
        neck_c=float(np.clip(skin + rng.uniform(0.0, 0.6), 33.5, 35.3)),
        cloth_c=ambient_c + rng.uniform(0.15, 0.45) * (33.0 - ambient_c),
        hair_c=ambient_c + hair_frac * (skin - ambient_c),
        hair_style=hair_style,
        hairline_v=rng.uniform(-1.05, -0.95) if hair_style == "bald" else rng.uniform(-0.75, -0.52),
        limb_drop_c=rng.uniform(0.8, 1.8),
        build=rng.uniform(0.85, 1.2),
        v_neck=bool(rng.random() < 0.35),
        lens_c=ambient_c + rng.uniform(0.1, 0.35) * (skin - ambient_c) if glasses else None,
        mask_c=float(np.clip(ambient_c + rng.uniform(0.45, 0.7) * (skin - ambient_c), 25.0, 32.5))
        if mask
        else None,
        breath_c=rng.uniform(1.0, 3.0),
        beard_drop_c=rng.uniform(1.5, 3.5) if beard else None,
        facing_away=facing_away,
        vessel_c=rng.uniform(0.1, 0.3),
        texture=tuple(float(x) for x in rng.uniform(-1.0, 1.0, size=6)),
        fold_amp_c=rng.uniform(0.05, 0.35),
        fold_freq=rng.uniform(1.5, 4.0),
        fold_angle=rng.uniform(0.0, math.pi),
    )


# --------------------------------------------------------------------------------------
# Where a head is
# --------------------------------------------------------------------------------------


def pose_close(rng: np.random.Generator, scale: float, yaw: float, *, cut: float = 0.0) -> Pose:
    """A head at arm's length (half-width ``scale`` px) in front of a screening camera:
    people step onto a marked spot and look at the camera, so the eyes land in the
    upper-middle of the frame and the head near its centre; ``cut`` > 0 pushes it
    towards one side so that up to about that fraction of its width leaves the frame
    (both inner eye corners stay in)."""
    row = rng.uniform(max(0.7 * scale, 42.0), min(SENSOR_ROWS - 0.9 * scale, 54.0) + 1.0)
    if cut > 0.0:
        side = math.copysign(1.0, rng.uniform(-1, 1))
        off = scale * (
            1.0 - 2.0 * rng.uniform(0.1, cut)
        )  # the head's far edge moves past the frame edge
        col = IMAGE_COLS / 2 + side * (IMAGE_COLS / 2 - off)
        col = float(np.clip(col, 0.45 * scale + 3, IMAGE_COLS - 0.45 * scale - 3))
    else:
        spare = min(8.0, max(0.0, IMAGE_COLS / 2 - 0.75 * scale))
        col = IMAGE_COLS / 2 + rng.uniform(-spare, spare)
    return Pose(row=row, col=col, scale=scale, roll=rng.uniform(-0.1, 0.1), yaw=yaw)


def pose_back(rng: np.random.Generator, scale: float, yaw: float, lo: float, hi: float) -> Pose:
    """A head further from the camera, whole head in the frame, centre column in ``lo..hi``."""
    col = rng.uniform(
        max(lo, 1.1 * scale + 1),
        max(min(hi, IMAGE_COLS - 1.1 * scale - 1), max(lo, 1.1 * scale + 1)),
    )
    row = rng.uniform(1.4 * scale + 2, max(1.4 * scale + 2.5, SENSOR_ROWS - 2.6 * scale))
    return Pose(row=row, col=col, scale=scale, roll=rng.uniform(-0.15, 0.15), yaw=yaw)


def arm_length_scale(rng: np.random.Generator) -> float:
    """Head half-width at arm's length, px: the head covers about 30..90 % of the frame."""
    return float(rng.uniform(34.0, 45.0))


# --------------------------------------------------------------------------------------
# The body
# --------------------------------------------------------------------------------------


def paint_body(img: np.ndarray, grid: Grid, u: np.ndarray, v: np.ndarray, p: Person) -> None:
    """Torso and arms in clothing, then the neck, in place (°C).

    Proportions in head half-widths: shoulders +-2.45 (x build) at v = 2.4..3, chest
    below; at arm's length only the neck and the top of the shoulders are in view.
    """
    s, width = p.pose.scale, 2.45 * p.build
    fold = p.fold_amp_c * np.sin(
        p.fold_freq * (u * math.cos(p.fold_angle) + v * math.sin(p.fold_angle)) + p.fold_angle
    )
    body = np.maximum(
        ellipse(u, v, 0.0, 3.1, width, 1.0, s),
        box(u, v, -0.97 * width, 0.97 * width, 3.1, 9.0, s),
    )
    cloth = (
        p.cloth_c
        + 0.6 * gauss(u, v, 0.0, 2.2, 0.7, 0.5)
        - 0.6 * np.clip(np.abs(u) / width, 0, 1) ** 4
        + fold
    )
    blend(img, body, cloth)
    if p.pose.row + 2.5 * s < SENSOR_ROWS:
        _paint_arms(img, grid, p, width)
    if p.v_neck and not p.facing_away:
        vee = coverage((0.45 * (2.9 - v) - np.abs(u)) * s) * box(u, v, -1.0, 1.0, 1.7, 2.9, s)
        blend(img, vee, p.neck_c - 0.4)
    half = 0.45 + 0.25 * np.clip(v - 1.5, 0.0, None) ** 2  # the neck widens into the shoulders
    neck = coverage((half - np.abs(u)) * s) * box(u, v, -2.0, 2.0, 0.5, 2.35, s)
    neck_t = p.neck_c - 0.6 * np.clip(np.abs(u) / half, 0, 1) ** 2
    if not p.facing_away:
        neck_t = neck_t + 0.4 * gauss(u, v, 0.0, 1.35, 0.3, 0.12)  # warm fold under the chin
    blend(img, neck, neck_t)
    collar = coverage((half + 0.12 - np.abs(u)) * s) * box(u, v, -2.0, 2.0, 2.05, 2.3, s)
    blend(img, collar, p.cloth_c + 0.5)


def _paint_arms(img: np.ndarray, grid: Grid, p: Person, width: float) -> None:
    """Arms hanging along the torso (sleeves a little cooler than the chest), in place (°C)."""
    q = p.pose
    for side in (-1.0, 1.0):
        shoulder = to_pixel(q.row, q.col, q.roll, q.scale, side * (width - 0.45), 2.8)
        wrist = to_pixel(q.row, q.col, q.roll, q.scale, side * (width + 0.1), 7.5)
        arm, t = capsule(grid, shoulder, wrist, 0.55 * q.scale, 0.4 * q.scale)
        blend(img, arm, p.cloth_c - 0.3 - 0.5 * t)
