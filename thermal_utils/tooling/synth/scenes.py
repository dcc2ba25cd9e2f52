"""Synthetic thermal scenes as a face-temperature screening camera sees them: a real face
at arm's length, and the things such a camera must not mistake for one.

Every renderer returns one sensor frame of shape ``(SENSOR_ROWS, SENSOR_COLS) =
(110, 124)``, float64, in °C. Columns ``0..119`` are the image; columns ``120..123``
are shutter-masked pixels that read the camera's internal temperature (the camera uses
them for drift correction), so a model should only look at ``frame[:, :120]``.

How a scene is made:

1. a room background near the ambient temperature (16..30 °C: walls, a warmer ceiling,
   a window side, doors, shelves, a floor), with gentle gradients;
2. objects painted over it back to front (people, hands, photos, screens, cups, lamps,
   ...), each a soft anatomical or man-made shape carrying its own temperature field;
3. sensor effects: optical blur, vignetting towards the camera's internal temperature,
   the camera's fixed pattern (per pixel and per column), per-frame column offsets and
   temporal noise (NETD about 0.04..0.10 °C), then the masked columns.

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

All randomness comes from the ``numpy.random.Generator`` passed in: the same generator
state gives the same frame, and nothing is kept between calls (the camera's fixed
pattern is a constant of the module).
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


def _local(
    grid: _Grid, row: float, col: float, angle: float, scale: float
) -> tuple[np.ndarray, np.ndarray]:
    """Rotated, scaled coordinates ``(u, v)`` of every pixel around ``(row, col)``.

    ``u`` points right and ``v`` down in the object's own frame, rotated by ``angle``
    (radians, clockwise on screen) and measured in units of ``scale`` px.
    """
    dx = grid.cols - col
    dy = grid.rows - row
    c, s = math.cos(angle), math.sin(angle)
    return (c * dx + s * dy) / scale, (c * dy - s * dx) / scale


def _to_pixel(
    row: float, col: float, angle: float, scale: float, u: float, v: float
) -> tuple[float, float]:
    """Pixel position ``(row, col)`` of local point ``(u, v)`` (inverse of ``_local``)."""
    c, s = math.cos(angle), math.sin(angle)
    return row + scale * (s * u + c * v), col + scale * (c * u - s * v)


def _ellipse(
    u: np.ndarray,
    v: np.ndarray,
    cu: float,
    cv: float,
    au: float | np.ndarray,
    av: float,
    scale: float,
) -> np.ndarray:
    """Coverage of an ellipse centred at ``(cu, cv)`` with semi-axes ``au``, ``av`` (local units)."""
    r = np.sqrt(((u - cu) / au) ** 2 + ((v - cv) / av) ** 2)
    return _coverage((1.0 - r) * np.minimum(au, av) * scale)


def _box(
    u: np.ndarray, v: np.ndarray, u0: float, u1: float, v0: float, v1: float, scale: float
) -> np.ndarray:
    """Coverage of the axis-aligned box ``u0..u1`` x ``v0..v1`` (local units)."""
    inside = np.minimum(np.minimum(u - u0, u1 - u), np.minimum(v - v0, v1 - v))
    return _coverage(inside * scale)


def _gauss(u: np.ndarray, v: np.ndarray, cu: float, cv: float, su: float, sv: float) -> np.ndarray:
    """Unit-peak Gaussian bump centred at ``(cu, cv)`` with widths ``su``, ``sv`` (local units)."""
    return np.exp(-0.5 * (((u - cu) / su) ** 2 + ((v - cv) / sv) ** 2))


def _capsule(
    grid: _Grid, p0: tuple[float, float], p1: tuple[float, float], r0: float, r1: float
) -> tuple[np.ndarray, np.ndarray]:
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
    return (
        _upsample_matrix(SENSOR_ROWS, cells[0]) @ coarse @ _upsample_matrix(IMAGE_COLS, cells[1]).T
    )


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
        tmp += weight * padded[:, i : i + w]
    out = np.zeros((h, w))
    for i, weight in enumerate(k):
        out += weight * tmp[i : i + h, :]
    return out


_FIXED_PATTERN_SEED = 110_120


def _fixed_pattern() -> np.ndarray:
    """The camera's own fixed-pattern offsets, shape ``(110, 120)``, °C: per-pixel
    (sigma 0.04) plus per-column (sigma 0.06). The same camera shows the same pattern in
    every frame, so it comes from a fixed seed, not from the frame's generator."""
    rng = np.random.default_rng(_FIXED_PATTERN_SEED)
    return rng.normal(0.0, 0.04, size=(SENSOR_ROWS, IMAGE_COLS)) + rng.normal(
        0.0, 0.06, size=(1, IMAGE_COLS)
    )


_FPN = _fixed_pattern()
_FPN.setflags(write=False)


def _apply_sensor(rng: np.random.Generator, scene: np.ndarray, ambient_c: float) -> np.ndarray:
    """Turn a scene (``(110, 120)``, °C) into a sensor frame (``(110, 124)``, float64, °C).

    Optics blur the scene (sigma 0.5..1.0 px); vignetting pulls the corners 2..6 %
    towards the camera's internal temperature and leaves a residual of -0.5..+0.3 °C;
    the camera's fixed pattern (per pixel and per column, scaled 0.6..1.4 by the
    camera's temperature drift), per-frame column offsets (sigma 0.02..0.06 °C) and
    temporal noise (NETD, sigma 0.04..0.10 °C) follow. The masked columns read the
    camera's internal temperature, ambient + 3..8 °C.
    """
    grid_r = (np.arange(SENSOR_ROWS) - (SENSOR_ROWS - 1) / 2.0) / ((SENSOR_ROWS - 1) / 2.0)
    grid_c = (np.arange(IMAGE_COLS) - (IMAGE_COLS - 1) / 2.0) / ((IMAGE_COLS - 1) / 2.0)
    radial2 = 0.5 * (grid_r[:, None] ** 2 + grid_c[None, :] ** 2)
    internal_c = ambient_c + rng.uniform(3.0, 8.0)

    image = gaussian_blur(scene, rng.uniform(0.5, 1.0))
    image += (
        rng.uniform(0.02, 0.06) * radial2 * (internal_c - image) + rng.uniform(-0.5, 0.3) * radial2
    )
    image += rng.uniform(0.6, 1.4) * _FPN
    image += rng.normal(0.0, rng.uniform(0.02, 0.06), size=(1, IMAGE_COLS))
    image += rng.normal(0.0, rng.uniform(0.04, 0.10), size=image.shape)

    drift = rng.uniform(-0.05, 0.05) * grid_r[:, None]
    masked = (
        internal_c + drift + rng.normal(0.0, 0.03, size=(SENSOR_ROWS, SENSOR_COLS - IMAGE_COLS))
    )

    frame = np.concatenate([image, masked], axis=1)
    return np.clip(frame, MIN_OUTPUT_C, MAX_OUTPUT_C)


