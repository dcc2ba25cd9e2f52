"""Scenes as a screening kiosk's camera sees them: who stands in front of it, and what else.

A fever-screening kiosk stands at an entrance; people step up to it, look at it for a moment
and walk on. Its camera therefore sees, over a day:

* **faces at screening distance** (label 1): one person facing the camera, the head covering
  about 20..45 % of the frame's width (head half-width 12..27 px), the neck, shoulders and
  clothing below it, standing on the kiosk's mark (near the middle of the frame) but at any
  height, so that a tall person's forehead or a short person's chin may leave the frame; turned
  up to about 57 degrees, with glasses or sunglasses, a mask, a beard, a cap or a beanie; now
  and then leaning in close (45..75 % of the width), cut by a side of the frame (both inner eye
  corners still in view), or with other people passing behind;
* **no face** (label 0), mostly the empty scene and people who are not facing it: the empty
  entrance (``empty``), people passing at the sides or behind with their backs or the tops of
  their bodies in view (``passing``), someone at the kiosk with their back to it
  (``back_of_head``), a chest with the head above the frame (``torso``), an arm or a hand
  reaching in; and, less often, presentation attacks (a photo, a screen, a mannequin), heat
  sources (a hot drink, a lamp, a radiator) and pets.

Every label is one a person gives without doubt: a frame labelled 1 shows a face frontal to
about 57 degrees with both inner eye corners in view, at screening distance; a frame labelled
0 shows no face at all (the people in it face away, or their heads are out of the frame).
Ambiguous scenes are not generated: no far-away faces (a head under a fifth of the frame's
width), no profiles (60..120 degrees), no bowed heads.

Rooms: 16..32 °C, half of them drawn around a kiosk hall's 25.5 °C (sigma 3), so that warm,
low-contrast scenes are common; clothing 5..70 % of the way from the room to 33 °C; up to 3
room structures, ceiling lights at the top edge, a warm appliance now and then. Each frame is
taken by one camera of the dataset's pool (``sensors.py``).
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from thermal_utils.tooling.synth.canvas import (
    IMAGE_COLS,
    SENSOR_ROWS,
    Grid,
    blend,
    box,
    coverage,
    local,
)
from thermal_utils.tooling.synth.faces import HEAD_TOP_V, head_half_width, paint_person
from thermal_utils.tooling.synth.nonface import FAKE_RENDERERS
from thermal_utils.tooling.synth.people import Person, Pose, pose_close, sample_person
from thermal_utils.tooling.synth.room import paint_room
from thermal_utils.tooling.synth.scenes import Scene, check_ambient, layout_of, pick_kind
from thermal_utils.tooling.synth.sensors import (
    Camera,
    field_of_view,
    paint_reference,
    take_frame,
)

REAL_KIND_WEIGHTS: dict[str, float] = {
    "frontal": 0.26,
    "turned": 0.13,
    "glasses": 0.18,
    "mask": 0.10,
    "beard": 0.05,
    "close": 0.09,
    "edge": 0.06,
    "with_others": 0.13,
}
"""How often each kind of face frame occurs (see the module docstring)."""

FAKE_KIND_WEIGHTS: dict[str, float] = {
    "empty": 0.30,
    "passing": 0.20,
    "back_of_head": 0.16,
    "torso": 0.07,
    "arm": 0.05,
    "hand": 0.03,
    "photo": 0.04,
    "screen": 0.04,
    "mannequin": 0.02,
    "hot_drink": 0.02,
    "lamp": 0.02,
    "radiator": 0.02,
    "pet": 0.02,
}
"""How often each kind of frame without a face occurs: two thirds are the empty scene and
people who do not face the camera; presentation attacks, heat sources and pets are kept, rare."""

REAL_KINDS: tuple[str, ...] = tuple(REAL_KIND_WEIGHTS)
FAKE_KINDS: tuple[str, ...] = tuple(FAKE_KIND_WEIGHTS)

AMBIENT_RANGE_C = (16.0, 32.0)
"""Room temperatures (°C): a cold entrance in winter to a warm hall in summer."""

KIOSK_HALL_C = 25.5
"""The middle of the rooms drawn around a kiosk hall's temperature (°C, sigma 3)."""


def sample_ambient_c(rng: np.random.Generator) -> float:
    """A room temperature, °C: half uniform in 16..32, half around 25.5 (sigma 3), in 16..32."""
    if rng.random() < 0.5:
        return float(rng.uniform(*AMBIENT_RANGE_C))
    return float(np.clip(rng.normal(KIOSK_HALL_C, 3.0), *AMBIENT_RANGE_C))


# --------------------------------------------------------------------------------------
# People at the kiosk
# --------------------------------------------------------------------------------------


