"""Physically plausible synthetic thermal scenes: real faces and the things a face kiosk
must not mistake for one.

Every renderer returns one sensor frame of shape ``(SENSOR_ROWS, SENSOR_COLS) =
(110, 124)``, float64, in °C. Columns ``0..119`` are the image; columns ``120..123``
are shutter-masked pixels that read the camera's internal temperature (the camera uses
them for drift correction), so a model should only look at ``frame[:, :120]``.

How a scene is made:

1. a room background near the ambient temperature (walls, a warmer ceiling, a
   window side, doors, shelves, a floor), with gentle gradients;
2. objects painted over it back to front (people, hands, cups, lamps, ...), each a soft
   shape carrying its own temperature field in °C;
3. sensor effects: separable Gaussian optical blur, vignetting, per-column fixed-pattern
   offsets and temporal noise (NETD about 0.05..0.15 °C), then the masked columns.

Physics the renderer follows (all °C): skin mostly 33..35.5; the inner eye corners
(canthi) are the warmest spots of a face, 35.5..37.5; nose tip and ears cooler
(about 30..33, cooler still in a cold room); hair between ambient and skin; eyeglass
lenses are opaque to long-wave infrared, so they read near ambient plus a few degrees and
hide the canthi; masks read about 28..32 with a warmer breath edge; clothing 26..31;
skin seen at a grazing angle (the head's silhouette) reads cooler (emissivity falls).

All randomness comes from the ``numpy.random.Generator`` passed in: the same generator
state gives the same frame, and nothing is kept between calls.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

SENSOR_ROWS = 110
"""Rows of one sensor frame."""

SENSOR_COLS = 124
"""Columns of one sensor frame: 120 image columns + 4 shutter-masked columns (120..123)."""

IMAGE_COLS = 120
"""Image columns, the part of the frame a model sees: ``frame[:, :IMAGE_COLS]``."""

BLACKBODY_ROWS = 50
"""Rows of the blackbody reference block (the frame header's lines 50-99)."""

MIN_OUTPUT_C = -40.0
MAX_OUTPUT_C = 250.0
"""Every rendered value lies in this range (°C); the frame reader rejects others."""

REAL_KIND_WEIGHTS: dict[str, float] = {
    "frontal": 0.28,
    "glasses": 0.14,
    "mask": 0.10,
    "turned": 0.10,
    "two_people": 0.10,
    "partial": 0.12,
    "far": 0.16,
}
"""Sampling weights of the real-face sub-kinds when ``render_real(kind=None)``."""

REAL_KINDS: tuple[str, ...] = tuple(REAL_KIND_WEIGHTS)
"""Sub-kinds of real faces: ``frontal`` (no glasses, no mask), ``glasses``, ``mask``,
``turned`` (head turned sideways), ``two_people``, ``partial`` (cut by the frame edge,
at least one eye inside) and ``far`` (small face)."""

FAKE_KIND_WEIGHTS: dict[str, float] = {
    "photo": 0.08,
    "screen": 0.08,
    "hand": 0.10,
    "arm": 0.07,
    "torso": 0.08,
    "back_of_head": 0.08,
    "hot_drink": 0.11,
    "lamp": 0.09,
    "radiator": 0.08,
    "pet": 0.15,
    "empty": 0.08,
}
"""Sampling weights of the not-a-face kinds when ``render_fake(kind=None)``.

Hard negatives (body-temperature skin and clothing, a person seen from behind, pets with
36..38 °C eyes, hot objects above 40 °C) are common on purpose: with these weights (and
real faces drawn with ``REAL_KIND_WEIGHTS``) the best single threshold on a frame's mean
temperature reaches a balanced accuracy of about 0.55, on its maximum about 0.65..0.70
(600-frame samples), so a model has to learn shape."""

FAKE_KINDS: tuple[str, ...] = tuple(FAKE_KIND_WEIGHTS)
"""Kinds of not-a-face frames: spoofs (``photo``, ``screen``), body parts (``hand``,
``arm``, ``torso``, ``back_of_head``), heat sources (``hot_drink``, ``lamp``,
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
        lens_rc: centres of the two eyeglass lenses, px, or ``None`` without glasses.
        mask: whether the person wears a face mask.
    """

    center_rc: tuple[float, float]
    half_width_px: float
    roll_rad: float
    yaw_rad: float
    canthi_rc: tuple[tuple[float, float], tuple[float, float]]
    forehead_rc: tuple[float, float]
    mouth_rc: tuple[float, float]
    lens_rc: tuple[tuple[float, float], tuple[float, float]] | None
    mask: bool

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
# Geometry primitives (all arrays are (110, 120) unless stated)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Grid:
    """Pixel coordinates of the image part: ``rows[i, j] = i``, ``cols[i, j] = j``, px."""

    rows: np.ndarray
    cols: np.ndarray


def _make_grid() -> _Grid:
    """A fresh coordinate grid of the ``(110, 120)`` image part, px."""
    rows, cols = np.mgrid[0:SENSOR_ROWS, 0:IMAGE_COLS].astype(np.float64)
    return _Grid(rows=rows, cols=cols)


def _coverage(inside_px: np.ndarray | float) -> np.ndarray:
    """Soft coverage in [0, 1] from a signed distance to a shape's edge (px, > 0 inside).

    The edge is about one pixel wide, which anti-aliases small shapes.
    """
    return np.clip(np.asarray(inside_px) + 0.5, 0.0, 1.0)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function, overflow-safe for the value ranges used here."""
    return 1.0 / (1.0 + np.exp(-np.clip(x, -40.0, 40.0)))


def _blend(img: np.ndarray, alpha: np.ndarray, value: np.ndarray | float) -> None:
    """Paint ``value`` (°C) over ``img`` (°C) in place with coverage ``alpha``."""
    img += alpha * (value - img)


def _local(grid: _Grid, row: float, col: float, angle: float, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Rotated, scaled coordinates ``(u, v)`` of every pixel around ``(row, col)``.

    ``u`` points right and ``v`` down in the object's own frame, rotated by ``angle``
    (radians, clockwise on screen) and measured in units of ``scale`` px.
    """
    dx = grid.cols - col
    dy = grid.rows - row
    c, s = math.cos(angle), math.sin(angle)
    return (c * dx + s * dy) / scale, (c * dy - s * dx) / scale


def _to_pixel(row: float, col: float, angle: float, scale: float, u: float, v: float) -> tuple[float, float]:
    """Pixel position ``(row, col)`` of local point ``(u, v)`` (inverse of ``_local``)."""
    c, s = math.cos(angle), math.sin(angle)
    return row + scale * (s * u + c * v), col + scale * (c * u - s * v)


def _ellipse(u: np.ndarray, v: np.ndarray, cu: float, cv: float, au: float | np.ndarray, av: float,
             scale: float) -> np.ndarray:
    """Coverage of an ellipse centred at ``(cu, cv)`` with semi-axes ``au``, ``av`` (local units)."""
    r = np.sqrt(((u - cu) / au) ** 2 + ((v - cv) / av) ** 2)
    return _coverage((1.0 - r) * np.minimum(au, av) * scale)


def _box(u: np.ndarray, v: np.ndarray, u0: float, u1: float, v0: float, v1: float, scale: float) -> np.ndarray:
    """Coverage of the axis-aligned box ``u0..u1`` x ``v0..v1`` (local units)."""
    inside = np.minimum(np.minimum(u - u0, u1 - u), np.minimum(v - v0, v1 - v))
    return _coverage(inside * scale)


def _gauss(u: np.ndarray, v: np.ndarray, cu: float, cv: float, su: float, sv: float) -> np.ndarray:
    """Unit-peak Gaussian bump centred at ``(cu, cv)`` with widths ``su``, ``sv`` (local units)."""
    return np.exp(-0.5 * (((u - cu) / su) ** 2 + ((v - cv) / sv) ** 2))


def _capsule(grid: _Grid, p0: tuple[float, float], p1: tuple[float, float], r0: float,
             r1: float) -> tuple[np.ndarray, np.ndarray]:
    """A tapered capsule from ``p0`` to ``p1`` (``(row, col)``, px) with end radii ``r0``, ``r1`` px.

    Returns ``(coverage, t)``: ``t`` in [0, 1] is the position along the axis, so a
    temperature can vary along a finger or an arm.
    """
    drow, dcol = p1[0] - p0[0], p1[1] - p0[1]
    length2 = max(drow * drow + dcol * dcol, 1e-9)
    t = np.clip(((grid.rows - p0[0]) * drow + (grid.cols - p0[1]) * dcol) / length2, 0.0, 1.0)
    dist = np.hypot(grid.rows - (p0[0] + t * drow), grid.cols - (p0[1] + t * dcol))
    return _coverage(r0 + (r1 - r0) * t - dist), t


def _smooth_field(rng: np.random.Generator, cells: tuple[int, int]) -> np.ndarray:
    """Smooth random field in [-1, 1], shape ``(110, 120)``: bilinear upsampling of a
    coarse ``cells`` grid of uniform values."""
    coarse = rng.uniform(-1.0, 1.0, size=cells)
    return _upsample_matrix(SENSOR_ROWS, cells[0]) @ coarse @ _upsample_matrix(IMAGE_COLS, cells[1]).T


def _upsample_matrix(n_out: int, n_in: int) -> np.ndarray:
    """Linear-interpolation weights, shape ``(n_out, n_in)``, mapping ``n_in`` knots onto ``n_out`` pixels."""
    pos = np.linspace(0.0, n_in - 1.0, n_out)
    return np.maximum(0.0, 1.0 - np.abs(pos[:, None] - np.arange(n_in)[None, :]))


# --------------------------------------------------------------------------------------
# Sensor model
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
        tmp += weight * padded[:, i:i + w]
    out = np.zeros((h, w))
    for i, weight in enumerate(k):
        out += weight * tmp[i:i + h, :]
    return out


def _apply_sensor(rng: np.random.Generator, scene: np.ndarray, ambient_c: float) -> np.ndarray:
    """Turn a scene (``(110, 120)``, °C) into a sensor frame (``(110, 124)``, float64, °C).

    Optics blur the scene (sigma 0.4..0.9 px); the corners read slightly off
    (vignetting residual, -0.6..+0.3 °C at the corners); each column carries a small
    fixed offset (sigma 0.03 °C) and every pixel temporal noise (sigma 0.05..0.15 °C).
    The masked columns read the camera's internal temperature, ambient + 3..8 °C.
    """
    grid_r = (np.arange(SENSOR_ROWS) - (SENSOR_ROWS - 1) / 2.0) / ((SENSOR_ROWS - 1) / 2.0)
    grid_c = (np.arange(IMAGE_COLS) - (IMAGE_COLS - 1) / 2.0) / ((IMAGE_COLS - 1) / 2.0)
    radial2 = 0.5 * (grid_r[:, None] ** 2 + grid_c[None, :] ** 2)

    image = gaussian_blur(scene, rng.uniform(0.4, 0.9))
    image += rng.uniform(-0.6, 0.3) * radial2
    image += rng.normal(0.0, 0.03, size=(1, IMAGE_COLS))
    image += rng.normal(0.0, rng.uniform(0.05, 0.15), size=image.shape)

    internal_c = ambient_c + rng.uniform(3.0, 8.0)
    drift = rng.uniform(-0.05, 0.05) * grid_r[:, None]
    masked = internal_c + drift + rng.normal(0.0, 0.03, size=(SENSOR_ROWS, SENSOR_COLS - IMAGE_COLS))

    frame = np.concatenate([image, masked], axis=1)
    return np.clip(frame, MIN_OUTPUT_C, MAX_OUTPUT_C)


def render_blackbody(rng: np.random.Generator, setpoint_c: float = 35.0, cols: int = 16) -> np.ndarray:
    """Readings of the camera's blackbody reference patch.

    Args:
        rng: source of randomness.
        setpoint_c: the blackbody's set temperature, °C.
        cols: readings per line.

    Returns:
        Shape ``(50, cols)``, float64, °C: the setpoint plus a small calibration offset
        (|offset| <= 0.1 °C), a gentle gradient across the patch (<= 0.1 °C end to end)
        and pixel noise (sigma 0.02..0.05 °C).
    """
    if cols < 1:
        raise ValueError(f"cols must be >= 1, got {cols}")
    if not math.isfinite(setpoint_c) or not MIN_OUTPUT_C + 1 <= setpoint_c <= MAX_OUTPUT_C - 1:
        raise ValueError(f"setpoint_c must be a finite temperature in -39..249 °C, got {setpoint_c}")
    r = np.linspace(-0.5, 0.5, BLACKBODY_ROWS)[:, None]
    c = np.linspace(-0.5, 0.5, cols)[None, :]
    offset = rng.uniform(-0.1, 0.1)
    gradient = rng.uniform(-0.1, 0.1) * r + rng.uniform(-0.1, 0.1) * c
    noise = rng.normal(0.0, rng.uniform(0.02, 0.05), size=(BLACKBODY_ROWS, cols))
    return setpoint_c + offset + gradient + noise


# --------------------------------------------------------------------------------------
# Room background
# --------------------------------------------------------------------------------------


def sample_ambient_c(rng: np.random.Generator) -> float:
    """A room temperature, °C, uniform in 18..27."""
    return float(rng.uniform(18.0, 27.0))


def _paint_room(rng: np.random.Generator, grid: _Grid, ambient_c: float) -> np.ndarray:
    """Room background near ambient: shape ``(110, 120)``, °C.

    Walls at ambient +- 0.5, warmer air near the ceiling (up to +1.2), a window side
    (+-0.75 across the frame), smooth patches (+-0.4) and 0..2 room structures
    (window, door, shelf, floor) that stay within about 2.5 °C of ambient.
    """
    img = np.full(grid.rows.shape, ambient_c + rng.uniform(-0.5, 0.5))
    img += rng.uniform(0.0, 1.2) * (1.0 - grid.rows / (SENSOR_ROWS - 1))
    img += rng.uniform(-1.5, 1.5) * (grid.cols / (IMAGE_COLS - 1) - 0.5)
    img += rng.uniform(0.1, 0.4) * _smooth_field(rng, (4, 5))
    for _ in range(int(rng.integers(0, 3))):
        _paint_room_structure(rng, grid, img, ambient_c)
    return img


def _paint_room_structure(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """Paint one window, door, shelf or floor into ``img`` (°C, in place)."""
    structure = rng.choice(4)
    u, v = grid.cols, grid.rows
    if structure == 0:  # window: cold glass in winter, sun-warmed in summer, with mullions
        c0, r0 = rng.uniform(-10, 90), rng.uniform(-10, 50)
        w, h = rng.uniform(25, 55), rng.uniform(25, 50)
        glass_c = ambient_c + rng.uniform(-2.0, 1.5)
        _blend(img, _box(u, v, c0, c0 + w, r0, r0 + h, 1.0), glass_c)
        frame_c = ambient_c + rng.uniform(-0.6, 0.6)
        _blend(img, _box(u, v, c0 + w / 2 - 1, c0 + w / 2 + 1, r0, r0 + h, 1.0), frame_c)
        _blend(img, _box(u, v, c0, c0 + w, r0 + h / 2 - 1, r0 + h / 2 + 1, 1.0), frame_c)
    elif structure == 1:  # door: a tall panel down to the floor
        c0, w = rng.uniform(-10, 100), rng.uniform(22, 35)
        _blend(img, _box(u, v, c0, c0 + w, rng.uniform(-5, 25), 200, 1.0), img.mean() + rng.uniform(-0.7, 0.7))
    elif structure == 2:  # shelf, picture or cabinet
        c0, r0 = rng.uniform(-5, 100), rng.uniform(-5, 90)
        _blend(img, _box(u, v, c0, c0 + rng.uniform(8, 35), r0, r0 + rng.uniform(6, 30), 1.0),
               img.mean() + rng.uniform(-0.8, 0.8))
    else:  # floor, slightly cooler
        _blend(img, _box(u, v, -10, 200, rng.uniform(80, 100), 200, 1.0), img - rng.uniform(0.3, 1.2))


# --------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pose:
    """Head placement: eye-level centre ``(row, col)`` px, half-width ``scale`` px,
    in-plane ``roll`` and sideways ``yaw`` (radians)."""

    row: float
    col: float
    scale: float
    roll: float
    yaw: float


@dataclass(frozen=True)
class _Person:
    """Everything needed to paint one person; temperatures in °C."""

    pose: _Pose
    skin_c: float
    forehead_gain_c: float
    cheek_drop_c: float
    nose_c: float
    ear_c: float
    canthus_c: tuple[float, float]
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
    fold_amp_c: float
    fold_freq: float
    fold_angle: float


def _sample_person(rng: np.random.Generator, ambient_c: float, pose: _Pose, *, glasses: bool, mask: bool,
                   facing_away: bool = False) -> _Person:
    """Draw one person's temperatures (°C) and looks.

    Peripheral skin (nose, ears) follows the room temperature more than core skin
    does; hair, clothing, lenses and masks sit between ambient and skin.
    """
    cold = ambient_c - 22.5
    skin = float(np.clip(rng.normal(34.0 + 0.12 * cold, 0.35), 32.8, 35.0))
    forehead = rng.uniform(0.2, 0.7)
    canthus = rng.uniform(35.7, 37.3)
    canthus = float(np.clip(max(canthus, skin + forehead + 0.5), 35.7, 37.3))
    canthus_pair = (canthus, float(np.clip(canthus + rng.normal(0.0, 0.15), 35.7, 37.5)))
    hair_style = ("short", "long", "bald")[int(rng.choice(3, p=(0.6, 0.3, 0.1)))]
    hair_frac = rng.uniform(0.8, 0.92) if hair_style == "bald" else rng.uniform(0.25, 0.7)
    return _Person(
        pose=pose,
        skin_c=skin,
        forehead_gain_c=forehead,
        cheek_drop_c=rng.uniform(0.3, 1.2),
        nose_c=float(np.clip(rng.normal(31.5 + 0.25 * cold, 0.8), 29.5, min(33.5, skin - 0.5))),
        ear_c=float(np.clip(rng.normal(32.0 + 0.25 * cold, 0.6), 30.0, min(33.8, skin - 0.3))),
        canthus_c=canthus_pair,
        neck_c=float(np.clip(skin + rng.uniform(-0.5, 0.3), 33.0, 34.8)),
        cloth_c=ambient_c + rng.uniform(0.4, 0.8) * (33.0 - ambient_c),
        hair_c=ambient_c + hair_frac * (skin - ambient_c),
        hair_style=hair_style,
        hairline_v=rng.uniform(-0.95, -0.85) if hair_style == "bald" else rng.uniform(-0.72, -0.5),
        limb_drop_c=rng.uniform(0.6, 1.6),
        build=rng.uniform(0.85, 1.2),
        v_neck=bool(rng.random() < 0.35),
        lens_c=ambient_c + rng.uniform(0.15, 0.45) * (skin - ambient_c) if glasses else None,
        mask_c=float(np.clip(ambient_c + rng.uniform(0.5, 0.75) * (skin - ambient_c), 27.5, 32.5)) if mask else None,
        breath_c=rng.uniform(1.0, 3.0),
        beard_drop_c=rng.uniform(1.5, 3.5) if (not mask and rng.random() < 0.12) else None,
        facing_away=facing_away,
        fold_amp_c=rng.uniform(0.05, 0.35),
        fold_freq=rng.uniform(1.5, 4.0),
        fold_angle=rng.uniform(0.0, math.pi),
    )


_CANTHUS_U = 0.2
"""Inner eye corners sit at u = +-0.2 head half-widths (inter-canthal distance ~3 cm)."""

_LENS_U = 0.38
"""Eyeglass lens centres sit at u = +-0.38, so the lenses cover the inner eye corners."""


def _feature_u(u0: float, yaw: float, depth: float | None = None) -> float:
    """Horizontal face coordinate of a feature at ``u0`` once the head turns by ``yaw``.

    The head is treated as a sphere of radius 1: a feature at azimuth ``asin(u0)``
    moves to ``sin(asin(u0) + yaw)``; ``depth`` overrides how far it stands out
    (the nose and glasses stand out more than the skull).
    """
    if depth is None:
        depth = math.sqrt(max(0.0, 1.0 - u0 * u0))
    return u0 * math.cos(yaw) + depth * math.sin(yaw)


def _foreshortening(u0: float, yaw: float) -> float:
    """Width factor of a feature at ``u0`` once the head turns by ``yaw``: features moving
    towards the silhouette look narrower (relative to how they look face-on)."""
    u1 = _feature_u(u0, yaw)
    return math.sqrt(max(0.05, 1.0 - u1 * u1)) / math.sqrt(max(0.05, 1.0 - u0 * u0))


def _head_coverage(u: np.ndarray, v: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Head outline (an egg narrowing towards the chin), top at v = -1.28, chin at v = 1.28.

    Returns ``(coverage, r)``, ``r`` being the normalised radius (1 on the outline).
    """
    au = 1.0 - 0.2 * np.clip(v, 0.0, None) / 1.28
    r = np.sqrt((u / au) ** 2 + (v / 1.28) ** 2)
    return _coverage((1.0 - r) * scale * 0.95), r


def _paint_body(img: np.ndarray, grid: _Grid, u: np.ndarray, v: np.ndarray, p: _Person) -> None:
    """Legs, torso, arms and hands in clothing (hands in skin), then the neck, in place (°C).

    Proportions in head half-widths: shoulders +-2.45 (x build), waist at v = 7.5,
    legs down to v = 16; most close-ups show only the shoulders.
    """
    s, width = p.pose.scale, 2.45 * p.build
    fold = p.fold_amp_c * np.sin(p.fold_freq * (u * math.cos(p.fold_angle) + v * math.sin(p.fold_angle)) + p.fold_angle)
    if p.pose.row + 7.0 * s < SENSOR_ROWS:  # a far person: legs and hanging arms are in view
        for side in (-1.0, 1.0):
            leg = _box(u, v, min(side * 0.1, side * 0.95 * width / 2.45), max(side * 0.1, side * 0.95 * width / 2.45),
                       7.0, 16.0, s)
            _blend(img, leg, p.cloth_c - 1.0)
    body = np.maximum(_ellipse(u, v, 0.0, 3.0, width, 1.3, s), _box(u, v, -0.97 * width, 0.97 * width, 3.0, 7.5, s))
    body *= _coverage((0.97 * width - 0.06 * np.clip(v - 3.0, 0, None) - np.abs(u)) * s)
    cloth = p.cloth_c + 0.9 * _gauss(u, v, 0.0, 1.9, 0.7, 0.5) - 1.0 * np.clip(np.abs(u) / width, 0, 1) ** 4 + fold
    _blend(img, body, cloth)
    if p.pose.row + 2.5 * s < SENSOR_ROWS:
        _paint_arms(img, grid, p, width)
    if p.v_neck and not p.facing_away:
        vee = _coverage((0.4 * (2.7 - v) - np.abs(u)) * s) * _box(u, v, -1.0, 1.0, 1.5, 2.7, s)
        _blend(img, vee, p.neck_c - 0.3)
    half = 0.38 + 0.12 * np.clip(v - 1.3, 0.0, None)  # the neck widens into the shoulders
    neck = _coverage((half - np.abs(u)) * s) * _box(u, v, -2.0, 2.0, 0.7, 2.1, s)
    neck_t = p.neck_c - 0.5 * np.clip(np.abs(u) / half, 0, 1) ** 2
    if not p.facing_away:
        neck_t = neck_t + 0.45 * _gauss(u, v, 0.0, 1.15, 0.3, 0.15)  # warm fold under the chin
    _blend(img, neck, neck_t)


def _paint_arms(img: np.ndarray, grid: _Grid, p: _Person, width: float) -> None:
    """Arms hanging along the torso (sleeves a little cooler than the chest), hands at the
    ends; in place (°C)."""
    q = p.pose
    for side in (-1.0, 1.0):
        shoulder = _to_pixel(q.row, q.col, q.roll, q.scale, side * (width - 0.45), 2.6)
        wrist = _to_pixel(q.row, q.col, q.roll, q.scale, side * (width + 0.1), 7.0)
        arm, t = _capsule(grid, shoulder, wrist, 0.55 * q.scale, 0.4 * q.scale)
        _blend(img, arm, p.cloth_c - 0.4 - 0.8 * t)
        fingertips = _to_pixel(q.row, q.col, q.roll, q.scale, side * (width + 0.15), 8.2)
        hand, t = _capsule(grid, wrist, fingertips, 0.38 * q.scale, 0.3 * q.scale)
        _blend(img, hand, p.neck_c - 1.0 - 1.5 * t)


def _paint_face_skin(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: _Person) -> np.ndarray:
    """The head's skin with its facial temperature pattern, in place; returns head coverage."""
    s, yaw = p.pose.scale, p.pose.yaw
    cy = max(math.cos(yaw), 0.3)
    head, r = _head_coverage(u, v, s)
    t = np.full(u.shape, p.skin_c)
    t -= p.limb_drop_c * np.clip(r, 0, 1) ** 6  # grazing angle: lower emissivity at the silhouette
    if p.facing_away:
        _blend(img, head, t)
        return head
    t += p.forehead_gain_c * _sigmoid((-0.32 - v) / 0.1)
    for side in (-1.0, 1.0):
        cheek_w = 0.2 * _foreshortening(side * 0.52, yaw)
        t -= p.cheek_drop_c * _gauss(u, v, _feature_u(side * 0.52, yaw), 0.4, cheek_w, 0.2)
        eye_w = 0.17 * _foreshortening(side * 0.4, yaw)
        t += 0.45 * _gauss(u, v, _feature_u(side * 0.4, yaw), -0.02, eye_w, 0.1)  # periorbital skin
    t += 0.35 * _gauss(u, v, _feature_u(0.0, yaw, 0.95), 0.74, 0.2 * cy, 0.05)  # lips
    _blend(t, _gauss(u, v, _feature_u(0.0, yaw, 1.25), 0.4, 0.11, 0.1), p.nose_c)  # nose tip
    if p.beard_drop_c is not None:
        beard = _coverage((v - 0.62) * s) * head
        _blend(t, beard, t - p.beard_drop_c)
    sigma = max(0.08, 1.4 / s)
    for side, canthus_c in zip((-1.0, 1.0), p.canthus_c):
        width = sigma * _foreshortening(side * _CANTHUS_U, yaw)
        bump = _gauss(u, v, _feature_u(side * _CANTHUS_U, yaw), -0.01, width, sigma)
        _blend(t, bump, canthus_c)
    _blend(img, head, t)
    return head


def _paint_ears(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: _Person) -> None:
    """Ears at the sides of the head (the one turned away hides behind the head), in place."""
    s, yaw = p.pose.scale, p.pose.yaw
    for side in (-1.0, 1.0):
        if side * math.sin(yaw) > 0.25:
            continue
        cu = side * (math.cos(yaw) + 0.06 * math.cos(yaw))
        au = 0.13 + 0.15 * abs(math.sin(yaw))
        ear = _ellipse(u, v, cu, 0.15, au, 0.27, s)
        _blend(img, ear, p.ear_c + 0.6 * _gauss(u, v, cu, 0.15, au * 0.6, 0.15))


def _paint_hair(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: _Person, head: np.ndarray) -> None:
    """Hair over the top of the head (and the back of the head when turned away), in place."""
    s, yaw = p.pose.scale, p.pose.yaw
    region = _ellipse(u, v, 0.0, -0.04, 1.06, 1.34, s)
    if p.facing_away:
        nape = 0.85 if p.hair_style != "long" else 1.6
        alpha = np.maximum(region, head) * _coverage((nape - v) * s)
        depth_px = (nape - v) * s
    else:
        shift = 0.6 * math.sin(yaw)
        top = p.hairline_v + 0.35 * (u - shift) ** 2
        sideburn = _sigmoid((np.abs(u - shift) - 0.8) / 0.04)  # hair comes down in front of the ears
        hairline = top + (0.05 - top) * sideburn * (p.hair_style != "bald")
        alpha = region * _coverage((hairline - v) * s)
        depth_px = (hairline - v) * s
        if abs(yaw) > 0.2:  # the back of the head shows on the side turned away
            back = -math.copysign(1.0, yaw) * u - 0.93 * math.cos(yaw)
            alpha = np.maximum(alpha, head * _coverage(back * s) * _coverage((0.5 - v) * s))
    hair_t = p.hair_c + (p.skin_c - p.hair_c) * 0.45 * np.exp(-np.clip(depth_px, 0, None) / 2.0)
    _blend(img, alpha, hair_t)


def _paint_long_hair_back(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: _Person) -> None:
    """Long hair falling behind the head down to the shoulders, in place."""
    s = p.pose.scale
    alpha = _ellipse(u, v, 0.0, 0.55, 1.2, 1.5, s) * _coverage((2.0 - v) * s)
    _blend(img, alpha, p.hair_c - 0.5 * np.clip(v, 0, None))


def _paint_glasses(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: _Person) -> None:
    """Eyeglasses: lenses opaque to long-wave IR (near ambient), rims and temples, in place."""
    assert p.lens_c is not None
    s, yaw = p.pose.scale, p.pose.yaw
    rim_c = p.lens_c + 0.35 * (p.skin_c - p.lens_c)
    for side in (-1.0, 1.0):
        cu = _feature_u(side * _LENS_U, yaw, 1.02)
        narrow = _foreshortening(side * _LENS_U, yaw)
        rim = _ellipse(u, v, cu, -0.02, 0.37 * narrow, 0.26, s)
        _blend(img, rim, rim_c)
        lens = _ellipse(u, v, cu, -0.02, 0.32 * narrow, 0.22, s)
        _blend(img, lens, p.lens_c + 0.4 * _sigmoid((v - 0.05) / 0.08))
        outer = _feature_u(side * 0.74, yaw, 0.8)
        ear_u = side * math.cos(yaw)
        lo, hi = min(outer, ear_u), max(outer, ear_u)
        if side * math.sin(yaw) < 0.25:
            _blend(img, _box(u, v, lo, hi, -0.1, -0.04, s), rim_c)
    bridge = _feature_u(0.0, yaw, 1.1)
    _blend(img, _box(u, v, bridge - 0.09, bridge + 0.09, -0.12, -0.01, s), rim_c)


def _paint_mask(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: _Person) -> None:
    """A face mask over nose, mouth and chin: cool fabric with a warm breath edge, in place."""
    assert p.mask_c is not None
    s, yaw = p.pose.scale, p.pose.yaw
    top = 0.24 + 0.12 * u ** 2
    au = 1.02 - 0.2 * np.clip(v, 0.0, None) / 1.28
    outline = np.sqrt(((u - 0.3 * math.sin(yaw)) / au) ** 2 + (v / 1.36) ** 2)
    alpha = _coverage((1.0 - outline) * s) * _coverage((v - top) * s)
    above_edge = np.clip(v - top, 0, None)
    mask_t = p.mask_c + p.breath_c * np.exp(-above_edge / 0.1) + 0.6 * _gauss(u, v, _feature_u(0, yaw), 0.75, 0.3, 0.2)
    _blend(img, alpha, mask_t)
    for side in (-1.0, 1.0):
        if side * math.sin(yaw) < 0.25:
            strap_u = side * 0.97 * math.cos(yaw)
            _blend(img, _box(u, v, min(strap_u, side * 0.85), max(strap_u, side * 0.85), 0.3, 0.36, s), p.mask_c)


def _paint_person(img: np.ndarray, grid: _Grid, p: _Person) -> None:
    """Paint a person (torso, neck, head, ears, face, hair, accessories) into ``img`` (°C)."""
    q = p.pose
    u, v = _local(grid, q.row, q.col, q.roll, q.scale)
    _paint_body(img, grid, u, v, p)
    if p.hair_style == "long":
        _paint_long_hair_back(img, u, v, p)
    head = _paint_face_skin(img, u, v, p)
    if p.hair_style != "long" or p.facing_away:
        _paint_ears(img, u, v, p)
    _paint_hair(img, u, v, p, head)
    if p.facing_away:
        return
    if p.mask_c is not None:
        _paint_mask(img, u, v, p)
    if p.lens_c is not None:
        _paint_glasses(img, u, v, p)


def _layout_of(p: _Person) -> FaceLayout:
    """Pixel positions of the landmarks of a person's face."""
    q = p.pose

    def at(u: float, v: float) -> tuple[float, float]:
        return _to_pixel(q.row, q.col, q.roll, q.scale, u, v)

    canthi = (at(_feature_u(-_CANTHUS_U, q.yaw), -0.01), at(_feature_u(_CANTHUS_U, q.yaw), -0.01))
    lenses = None
    if p.lens_c is not None:
        lenses = (at(_feature_u(-_LENS_U, q.yaw, 1.02), -0.02), at(_feature_u(_LENS_U, q.yaw, 1.02), -0.02))
    return FaceLayout(
        center_rc=(q.row, q.col),
        half_width_px=q.scale,
        roll_rad=q.roll,
        yaw_rad=q.yaw,
        canthi_rc=canthi,
        forehead_rc=at(_feature_u(0.0, q.yaw, 0.9), -0.42),
        mouth_rc=at(_feature_u(0.0, q.yaw, 0.95), 0.74),
        lens_rc=lenses,
        mask=p.mask_c is not None,
    )


def _pose_inside(rng: np.random.Generator, scale: float, roll_max: float, yaw: float) -> _Pose:
    """A head of half-width ``scale`` px placed so that the whole head is in the frame."""
    col = rng.uniform(1.25 * scale + 1, IMAGE_COLS - 1.25 * scale - 1)
    row = rng.uniform(1.35 * scale + 1, max(1.35 * scale + 1.5, SENSOR_ROWS - 1.45 * scale))
    return _Pose(row=row, col=col, scale=scale, roll=rng.uniform(-roll_max, roll_max), yaw=yaw)


def _pose_partial(rng: np.random.Generator) -> _Pose:
    """A close head cut by one frame edge, with at least one inner eye corner inside."""
    scale = rng.uniform(15.0, 30.0)
    roll = rng.uniform(-0.2, 0.2)
    yaw = rng.uniform(-0.3, 0.3)
    edge = int(rng.integers(4))
    if edge == 0:  # cut on the left
        row, col = rng.uniform(30, 80), rng.uniform(-0.05 * scale, 0.6 * scale)
    elif edge == 1:  # right
        row, col = rng.uniform(30, 80), IMAGE_COLS - rng.uniform(-0.05 * scale, 0.6 * scale)
    elif edge == 2:  # top of the head cut off
        row, col = rng.uniform(4.0, 0.8 * scale), rng.uniform(25, 95)
    else:  # the lower face cut off
        row, col = SENSOR_ROWS - rng.uniform(4.0, 0.8 * scale), rng.uniform(25, 95)
    return _Pose(row=row, col=col, scale=scale, roll=roll, yaw=yaw)


def _people_for_kind(rng: np.random.Generator, ambient_c: float, kind: str) -> list[_Person]:
    """The people of a real-face scene, farthest first (painter's order)."""
    def extras() -> dict[str, bool]:
        return {"glasses": bool(rng.random() < 0.2), "mask": bool(rng.random() < 0.1)}

    if kind == "frontal":
        pose = _pose_inside(rng, rng.uniform(11.0, 22.0), 0.2, rng.uniform(-0.15, 0.15))
        return [_sample_person(rng, ambient_c, pose, glasses=False, mask=False)]
    if kind == "glasses":
        pose = _pose_inside(rng, rng.uniform(10.0, 22.0), 0.2, rng.uniform(-0.3, 0.3))
        return [_sample_person(rng, ambient_c, pose, glasses=True, mask=bool(rng.random() < 0.15))]
    if kind == "mask":
        pose = _pose_inside(rng, rng.uniform(10.0, 22.0), 0.2, rng.uniform(-0.3, 0.3))
        return [_sample_person(rng, ambient_c, pose, glasses=bool(rng.random() < 0.2), mask=True)]
    if kind == "turned":
        yaw = math.copysign(rng.uniform(0.35, 0.75), rng.uniform(-1, 1))
        pose = _pose_inside(rng, rng.uniform(10.0, 22.0), 0.2, yaw)
        return [_sample_person(rng, ambient_c, pose, **extras())]
    if kind == "partial":
        return [_sample_person(rng, ambient_c, _pose_partial(rng), **extras())]
    if kind == "far":
        pose = _pose_inside(rng, rng.uniform(4.5, 9.0), 0.25, rng.uniform(-0.4, 0.4))
        return [_sample_person(rng, ambient_c, pose, **extras())]
    if kind == "two_people":
        scales = sorted([rng.uniform(7.0, 13.0), rng.uniform(9.0, 17.0)])
        left = bool(rng.random() < 0.5)
        people = []
        for i, scale in enumerate(scales):
            pose = _pose_inside(rng, scale, 0.25, rng.uniform(-0.5, 0.5))
            half = IMAGE_COLS / 2
            lo, hi = (1.25 * scale + 1, half + 10) if (i == 0) == left else (half - 10, IMAGE_COLS - 1.25 * scale - 1)
            pose = _Pose(pose.row, rng.uniform(lo, hi), pose.scale, pose.roll, pose.yaw)
            people.append(_sample_person(rng, ambient_c, pose, **extras()))
        return people
    raise ValueError(f"unknown real kind {kind!r}; expected one of {REAL_KINDS}")


# --------------------------------------------------------------------------------------
# Body parts (hard negatives)
# --------------------------------------------------------------------------------------


def _skin_c(rng: np.random.Generator, ambient_c: float, lo: float, hi: float) -> float:
    """Skin temperature of hands and arms, °C: colder rooms give colder extremities."""
    return float(np.clip(rng.uniform(lo, hi) + 0.15 * (ambient_c - 22.5), 29.0, 35.8))


def _paint_hand(img: np.ndarray, grid: _Grid, rng: np.random.Generator, ambient_c: float, *,
                center: tuple[float, float], size: float, angle: float, palm_c: float, forearm: bool = True) -> None:
    """A hand: palm, four fingers, a thumb and optionally the forearm, in place (°C).

    Fingers point along ``angle`` (radians, 0 = up, clockwise); ``size`` is the palm's
    half-length in px. Fingertips are cooler than the palm (0.5..4 °C, more in cold rooms).
    """
    up = (-math.cos(angle), math.sin(angle))    # (drow, dcol) along the fingers
    side = (math.sin(angle), math.cos(angle))   # across the palm
    r0, c0 = center
    tip_drop = rng.uniform(0.5, 4.0) + max(0.0, 22.5 - ambient_c) * 0.2
    if forearm:
        end = (r0 - up[0] * size * 6, c0 - up[1] * size * 6)
        arm, t = _capsule(grid, (r0 - up[0] * size * 0.6, c0 - up[1] * size * 0.6), end, 0.4 * size, 0.52 * size)
        _blend(img, arm, palm_c - 0.4 - 0.5 * t)
        if rng.random() < 0.5:
            cuff = rng.uniform(1.5, 4.0)
            cuff_at = (r0 - up[0] * size * cuff, c0 - up[1] * size * cuff)
            sleeve, _ = _capsule(grid, cuff_at, end, 0.6 * size, 0.7 * size)
            _blend(img, sleeve, ambient_c + rng.uniform(0.4, 0.75) * (33.0 - ambient_c))
    spread = rng.uniform(0.0, 0.2)
    curl = rng.uniform(0.5, 1.1)
    for i, (length, offset) in enumerate(zip((0.85, 1.0, 0.95, 0.75), (-0.36, -0.12, 0.12, 0.36))):
        a = angle + (i - 1.5) * spread
        base = (r0 + up[0] * size * 0.6 + side[0] * offset * size, c0 + up[1] * size * 0.6 + side[1] * offset * size)
        tip = (base[0] - math.cos(a) * size * length * curl, base[1] + math.sin(a) * size * length * curl)
        finger, t = _capsule(grid, base, tip, 0.14 * size, 0.11 * size)
        _blend(img, finger, palm_c - 0.3 - tip_drop * t)
    thumb_dir = angle + math.copysign(rng.uniform(0.5, 1.1), rng.uniform(-1, 1))
    sgn = math.copysign(1.0, thumb_dir - angle)
    base = (r0 + side[0] * sgn * 0.35 * size, c0 + side[1] * sgn * 0.35 * size)
    tip = (base[0] - math.cos(thumb_dir) * size * 0.85, base[1] + math.sin(thumb_dir) * size * 0.85)
    thumb, t = _capsule(grid, base, tip, 0.17 * size, 0.12 * size)
    _blend(img, thumb, palm_c - 0.2 - 0.7 * tip_drop * t)
    u, v = _local(grid, r0, c0, angle, size)
    palm = _ellipse(u, v, 0.0, 0.0, 0.5, 0.82, size)
    _blend(img, palm, palm_c - 0.6 * (u / 0.5) ** 2 + 0.3 * _gauss(u, v, 0.0, 0.1, 0.25, 0.35))


def _render_hand(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """A hand held up to the camera (palm or back), with its forearm running off the frame."""
    size = rng.uniform(12.0, 26.0)
    center = (rng.uniform(30, 80), rng.uniform(30, 90))
    angle = rng.uniform(-0.8, 0.8) + (math.pi if rng.random() < 0.15 else 0.0)
    _paint_hand(img, grid, rng, ambient_c, center=center, size=size, angle=angle,
                palm_c=_skin_c(rng, ambient_c, 32.5, 35.6))


def _render_arm(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """A forearm (and maybe an upper arm) crossing the frame; warmer inner wrist; a sleeve."""
    skin = _skin_c(rng, ambient_c, 32.3, 35.0)
    start = (rng.uniform(-10, 120), -15.0) if rng.random() < 0.5 else (125.0, rng.uniform(-10, 130))
    elbow = (rng.uniform(25, 85), rng.uniform(25, 95))
    radius = rng.uniform(7.0, 14.0)
    upper, t = _capsule(grid, start, elbow, radius * 1.2, radius)
    if rng.random() < 0.6:
        _blend(img, upper, ambient_c + rng.uniform(0.45, 0.8) * (33.0 - ambient_c) + 0.5 * t)
    else:
        _blend(img, upper, skin - 0.3 + 0.2 * t)
    ang = rng.uniform(0, 2 * math.pi)
    length = rng.uniform(35, 60)
    wrist = (elbow[0] + length * math.sin(ang), elbow[1] + length * math.cos(ang))
    fore, t = _capsule(grid, elbow, wrist, radius, radius * 0.7)
    _blend(img, fore, skin - 0.2 + 0.5 * np.exp(-0.5 * ((t - 0.85) / 0.1) ** 2))  # warm inner wrist
    if rng.random() < 0.5:
        fingers_angle = math.atan2(wrist[1] - elbow[1], -(wrist[0] - elbow[0]))
        hand_size = radius * 1.3
        center = (wrist[0] - math.cos(fingers_angle) * hand_size * 0.7,
                  wrist[1] + math.sin(fingers_angle) * hand_size * 0.7)
        _paint_hand(img, grid, rng, ambient_c, center=center, size=hand_size, angle=fingers_angle, palm_c=skin,
                    forearm=False)


def _render_torso(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """A person too close or too tall: neck, shoulders and chest, the head above the frame."""
    scale = rng.uniform(18.0, 34.0)
    row = -rng.uniform(1.3, 1.7) * scale
    pose = _Pose(row=row, col=rng.uniform(35, 85), scale=scale, roll=rng.uniform(-0.25, 0.25), yaw=0.0)
    person = _sample_person(rng, ambient_c, pose, glasses=False, mask=False)
    if person.hair_style == "long":  # long hair would hang into view like a head
        person = dataclasses.replace(person, hair_style="short")
    _paint_person(img, grid, person)
    if rng.random() < 0.4:  # hands in front of the chest
        _paint_hand(img, grid, rng, ambient_c, center=(rng.uniform(70, 100), rng.uniform(30, 90)),
                    size=scale * 0.45, angle=rng.uniform(-1.5, 1.5), palm_c=_skin_c(rng, ambient_c, 32.5, 35.0))


def _render_back_of_head(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """A person facing away: hair, ears, the back of the neck and shoulders; no face."""
    pose = _pose_inside(rng, rng.uniform(9.0, 24.0), 0.2, 0.0)
    if rng.random() < 0.3:
        pose = _Pose(pose.row, pose.col + rng.choice([-1, 1]) * pose.scale * rng.uniform(0.8, 1.6),
                     pose.scale, pose.roll, 0.0)
    person = _sample_person(rng, ambient_c, pose, glasses=False, mask=False, facing_away=True)
    _paint_person(img, grid, person)


# --------------------------------------------------------------------------------------
# Spoofs: photo and screen
# --------------------------------------------------------------------------------------


def _face_albedo(u: np.ndarray, v: np.ndarray, scale: float) -> np.ndarray:
    """Visible-light brightness (0 dark .. 1 light) of a face picture, local coordinates as
    for a head; shape like ``u``."""
    pic = np.full(u.shape, 0.75)
    _blend(pic, _ellipse(u, v, 0.0, 2.9, 2.3, 1.2, scale), 0.35)                       # clothes
    _blend(pic, _box(u, v, -0.45, 0.45, 0.8, 2.0, scale), 0.65)                         # neck
    head, _ = _head_coverage(u, v, scale)
    _blend(pic, head, 0.7)
    _blend(pic, _ellipse(u, v, 0.0, -0.04, 1.06, 1.34, scale) * _coverage((-0.6 + 0.5 * u ** 2 - v) * scale), 0.15)
    for side in (-1.0, 1.0):
        _blend(pic, _ellipse(u, v, side * 0.34, -0.02, 0.16, 0.07, scale), 0.15)       # eyes
        lo, hi = sorted((side * 0.16, side * 0.6))
        _blend(pic, _box(u, v, lo, hi, -0.24, -0.17, scale), 0.25)                        # brows
    _blend(pic, _ellipse(u, v, 0.0, 0.74, 0.25, 0.06, scale), 0.3)                     # mouth
    _blend(pic, _ellipse(u, v, 0.0, 0.42, 0.12, 0.06, scale), 0.5)                     # nostrils
    return pic


def _render_photo(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """A printed face photo held up: paper near room temperature, a faint face pattern
    (dark ink absorbs room light: +0.1..0.6 °C), warmed where the fingers hold it."""
    h = rng.uniform(30.0, 55.0)
    w = h * rng.uniform(0.7, 0.85)
    row, col = rng.uniform(h / 2 - 5, SENSOR_ROWS - h / 2 + 5), rng.uniform(w / 2, IMAGE_COLS - w / 2)
    angle = rng.uniform(-0.25, 0.25)
    hold_angle = angle + rng.uniform(-0.4, 0.4)
    bottom = _to_pixel(row, col, angle, 1.0, rng.uniform(-0.3, 0.3) * w, h / 2)
    hand_size = rng.uniform(9.0, 15.0)
    palm_c = _skin_c(rng, ambient_c, 32.0, 35.2)
    if rng.random() < 0.85:
        _paint_hand(img, grid, rng, ambient_c, center=(bottom[0] + hand_size * 0.3, bottom[1]), size=hand_size,
                    angle=hold_angle, palm_c=palm_c)
    paper_c = ambient_c + rng.uniform(0.0, 1.5)
    u, v = _local(grid, row, col, angle, 1.0)
    paper = _box(u, v, -w / 2, w / 2, -h / 2, h / 2, 1.0)
    face_scale = w * rng.uniform(0.25, 0.33)
    fu, fv = _local(grid, row - h * 0.1, col, angle, face_scale)
    contrast = rng.uniform(0.1, 0.6)
    paper_t = paper_c + contrast * (1.0 - _face_albedo(fu, fv, face_scale))
    paper_t += rng.uniform(0.3, 1.5) * np.exp(-np.hypot(grid.rows - bottom[0], grid.cols - bottom[1]) / 6.0)
    _blend(img, paper, paper_t)
    thumb, t = _capsule(grid, (bottom[0] + 4, bottom[1] + 2), (bottom[0] - hand_size * 0.6, bottom[1] + 1),
                        0.2 * hand_size, 0.16 * hand_size)
    _blend(img, thumb, palm_c - 0.5 - 1.5 * t)


def _render_screen(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """A phone or tablet showing a face: a body a few degrees above ambient, a warmer
    processor spot, faint image structure (bright pixels a little warmer), a holding hand."""
    tablet = rng.random() < 0.35
    h = rng.uniform(50.0, 80.0) if tablet else rng.uniform(35.0, 60.0)
    w = h * (rng.uniform(0.7, 0.8) if tablet else rng.uniform(0.48, 0.56))
    row, col = rng.uniform(h / 2 - 5, SENSOR_ROWS - h / 2 + 5), rng.uniform(w / 2, IMAGE_COLS - w / 2)
    angle = rng.uniform(-0.3, 0.3)
    device_c = ambient_c + rng.uniform(2.0, 7.0)
    bottom = _to_pixel(row, col, angle, 1.0, 0.0, h / 2)
    hand_size = rng.uniform(10.0, 16.0)
    palm_c = _skin_c(rng, ambient_c, 32.0, 35.2)
    if rng.random() < 0.8:
        _paint_hand(img, grid, rng, ambient_c, center=(bottom[0] - hand_size * 0.2, bottom[1]), size=hand_size,
                    angle=angle + rng.uniform(-0.3, 0.3), palm_c=palm_c)
    u, v = _local(grid, row, col, angle, 1.0)
    body_t = device_c + rng.uniform(1.5, 6.0) * _gauss(u, v, rng.uniform(-0.2, 0.2) * w, -0.25 * h, 0.25 * w, 0.2 * h)
    _blend(img, _box(u, v, -w / 2, w / 2, -h / 2, h / 2, 1.0), body_t - 0.6)            # bezel
    display = _box(u, v, -w / 2 + 2, w / 2 - 2, -h / 2 + 3, h / 2 - 3, 1.0)
    face_scale = w * rng.uniform(0.25, 0.32)
    fu, fv = _local(grid, row - 0.05 * h, col, angle, face_scale)
    contrast = rng.uniform(0.15, 0.8)
    _blend(img, display, body_t + contrast * (_face_albedo(fu, fv, face_scale) - 0.5))
    for side in (-1.0, 1.0):  # fingers wrapped around the edges
        if rng.random() < 0.6:
            p0 = _to_pixel(row, col, angle, 1.0, side * (w / 2 + 3), rng.uniform(0.1, 0.4) * h)
            p1 = _to_pixel(row, col, angle, 1.0, side * (w / 2 - 3), rng.uniform(0.1, 0.4) * h)
            finger, _ = _capsule(grid, p0, p1, 2.2, 1.8)
            _blend(img, finger, palm_c - rng.uniform(0.5, 2.5))


# --------------------------------------------------------------------------------------
# Heat sources, pets
# --------------------------------------------------------------------------------------


def _render_hot_drink(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """A cup of hot drink (liquid 50..80 °C) on a table, faint steam, maybe a hand on it."""
    liquid_c = rng.uniform(50.0, 80.0)
    wall_c = ambient_c + rng.uniform(0.7, 0.9) * (liquid_c - ambient_c)
    table_row = rng.uniform(60, 95)
    _blend(img, _box(grid.cols, grid.rows, -10, 200, table_row, 200, 1.0), ambient_c + rng.uniform(-0.8, 0.3))
    half_w = rng.uniform(6.0, 14.0)
    height = half_w * rng.uniform(1.4, 2.2)
    col = rng.uniform(half_w + 10, IMAGE_COLS - half_w - 10)
    base_row = table_row + rng.uniform(2, 8)
    top_row = base_row - height
    u, v = grid.cols - col, grid.rows - top_row  # v: px below the rim
    taper = half_w - 0.15 * half_w * np.clip(v / height, 0, 1)
    body = _coverage(np.minimum(taper - np.abs(u), np.minimum(v, height - v)))
    plume = _coverage(half_w * 1.5 - np.abs(u)) * _coverage(-v) * np.exp(v / rng.uniform(8, 20))
    img += rng.uniform(1.0, 4.0) * plume * _sigmoid(-np.abs(u) / half_w * 3 + 2)        # rising warm air
    handle_side = math.copysign(1.0, rng.uniform(-1, 1))
    ring = np.hypot((u - handle_side * half_w) / (0.45 * half_w), (v - 0.4 * height) / (0.3 * height))
    _blend(img, _coverage(np.minimum(1.0 - ring, ring - 0.45) * 0.3 * half_w), wall_c - 3.0)
    _blend(img, body, wall_c - 0.25 * (liquid_c - ambient_c) * np.clip(v / height, 0, 1) ** 2)
    if rng.random() < 0.6:  # open cup: the liquid surface shows at the rim
        _blend(img, _ellipse(u, v, 0.0, 0.0, half_w, 0.3 * half_w, 1.0), liquid_c - rng.uniform(0.0, 3.0))
    if rng.random() < 0.45:
        _paint_hand(img, grid, rng, ambient_c, center=(top_row + height * 0.5, col - handle_side * (half_w + 6)),
                    size=rng.uniform(9, 14), angle=handle_side * math.pi / 2,
                    palm_c=_skin_c(rng, ambient_c, 32.5, 35.2))


def _render_lamp(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """A lamp: a very hot bulb (60..150 °C) with a warm halo, a warm shade, a stand."""
    bulb_c = rng.uniform(60.0, 150.0)
    row, col = rng.uniform(10, 75), rng.uniform(15, 105)
    if rng.random() < 0.7:  # desk / floor lamp stand
        base_row = rng.uniform(row + 25, 130)
        stand, t = _capsule(grid, (row + 4, col), (base_row, col + rng.uniform(-20, 20)), 1.5, 2.0)
        _blend(img, stand, ambient_c + rng.uniform(1.0, 5.0) * (1.0 - t))
    dist = np.hypot(grid.rows - row, grid.cols - col)
    img += rng.uniform(4.0, 18.0) * np.exp(-0.5 * (dist / rng.uniform(5.0, 12.0)) ** 2)  # heated surroundings
    if rng.random() < 0.6:  # shade above the bulb
        shade_w = rng.uniform(10, 20)
        u, v = grid.cols - col, grid.rows - row
        shade = _coverage(np.minimum(shade_w * (0.6 + 0.4 * np.clip((v + 12) / 12, 0, 1)) - np.abs(u),
                                     np.minimum(v + 14, 1.0 - v)))
        _blend(img, shade, ambient_c + rng.uniform(0.3, 0.6) * (bulb_c - ambient_c) * np.clip((v + 14) / 14, 0.3, 1))
    radius = rng.uniform(1.5, 4.5)
    _blend(img, _coverage(radius - dist), bulb_c - (bulb_c - ambient_c) * 0.1 * np.clip(dist / radius, 0, 1))


def _render_radiator(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """A radiator: a large warm panel (40..70 °C) with fins, hotter at the top, a warm
    plume above, a supply pipe."""
    panel_c = rng.uniform(40.0, 70.0)
    w, h = rng.uniform(40, 100), rng.uniform(25, 55)
    c0, r0 = rng.uniform(-20, IMAGE_COLS - w + 20), rng.uniform(25, SENSOR_ROWS - h + 10)
    u, v = grid.cols - c0, grid.rows - r0
    plume = _coverage(np.minimum(u, w - u)) * np.exp(np.clip(v, None, 0) / rng.uniform(10, 25)) * (v < 0)
    img += rng.uniform(2.0, 6.0) * plume
    pipe, _ = _capsule(grid, (r0 + h - 3, c0 + 3), (SENSOR_ROWS + 20, c0 + 3 + rng.uniform(-5, 5)), 1.8, 1.8)
    _blend(img, pipe, panel_c - 2.0)
    period = rng.uniform(4.0, 8.0)
    fins = 0.5 + 0.5 * np.cos(2 * math.pi * u / period)
    panel_t = panel_c + rng.uniform(2.0, 8.0) * (0.5 - np.clip(v / h, 0, 1)) - rng.uniform(2.0, 8.0) * fins
    _blend(img, _box(u, v, 0, w, 0, h, 1.0), panel_t)


def _render_pet(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """A cat or dog: fur 25..32 °C, thin-furred ears and open eyes 33..38 °C."""
    dog = rng.random() < 0.5
    fur_c = ambient_c + rng.uniform(0.3, 0.6) * (37.5 - ambient_c)
    eye_c = rng.uniform(35.5, 38.0) if rng.random() < 0.85 else fur_c + 1.0
    ear_c = rng.uniform(33.0, 37.0)
    if rng.random() < 0.5:  # close-up of the head looking at the camera, body below
        head = rng.uniform(12.0, 22.0)
        hr, hc = rng.uniform(head + 5, SENSOR_ROWS - head), rng.uniform(head + 5, IMAGE_COLS - head - 5)
        _blend(img, _capsule(grid, (hr + head, hc), (hr + 4 * head, hc + rng.uniform(-head, head)), 1.3 * head,
                             1.6 * head)[0], fur_c - 0.5)
    else:  # whole animal from the side, head at one end
        length = rng.uniform(18.0, 35.0)
        br, bc = rng.uniform(40, 90), rng.uniform(length + 5, IMAGE_COLS - length - 5)
        facing = math.copysign(1.0, rng.uniform(-1, 1))
        for dx in (-0.6, -0.4, 0.4, 0.6):  # legs
            leg, t = _capsule(grid, (br, bc + dx * length), (br + 0.9 * length, bc + dx * length),
                              0.14 * length, 0.11 * length)
            _blend(img, leg, fur_c - 1.5 * t)
        tail_root = (br - 0.1 * length, bc - facing * 0.9 * length)
        tail_tip = (br - rng.uniform(0.2, 1.0) * length, bc - facing * 1.6 * length)
        tail, t = _capsule(grid, tail_root, tail_tip, 0.09 * length, 0.05 * length)
        _blend(img, tail, fur_c - 2.0 * t)
        bu, bv = _local(grid, br, bc, rng.uniform(-0.15, 0.15), length)
        body = _ellipse(bu, bv, 0.0, 0.0, 1.0, 0.5, length)
        _blend(img, body, fur_c + 1.5 * _sigmoid((bv - 0.25) / 0.1) - 0.8 * _sigmoid((-bv - 0.3) / 0.1))
        head = 0.45 * length
        hr, hc = br - 0.45 * length, bc + facing * 0.95 * length
    u, v = _local(grid, hr, hc, rng.uniform(-0.3, 0.3), head)
    for side in (-1.0, 1.0):
        if dog and rng.random() < 0.6:  # floppy ears hanging at the sides
            ear = _ellipse(u, v, side * 0.85, 0.15, 0.3, 0.6, head)
            _blend(img, ear, fur_c + 0.5)
        else:  # upright, thin-furred ears (warm inside)
            base = _to_pixel(hr, hc, 0.0, head, side * 0.55, -0.6)
            tip = _to_pixel(hr, hc, 0.0, head, side * 0.8, -1.45)
            ear, t = _capsule(grid, base, tip, 0.3 * head, 0.05 * head)
            _blend(img, ear, fur_c + (ear_c - fur_c) * (1.0 - 0.6 * t))
    _blend(img, _ellipse(u, v, 0.0, 0.0, 1.0, 0.9, head), fur_c + 1.0 + 0.4 * _smooth_field(rng, (3, 3)))
    if dog:
        _blend(img, _ellipse(u, v, 0.0, 0.55, 0.45, 0.4, head), fur_c + 0.5)                   # muzzle
        nose_c = ambient_c + rng.uniform(2.0, 7.0)                                              # wet, cool nose
        if rng.random() < 0.35:  # panting: tongue out
            _blend(img, _ellipse(u, v, 0.0, 1.05, 0.17, 0.25, head), rng.uniform(34.5, 37.0))
    else:
        nose_c = rng.uniform(30.0, 34.0)
    _blend(img, _ellipse(u, v, 0.0, 0.45, 0.12, 0.08, head), nose_c)
    sigma = max(0.09, 0.9 / head)
    for side in (-1.0, 1.0):
        _blend(img, _gauss(u, v, side * 0.38, -0.05, 1.3 * sigma, sigma), eye_c)


def _render_empty(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """Nothing but the room (its structures are already painted); maybe a chair."""
    if rng.random() < 0.4:
        c0, r0 = rng.uniform(0, 90), rng.uniform(45, 80)
        chair_c = ambient_c + rng.uniform(-0.5, 1.5)
        _blend(img, _box(grid.cols, grid.rows, c0, c0 + rng.uniform(18, 30), r0, r0 + 8, 1.0), chair_c)
        _blend(img, _box(grid.cols, grid.rows, c0, c0 + 4, r0 - 25, r0 + 35, 1.0), chair_c - 0.3)


_FAKE_RENDERERS = {
    "photo": _render_photo,
    "screen": _render_screen,
    "hand": _render_hand,
    "arm": _render_arm,
    "torso": _render_torso,
    "back_of_head": _render_back_of_head,
    "hot_drink": _render_hot_drink,
    "lamp": _render_lamp,
    "radiator": _render_radiator,
    "pet": _render_pet,
    "empty": _render_empty,
}


# --------------------------------------------------------------------------------------
# Public renderers
# --------------------------------------------------------------------------------------


def _pick_kind(rng: np.random.Generator, weights: dict[str, float], kind: str | None, what: str) -> str:
    """``kind`` itself when given (validated), else one drawn with ``weights``."""
    if kind is not None:
        if kind not in weights:
            raise ValueError(f"unknown {what} kind {kind!r}; expected one of {tuple(weights)}")
        return kind
    names = tuple(weights)
    p = np.array([weights[n] for n in names], dtype=np.float64)
    return names[int(rng.choice(len(names), p=p / p.sum()))]


def _check_ambient(ambient_c: float) -> float:
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
    ambient = _check_ambient(ambient_c)
    kind = _pick_kind(rng, REAL_KIND_WEIGHTS, kind, "real")
    grid = _make_grid()
    img = _paint_room(rng, grid, ambient)
    people = _people_for_kind(rng, ambient, kind)
    for person in people:
        _paint_person(img, grid, person)
    frame = _apply_sensor(rng, img, ambient)
    return Scene(frame=frame, kind=kind, is_real=True, faces=tuple(_layout_of(p) for p in people))


def render_fake_scene(rng: np.random.Generator, ambient_c: float, kind: str | None = None) -> Scene:
    """Render a not-a-face frame (one of ``FAKE_KINDS``; drawn with ``FAKE_KIND_WEIGHTS``
    when ``kind`` is None) in a room at ``ambient_c`` °C.

    Returns a ``Scene`` whose ``frame`` has shape ``(110, 124)``, float64, °C.
    """
    ambient = _check_ambient(ambient_c)
    kind = _pick_kind(rng, FAKE_KIND_WEIGHTS, kind, "fake")
    grid = _make_grid()
    img = _paint_room(rng, grid, ambient)
    _FAKE_RENDERERS[kind](rng, grid, img, ambient)
    return Scene(frame=_apply_sensor(rng, img, ambient), kind=kind, is_real=False)


def render_real(rng: np.random.Generator, ambient_c: float, kind: str | None = None) -> np.ndarray:
    """A real-face sensor frame: shape ``(110, 124)``, float64, °C (see ``render_real_scene``)."""
    return render_real_scene(rng, ambient_c, kind).frame


def render_fake(rng: np.random.Generator, ambient_c: float, kind: str | None = None) -> np.ndarray:
    """A not-a-face sensor frame: shape ``(110, 124)``, float64, °C (see ``render_fake_scene``)."""
    return render_fake_scene(rng, ambient_c, kind).frame
