"""Heads and faces, and whole people.

The head's outline and where its features lie when it turns; the painters of the face's
temperature pattern (skin, eyes and inner canthi, nose, lips, brows, beard), of ears, hair,
glasses and masks; and ``paint_person``, which paints a whole person into a scene: the body
(``people.py``), then the head.

Head coordinates ``(u, v)`` (``canvas.local``) are in head half-widths from the head's centre
at eye level, ``u`` to the right and ``v`` down: the top of the head lies at v = -1.32, the
chin at v = 1.28. A turned head moves its features as on a sphere of radius 1
(``feature_u``). Painting is in place on the ``(110, 120)`` image part, °C, with a
``Person``'s temperatures (``people.py`` gives the values and their sources).
"""

from __future__ import annotations

import math

import numpy as np

from thermal_utils.tooling.synth.canvas import (
    Grid,
    blend,
    box,
    coverage,
    ellipse,
    gauss,
    local,
    sigmoid,
)
from thermal_utils.tooling.synth.people import Person, paint_body

# --------------------------------------------------------------------------------------
# The head's outline, and where its features lie when it turns
# --------------------------------------------------------------------------------------

CANTHUS_U = 0.17
"""Inner eye corners sit at u = +-0.17 head half-widths (inter-canthal distance ~3 cm)."""

EYE_U = 0.4
"""Centres of the eyes (pupils), u = +-0.4."""

LENS_U = 0.4
"""Eyeglass lens centres sit at u = +-0.4, so the lenses cover the inner eye corners."""

HEAD_TOP_V = -1.32
_CHIN_V = 1.28


def feature_u(u0: float, yaw: float, depth: float | None = None) -> float:
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
    u1 = feature_u(u0, yaw)
    return math.sqrt(max(0.05, 1.0 - u1 * u1)) / math.sqrt(max(0.05, 1.0 - u0 * u0))


def head_half_width(v: np.ndarray) -> np.ndarray:
    """Half-width of the head outline at height ``v`` (head units): a rounded cranium,
    full cheekbones just below the eyes, a jaw tapering to a rounded chin."""
    top = np.sqrt(np.clip(1.0 - (np.clip(v, None, 0.0) / -HEAD_TOP_V) ** 2, 0.0, None))
    vv = np.clip(v, 0.0, None) / _CHIN_V
    lower = (1.0 - 0.45 * vv**2) * np.sqrt(np.clip(1.0 - vv**6, 0.0, None))
    return np.where(v < 0.0, top, lower)