def _kiosk_pose(
    rng: np.random.Generator, scale: float, yaw: float, col: float | None = None
) -> Pose:
    """A head of half-width ``scale`` px at the kiosk: eyes anywhere from near the top of the
    frame to its lower part (a tall person's forehead or a short person's chin may leave the
    frame); the head near the middle column (people stand on the kiosk's mark) unless ``col``
    is given."""
    row = rng.uniform(max(8.0, 0.2 * scale), SENSOR_ROWS - max(12.0, 0.35 * scale))
    if col is None:
        col = IMAGE_COLS / 2 + rng.uniform(-1.0, 1.0) * max(5.0, 32.0 - 0.5 * scale)
    return Pose(row=row, col=col, scale=scale, roll=rng.uniform(-0.15, 0.15), yaw=yaw)


def _screening_scale(rng: np.random.Generator, lo: float = 12.0, hi: float = 27.0) -> float:
    """Head half-width at screening distance, px: the head covers 20..45 % of the width."""
    return float(rng.uniform(lo, hi))


def _person(rng: np.random.Generator, ambient_c: float, pose: Pose, **looks: bool) -> Person:
    """A person with clothing from near the room's temperature to warm (5..70 % of the way to
    33 °C) and, with glasses, sunglasses in 60 % of cases (lenses up to 1.45 times larger)."""
    person = sample_person(rng, ambient_c, pose, **looks)
    cloth_c = ambient_c + rng.uniform(0.05, 0.7) * (33.0 - ambient_c)
    lens_scale = rng.uniform(1.1, 1.45) if rng.random() < 0.6 else 1.0
    return dataclasses.replace(person, cloth_c=cloth_c, lens_scale=lens_scale)


def _looks(rng: np.random.Generator) -> dict[str, bool]:
    return {"glasses": bool(rng.random() < 0.3), "mask": bool(rng.random() < 0.08)}


def _passer(rng: np.random.Generator, ambient_c: float) -> Person:
    """Someone passing at a side or behind, not facing the camera: the back of the head and
    the shoulders, or the body with the head above the frame."""
    scale = rng.uniform(10.0, 30.0)
    side = -1.0 if rng.random() < 0.5 else 1.0
    if rng.random() < 0.7:
        col = IMAGE_COLS / 2 + side * rng.uniform(40.0, 70.0 + scale)
    else:
        col = rng.uniform(20.0, 100.0)
    where = rng.random()
    if where < 0.3:
        row = -rng.uniform(1.4, 1.8) * scale  # the head above the frame
    elif where < 0.55:
        row = rng.uniform(70.0, 112.0)  # low in the frame: someone short, or bending
    else:
        row = rng.uniform(scale, 75.0)
    pose = Pose(row=row, col=col, scale=scale, roll=rng.uniform(-0.2, 0.2), yaw=0.0)
    person = _person(rng, ambient_c, pose, glasses=False, mask=False, facing_away=True)
    if person.hair_style == "bald" and rng.random() < 0.5:
        person = dataclasses.replace(person, hair_style="short")
    return person


def _paint(
    img: np.ndarray, grid: Grid, person: Person, rng: np.random.Generator, ambient_c: float
) -> np.ndarray:
    """Paint a person (``faces.paint_person``), with a cap or a beanie in 18 % of cases;
    returns the head's coverage."""
    head = paint_person(img, grid, person)
    if rng.random() < 0.18:
        q = person.pose
        u, v = local(grid, q.row, q.col, q.roll, q.scale)
        hat_c = ambient_c + rng.uniform(0.15, 0.5) * (person.skin_c - ambient_c)
        edge = rng.uniform(-0.75, -0.45)
        crown = coverage(
            np.minimum(head_half_width(v) + 0.1 - np.abs(u), (v - HEAD_TOP_V + 0.12) * 0.6)
            * q.scale
        )
        blend(img, crown * coverage((edge - v) * q.scale), hat_c)
        if rng.random() < 0.6 and not person.facing_away:  # a cap's brim
            blend(img, box(u, v, -0.9, 0.9, edge - 0.08, edge + 0.1, q.scale), hat_c - 0.3)
    return head


