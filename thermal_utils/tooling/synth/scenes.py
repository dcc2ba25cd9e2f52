"""Synthetic thermal scenes as a face-temperature screening camera sees them: a real face
at arm's length, and the things such a camera must not mistake for one.

Every renderer returns one sensor frame of shape ``(SENSOR_ROWS, SENSOR_COLS) =
(110, 124)``, float64, in °C. Columns ``0..119`` are the image; columns ``120..123``
are shutter-masked pixels that read the camera's internal temperature (the camera uses
them for drift correction), so a model should only look at ``frame[:, :120]``.

How a scene is made (each step has its own module in this package):

1. a room background near the ambient temperature (16..30 °C: walls, a warmer ceiling,
   a window side, doors, shelves, a floor), with gentle gradients (``room.py``);
2. objects painted over it back to front (people, hands, photos, screens, cups, lamps,
   ...), each a soft anatomical or man-made shape carrying its own temperature field, drawn
   with the primitives of ``canvas.py``: people by ``people.py`` and ``faces.py``, the
   not-a-face kinds by the renderers ``nonface.py`` lists (``spoofs.py``, ``body_parts.py``,
   ``heat_sources.py``);
3. sensor effects: optical blur, vignetting towards the camera's internal temperature,
   the camera's fixed pattern (per pixel and per column), per-frame column offsets and
   temporal noise (NETD about 0.04..0.10 °C), then the masked columns (``camera.py``).

Facial temperatures (°C) follow facial thermography studies and the screening standards
that measure at the inner canthi (IEC 80601-2-59, ISO/TR 13154); ``people.py`` gives the
values and their sources, and ``data/README.md`` tabulates them.

All randomness comes from the ``numpy.random.Generator`` passed in: the same generator
state gives the same frame, and nothing is kept between calls (the camera's fixed
pattern is a constant of ``camera.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from thermal_utils.tooling.synth.camera import apply_sensor, render_blackbody
from thermal_utils.tooling.synth.canvas import (
    IMAGE_COLS,
    SENSOR_COLS,
    SENSOR_ROWS,
    gaussian_blur,
    make_grid,
    to_pixel,
)
from thermal_utils.tooling.synth.faces import CANTHUS_U, LENS_U, feature_u, paint_person
from thermal_utils.tooling.synth.nonface import FAKE_RENDERERS
from thermal_utils.tooling.synth.people import (
    Person,
    Pose,
    arm_length_scale,
    pose_back,
    pose_close,
    sample_person,
)
from thermal_utils.tooling.synth.room import paint_room, sample_ambient_c

REAL_KIND_WEIGHTS: dict[str, float] = {
    "frontal": 0.35,
    "turned": 0.15,
    "glasses": 0.14,
    "mask": 0.10,
    "beard": 0.06,
    "edge": 0.06,
    "two_people": 0.07,
    "further_back": 0.07,
}
"""Sampling weights of the real-face sub-kinds when ``render_real(kind=None)``."""

REAL_KINDS: tuple[str, ...] = tuple(REAL_KIND_WEIGHTS)
"""Sub-kinds of real faces. At arm's length (the head covers about 30..90 % of the
frame): ``frontal`` (no glasses, no mask), ``turned`` (head turned 23..60 degrees),
``glasses``, ``mask``, ``beard`` and ``edge`` (partly out of frame, both inner eye
corners in view). Further back: ``further_back`` (head and shoulders, the head about
15..25 % of the frame) and ``two_people`` (one close, one behind)."""

FAKE_KIND_WEIGHTS: dict[str, float] = {
    "photo": 0.07,
    "screen": 0.14,
    "mannequin": 0.06,
    "hand": 0.15,
    "arm": 0.11,
    "torso": 0.05,
    "back_of_head": 0.06,
    "hot_drink": 0.07,
    "lamp": 0.08,
    "radiator": 0.08,
    "pet": 0.09,
    "empty": 0.04,
}
"""Sampling weights of the not-a-face kinds when ``render_fake(kind=None)``.