def head_coverage(u: np.ndarray, v: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Head outline, top at v = -1.32, chin at v = 1.28.

    Returns ``(coverage, r)``, ``r`` being how far towards the silhouette a pixel lies
    (0 on the centre line, 1 on the outline).
    """
    au = head_half_width(v)
    inside = np.minimum(au - np.abs(u), np.minimum(v - HEAD_TOP_V, _CHIN_V - v) * 0.6)
    r = np.abs(u) / np.maximum(au, 1e-3)
    return coverage(inside * scale), np.clip(r, 0.0, 1.0)


# --------------------------------------------------------------------------------------
# The face and head
# --------------------------------------------------------------------------------------


def _paint_face_skin(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: Person) -> np.ndarray:
    """The head's skin with its facial temperature pattern, in place; returns head coverage.

    Warmest to coolest: inner canthi, the eyes and periorbital skin, temples, forehead,
    lips, neck-side cheeks, chin, nose tip (and ears, painted separately).
    """
    s, yaw = p.pose.scale, p.pose.yaw
    cy = max(math.cos(yaw), 0.3)
    head, r = head_coverage(u, v, s)
    t = np.full(u.shape, p.skin_c)
    if p.facing_away:
        t -= p.limb_drop_c * r**6
        blend(img, head, t)
        return head
    # low-contrast skin texture: a few smooth waves, different for each person
    a, b, c, d, e, f = p.texture
    t += 0.12 * np.sin(7.0 * u + 3.0 * a + 5.0 * b * v) * np.cos(6.0 * v + 3.0 * c)
    t += 0.08 * np.sin(13.0 * (u * d + v * e) + 4.0 * f)
    t += p.forehead_gain_c * sigmoid((-0.3 - v) / 0.12) * (1.0 - 0.4 * r**2)
    uc = feature_u(0.0, yaw, 0.9)
    for side in (-1.0, 1.0):
        fs = _foreshortening(side * 0.5, yaw)
        t += p.temple_gain_c * gauss(
            u, v, feature_u(side * 0.78, yaw), -0.35, 0.12 * fs + 0.02, 0.22
        )
        t -= p.cheek_drop_c * gauss(u, v, feature_u(side * 0.55, yaw), 0.5, 0.22 * fs + 0.02, 0.25)
        eu = feature_u(side * EYE_U, yaw, 0.93)
        ew = _foreshortening(side * EYE_U, yaw)
        t += 0.5 * gauss(u, v, eu, 0.0, 0.22 * ew + 0.02, 0.13)  # periorbital skin
        eye = ellipse(u, v, eu, 0.0, 0.15 * ew + 0.01, 0.055, s)
        blend(t, eye, p.eye_c)  # the eye itself
        # supratrochlear vessel running up the forehead from the inner brow
        vu = feature_u(side * 0.13, yaw) + side * 0.08 * (-0.3 - v)
        t += (
            p.vessel_c * np.exp(-0.5 * ((u - vu) / 0.03) ** 2) * box(u, v, -2, 2, -0.95, -0.32, 1.0)
        )
    # chin and jaw follow the room
    t -= p.chin_drop_c * sigmoid((v - 1.0) / 0.08)
    # lips: a warm seam between closed lips, warm philtrum from exhaled air
    t += 0.3 * gauss(u, v, feature_u(0.0, yaw, 0.97), 0.62, 0.1 * cy, 0.06)
    t += 0.9 * gauss(u, v, feature_u(0.0, yaw, 0.97), 0.75, 0.26 * cy, 0.025)
    t += 0.3 * gauss(u, v, feature_u(0.0, yaw, 0.95), 0.78, 0.24 * cy, 0.08)
    # the nose: cools from the bridge (skin) to the tip (nose_c); nostril wings warmer
    nose_v = np.clip((v + 0.05) / 0.47, 0.0, 1.0)
    ridge_u = (
        feature_u(0.0, yaw, 1.0) + (feature_u(0.0, yaw, 1.3) - feature_u(0.0, yaw, 1.0)) * nose_v
    )
    nose_w = (0.07 + 0.07 * nose_v) * cy + 0.03
    nose = (
        np.exp(-0.5 * ((u - ridge_u) / nose_w) ** 2)
        * sigmoid((v + 0.05) / 0.04)
        * sigmoid((0.54 - v) / 0.03)
    )
    blend(t, nose, p.skin_c + (p.nose_c - p.skin_c) * nose_v**1.5)
    for side in (-1.0, 1.0):
        t += 0.5 * gauss(u, v, feature_u(side * 0.15, yaw, 1.05), 0.47, 0.05, 0.04)
    if p.beard_drop_c is not None:
        beard_top = 0.55 + 0.25 * np.clip(np.abs(u - uc) - 0.3, 0, None)
        beard = coverage((v - beard_top) * s) * (1.0 - 0.8 * gauss(u, v, uc, 0.74, 0.22, 0.05))
        moustache = gauss(u, v, uc, 0.6, 0.25 * cy, 0.04)
        blend(
            t,
            np.maximum(beard, moustache),
            p.skin_c - p.beard_drop_c + 0.3 * np.sin(40 * u) * np.sin(37 * v),
        )
    for side in (-1.0, 1.0):  # eyebrows: hair insulates, a cool arch above each eye
        bu = feature_u(side * 0.4, yaw, 0.95)
        bw = _foreshortening(side * 0.4, yaw)
        arch = -0.25 - 0.05 * (1.0 - ((u - bu) / (0.26 * bw + 0.01)) ** 2)
        brow = coverage(np.minimum(0.045 - np.abs(v - arch), 0.26 * bw + 0.01 - np.abs(u - bu)) * s)
        blend(t, brow, p.skin_c - p.brow_drop_c)
    sigma = max(0.07, 1.4 / s)  # the warm inner corner spans about 1 cm
    for side, canthus_c in zip((-1.0, 1.0), p.canthus_c):
        width = sigma * _foreshortening(side * CANTHUS_U, yaw)
        bump = gauss(u, v, feature_u(side * CANTHUS_U, yaw, 0.9), 0.01, width, sigma)
        blend(t, bump, canthus_c)
    t -= p.limb_drop_c * r**6  # grazing angle: lower emissivity at the silhouette
    blend(img, head, t)
    if abs(math.sin(yaw)) > 0.55:  # in near-profile the nose sticks out of the outline
        tip_u = feature_u(0.0, yaw, 1.3)
        side = math.copysign(1.0, yaw)
        out = coverage(np.minimum(side * (tip_u - u), np.minimum(v + 0.05, 0.5 - v) * 0.6) * s)
        out *= coverage((side * (u - head_half_width(v) * side) + 0.02) * s)
        blend(img, out, p.skin_c + (p.nose_c - p.skin_c) * nose_v)
    return head


def _paint_ears(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: Person) -> None:
    """Ears at the sides of the head (the one turned away hides behind the head), in place.

    Ears are among the coolest skin: thin, far from the core, ambient-dependent."""
    s, yaw = p.pose.scale, p.pose.yaw
    for side in (-1.0, 1.0):
        if side * math.sin(yaw) > 0.25:
            continue
        cu = side * (math.cos(yaw) * 0.97 + 0.08)
        au = 0.12 + 0.15 * abs(math.sin(yaw))
        ear = ellipse(u, v, cu, 0.1, au, 0.3, s)
        blend(img, ear, p.ear_c + 0.8 * gauss(u, v, cu - side * 0.05, 0.1, au * 0.5, 0.15))


def _paint_hair(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: Person, head: np.ndarray) -> None:
    """Hair over the top of the head (and the back of the head when turned away), in place."""
    s, yaw = p.pose.scale, p.pose.yaw
    grow = 0.03 if p.hair_style == "bald" else 0.08
    region = coverage(
        np.minimum(head_half_width(v) + grow - np.abs(u), (v - HEAD_TOP_V + grow) * 0.6) * s
    )
    if p.facing_away:
        nape = 0.85 if p.hair_style != "long" else 1.15  # long hair tied up
        alpha = np.maximum(region, head) * coverage((nape - v) * s)
        depth_px = (nape - v) * s
    else:
        shift = 0.6 * math.sin(yaw)
        top = p.hairline_v + 0.3 * (u - shift) ** 2
        if p.hair_style != "bald":  # a slightly wavy hairline, hair down in front of the ears
            top = top + 0.03 * np.sin(9.0 * u + 2.0 * p.texture[0])
            sideburn = sigmoid((np.abs(u - shift) - 0.82) / 0.04)
            top = top + (0.15 - top) * sideburn
        alpha = region * coverage((top - v) * s)
        depth_px = (top - v) * s
        if abs(yaw) > 0.2:  # the back of the head shows on the side turned away
            back = -math.copysign(1.0, yaw) * u - 0.95 * math.cos(yaw)
            alpha = np.maximum(alpha, head * coverage(back * s) * coverage((0.45 - v) * s))
    hair_t = p.hair_c + (p.skin_c - p.hair_c) * 0.45 * np.exp(-np.clip(depth_px, 0, None) / 2.5)
    hair_t = hair_t + 0.25 * np.sin(25.0 * u + 3.0 * np.sin(11.0 * v)) * (p.hair_style != "bald")
    blend(img, alpha, hair_t)


def _paint_long_hair_back(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: Person) -> None:
    """Long hair falling behind the head down to the shoulders, in place."""
    s = p.pose.scale
    alpha = (
        ellipse(u, v, 0.0, 0.7, 1.15, 1.7, s) * coverage((2.3 - v) * s) * coverage((v + 0.6) * s)
    )
    blend(img, alpha, p.hair_c - 0.5 * np.clip(v, 0, None))


def _paint_glasses(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: Person) -> None:
    """Eyeglasses: lenses opaque to long-wave IR (cold, sharp-edged), rims and temples, in place."""
    assert p.lens_c is not None
    s, yaw = p.pose.scale, p.pose.yaw
    rim_c = p.lens_c + 0.35 * (p.skin_c - p.lens_c)
    # a lens on the far side of a turned head hides behind the head's outline
    front = coverage((head_half_width(v) + 0.06 - np.abs(u)) * s)
    for side in (-1.0, 1.0):
        cu = feature_u(side * LENS_U, yaw, 1.02)
        narrow = _foreshortening(side * LENS_U, yaw)
        k = p.lens_scale
        rim = ellipse(u, v, cu, 0.0, k * 0.34 * narrow + 0.01, k * 0.25, s) * front
        blend(img, rim, rim_c)
        lens = ellipse(u, v, cu, 0.0, k * 0.3 * narrow + 0.005, k * 0.21, s) * front
        blend(img, lens, p.lens_c + 0.4 * sigmoid((v - 0.05) / 0.08))
        outer = feature_u(side * 0.74, yaw, 0.8)
        ear_u = side * math.cos(yaw)
        lo, hi = min(outer, ear_u), max(outer, ear_u)
        if side * math.sin(yaw) < 0.25:
            blend(img, box(u, v, lo, hi, -0.1, -0.05, s), rim_c)
    bridge = feature_u(0.0, yaw, 1.1)
    blend(img, box(u, v, bridge - 0.1, bridge + 0.1, -0.1, -0.04, s), rim_c)


def _paint_mask(img: np.ndarray, u: np.ndarray, v: np.ndarray, p: Person) -> None:
    """A face mask over nose, mouth and chin: cool fabric with a warm breath edge, in place."""
    assert p.mask_c is not None
    s, yaw = p.pose.scale, p.pose.yaw
    top = 0.22 + 0.12 * u**2
    outline = head_half_width(v - 0.05) + 0.03 - np.abs(u - 0.15 * math.sin(yaw))
    alpha = coverage(np.minimum(outline, (1.4 - v) * 0.6) * s) * coverage((v - top) * s)
    above_edge = np.clip(v - top, 0, None)
    mask_t = (
        p.mask_c
        + p.breath_c * np.exp(-above_edge / 0.1)
        + 0.7 * gauss(u, v, feature_u(0, yaw), 0.75, 0.3, 0.2)
    )
    mask_t = mask_t + 0.15 * np.sin(30.0 * v)  # pleats
    blend(img, alpha, mask_t)
    for side in (-1.0, 1.0):
        if side * math.sin(yaw) < 0.25:
            strap_u = side * 0.97 * math.cos(yaw)
            blend(
                img,
                box(u, v, min(strap_u, side * 0.8), max(strap_u, side * 0.8), 0.25, 0.31, s),
                p.mask_c,
            )


# --------------------------------------------------------------------------------------
# A whole person
# --------------------------------------------------------------------------------------


def paint_person(img: np.ndarray, grid: Grid, p: Person) -> np.ndarray:
    """Paint a person (torso, neck, head, ears, face, hair, accessories) into ``img`` (°C);
    returns the head's coverage (hair included), shape ``(110, 120)``."""
    q = p.pose
    u, v = local(grid, q.row, q.col, q.roll, q.scale)
    paint_body(img, grid, u, v, p)
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
