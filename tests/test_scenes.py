"""Tests of the synthetic thermal scene renderer (thermal_utils/synth/scenes.py).

Temperatures are in °C; a sensor frame is ``(110, 124)``, its image part ``frame[:, :120]``.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import pytest
from test_metrics_baselines import balanced_accuracy

from thermal_utils.metrics import best_threshold_balanced_accuracy
from thermal_utils.tooling.synth.camera import render_blackbody
from thermal_utils.tooling.synth.canvas import IMAGE_COLS, SENSOR_COLS, SENSOR_ROWS, gaussian_blur
from thermal_utils.tooling.synth.room import sample_ambient_c
from thermal_utils.tooling.synth.scenes import (
    FAKE_KIND_WEIGHTS,
    FAKE_KINDS,
    REAL_KIND_WEIGHTS,
    REAL_KINDS,
    render_fake,
    render_fake_scene,
    render_real,
    render_real_scene,
)

REQUIRED_FAKE_KINDS = (
    "photo",
    "screen",
    "mannequin",
    "hand",
    "arm",
    "torso",
    "back_of_head",
    "hot_drink",
    "lamp",
    "radiator",
    "pet",
    "empty",
)
ARM_LENGTH_KINDS = ("frontal", "turned", "glasses", "mask", "beard", "edge")
ALL_KINDS = [("real", k) for k in REAL_KINDS] + [("fake", k) for k in FAKE_KINDS]
RENDER = {"real": render_real, "fake": render_fake}
N_PER_CLASS = 300


def _image(frame: np.ndarray) -> np.ndarray:
    """The part of a frame a model sees: shape (110, 120), °C."""
    return frame[:, :IMAGE_COLS]


def _value_at(frame: np.ndarray, rc: tuple[float, float]) -> float:
    """Temperature (°C) of the pixel nearest to ``rc``; the point must lie in the image."""
    r, c = int(round(rc[0])), int(round(rc[1]))
    assert 0 <= r < SENSOR_ROWS and 0 <= c < IMAGE_COLS, f"landmark {rc} outside the image"
    return float(frame[r, c])


def _max_near(frame: np.ndarray, rc: tuple[float, float], radius: int = 1) -> float:
    """Hottest temperature (°C) within ``radius`` px of ``rc`` in the image part."""
    r, c = int(round(rc[0])), int(round(rc[1]))
    window = _image(frame)[max(r - radius, 0) : r + radius + 1, max(c - radius, 0) : c + radius + 1]
    return float(window.max())


@dataclass(frozen=True)
class Sample:
    """A labelled batch: images (n, 110, 120) °C, labels (n,), kinds (n,), ambients (n,) °C,
    masked columns (n, 110, 4) °C and the measured render time per frame in seconds."""

    images: np.ndarray
    labels: np.ndarray
    kinds: np.ndarray
    ambients: np.ndarray
    masked: np.ndarray
    seconds_per_frame: float


@pytest.fixture(scope="module")
def sample() -> Sample:
    """300 real faces (kind=None) and 300 fakes drawn with FAKE_KIND_WEIGHTS (kind=None)."""
    rng = np.random.default_rng(20201201)
    frames, labels, kinds, ambients = [], [], [], []
    start = time.perf_counter()
    for label, render in ((1, render_real_scene), (0, render_fake_scene)):
        for _ in range(N_PER_CLASS):
            ambient = sample_ambient_c(rng)
            scene = render(rng, ambient)
            frames.append(scene.frame)
            labels.append(label)
            kinds.append(scene.kind)
            ambients.append(ambient)
    elapsed = time.perf_counter() - start
    stack = np.stack(frames)
    return Sample(
        images=stack[:, :, :IMAGE_COLS],
        labels=np.array(labels),
        kinds=np.array(kinds),
        ambients=np.array(ambients),
        masked=stack[:, :, IMAGE_COLS:],
        seconds_per_frame=elapsed / len(frames),
    )


# ---------------------------------------------------------------------------- interface


def test_constants_and_kinds() -> None:
    assert (SENSOR_ROWS, SENSOR_COLS, IMAGE_COLS) == (110, 124, 120)
    assert set(REQUIRED_FAKE_KINDS) <= set(FAKE_KINDS)
    assert tuple(FAKE_KIND_WEIGHTS) == FAKE_KINDS
    assert tuple(REAL_KIND_WEIGHTS) == REAL_KINDS
    assert len(REAL_KINDS) >= 5 and len(set(REAL_KINDS) & set(FAKE_KINDS)) == 0
    assert all(w > 0 for w in FAKE_KIND_WEIGHTS.values())
    assert all(w > 0 for w in REAL_KIND_WEIGHTS.values())


def test_sample_ambient_range() -> None:
    rng = np.random.default_rng(0)
    values = np.array([sample_ambient_c(rng) for _ in range(2000)])
    assert values.min() >= 16.0 and values.max() <= 30.0
    assert values.max() - values.min() > 13.0


@pytest.mark.parametrize(("cls", "kind"), ALL_KINDS)
def test_shape_dtype_finite_range(cls: str, kind: str) -> None:
    rng = np.random.default_rng(ALL_KINDS.index((cls, kind)))
    for ambient in (16.0, 23.0, 30.0):
        for _ in range(3):
            frame = RENDER[cls](rng, ambient, kind)
            assert frame.shape == (110, 124)
            assert frame.dtype == np.float64
            assert np.isfinite(frame).all()
            assert frame.min() >= -40.0 and frame.max() <= 250.0
            # the image always shows something near room temperature somewhere
            assert abs(float(np.median(_image(frame))) - ambient) < 12.0


@pytest.mark.parametrize(("cls", "kind"), ALL_KINDS + [("real", None), ("fake", None)])
def test_deterministic(cls: str, kind: str | None) -> None:
    a = RENDER[cls](np.random.default_rng(7), 21.0, kind)
    b = RENDER[cls](np.random.default_rng(7), 21.0, kind)
    c = RENDER[cls](np.random.default_rng(8), 21.0, kind)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_scene_and_plain_renderers_agree() -> None:
    for kind in REAL_KINDS:
        np.testing.assert_array_equal(
            render_real(np.random.default_rng(3), 20.0, kind),
            render_real_scene(np.random.default_rng(3), 20.0, kind).frame,
        )
    for kind in FAKE_KINDS:
        scene = render_fake_scene(np.random.default_rng(3), 20.0, kind)
        np.testing.assert_array_equal(
            render_fake(np.random.default_rng(3), 20.0, kind), scene.frame
        )
        assert scene.kind == kind and not scene.is_real and scene.faces == ()


def test_bad_arguments() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError):
        render_real(rng, 21.0, "photo")
    with pytest.raises(ValueError):
        render_fake(rng, 21.0, "frontal")
    with pytest.raises(ValueError):
        render_real(rng, float("nan"))
    with pytest.raises(ValueError):
        render_fake(rng, 295.0)  # Kelvin by mistake
    with pytest.raises(ValueError):
        render_blackbody(rng, 35.0, cols=0)


def test_kind_none_draws_every_kind(sample: Sample) -> None:
    assert set(sample.kinds[sample.labels == 1]) == set(REAL_KINDS)
    assert set(sample.kinds[sample.labels == 0]) == set(FAKE_KINDS)


def test_masked_columns_read_internal_temperature(sample: Sample) -> None:
    offset = sample.masked.mean(axis=(1, 2)) - sample.ambients
    assert offset.min() > 2.9 and offset.max() < 8.1
    assert sample.masked.std(axis=(1, 2)).max() < 0.1  # nearly constant


def test_blackbody_block() -> None:
    rng = np.random.default_rng(1)
    for setpoint, cols in ((35.0, 16), (40.0, 3), (30.5, 1)):
        bb = render_blackbody(rng, setpoint, cols)
        assert bb.shape == (50, cols) and bb.dtype == np.float64
        assert abs(float(bb.mean()) - setpoint) < 0.15
        assert float(np.abs(bb - setpoint).max()) < 0.5
    assert render_blackbody(rng).shape == (50, 16)
    first, again = (
        render_blackbody(np.random.default_rng(5)),
        render_blackbody(np.random.default_rng(5)),
    )
    np.testing.assert_array_equal(first, again)


def test_gaussian_blur_properties() -> None:
    flat = np.full((20, 30), 23.5)
    np.testing.assert_allclose(gaussian_blur(flat, 1.0), flat)
    impulse = np.zeros((21, 21))
    impulse[10, 10] = 1.0
    blurred = gaussian_blur(impulse, 1.0)
    assert blurred.sum() == pytest.approx(1.0)
    assert blurred[10, 10] == blurred.max() < 0.2
    np.testing.assert_allclose(blurred, blurred.T)  # isotropic
    np.testing.assert_array_equal(gaussian_blur(impulse, 0.0), impulse)


# ---------------------------------------------------------------------------- physics


def test_background_near_ambient_in_real_frames(sample: Sample) -> None:
    reals = sample.images[sample.labels == 1]
    corners = np.concatenate(
        [reals[:, :8, :8].reshape(len(reals), -1), reals[:, :8, -8:].reshape(len(reals), -1)], 1
    )
    # the top corners are mostly room; at least 90% of frames read within 4 °C of ambient there
    close = np.abs(np.median(corners, axis=1) - sample.ambients[sample.labels == 1]) < 4.0
    assert close.mean() > 0.9


def test_frontal_faces_max_and_canthi() -> None:
    rng = np.random.default_rng(11)
    for _ in range(40):
        scene = render_real_scene(rng, sample_ambient_c(rng), "frontal")
        image = _image(scene.frame)
        face = scene.faces[0]
        assert not face.glasses and not face.mask
        assert 35.0 <= image.max() <= 38.0
        # the inner eye corners are the warmest spots: the hottest pixel lies at one of them
        r, c = np.unravel_index(np.argmax(image), image.shape)
        assert min(np.hypot(r - a, c - b) for a, b in face.canthi_rc) <= 3.0
        canthus = max(_max_near(scene.frame, rc) for rc in face.canthi_rc)
        forehead = _value_at(scene.frame, face.forehead_rc)
        nose = _value_at(scene.frame, face.nose_tip_rc)
        cheeks = [_value_at(scene.frame, rc) for rc in face.cheek_rc]
        # canthi > forehead > cheeks > nose tip; skin reads 32..36 °C on the forehead
        assert canthus > forehead + 0.5
        assert 32.0 <= forehead <= 36.0
        assert max(cheeks) < forehead
        assert nose < min(cheeks) and nose < canthus - 2.5


def test_nose_tip_follows_the_room() -> None:
    rng = np.random.default_rng(21)
    noses = {}
    for ambient in (16.0, 30.0):
        values = []
        for _ in range(20):
            scene = render_real_scene(rng, ambient, "frontal")
            values.append(_value_at(scene.frame, scene.faces[0].nose_tip_rc))
        noses[ambient] = np.median(values)
    assert noses[16.0] < noses[30.0] - 2.0  # a cold room cools the nose tip, not the canthi
    assert 26.0 <= noses[16.0] <= 31.0 and 30.0 <= noses[30.0] <= 34.5


def test_arm_length_faces_fill_much_of_the_frame() -> None:
    rng = np.random.default_rng(22)
    for kind in ARM_LENGTH_KINDS:
        fractions = [
            render_real_scene(rng, sample_ambient_c(rng), kind).faces[0].area_fraction
            for _ in range(15)
        ]
        assert 0.30 <= min(fractions) and max(fractions) <= 0.90, (
            kind,
            min(fractions),
            max(fractions),
        )
    further = [
        render_real_scene(rng, 22.0, "further_back").faces[0].area_fraction for _ in range(15)
    ]
    assert 0.08 <= min(further) and max(further) < 0.30  # smaller, but still a clear face


def test_turned_faces_turn_up_to_60_degrees() -> None:
    rng = np.random.default_rng(23)
    yaws = np.array(
        [abs(render_real_scene(rng, 22.0, "turned").faces[0].yaw_rad) for _ in range(30)]
    )
    assert yaws.min() >= 0.35 and yaws.max() <= math.radians(61)


def test_glasses_are_cold_and_hide_the_canthi() -> None:
    rng = np.random.default_rng(12)
    maxima = []
    for _ in range(40):
        scene = render_real_scene(rng, sample_ambient_c(rng), "glasses")
        face = scene.faces[0]
        assert face.glasses and face.lens_rc is not None
        forehead = _value_at(scene.frame, face.forehead_rc)
        for lens in face.lens_rc:
            assert _value_at(scene.frame, lens) < forehead - 3.0
        for canthus in face.canthi_rc:
            assert _value_at(scene.frame, canthus) < forehead - 1.5
        maxima.append(_image(scene.frame).max())
    assert np.median(maxima) < 35.8  # no visible canthus: skin (about 33..35.5) is the warmest


def test_masks_are_cooler_than_skin() -> None:
    rng = np.random.default_rng(13)
    for _ in range(40):
        scene = render_real_scene(rng, sample_ambient_c(rng), "mask")
        face = scene.faces[0]
        assert face.mask
        mouth = _value_at(scene.frame, face.mouth_rc)
        assert 24.0 <= mouth <= 34.0
        assert mouth < _value_at(scene.frame, face.forehead_rc) - 1.0


def test_real_kind_layouts() -> None:
    rng = np.random.default_rng(14)
    for kind in REAL_KINDS:
        for _ in range(10):
            scene = render_real_scene(rng, sample_ambient_c(rng), kind)
            assert scene.is_real and scene.kind == kind
            assert len(scene.faces) == (2 if kind == "two_people" else 1)
            for face in scene.faces:
                # both inner eye corners are inside the image: every real face is recognisable
                assert all(0 <= r < SENSOR_ROWS and 0 <= c < IMAGE_COLS for r, c in face.canthi_rc)
            if kind == "edge":  # the head is cut by the left or right edge
                (_, c), w = scene.faces[0].center_rc, scene.faces[0].half_width_px
                assert c - w < 0 or c + w > IMAGE_COLS
            if kind == "two_people":
                assert min(f.half_width_px for f in scene.faces) >= 14.0


def _maxima(kind: str, n: int = 30, seed: int = 15) -> np.ndarray:
    """Image maxima (°C) of ``n`` fake frames of one kind."""
    rng = np.random.default_rng(seed)
    return np.array([_image(render_fake(rng, sample_ambient_c(rng), kind)).max() for _ in range(n)])


def test_empty_room_stays_near_ambient() -> None:
    rng = np.random.default_rng(16)
    for _ in range(30):
        ambient = sample_ambient_c(rng)
        image = _image(render_fake(rng, ambient, "empty"))
        assert np.abs(image - ambient).max() < 5.5
        assert abs(float(image.mean()) - ambient) < 2.0


def test_heat_sources_are_far_above_body_temperature() -> None:
    assert _maxima("lamp").min() > 50.0
    assert _maxima("radiator").min() > 38.0
    drinks = _maxima("hot_drink")
    assert drinks.min() > 38.0 and np.median(drinks) > 45.0


@pytest.mark.parametrize("kind", ["hand", "arm", "torso", "back_of_head"])
def test_body_parts_overlap_face_temperatures(kind: str) -> None:
    maxima = _maxima(kind)
    assert maxima.min() > 30.0 and maxima.max() < 37.5
    assert np.median(maxima) > 33.0


def test_pets_have_warm_eyes_and_cool_fur() -> None:
    maxima = _maxima("pet", n=40)
    assert maxima.max() < 39.0
    assert np.mean(maxima >= 35.0) > 0.5  # open eyes read like human canthi


def test_printed_photos_stay_near_room_temperature() -> None:
    rng = np.random.default_rng(17)
    for _ in range(30):
        ambient = sample_ambient_c(rng)
        image = _image(render_fake(rng, ambient, "photo"))
        centre = image[35:75, 40:80]  # the paper fills the middle of the frame
        assert abs(float(np.median(centre)) - ambient) < 2.0
        assert image.max() < 36.5  # at most the warm hand holding it


def test_screens_are_warm_and_uniform() -> None:
    rng = np.random.default_rng(18)
    for _ in range(30):
        ambient = sample_ambient_c(rng)
        image = _image(render_fake(rng, ambient, "screen"))
        assert image.max() < 40.0
        assert (
            np.percentile(image, 90) > ambient + 3.0
        )  # the device covers a good part of the frame


def test_mannequins_have_no_warm_face() -> None:
    rng = np.random.default_rng(19)
    for _ in range(30):
        ambient = sample_ambient_c(rng)
        image = _image(render_fake(rng, ambient, "mannequin"))
        centre = image[30:80, 35:85]
        assert float(np.median(centre)) < ambient + 4.0
        assert np.percentile(image, 90) < 33.0


# ---------------------------------------------------------------------------- separability


def test_mean_and_max_thresholds_do_not_separate_the_classes(sample: Sample) -> None:
    mean_ba, _, _ = best_threshold_balanced_accuracy(sample.images.mean(axis=(1, 2)), sample.labels)
    max_ba, _, _ = best_threshold_balanced_accuracy(sample.images.max(axis=(1, 2)), sample.labels)
    assert mean_ba <= 0.75, f"mean-temperature threshold reaches {mean_ba:.3f}"
    assert max_ba <= 0.75, f"max-temperature threshold reaches {max_ba:.3f}"


def _warm_spot_in_skin(image: np.ndarray) -> bool:
    """Model-free face cue: the hottest pixel reads like an inner eye corner (35..38 °C)
    and sits inside skin (the median of its 11x11 neighbourhood is 32.5..35.8 °C)."""
    r, c = np.unravel_index(np.argmax(image), image.shape)
    hood = image[max(r - 5, 0) : r + 6, max(c - 5, 0) : c + 6]
    return bool(35.0 <= image[r, c] <= 38.0 and 32.5 <= np.median(hood) <= 35.8)


def test_a_model_free_face_cue_keeps_the_data_learnable(sample: Sample) -> None:
    predicted = np.array([_warm_spot_in_skin(img) for img in sample.images], dtype=int)
    cue_ba = balanced_accuracy(sample.labels, predicted)
    mean_ba, _, _ = best_threshold_balanced_accuracy(sample.images.mean(axis=(1, 2)), sample.labels)
    max_ba, _, _ = best_threshold_balanced_accuracy(sample.images.max(axis=(1, 2)), sample.labels)
    # a crude local cue already beats both thresholds; benchmarks/check_learnability.py
    # shows that a small CNN trained on the tutorial preset reaches >= 0.95
    assert cue_ba >= 0.75, f"warm-spot-in-skin cue reaches only {cue_ba:.3f}"
    assert cue_ba > max(mean_ba, max_ba)
    # frontal faces nearly always show it; empty rooms and heat sources never do
    frontal = sample.kinds == "frontal"
    assert predicted[frontal].mean() > 0.9
    for kind in ("empty", "lamp", "radiator", "hot_drink"):
        assert predicted[sample.kinds == kind].sum() == 0