def render_blackbody(
    rng: np.random.Generator, setpoint_c: float = 35.0, cols: int = 16
) -> np.ndarray:
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
        raise ValueError(
            f"setpoint_c must be a finite temperature in -39..249 °C, got {setpoint_c}"
        )
    r = np.linspace(-0.5, 0.5, BLACKBODY_ROWS)[:, None]
    c = np.linspace(-0.5, 0.5, cols)[None, :]
    offset = rng.uniform(-0.1, 0.1)
    gradient = rng.uniform(-0.1, 0.1) * r + rng.uniform(-0.1, 0.1) * c
    noise = rng.normal(0.0, rng.uniform(0.02, 0.05), size=(BLACKBODY_ROWS, cols))
    return setpoint_c + offset + gradient + noise


# --------------------------------------------------------------------------------------
# Room background
# --------------------------------------------------------------------------------------


AMBIENT_RANGE_C = (16.0, 30.0)
"""Room temperatures the generator draws from (°C): a cold entrance hall to a hot summer day."""


def sample_ambient_c(rng: np.random.Generator) -> float:
    """A room temperature, °C, uniform in ``AMBIENT_RANGE_C`` (16..30)."""
    return float(rng.uniform(*AMBIENT_RANGE_C))


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


def _paint_room_structure(
    rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float
) -> None:
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
        _blend(
            img,
            _box(u, v, c0, c0 + w, rng.uniform(-5, 25), 200, 1.0),
            img.mean() + rng.uniform(-0.7, 0.7),
        )
    elif structure == 2:  # shelf, picture or cabinet
        c0, r0 = rng.uniform(-5, 100), rng.uniform(-5, 90)
        _blend(
            img,
            _box(u, v, c0, c0 + rng.uniform(8, 35), r0, r0 + rng.uniform(6, 30), 1.0),
            img.mean() + rng.uniform(-0.8, 0.8),
        )
    else:  # floor, slightly cooler
        _blend(
            img, _box(u, v, -10, 200, rng.uniform(80, 100), 200, 1.0), img - rng.uniform(0.3, 1.2)
        )


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


