"""Tests of the screening-camera world: the cameras (synth/sensors.py) and the scenes
(synth/screening.py) that the tutorial's generated data are made of."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from thermal_utils.tooling import convert, sizing
from thermal_utils.tooling.synth import screening, sensors
from thermal_utils.tooling.synth.camera import MAX_OUTPUT_C, MIN_OUTPUT_C

POOL = sensors.camera_pool(7)


def _camera(native: tuple[int, int], reference: bool = False) -> sensors.Camera:
    """A camera of the pool with this sensor size (and with or without a reference disc)."""
    pool = sensors.camera_pool(11, n=400)
    return next(c for c in pool if c.native == native and (c.reference is not None) == reference)


def _quiet(camera: sensors.Camera) -> sensors.Camera:
    """The same camera without blur or noise of its own."""
    return dataclasses.replace(camera, blur_px=0.0, netd_c=0.0, fixed_pattern_c=0.0)


def test_a_seed_fixes_its_cameras_and_the_pool_is_varied() -> None:
    assert sensors.camera_pool(7) == POOL
    assert sensors.camera_pool(8) != POOL
    many = sensors.camera_pool(3, n=400)
    assert {c.native for c in many} == set(sensors.SENSOR_SIZES)
    with_disc = [c for c in many if c.reference is not None]
    assert 0.4 < len(with_disc) / len(many) < 0.6
    for c in with_disc:  # low in a corner or along a side, never in the middle of the view
        r = c.reference
        assert r is not None and 40.0 <= r.row <= 116.0
        assert r.col <= 32.0 or r.col >= 88.0
        assert 33.0 <= r.disc_c <= 40.0


def test_the_field_of_view_is_what_convert_keeps_and_more() -> None:
    for native in sensors.SENSOR_SIZES:
        grid = sensors.field_of_view(_camera(native))
        scale = max(110 / native[0], 120 / native[1])
        assert grid.rows.shape == (round(native[0] * scale), round(native[1] * scale))
        # the frame (rows 0..109, columns 0..119) sits in the middle of the view
        assert grid.rows.min() <= 0 and grid.rows.max() >= 109
        assert grid.cols.min() <= 0 and grid.cols.max() >= 119
        assert grid.rows.min() + grid.rows.max() == pytest.approx(109, abs=1)
        assert grid.cols.min() + grid.cols.max() == pytest.approx(119, abs=1)


def test_generated_and_converted_frames_are_sized_by_the_same_rule() -> None:
    assert convert.fit_to_frame is sizing.fit_to_frame
    assert sensors.fit_to_frame is sizing.fit_to_frame


def test_a_coarse_sensor_loses_the_fine_detail_that_a_fine_sensor_keeps() -> None:
    """A one-pixel checkerboard in the view: an 80 x 60 sensor (two frame pixels per sensor
    pixel) averages it away, a 384 x 288 sensor keeps much of it."""

    def detail(native: tuple[int, int]) -> float:
        camera = _quiet(_camera(native))
        grid = sensors.field_of_view(camera)
        view = 25.0 + 5.0 * ((grid.rows + grid.cols) % 2 * 2 - 1)
        frame = sensors.take_frame(np.random.default_rng(0), camera, view, 25.0)[:, :120]
        return float(np.abs(np.diff(frame, axis=1)).mean())

    coarse, fine = detail((80, 60)), detail((384, 288))
    assert coarse < 0.05 * fine and fine > 1.0, (coarse, fine)


def test_a_camera_records_its_reference_disc_in_every_frame() -> None:
    camera = next(
        c
        for c in sensors.camera_pool(5, n=400)
        if c.reference is not None
        and 5 + c.reference.radius_px < c.reference.col < 115 - c.reference.radius_px
        and c.reference.row < 105 - c.reference.radius_px
        and c.reference.radius_px > 5
        and c.native[0] >= 120
    )
    ref = camera.reference
    assert ref is not None
    rng = np.random.default_rng(1)
    for is_real in (True, False):
        scene = screening.render_screening_scene(
            rng, camera, 24.0, is_real, "frontal" if is_real else "empty"
        )
        disc = scene.frame[
            round(ref.row) - 1 : round(ref.row) + 2, round(ref.col) - 1 : round(ref.col) + 2
        ]
        assert disc.mean() > ref.disc_c - 3.5, (disc.mean(), ref.disc_c)


@pytest.mark.parametrize(
    ("is_real", "kind"),
    [(True, k) for k in screening.REAL_KINDS] + [(False, k) for k in screening.FAKE_KINDS],
)
def test_every_kind_renders_a_valid_frame_deterministically(is_real: bool, kind: str) -> None:
    camera = POOL[len(kind) % len(POOL)]
    one = screening.render_screening_scene(np.random.default_rng(3), camera, 22.0, is_real, kind)
    two = screening.render_screening_scene(np.random.default_rng(3), camera, 22.0, is_real, kind)
    np.testing.assert_array_equal(one.frame, two.frame)
    assert one.frame.shape == (110, 124) and one.frame.dtype == np.float64
    assert np.isfinite(one.frame).all()
    assert MIN_OUTPUT_C <= one.frame.min() and one.frame.max() <= MAX_OUTPUT_C
    assert one.kind == kind and one.is_real == is_real
    assert (len(one.faces) == 1) == is_real, "a face frame shows exactly one face"


def test_face_frames_show_a_face_at_screening_distance_without_doubt() -> None:
    """The label rule: a face frontal to about 57 degrees, both inner eye corners in the frame,
    the head 20..45 % of the frame's width (up to 75 % when someone leans in)."""
    rng = np.random.default_rng(4)
    widths = []
    for i in range(80):
        scene = screening.render_screening_scene(rng, POOL[i % len(POOL)], 25.0, True)
        (face,) = scene.faces
        width = 2 * face.half_width_px / 120
        widths.append(width)
        assert 0.19 <= width <= (0.71 if scene.kind == "close" else 0.46), (scene.kind, width)
        assert abs(face.yaw_rad) <= 1.0 + 1e-9
        for row, col in face.canthi_rc:
            assert 0 <= row < 110 and 0 <= col < 120, (scene.kind, face.canthi_rc)
    assert min(widths) < 0.25 and max(widths) > 0.4  # the whole range occurs