Presentation attacks (``photo``, ``screen``, ``mannequin``) have a face's shape but not
its temperature pattern; hard negatives (hands, arms, torsos and the back of a head at
face temperature, pets with 36..38 °C eyes, hot objects above 40 °C) have face
temperatures but not its shape. With these weights a threshold on a frame's mean or
maximum temperature stays at or below about 0.75 balanced accuracy, so a model has to
learn shape."""

FAKE_KINDS: tuple[str, ...] = tuple(FAKE_KIND_WEIGHTS)
"""Kinds of not-a-face frames: spoofs (``photo``, ``screen``, ``mannequin``), body parts
(``hand``, ``arm``, ``torso``, ``back_of_head``), heat sources (``hot_drink``, ``lamp``,
``radiator``), ``pet`` and ``empty`` rooms."""


# --------------------------------------------------------------------------------------
# Public result types
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FaceLayout:
    """Where one rendered face lies, in image pixel coordinates ``(row, col)``.

    Coordinates refer to the ``(110, 120)`` image part and may lie outside it when the
    face is cut by the frame edge.

    Attributes:
        center_rc: centre of the head at eye level, px.
        half_width_px: half the head's width, px (the face's scale).
        roll_rad: in-plane tilt of the head, radians.
        yaw_rad: how far the head is turned sideways, radians (0 = facing the camera).
        canthi_rc: the two inner eye corners, px.
        forehead_rc: the middle of the forehead, px.
        mouth_rc: the middle of the lips, px (under the mask when there is one).
        nose_tip_rc: the tip of the nose, px.
        cheek_rc: the middle of the two cheeks, px.
        lens_rc: centres of the two eyeglass lenses, px, or ``None`` without glasses.
        mask: whether the person wears a face mask.
        area_fraction: the part of the image (0..1) the head covers, before any
            other person in front of it is painted.
    """

    center_rc: tuple[float, float]
    half_width_px: float
    roll_rad: float
    yaw_rad: float
    canthi_rc: tuple[tuple[float, float], tuple[float, float]]
    forehead_rc: tuple[float, float]
    mouth_rc: tuple[float, float]
    nose_tip_rc: tuple[float, float]
    cheek_rc: tuple[tuple[float, float], tuple[float, float]]
    lens_rc: tuple[tuple[float, float], tuple[float, float]] | None
    mask: bool
    area_fraction: float

    @property
    def glasses(self) -> bool:
        """Whether the person wears eyeglasses."""
        return self.lens_rc is not None


@dataclass(frozen=True)
class Scene:
    """One rendered frame with what it shows.

    Attributes:
        frame: sensor frame, shape ``(110, 124)``, float64, °C.
        kind: the sub-kind rendered (one of ``REAL_KINDS`` or ``FAKE_KINDS``).
        is_real: ``True`` for a real face (label 1), ``False`` otherwise (label 0).
        faces: layout of each real face in the frame (empty for fakes).
    """

    frame: np.ndarray
    kind: str
    is_real: bool
    faces: tuple[FaceLayout, ...] = ()


# --------------------------------------------------------------------------------------
# Who a real-face scene shows, and where their faces lie
# --------------------------------------------------------------------------------------


def _people_for_kind(rng: np.random.Generator, ambient_c: float, kind: str) -> list[Person]:
    """The people of a real-face scene, farthest first (painter's order)."""

    def extras() -> dict[str, bool]:
        return {"glasses": bool(rng.random() < 0.2), "mask": bool(rng.random() < 0.08)}

    if kind == "frontal":
        pose = pose_close(rng, arm_length_scale(rng), rng.uniform(-0.2, 0.2))
        return [sample_person(rng, ambient_c, pose, glasses=False, mask=False)]
    if kind == "glasses":
        pose = pose_close(rng, arm_length_scale(rng), rng.uniform(-0.35, 0.35))
        return [sample_person(rng, ambient_c, pose, glasses=True, mask=bool(rng.random() < 0.1))]
    if kind == "mask":
        pose = pose_close(rng, arm_length_scale(rng), rng.uniform(-0.35, 0.35))
        return [sample_person(rng, ambient_c, pose, glasses=bool(rng.random() < 0.2), mask=True)]
    if kind == "beard":
        pose = pose_close(rng, arm_length_scale(rng), rng.uniform(-0.4, 0.4))
        return [
            sample_person(
                rng, ambient_c, pose, glasses=bool(rng.random() < 0.2), mask=False, beard=True
            )
        ]
    if kind == "turned":
        yaw = math.copysign(rng.uniform(0.4, 1.05), rng.uniform(-1, 1))
        pose = pose_close(rng, arm_length_scale(rng), yaw)
        return [sample_person(rng, ambient_c, pose, **extras())]
    if kind == "edge":
        pose = pose_close(rng, rng.uniform(38.0, 45.0), rng.uniform(-0.3, 0.3), cut=0.22)
        return [sample_person(rng, ambient_c, pose, **extras())]
    if kind == "further_back":
        pose = pose_back(
            rng, rng.uniform(23.0, 30.0), rng.uniform(-0.5, 0.5), 30.0, IMAGE_COLS - 30.0
        )
        return [sample_person(rng, ambient_c, pose, **extras())]
    if kind == "two_people":
        left = bool(rng.random() < 0.5)
        far_pose = pose_back(
            rng,
            rng.uniform(14.0, 19.0),
            rng.uniform(-0.5, 0.5),
            *((0.0, 40.0) if left else (80.0, IMAGE_COLS)),
        )
        near_scale = rng.uniform(26.0, 32.0)
        near = pose_close(rng, near_scale, rng.uniform(-0.4, 0.4))
        col = (
            IMAGE_COLS - near_scale * rng.uniform(0.8, 1.1)
            if left
            else near_scale * rng.uniform(0.8, 1.1)
        )
        near = Pose(near.row, col, near.scale, near.roll, near.yaw)
        return [
            sample_person(rng, ambient_c, far_pose, **extras()),
            sample_person(rng, ambient_c, near, **extras()),
        ]
    raise ValueError(f"unknown real kind {kind!r}; expected one of {REAL_KINDS}")


def layout_of(p: Person, area_fraction: float) -> FaceLayout:
    """Pixel positions of the landmarks of a person's face."""
    q = p.pose

    def at(u: float, v: float) -> tuple[float, float]:
        return to_pixel(q.row, q.col, q.roll, q.scale, u, v)

    canthi = (
        at(feature_u(-CANTHUS_U, q.yaw, 0.9), 0.01),
        at(feature_u(CANTHUS_U, q.yaw, 0.9), 0.01),
    )
    lenses = None
    if p.lens_c is not None:
        lenses = (
            at(feature_u(-LENS_U, q.yaw, 1.02), 0.0),
            at(feature_u(LENS_U, q.yaw, 1.02), 0.0),
        )
    return FaceLayout(
        center_rc=(q.row, q.col),
        half_width_px=q.scale,
        roll_rad=q.roll,
        yaw_rad=q.yaw,
        canthi_rc=canthi,
        forehead_rc=at(feature_u(0.0, q.yaw, 0.9), -0.4),
        mouth_rc=at(feature_u(0.0, q.yaw, 0.97), 0.75),
        nose_tip_rc=at(feature_u(0.0, q.yaw, 1.3), 0.45),
        cheek_rc=(at(feature_u(-0.55, q.yaw), 0.5), at(feature_u(0.55, q.yaw), 0.5)),
        lens_rc=lenses,
        mask=p.mask_c is not None,
        area_fraction=area_fraction,
    )


# --------------------------------------------------------------------------------------
# Public renderers
# --------------------------------------------------------------------------------------


def pick_kind(
    rng: np.random.Generator, weights: dict[str, float], kind: str | None, what: str
) -> str:
    """``kind`` itself when given (validated), else one drawn with ``weights``."""
    if kind is not None:
        if kind not in weights:
            raise ValueError(f"unknown {what} kind {kind!r}; expected one of {tuple(weights)}")
        return kind
    names = tuple(weights)
    p = np.array([weights[n] for n in names], dtype=np.float64)
    return names[int(rng.choice(len(names), p=p / p.sum()))]


def check_ambient(ambient_c: float) -> float:
    """``ambient_c`` as a float, rejecting temperatures no room has."""
    ambient = float(ambient_c)
    if not math.isfinite(ambient) or not -10.0 <= ambient <= 45.0:
        raise ValueError(f"ambient_c must be a room temperature in -10..45 °C, got {ambient_c!r}")
    return ambient


def render_real_scene(rng: np.random.Generator, ambient_c: float, kind: str | None = None) -> Scene:
    """Render a real face (one of ``REAL_KINDS``; drawn with ``REAL_KIND_WEIGHTS`` when
    ``kind`` is None) in a room at ``ambient_c`` °C, with the faces' layouts.

    Returns a ``Scene`` whose ``frame`` has shape ``(110, 124)``, float64, °C.
    """
    ambient = check_ambient(ambient_c)
    kind = pick_kind(rng, REAL_KIND_WEIGHTS, kind, "real")
    grid = make_grid()
    img = paint_room(rng, grid, ambient)
    people = _people_for_kind(rng, ambient, kind)
    layouts = []
    for person in people:
        head = paint_person(img, grid, person)
        layouts.append(layout_of(person, float(head.mean())))
    frame = apply_sensor(rng, img, ambient)
    return Scene(frame=frame, kind=kind, is_real=True, faces=tuple(layouts))


def render_fake_scene(rng: np.random.Generator, ambient_c: float, kind: str | None = None) -> Scene:
    """Render a not-a-face frame (one of ``FAKE_KINDS``; drawn with ``FAKE_KIND_WEIGHTS``
    when ``kind`` is None) in a room at ``ambient_c`` °C.

    Returns a ``Scene`` whose ``frame`` has shape ``(110, 124)``, float64, °C.
    """
    ambient = check_ambient(ambient_c)
    kind = pick_kind(rng, FAKE_KIND_WEIGHTS, kind, "fake")
    grid = make_grid()
    img = paint_room(rng, grid, ambient)
    FAKE_RENDERERS[kind](rng, grid, img, ambient)
    return Scene(frame=apply_sensor(rng, img, ambient), kind=kind, is_real=False)


def render_real(rng: np.random.Generator, ambient_c: float, kind: str | None = None) -> np.ndarray:
    """A real-face sensor frame: shape ``(110, 124)``, float64, °C (see ``render_real_scene``)."""
    return render_real_scene(rng, ambient_c, kind).frame


def render_fake(rng: np.random.Generator, ambient_c: float, kind: str | None = None) -> np.ndarray:
    """A not-a-face sensor frame: shape ``(110, 124)``, float64, °C (see ``render_fake_scene``)."""
    return render_fake_scene(rng, ambient_c, kind).frame


__all__ = [
    "FAKE_KINDS",
    "FAKE_KIND_WEIGHTS",
    "IMAGE_COLS",
    "REAL_KINDS",
    "REAL_KIND_WEIGHTS",
    "SENSOR_COLS",
    "SENSOR_ROWS",
    "FaceLayout",
    "Scene",
    "gaussian_blur",
    "render_blackbody",
    "render_fake",
    "render_fake_scene",
    "render_real",
    "render_real_scene",
    "sample_ambient_c",
]
"""The generator's public face. The frame's size (``canvas.py``), ``sample_ambient_c``
(``room.py``), ``render_blackbody`` (``camera.py``) and ``gaussian_blur`` (``canvas.py``) are
re-exported for the callers that import them from here."""