def _sample_person(
    rng: np.random.Generator,
    ambient_c: float,
    pose: _Pose,
    *,
    glasses: bool,
    mask: bool,
    facing_away: bool = False,
    beard: bool | None = None,
) -> _Person:
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
    return _Person(
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


_CANTHUS_U = 0.17
"""Inner eye corners sit at u = +-0.17 head half-widths (inter-canthal distance ~3 cm)."""

_EYE_U = 0.4
"""Centres of the eyes (pupils), u = +-0.4."""

_LENS_U = 0.4
"""Eyeglass lens centres sit at u = +-0.4, so the lenses cover the inner eye corners."""

_HEAD_TOP_V = -1.32
_CHIN_V = 1.28


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


def _head_half_width(v: np.ndarray) -> np.ndarray:
    """Half-width of the head outline at height ``v`` (head units): a rounded cranium,
    full cheekbones just below the eyes, a jaw tapering to a rounded chin."""
    top = np.sqrt(np.clip(1.0 - (np.clip(v, None, 0.0) / -_HEAD_TOP_V) ** 2, 0.0, None))
    vv = np.clip(v, 0.0, None) / _CHIN_V
    lower = (1.0 - 0.45 * vv**2) * np.sqrt(np.clip(1.0 - vv**6, 0.0, None))
    return np.where(v < 0.0, top, lower)


def _head_coverage(u: np.ndarray, v: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Head outline, top at v = -1.32, chin at v = 1.28.

    Returns ``(coverage, r)``, ``r`` being how far towards the silhouette a pixel lies
    (0 on the centre line, 1 on the outline).
    """
    au = _head_half_width(v)
    inside = np.minimum(au - np.abs(u), np.minimum(v - _HEAD_TOP_V, _CHIN_V - v) * 0.6)
    r = np.abs(u) / np.maximum(au, 1e-3)
    return _coverage(inside * scale), np.clip(r, 0.0, 1.0)


def _paint_body(img: np.ndarray, grid: _Grid, u: np.ndarray, v: np.ndarray, p: _Person) -> None:
    """Torso and arms in clothing, then the neck, in place (°C).

    Proportions in head half-widths: shoulders +-2.45 (x build) at v = 2.4..3, chest
    below; at arm's length only the neck and the top of the shoulders are in view.
    """
    s, width = p.pose.scale, 2.45 * p.build
    fold = p.fold_amp_c * np.sin(
        p.fold_freq * (u * math.cos(p.fold_angle) + v * math.sin(p.fold_angle)) + p.fold_angle
    )
    body = np.maximum(
        _ellipse(u, v, 0.0, 3.1, width, 1.0, s),
        _box(u, v, -0.97 * width, 0.97 * width, 3.1, 9.0, s),
    )
    cloth = (
        p.cloth_c
        + 0.6 * _gauss(u, v, 0.0, 2.2, 0.7, 0.5)
        - 0.6 * np.clip(np.abs(u) / width, 0, 1) ** 4
        + fold
    )
    _blend(img, body, cloth)
    if p.pose.row + 2.5 * s < SENSOR_ROWS:
        _paint_arms(img, grid, p, width)
    if p.v_neck and not p.facing_away:
        vee = _coverage((0.45 * (2.9 - v) - np.abs(u)) * s) * _box(u, v, -1.0, 1.0, 1.7, 2.9, s)
        _blend(img, vee, p.neck_c - 0.4)
    half = 0.45 + 0.25 * np.clip(v - 1.5, 0.0, None) ** 2  # the neck widens into the shoulders
    neck = _coverage((half - np.abs(u)) * s) * _box(u, v, -2.0, 2.0, 0.5, 2.35, s)
    neck_t = p.neck_c - 0.6 * np.clip(np.abs(u) / half, 0, 1) ** 2
    if not p.facing_away:
        neck_t = neck_t + 0.4 * _gauss(u, v, 0.0, 1.35, 0.3, 0.12)  # warm fold under the chin
    _blend(img, neck, neck_t)
    collar = _coverage((half + 0.12 - np.abs(u)) * s) * _box(u, v, -2.0, 2.0, 2.05, 2.3, s)
    _blend(img, collar, p.cloth_c + 0.5)


def _paint_arms(img: np.ndarray, grid: _Grid, p: _Person, width: float) -> None:
    """Arms hanging along the torso (sleeves a little cooler than the chest), in place (°C)."""
    q = p.pose
    for side in (-1.0, 1.0):
        shoulder = _to_pixel(q.row, q.col, q.roll, q.scale, side * (width - 0.45), 2.8)
        wrist = _to_pixel(q.row, q.col, q.roll, q.scale, side * (width + 0.1), 7.5)
        arm, t = _capsule(grid, shoulder, wrist, 0.55 * q.scale, 0.4 * q.scale)
        _blend(img, arm, p.cloth_c - 0.3 - 0.5 * t)


def _paint_face_skin(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: _Person) -> np.ndarray:
    """The head's skin with its facial temperature pattern, in place; returns head coverage.

    Warmest to coolest: inner canthi, the eyes and periorbital skin, temples, forehead,
    lips, neck-side cheeks, chin, nose tip (and ears, painted separately).
    """
    s, yaw = p.pose.scale, p.pose.yaw
    cy = max(math.cos(yaw), 0.3)
    head, r = _head_coverage(u, v, s)
    t = np.full(u.shape, p.skin_c)
    if p.facing_away:
        t -= p.limb_drop_c * r**6
        _blend(img, head, t)
        return head
    # low-contrast skin texture: a few smooth waves, different for each person
    a, b, c, d, e, f = p.texture
    t += 0.12 * np.sin(7.0 * u + 3.0 * a + 5.0 * b * v) * np.cos(6.0 * v + 3.0 * c)
    t += 0.08 * np.sin(13.0 * (u * d + v * e) + 4.0 * f)
    t += p.forehead_gain_c * _sigmoid((-0.3 - v) / 0.12) * (1.0 - 0.4 * r**2)
    uc = _feature_u(0.0, yaw, 0.9)
    for side in (-1.0, 1.0):
        fs = _foreshortening(side * 0.5, yaw)
        t += p.temple_gain_c * _gauss(
            u, v, _feature_u(side * 0.78, yaw), -0.35, 0.12 * fs + 0.02, 0.22
        )
        t -= p.cheek_drop_c * _gauss(
            u, v, _feature_u(side * 0.55, yaw), 0.5, 0.22 * fs + 0.02, 0.25
        )
        eu = _feature_u(side * _EYE_U, yaw, 0.93)
        ew = _foreshortening(side * _EYE_U, yaw)
        t += 0.5 * _gauss(u, v, eu, 0.0, 0.22 * ew + 0.02, 0.13)  # periorbital skin
        eye = _ellipse(u, v, eu, 0.0, 0.15 * ew + 0.01, 0.055, s)
        _blend(t, eye, p.eye_c)  # the eye itself
        # supratrochlear vessel running up the forehead from the inner brow
        vu = _feature_u(side * 0.13, yaw) + side * 0.08 * (-0.3 - v)
        t += (
            p.vessel_c
            * np.exp(-0.5 * ((u - vu) / 0.03) ** 2)
            * _box(u, v, -2, 2, -0.95, -0.32, 1.0)
        )
    # chin and jaw follow the room
    t -= p.chin_drop_c * _sigmoid((v - 1.0) / 0.08)
    # lips: a warm seam between closed lips, warm philtrum from exhaled air
    t += 0.3 * _gauss(u, v, _feature_u(0.0, yaw, 0.97), 0.62, 0.1 * cy, 0.06)
    t += 0.9 * _gauss(u, v, _feature_u(0.0, yaw, 0.97), 0.75, 0.26 * cy, 0.025)
    t += 0.3 * _gauss(u, v, _feature_u(0.0, yaw, 0.95), 0.78, 0.24 * cy, 0.08)
    # the nose: cools from the bridge (skin) to the tip (nose_c); nostril wings warmer
    nose_v = np.clip((v + 0.05) / 0.47, 0.0, 1.0)
    ridge_u = (
        _feature_u(0.0, yaw, 1.0) + (_feature_u(0.0, yaw, 1.3) - _feature_u(0.0, yaw, 1.0)) * nose_v
    )
    nose_w = (0.07 + 0.07 * nose_v) * cy + 0.03
    nose = (
        np.exp(-0.5 * ((u - ridge_u) / nose_w) ** 2)
        * _sigmoid((v + 0.05) / 0.04)
        * _sigmoid((0.54 - v) / 0.03)
    )
    _blend(t, nose, p.skin_c + (p.nose_c - p.skin_c) * nose_v**1.5)
    for side in (-1.0, 1.0):
        t += 0.5 * _gauss(u, v, _feature_u(side * 0.15, yaw, 1.05), 0.47, 0.05, 0.04)
    if p.beard_drop_c is not None:
        beard_top = 0.55 + 0.25 * np.clip(np.abs(u - uc) - 0.3, 0, None)
        beard = _coverage((v - beard_top) * s) * (1.0 - 0.8 * _gauss(u, v, uc, 0.74, 0.22, 0.05))
        moustache = _gauss(u, v, uc, 0.6, 0.25 * cy, 0.04)
        _blend(
            t,
            np.maximum(beard, moustache),
            p.skin_c - p.beard_drop_c + 0.3 * np.sin(40 * u) * np.sin(37 * v),
        )
    for side in (-1.0, 1.0):  # eyebrows: hair insulates, a cool arch above each eye
        bu = _feature_u(side * 0.4, yaw, 0.95)
        bw = _foreshortening(side * 0.4, yaw)
        arch = -0.25 - 0.05 * (1.0 - ((u - bu) / (0.26 * bw + 0.01)) ** 2)
        brow = _coverage(
            np.minimum(0.045 - np.abs(v - arch), 0.26 * bw + 0.01 - np.abs(u - bu)) * s
        )
        _blend(t, brow, p.skin_c - p.brow_drop_c)
    sigma = max(0.07, 1.4 / s)  # the warm inner corner spans about 1 cm
    for side, canthus_c in zip((-1.0, 1.0), p.canthus_c):
        width = sigma * _foreshortening(side * _CANTHUS_U, yaw)
        bump = _gauss(u, v, _feature_u(side * _CANTHUS_U, yaw, 0.9), 0.01, width, sigma)
        _blend(t, bump, canthus_c)
    t -= p.limb_drop_c * r**6  # grazing angle: lower emissivity at the silhouette
    _blend(img, head, t)
    if abs(math.sin(yaw)) > 0.55:  # in near-profile the nose sticks out of the outline
        tip_u = _feature_u(0.0, yaw, 1.3)
        side = math.copysign(1.0, yaw)
        out = _coverage(np.minimum(side * (tip_u - u), np.minimum(v + 0.05, 0.5 - v) * 0.6) * s)
        out *= _coverage((side * (u - _head_half_width(v) * side) + 0.02) * s)
        _blend(img, out, p.skin_c + (p.nose_c - p.skin_c) * nose_v)
    return head


def _paint_ears(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: _Person) -> None:
    """Ears at the sides of the head (the one turned away hides behind the head), in place.

    Ears are among the coolest skin: thin, far from the core, ambient-dependent."""
    s, yaw = p.pose.scale, p.pose.yaw
    for side in (-1.0, 1.0):
        if side * math.sin(yaw) > 0.25:
            continue
        cu = side * (math.cos(yaw) * 0.97 + 0.08)
        au = 0.12 + 0.15 * abs(math.sin(yaw))
        ear = _ellipse(u, v, cu, 0.1, au, 0.3, s)
        _blend(img, ear, p.ear_c + 0.8 * _gauss(u, v, cu - side * 0.05, 0.1, au * 0.5, 0.15))


def _paint_hair(
    img: np.ndarray, u: np.ndarray, v: np.ndarray, p: _Person, head: np.ndarray
) -> None:
    """Hair over the top of the head (and the back of the head when turned away), in place."""
    s, yaw = p.pose.scale, p.pose.yaw
    grow = 0.03 if p.hair_style == "bald" else 0.08
    region = _coverage(
        np.minimum(_head_half_width(v) + grow - np.abs(u), (v - _HEAD_TOP_V + grow) * 0.6) * s
    )
    if p.facing_away:
        nape = 0.85 if p.hair_style != "long" else 1.15  # long hair tied up
        alpha = np.maximum(region, head) * _coverage((nape - v) * s)
        depth_px = (nape - v) * s
    else:
        shift = 0.6 * math.sin(yaw)
        top = p.hairline_v + 0.3 * (u - shift) ** 2
        if p.hair_style != "bald":  # a slightly wavy hairline, hair down in front of the ears
            top = top + 0.03 * np.sin(9.0 * u + 2.0 * p.texture[0])
            sideburn = _sigmoid((np.abs(u - shift) - 0.82) / 0.04)
            top = top + (0.15 - top) * sideburn
        alpha = region * _coverage((top - v) * s)
        depth_px = (top - v) * s
        if abs(yaw) > 0.2:  # the back of the head shows on the side turned away
            back = -math.copysign(1.0, yaw) * u - 0.95 * math.cos(yaw)
            alpha = np.maximum(alpha, head * _coverage(back * s) * _coverage((0.45 - v) * s))
    hair_t = p.hair_c + (p.skin_c - p.hair_c) * 0.45 * np.exp(-np.clip(depth_px, 0, None) / 2.5)
    hair_t = hair_t + 0.25 * np.sin(25.0 * u + 3.0 * np.sin(11.0 * v)) * (p.hair_style != "bald")
    _blend(img, alpha, hair_t)


def _paint_long_hair_back(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: _Person) -> None:
    """Long hair falling behind the head down to the shoulders, in place."""
    s = p.pose.scale
    alpha = (
        _ellipse(u, v, 0.0, 0.7, 1.15, 1.7, s) * _coverage((2.3 - v) * s) * _coverage((v + 0.6) * s)
    )
    _blend(img, alpha, p.hair_c - 0.5 * np.clip(v, 0, None))


def _paint_glasses(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: _Person) -> None:
    """Eyeglasses: lenses opaque to long-wave IR (cold, sharp-edged), rims and temples, in place."""
    assert p.lens_c is not None
    s, yaw = p.pose.scale, p.pose.yaw
    rim_c = p.lens_c + 0.35 * (p.skin_c - p.lens_c)
    # a lens on the far side of a turned head hides behind the head's outline
    front = _coverage((_head_half_width(v) + 0.06 - np.abs(u)) * s)
    for side in (-1.0, 1.0):
        cu = _feature_u(side * _LENS_U, yaw, 1.02)
        narrow = _foreshortening(side * _LENS_U, yaw)
        rim = _ellipse(u, v, cu, 0.0, 0.34 * narrow + 0.01, 0.25, s) * front
        _blend(img, rim, rim_c)
        lens = _ellipse(u, v, cu, 0.0, 0.3 * narrow + 0.005, 0.21, s) * front
        _blend(img, lens, p.lens_c + 0.4 * _sigmoid((v - 0.05) / 0.08))
        outer = _feature_u(side * 0.74, yaw, 0.8)
        ear_u = side * math.cos(yaw)
        lo, hi = min(outer, ear_u), max(outer, ear_u)
        if side * math.sin(yaw) < 0.25:
            _blend(img, _box(u, v, lo, hi, -0.1, -0.05, s), rim_c)
    bridge = _feature_u(0.0, yaw, 1.1)
    _blend(img, _box(u, v, bridge - 0.1, bridge + 0.1, -0.1, -0.04, s), rim_c)


def _paint_mask(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: _Person) -> None:
    """A face mask over nose, mouth and chin: cool fabric with a warm breath edge, in place."""
    assert p.mask_c is not None
    s, yaw = p.pose.scale, p.pose.yaw
    top = 0.22 + 0.12 * u**2
    outline = _head_half_width(v - 0.05) + 0.03 - np.abs(u - 0.15 * math.sin(yaw))
    alpha = _coverage(np.minimum(outline, (1.4 - v) * 0.6) * s) * _coverage((v - top) * s)
    above_edge = np.clip(v - top, 0, None)
    mask_t = (
        p.mask_c
        + p.breath_c * np.exp(-above_edge / 0.1)
        + 0.7 * _gauss(u, v, _feature_u(0, yaw), 0.75, 0.3, 0.2)
    )
    mask_t = mask_t + 0.15 * np.sin(30.0 * v)  # pleats
    _blend(img, alpha, mask_t)
    for side in (-1.0, 1.0):
        if side * math.sin(yaw) < 0.25:
            strap_u = side * 0.97 * math.cos(yaw)
            _blend(
                img,
                _box(u, v, min(strap_u, side * 0.8), max(strap_u, side * 0.8), 0.25, 0.31, s),
                p.mask_c,
            )


def _paint_person(img: np.ndarray, grid: _Grid, p: _Person) -> np.ndarray:
    """Paint a person (torso, neck, head, ears, face, hair, accessories) into ``img`` (°C);
    returns the head's coverage (hair included), shape ``(110, 120)``."""
    q = p.pose
    u, v = _local(grid, q.row, q.col, q.roll, q.scale)
    _paint_body(img, grid, u, v, p)
    if p.hair_style == "long" and not p.facing_away:
        _paint_long_hair_back(img, u, v, p)
    head = _paint_face_skin(img, u, v, p)
    if p.hair_style != "long" or p.facing_away:
        _paint_ears(img, u, v, p)
    _paint_hair(img, u, v, p, head)
    if not p.facing_away:
        if p.mask_c is not None:
            _paint_mask(img, u, v, p)
        if p.lens_c is not None:
            _paint_glasses(img, u, v, p)
    return head


def _layout_of(p: _Person, area_fraction: float) -> FaceLayout:
    """Pixel positions of the landmarks of a person's face."""
    q = p.pose

    def at(u: float, v: float) -> tuple[float, float]:
        return _to_pixel(q.row, q.col, q.roll, q.scale, u, v)

    canthi = (
        at(_feature_u(-_CANTHUS_U, q.yaw, 0.9), 0.01),
        at(_feature_u(_CANTHUS_U, q.yaw, 0.9), 0.01),
    )
    lenses = None
    if p.lens_c is not None:
        lenses = (
            at(_feature_u(-_LENS_U, q.yaw, 1.02), 0.0),
            at(_feature_u(_LENS_U, q.yaw, 1.02), 0.0),
        )
    return FaceLayout(
        center_rc=(q.row, q.col),
        half_width_px=q.scale,
        roll_rad=q.roll,
        yaw_rad=q.yaw,
        canthi_rc=canthi,
        forehead_rc=at(_feature_u(0.0, q.yaw, 0.9), -0.4),
        mouth_rc=at(_feature_u(0.0, q.yaw, 0.97), 0.75),
        nose_tip_rc=at(_feature_u(0.0, q.yaw, 1.3), 0.45),
        cheek_rc=(at(_feature_u(-0.55, q.yaw), 0.5), at(_feature_u(0.55, q.yaw), 0.5)),
        lens_rc=lenses,
        mask=p.mask_c is not None,
        area_fraction=area_fraction,
    )


def _pose_close(rng: np.random.Generator, scale: float, yaw: float, *, cut: float = 0.0) -> _Pose:
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
    return _Pose(row=row, col=col, scale=scale, roll=rng.uniform(-0.1, 0.1), yaw=yaw)


def _pose_back(rng: np.random.Generator, scale: float, yaw: float, lo: float, hi: float) -> _Pose:
    """A head further from the camera, whole head in the frame, centre column in ``lo..hi``."""
    col = rng.uniform(
        max(lo, 1.1 * scale + 1),
        max(min(hi, IMAGE_COLS - 1.1 * scale - 1), max(lo, 1.1 * scale + 1)),
    )
    row = rng.uniform(1.4 * scale + 2, max(1.4 * scale + 2.5, SENSOR_ROWS - 2.6 * scale))
    return _Pose(row=row, col=col, scale=scale, roll=rng.uniform(-0.15, 0.15), yaw=yaw)


def _arm_length_scale(rng: np.random.Generator) -> float:
    """Head half-width at arm's length, px: the head covers about 30..90 % of the frame."""
    return float(rng.uniform(34.0, 45.0))


def _people_for_kind(rng: np.random.Generator, ambient_c: float, kind: str) -> list[_Person]:
    """The people of a real-face scene, farthest first (painter's order)."""

    def extras() -> dict[str, bool]:
        return {"glasses": bool(rng.random() < 0.2), "mask": bool(rng.random() < 0.08)}

    if kind == "frontal":
        pose = _pose_close(rng, _arm_length_scale(rng), rng.uniform(-0.2, 0.2))
        return [_sample_person(rng, ambient_c, pose, glasses=False, mask=False)]
    if kind == "glasses":
        pose = _pose_close(rng, _arm_length_scale(rng), rng.uniform(-0.35, 0.35))
        return [_sample_person(rng, ambient_c, pose, glasses=True, mask=bool(rng.random() < 0.1))]
    if kind == "mask":
        pose = _pose_close(rng, _arm_length_scale(rng), rng.uniform(-0.35, 0.35))
        return [_sample_person(rng, ambient_c, pose, glasses=bool(rng.random() < 0.2), mask=True)]
    if kind == "beard":
        pose = _pose_close(rng, _arm_length_scale(rng), rng.uniform(-0.4, 0.4))
        return [
            _sample_person(
                rng, ambient_c, pose, glasses=bool(rng.random() < 0.2), mask=False, beard=True
            )
        ]
    if kind == "turned":
        yaw = math.copysign(rng.uniform(0.4, 1.05), rng.uniform(-1, 1))
        pose = _pose_close(rng, _arm_length_scale(rng), yaw)
        return [_sample_person(rng, ambient_c, pose, **extras())]
    if kind == "edge":
        pose = _pose_close(rng, rng.uniform(38.0, 45.0), rng.uniform(-0.3, 0.3), cut=0.22)
        return [_sample_person(rng, ambient_c, pose, **extras())]
    if kind == "further_back":
        pose = _pose_back(
            rng, rng.uniform(23.0, 30.0), rng.uniform(-0.5, 0.5), 30.0, IMAGE_COLS - 30.0
        )
        return [_sample_person(rng, ambient_c, pose, **extras())]
    if kind == "two_people":
        left = bool(rng.random() < 0.5)
        far_pose = _pose_back(
            rng,
            rng.uniform(14.0, 19.0),
            rng.uniform(-0.5, 0.5),
            *((0.0, 40.0) if left else (80.0, IMAGE_COLS)),
        )
        near_scale = rng.uniform(26.0, 32.0)
        near = _pose_close(rng, near_scale, rng.uniform(-0.4, 0.4))
        col = (
            IMAGE_COLS - near_scale * rng.uniform(0.8, 1.1)
            if left
            else near_scale * rng.uniform(0.8, 1.1)
        )
        near = _Pose(near.row, col, near.scale, near.roll, near.yaw)
        return [
            _sample_person(rng, ambient_c, far_pose, **extras()),
            _sample_person(rng, ambient_c, near, **extras()),
        ]
    raise ValueError(f"unknown real kind {kind!r}; expected one of {REAL_KINDS}")


# --------------------------------------------------------------------------------------
# Body parts (hard negatives)
# --------------------------------------------------------------------------------------


def _skin_c(rng: np.random.Generator, ambient_c: float, lo: float, hi: float) -> float:
    """Skin temperature of hands and arms, °C: colder rooms give colder extremities."""
    return float(np.clip(rng.uniform(lo, hi) + 0.15 * (ambient_c - 22.5), 29.0, 35.8))


def _paint_hand(
    img: np.ndarray,
    grid: _Grid,
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
        arm, t = _capsule(
            grid, (r0 - up[0] * size * 0.6, c0 - up[1] * size * 0.6), end, 0.4 * size, 0.52 * size
        )
        _blend(img, arm, palm_c - 0.4 - 0.5 * t)
        if rng.random() < 0.5:
            cuff = rng.uniform(1.5, 4.0)
            cuff_at = (r0 - up[0] * size * cuff, c0 - up[1] * size * cuff)
            sleeve, _ = _capsule(grid, cuff_at, end, 0.6 * size, 0.7 * size)
            _blend(img, sleeve, ambient_c + rng.uniform(0.4, 0.75) * (33.0 - ambient_c))
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


def _render_torso(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """A person standing too close or too tall: neck, shoulders and chest, the head above
    the frame (nothing of the face in view)."""
    scale = rng.uniform(28.0, 42.0)
    row = -rng.uniform(1.35, 1.7) * scale
    pose = _Pose(
        row=row, col=rng.uniform(40, 80), scale=scale, roll=rng.uniform(-0.2, 0.2), yaw=0.0
    )
    person = _sample_person(rng, ambient_c, pose, glasses=False, mask=False)
    if person.hair_style == "long":  # long hair would hang into view like a head
        person = dataclasses.replace(person, hair_style="short")
    _paint_person(img, grid, person)
    if rng.random() < 0.5:  # hands in front of the chest
        _paint_hand(
            img,
            grid,
            rng,
            ambient_c,
            center=(rng.uniform(70, 100), rng.uniform(30, 90)),
            size=scale * 0.45,
            angle=rng.uniform(-1.5, 1.5),
            palm_c=_skin_c(rng, ambient_c, 32.5, 35.0),
        )


def _render_back_of_head(
    rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float
) -> None:
    """A person at arm's length facing away: hair over the whole head, ears, the back of
    the neck and shoulders; no face."""
    pose = _pose_close(rng, rng.uniform(30.0, 44.0), 0.0)
    person = _sample_person(rng, ambient_c, pose, glasses=False, mask=False, facing_away=True)
    if person.hair_style == "bald":
        person = dataclasses.replace(person, hair_style="short")
    _paint_person(img, grid, person)


def _render_mannequin(
    rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float
) -> None:
    """A mannequin head or a rigid face mask held up at arm's length: the shape of a head
    and face, but one uniform material near room temperature (a little warmer where a
    hand holds it or a lamp warmed it); no warm eye corners, no breath, no warm neck."""
    pose = _pose_close(rng, _arm_length_scale(rng), rng.uniform(-0.4, 0.4))
    q = pose
    u, v = _local(grid, q.row, q.col, q.roll, q.scale)
    s = q.scale
    base = ambient_c + rng.uniform(0.2, 2.5)
    if rng.random() < 0.6:  # the stand or the neck and shoulders of the bust
        half = 0.45 + 0.25 * np.clip(v - 1.5, 0.0, None) ** 2
        _blend(img, _coverage((half - np.abs(u)) * s) * _box(u, v, -3, 3, 0.5, 9.0, s), base - 0.3)
    head, r = _head_coverage(u, v, s)
    t = base + rng.uniform(0.2, 0.8) * _sigmoid((-0.3 - v) / 0.2) - rng.uniform(0.3, 0.8) * r**4
    nose_u = _feature_u(0.0, q.yaw, 1.3)
    t -= rng.uniform(0.1, 0.5) * _gauss(
        u, v, nose_u, 0.3, 0.1, 0.18
    )  # the nose stands out, a little cooler
    for side in (
        -1.0,
        1.0,
    ):  # shallow eye sockets read a touch warmer (less surface, more enclosure)
        t += rng.uniform(0.1, 0.4) * _gauss(
            u, v, _feature_u(side * _EYE_U, q.yaw, 0.93), 0.0, 0.15, 0.08
        )
    _blend(img, head, t)
    if rng.random() < 0.5:  # a wig
        wig_c = ambient_c + rng.uniform(0.0, 0.8)
        region = _coverage(
            np.minimum(_head_half_width(v) + 0.08 - np.abs(u), (v - _HEAD_TOP_V + 0.08) * 0.6) * s
        )
        _blend(img, region * _coverage((rng.uniform(-0.75, -0.5) + 0.3 * u**2 - v) * s), wig_c)
    if rng.random() < 0.5:  # held by a warm hand at the side or below
        side = math.copysign(1.0, rng.uniform(-1, 1))
        center = _to_pixel(q.row, q.col, q.roll, s, side * 1.0, rng.uniform(0.3, 1.0))
        _paint_hand(
            img,
            grid,
            rng,
            ambient_c,
            center=center,
            size=rng.uniform(12.0, 18.0),
            angle=-side * rng.uniform(1.0, 1.6),
            palm_c=_skin_c(rng, ambient_c, 32.5, 35.2),
        )


def _render_hand(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """A hand held up to the camera (palm or back), with its forearm running off the frame."""
    size = rng.uniform(20.0, 32.0)
    center = (rng.uniform(40, 75), rng.uniform(35, 85))
    angle = rng.uniform(-0.8, 0.8) + (math.pi if rng.random() < 0.15 else 0.0)
    _paint_hand(
        img,
        grid,
        rng,
        ambient_c,
        center=center,
        size=size,
        angle=angle,
        palm_c=_skin_c(rng, ambient_c, 33.0, 36.0),
    )


def _render_arm(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """A forearm (and maybe an upper arm) crossing the frame close up; warmer inner wrist; a sleeve."""
    skin = _skin_c(rng, ambient_c, 32.3, 35.0)
    start = (rng.uniform(-10, 120), -25.0) if rng.random() < 0.5 else (135.0, rng.uniform(-10, 130))
    elbow = (rng.uniform(30, 80), rng.uniform(30, 90))
    radius = rng.uniform(11.0, 20.0)
    upper, t = _capsule(grid, start, elbow, radius * 1.2, radius)
    if rng.random() < 0.6:
        _blend(img, upper, ambient_c + rng.uniform(0.3, 0.6) * (33.0 - ambient_c) + 0.5 * t)
    else:
        _blend(img, upper, skin - 0.3 + 0.2 * t)
    ang = rng.uniform(0, 2 * math.pi)
    length = rng.uniform(45, 75)
    wrist = (elbow[0] + length * math.sin(ang), elbow[1] + length * math.cos(ang))
    fore, t = _capsule(grid, elbow, wrist, radius, radius * 0.7)
    _blend(img, fore, skin - 0.2 + 0.5 * np.exp(-0.5 * ((t - 0.85) / 0.1) ** 2))  # warm inner wrist
    if rng.random() < 0.5:
        fingers_angle = math.atan2(wrist[1] - elbow[1], -(wrist[0] - elbow[0]))
        hand_size = radius * 1.3
        center = (
            wrist[0] - math.cos(fingers_angle) * hand_size * 0.7,
            wrist[1] + math.sin(fingers_angle) * hand_size * 0.7,
        )
        _paint_hand(
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


# --------------------------------------------------------------------------------------
# Spoofs: photo and screen
# --------------------------------------------------------------------------------------


def _face_albedo(u: np.ndarray, v: np.ndarray, scale: float) -> np.ndarray:
    """Visible-light brightness (0 dark .. 1 light) of a face picture, local coordinates as
    for a head; shape like ``u``."""
    pic = np.full(u.shape, 0.75)
    _blend(pic, _ellipse(u, v, 0.0, 3.0, 2.3, 1.2, scale), 0.35)  # clothes
    _blend(pic, _box(u, v, -0.45, 0.45, 0.8, 2.1, scale), 0.65)  # neck
    head, _ = _head_coverage(u, v, scale)
    _blend(pic, head, 0.7)
    hair = _coverage(
        np.minimum(_head_half_width(v) + 0.08 - np.abs(u), (v - _HEAD_TOP_V + 0.08) * 0.6) * scale
    )
    _blend(pic, hair * _coverage((-0.6 + 0.3 * u**2 - v) * scale), 0.15)
    for side in (-1.0, 1.0):
        _blend(pic, _ellipse(u, v, side * _EYE_U, 0.0, 0.15, 0.06, scale), 0.15)  # eyes
        lo, hi = sorted((side * 0.16, side * 0.62))
        _blend(pic, _box(u, v, lo, hi, -0.3, -0.24, scale), 0.25)  # brows
    _blend(pic, _ellipse(u, v, 0.0, 0.75, 0.25, 0.05, scale), 0.3)  # mouth
    _blend(pic, _ellipse(u, v, 0.0, 0.45, 0.13, 0.06, scale), 0.5)  # nostrils
    return pic


def _render_photo(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """A printed face photo held up at arm's length: paper at room temperature with a faint
    face pattern (dark ink absorbs room light: +0.1..0.6 °C), sharp paper edges, warmed
    where the warm fingers hold it."""
    h = rng.uniform(75.0, 115.0)
    w = h * rng.uniform(0.7, 0.85)
    row = rng.uniform(SENSOR_ROWS / 2 - 10, SENSOR_ROWS / 2 + 10)
    col = rng.uniform(IMAGE_COLS / 2 - 15, IMAGE_COLS / 2 + 15)
    angle = rng.uniform(-0.2, 0.2)
    palm_c = _skin_c(rng, ambient_c, 32.0, 35.2)
    if rng.random() < 0.5:  # the person holding it, behind: clothing near ambient
        _blend(
            img,
            _box(grid.cols, grid.rows, -10, 200, row + rng.uniform(0, 30), 200, 1.0),
            ambient_c + rng.uniform(0.15, 0.45) * (33.0 - ambient_c),
        )
    paper_c = ambient_c + rng.uniform(-0.3, 1.2)
    u, v = _local(grid, row, col, angle, 1.0)
    paper = _box(u, v, -w / 2, w / 2, -h / 2, h / 2, 1.0)
    face_scale = w * rng.uniform(0.26, 0.34)
    fu, fv = _local(grid, row - h * 0.08, col + rng.uniform(-0.05, 0.05) * w, angle, face_scale)
    contrast = rng.uniform(0.1, 0.6)
    paper_t = paper_c + contrast * (1.0 - _face_albedo(fu, fv, face_scale))
    holds = []
    for side in (-1.0, 1.0):
        if rng.random() < 0.7 or not holds:
            holds.append(_to_pixel(row, col, angle, 1.0, side * w / 2, rng.uniform(-0.1, 0.4) * h))
    for at in holds:
        paper_t = paper_t + rng.uniform(0.3, 1.5) * np.exp(
            -np.hypot(grid.rows - at[0], grid.cols - at[1]) / 7.0
        )
    _blend(img, paper, paper_t)
    for at in holds:  # thumbs over the paper edge, fingers behind
        side = math.copysign(1.0, at[1] - col)
        thumb, t = _capsule(
            grid, (at[0] + 3, at[1] + side * 9), (at[0] - 2, at[1] - side * 6), 4.5, 3.5
        )
        _blend(img, thumb, palm_c - 0.3 - 1.5 * t)
        palm, _ = _capsule(
            grid, (at[0] + 6, at[1] + side * 14), (at[0] + 30, at[1] + side * 24), 8.0, 9.0
        )
        _blend(img, palm, palm_c - 0.4)


def _render_screen(
    rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float
) -> None:
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
    bottom = _to_pixel(row, col, angle, 1.0, 0.0, h / 2)
    hand_size = rng.uniform(14.0, 22.0)
    palm_c = _skin_c(rng, ambient_c, 32.0, 35.2)
    if rng.random() < 0.8:
        _paint_hand(
            img,
            grid,
            rng,
            ambient_c,
            center=(bottom[0] - hand_size * 0.2, bottom[1]),
            size=hand_size,
            angle=angle + rng.uniform(-0.3, 0.3),
            palm_c=palm_c,
        )
    u, v = _local(grid, row, col, angle, 1.0)
    body_t = device_c + rng.uniform(0.5, 2.0) * _gauss(
        u, v, rng.uniform(-0.2, 0.2) * w, -0.25 * h, 0.3 * w, 0.25 * h
    )
    _blend(
        img, _box(u, v, -w / 2, w / 2, -h / 2, h / 2, 1.0), body_t - rng.uniform(1.0, 2.5)
    )  # bezel, case
    display = _box(u, v, -w / 2 + 2, w / 2 - 2, -h / 2 + 4, h / 2 - 4, 1.0)
    face_scale = w * rng.uniform(0.26, 0.33)
    fu, fv = _local(grid, row - 0.05 * h, col, angle, face_scale)
    contrast = rng.uniform(0.15, 0.7)
    _blend(img, display, body_t + contrast * (_face_albedo(fu, fv, face_scale) - 0.5))
    for side in (-1.0, 1.0):  # fingers wrapped around the edges
        if rng.random() < 0.6:
            p0 = _to_pixel(row, col, angle, 1.0, side * (w / 2 + 4), rng.uniform(0.1, 0.4) * h)
            p1 = _to_pixel(row, col, angle, 1.0, side * (w / 2 - 4), rng.uniform(0.1, 0.4) * h)
            finger, _ = _capsule(grid, p0, p1, 3.2, 2.6)
            _blend(img, finger, palm_c - rng.uniform(0.5, 2.5))


# --------------------------------------------------------------------------------------
# Heat sources, pets
# --------------------------------------------------------------------------------------


def _render_hot_drink(
    rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float
) -> None:
    """A cup of hot drink (liquid 50..80 °C) on a table, faint steam, maybe a hand on it."""
    liquid_c = rng.uniform(50.0, 80.0)
    wall_c = ambient_c + rng.uniform(0.7, 0.9) * (liquid_c - ambient_c)
    table_row = rng.uniform(60, 95)
    _blend(
        img,
        _box(grid.cols, grid.rows, -10, 200, table_row, 200, 1.0),
        ambient_c + rng.uniform(-0.8, 0.3),
    )
    half_w = rng.uniform(6.0, 14.0)
    height = half_w * rng.uniform(1.4, 2.2)
    col = rng.uniform(half_w + 10, IMAGE_COLS - half_w - 10)
    base_row = table_row + rng.uniform(2, 8)
    top_row = base_row - height
    u, v = grid.cols - col, grid.rows - top_row  # v: px below the rim
    taper = half_w - 0.15 * half_w * np.clip(v / height, 0, 1)
    body = _coverage(np.minimum(taper - np.abs(u), np.minimum(v, height - v)))
    plume = _coverage(half_w * 1.5 - np.abs(u)) * _coverage(-v) * np.exp(v / rng.uniform(8, 20))
    img += rng.uniform(1.0, 4.0) * plume * _sigmoid(-np.abs(u) / half_w * 3 + 2)  # rising warm air
    handle_side = math.copysign(1.0, rng.uniform(-1, 1))
    ring = np.hypot(
        (u - handle_side * half_w) / (0.45 * half_w), (v - 0.4 * height) / (0.3 * height)
    )
    _blend(img, _coverage(np.minimum(1.0 - ring, ring - 0.45) * 0.3 * half_w), wall_c - 3.0)
    _blend(img, body, wall_c - 0.25 * (liquid_c - ambient_c) * np.clip(v / height, 0, 1) ** 2)
    if rng.random() < 0.6:  # open cup: the liquid surface shows at the rim
        _blend(
            img,
            _ellipse(u, v, 0.0, 0.0, half_w, 0.3 * half_w, 1.0),
            liquid_c - rng.uniform(0.0, 3.0),
        )
    if rng.random() < 0.45:
        _paint_hand(
            img,
            grid,
            rng,
            ambient_c,
            center=(top_row + height * 0.5, col - handle_side * (half_w + 6)),
            size=rng.uniform(9, 14),
            angle=handle_side * math.pi / 2,
            palm_c=_skin_c(rng, ambient_c, 32.5, 35.2),
        )


def _render_lamp(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
    """A lamp: a very hot bulb (55..110 °C) with a warm halo, a warm shade, a stand."""
    bulb_c = rng.uniform(55.0, 110.0)
    row, col = rng.uniform(10, 75), rng.uniform(15, 105)
    if rng.random() < 0.7:  # desk / floor lamp stand
        base_row = rng.uniform(row + 25, 130)
        stand, t = _capsule(grid, (row + 4, col), (base_row, col + rng.uniform(-20, 20)), 1.5, 2.0)
        _blend(img, stand, ambient_c + rng.uniform(1.0, 5.0) * (1.0 - t))
    dist = np.hypot(grid.rows - row, grid.cols - col)
    img += rng.uniform(4.0, 18.0) * np.exp(
        -0.5 * (dist / rng.uniform(5.0, 12.0)) ** 2
    )  # heated surroundings
    if rng.random() < 0.6:  # shade above the bulb
        shade_w = rng.uniform(10, 20)
        u, v = grid.cols - col, grid.rows - row
        shade = _coverage(
            np.minimum(
                shade_w * (0.6 + 0.4 * np.clip((v + 12) / 12, 0, 1)) - np.abs(u),
                np.minimum(v + 14, 1.0 - v),
            )
        )
        _blend(
            img,
            shade,
            ambient_c
            + rng.uniform(0.3, 0.6) * (bulb_c - ambient_c) * np.clip((v + 14) / 14, 0.3, 1),
        )
    radius = rng.uniform(1.5, 4.5)
    _blend(
        img,
        _coverage(radius - dist),
        bulb_c - (bulb_c - ambient_c) * 0.1 * np.clip(dist / radius, 0, 1),
    )


def _render_radiator(
    rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float
) -> None:
    """A radiator: a large warm panel (40..70 °C) with fins, hotter at the top, a warm
    plume above, a supply pipe."""
    panel_c = rng.uniform(40.0, 70.0)
    w, h = rng.uniform(40, 100), rng.uniform(25, 55)
    c0, r0 = rng.uniform(-20, IMAGE_COLS - w + 20), rng.uniform(25, SENSOR_ROWS - h + 10)
    u, v = grid.cols - c0, grid.rows - r0
    plume = (
        _coverage(np.minimum(u, w - u))
        * np.exp(np.clip(v, None, 0) / rng.uniform(10, 25))
        * (v < 0)
    )
    img += rng.uniform(2.0, 6.0) * plume
    pipe, _ = _capsule(
        grid, (r0 + h - 3, c0 + 3), (SENSOR_ROWS + 20, c0 + 3 + rng.uniform(-5, 5)), 1.8, 1.8
    )
    _blend(img, pipe, panel_c - 2.0)
    period = rng.uniform(4.0, 8.0)
    fins = 0.5 + 0.5 * np.cos(2 * math.pi * u / period)
    panel_t = (
        panel_c
        + rng.uniform(2.0, 8.0) * (0.5 - np.clip(v / h, 0, 1))
        - rng.uniform(2.0, 8.0) * fins
    )
    _blend(img, _box(u, v, 0, w, 0, h, 1.0), panel_t)


def _render_pet(rng: np.random.Generator, grid: _Grid, img: np.ndarray, ambient_c: float) -> None:
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
        _blend(
            img,
            _capsule(
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
            leg, t = _capsule(
                grid,
                (br, bc + dx * length),
                (br + 0.9 * length, bc + dx * length),
                0.14 * length,
                0.11 * length,
            )
            _blend(img, leg, fur_c - 1.5 * t)
        tail_root = (br - 0.1 * length, bc - facing * 0.9 * length)
        tail_tip = (br - rng.uniform(0.2, 1.0) * length, bc - facing * 1.6 * length)
        tail, t = _capsule(grid, tail_root, tail_tip, 0.09 * length, 0.05 * length)
        _blend(img, tail, fur_c - 2.0 * t)
        bu, bv = _local(grid, br, bc, rng.uniform(-0.15, 0.15), length)
        body = _ellipse(bu, bv, 0.0, 0.0, 1.0, 0.5, length)
        _blend(
            img, body, fur_c + 1.5 * _sigmoid((bv - 0.25) / 0.1) - 0.8 * _sigmoid((-bv - 0.3) / 0.1)
        )
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
    _blend(
        img,
        _ellipse(u, v, 0.0, 0.0, 1.0, 0.9, head),
        fur_c + 1.0 + 0.4 * _smooth_field(rng, (3, 3)),
    )
    if dog:
        _blend(img, _ellipse(u, v, 0.0, 0.55, 0.45, 0.4, head), fur_c + 0.5)  # muzzle
        nose_c = ambient_c + rng.uniform(2.0, 7.0)  # wet, cool nose
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
        _blend(
            img, _box(grid.cols, grid.rows, c0, c0 + rng.uniform(18, 30), r0, r0 + 8, 1.0), chair_c
        )
        _blend(img, _box(grid.cols, grid.rows, c0, c0 + 4, r0 - 25, r0 + 35, 1.0), chair_c - 0.3)


_FAKE_RENDERERS = {
    "photo": _render_photo,
    "screen": _render_screen,
    "hand": _render_hand,
    "arm": _render_arm,
    "torso": _render_torso,
    "back_of_head": _render_back_of_head,
    "mannequin": _render_mannequin,
    "hot_drink": _render_hot_drink,
    "lamp": _render_lamp,
    "radiator": _render_radiator,
    "pet": _render_pet,
    "empty": _render_empty,
}


# --------------------------------------------------------------------------------------
# Public renderers
# --------------------------------------------------------------------------------------


def _pick_kind(
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
    layouts = []
    for person in people:
        head = _paint_person(img, grid, person)
        layouts.append(_layout_of(person, float(head.mean())))
    frame = _apply_sensor(rng, img, ambient)
    return Scene(frame=frame, kind=kind, is_real=True, faces=tuple(layouts))


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