def test_most_frames_without_a_face_are_the_empty_scene_and_people_not_facing_it() -> None:
    weights = screening.FAKE_KIND_WEIGHTS
    kiosk_day = weights["empty"] + weights["passing"] + weights["back_of_head"] + weights["torso"]
    assert kiosk_day / sum(weights.values()) > 0.7
    attacks_and_heat = sum(
        weights[k] for k in ("photo", "screen", "mannequin", "hot_drink", "lamp", "radiator")
    )
    assert 0 < attacks_and_heat / sum(weights.values()) < 0.2


def test_rooms_are_warm_often_and_cold_sometimes() -> None:
    rng = np.random.default_rng(0)
    rooms = np.array([screening.sample_ambient_c(rng) for _ in range(2000)])
    assert rooms.min() >= 16.0 and rooms.max() <= 32.0
    assert 0.35 < np.mean((rooms >= 23) & (rooms <= 29)) < 0.75
    assert np.mean(rooms < 19) > 0.05


def test_a_face_is_the_warmest_skin_but_a_back_of_the_head_is_not() -> None:
    """What a model must learn: at the same distance and room, a face shows skin near 34..37 °C
    over much of the head; the back of a head shows hair, cooler."""
    camera = _quiet(_camera((320, 240)))
    rng = np.random.default_rng(9)
    face_hot, back_hot = [], []
    for _ in range(12):
        face = screening.render_screening_scene(rng, camera, 24.0, True, "frontal")
        back = screening.render_screening_scene(rng, camera, 24.0, False, "back_of_head")
        face_hot.append(np.mean(face.frame[:, :120] > 33.5))
        back_hot.append(np.mean(back.frame[:, :120] > 33.5))
    assert np.median(face_hot) > 2 * np.median(back_hot)
    assert math.isfinite(float(np.median(face_hot)))