def _face_people(rng: np.random.Generator, ambient_c: float, kind: str) -> list[Person]:
    """The people of a face frame, painter's order: the one facing the camera last."""
    if kind == "frontal":
        pose = _kiosk_pose(rng, _screening_scale(rng), rng.uniform(-0.3, 0.3))
        return [_person(rng, ambient_c, pose, glasses=False, mask=False)]
    if kind == "glasses":
        pose = _kiosk_pose(rng, _screening_scale(rng), rng.uniform(-0.4, 0.4))
        return [_person(rng, ambient_c, pose, glasses=True, mask=bool(rng.random() < 0.1))]
    if kind == "mask":
        pose = _kiosk_pose(rng, _screening_scale(rng), rng.uniform(-0.4, 0.4))
        return [_person(rng, ambient_c, pose, glasses=bool(rng.random() < 0.3), mask=True)]
    if kind == "beard":
        pose = _kiosk_pose(rng, _screening_scale(rng), rng.uniform(-0.4, 0.4))
        glasses = bool(rng.random() < 0.3)
        return [_person(rng, ambient_c, pose, glasses=glasses, mask=False, beard=True)]
    if kind == "turned":
        yaw = math.copysign(rng.uniform(0.4, 1.0), rng.uniform(-1.0, 1.0))
        return [
            _person(rng, ambient_c, _kiosk_pose(rng, _screening_scale(rng), yaw), **_looks(rng))
        ]
    if kind == "close":
        pose = pose_close(rng, rng.uniform(27.0, 42.0), rng.uniform(-0.35, 0.35))
        return [_person(rng, ambient_c, pose, **_looks(rng))]
    if kind == "edge":
        scale = _screening_scale(rng, 15.0, 27.0)
        side = -1.0 if rng.random() < 0.5 else 1.0
        col = IMAGE_COLS / 2 + side * (IMAGE_COLS / 2 - scale * rng.uniform(0.45, 0.8))
        pose = _kiosk_pose(rng, scale, rng.uniform(-0.3, 0.3), col=col)
        return [_person(rng, ambient_c, pose, **_looks(rng))]
    if kind == "with_others":
        others = [_passer(rng, ambient_c) for _ in range(int(rng.integers(1, 3)))]
        pose = _kiosk_pose(rng, _screening_scale(rng), rng.uniform(-0.5, 0.5))
        return [*others, _person(rng, ambient_c, pose, **_looks(rng))]
    raise ValueError(f"unknown face kind {kind!r}; expected one of {REAL_KINDS}")


def _paint_no_face(
    rng: np.random.Generator, grid: Grid, img: np.ndarray, ambient_c: float, kind: str
) -> None:
    """Paint a frame without a face of ``kind`` (see ``FAKE_KINDS``) over the room, in place."""
    if kind == "passing":
        for _ in range(int(rng.integers(1, 3))):
            _paint(img, grid, _passer(rng, ambient_c), rng, ambient_c)
    elif kind == "back_of_head":
        pose = _kiosk_pose(rng, _screening_scale(rng, 12.0, 34.0), 0.0)
        person = _person(rng, ambient_c, pose, glasses=False, mask=False, facing_away=True)
        if person.hair_style == "bald":
            person = dataclasses.replace(person, hair_style="short")
        _paint(img, grid, person, rng, ambient_c)
    else:
        FAKE_RENDERERS[kind](rng, grid, img, ambient_c)


def _paint_kiosk_room(rng: np.random.Generator, grid: Grid, ambient_c: float) -> np.ndarray:
    """The room behind the kiosk: ``room.paint_room`` with up to 3 structures, 0..2 ceiling
    lights at the top edge (2..12 °C above the room) and, in 30 % of rooms, a warm appliance."""
    img = paint_room(rng, grid, ambient_c, max_structures=3, patches_c=0.5)
    for _ in range(int(rng.integers(0, 3))):
        distance = np.hypot(grid.rows - rng.uniform(-4.0, 4.0), grid.cols - rng.uniform(0.0, 120.0))
        blend(img, coverage(rng.uniform(1.5, 4.0) - distance), ambient_c + rng.uniform(2.0, 12.0))
    if rng.random() < 0.3:
        r0, c0 = rng.uniform(-10.0, 60.0), rng.uniform(0.0, 120.0)
        appliance = box(
            grid.cols, grid.rows, c0, c0 + rng.uniform(4, 20), r0, r0 + rng.uniform(3, 12), 1.0
        )
        blend(img, appliance, ambient_c + rng.uniform(1.5, 8.0))
    return img


def render_screening_scene(
    rng: np.random.Generator,
    camera: Camera,
    ambient_c: float,
    is_real: bool,
    kind: str | None = None,
) -> Scene:
    """One frame of a screening camera: a face (``is_real``) or not, of ``kind`` (drawn with
    ``REAL_KIND_WEIGHTS`` or ``FAKE_KIND_WEIGHTS`` when None), in a room at ``ambient_c`` °C.

    Returns a ``Scene`` whose ``frame`` has the frame format's shape ``(110, 124)``, float64,
    °C, with the layout of the face facing the camera (empty without a face).
    """
    ambient = check_ambient(ambient_c)
    weights = REAL_KIND_WEIGHTS if is_real else FAKE_KIND_WEIGHTS
    kind = pick_kind(rng, weights, kind, "face" if is_real else "no-face")
    grid = field_of_view(camera)
    img = _paint_kiosk_room(rng, grid, ambient)
    if camera.reference is not None:
        paint_reference(grid, img, camera.reference, ambient)
    in_frame = (grid.rows >= 0) & (grid.rows < SENSOR_ROWS) & (grid.cols >= 0)
    in_frame &= grid.cols < IMAGE_COLS
    faces = []
    if is_real:
        for person in _face_people(rng, ambient, kind):
            head = _paint(img, grid, person, rng, ambient)
            if not person.facing_away:
                area = float(head[in_frame].sum()) / (SENSOR_ROWS * IMAGE_COLS)
                faces.append(layout_of(person, area))
    else:
        _paint_no_face(rng, grid, img, ambient, kind)
    frame = take_frame(rng, camera, img, ambient)
    return Scene(frame=frame, kind=kind, is_real=is_real, faces=tuple(faces))
