"""Tests of metrics.best_threshold_balanced_accuracy, against a brute-force reference."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thermal_utils.metrics import _as_binary_labels, best_threshold_balanced_accuracy


def balanced_accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Balanced accuracy of binary predictions: the mean of the true-positive rate and the
    true-negative rate.

    Args:
        y_true: shape ``(n,)``, labels 0 (fake) or 1 (real); both classes must occur.
        y_pred: shape ``(n,)``, predicted labels 0 or 1.

    Returns:
        A value in [0, 1]; 0.5 is chance level for any constant prediction.

    Raises:
        ValueError: on shape mismatch, labels other than 0/1, or a missing class in ``y_true``.
    """
    truth = _as_binary_labels(y_true, "y_true")
    pred = _as_binary_labels(y_pred, "y_pred")
    if truth.shape != pred.shape:
        raise ValueError(f"y_true and y_pred differ in shape: {truth.shape} vs {pred.shape}")
    n_pos = int(truth.sum())
    n_neg = truth.size - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("balanced accuracy needs both classes in y_true")
    tpr = np.count_nonzero(pred[truth == 1] == 1) / n_pos
    tnr = np.count_nonzero(pred[truth == 0] == 0) / n_neg
    return float(0.5 * (tpr + tnr))


def _brute_force(scores: np.ndarray, labels: np.ndarray) -> float:
    """Best balanced accuracy over every distinct threshold and both directions, by a loop."""
    best = 0.0
    for t in np.unique(scores):
        best = max(best, balanced_accuracy(labels, (scores >= t).astype(int)))
        best = max(best, balanced_accuracy(labels, (scores <= t).astype(int)))
    return best


def _apply(scores: np.ndarray, threshold: float, direction: str) -> np.ndarray:
    """Predictions (1 = real) of a threshold rule."""
    return (scores >= threshold if direction == ">=" else scores <= threshold).astype(int)


# ---------------------------------------------------------------------------- balanced_accuracy


def test_balanced_accuracy_hand_worked() -> None:
    # TPR 2/3, TNR 1/1
    assert balanced_accuracy(np.array([1, 1, 1, 0]), np.array([1, 0, 1, 0])) == pytest.approx(
        (2 / 3 + 1) / 2
    )
    # constant predictions are at chance level whatever the class balance
    y = np.array([1, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    assert balanced_accuracy(y, np.zeros(10, dtype=int)) == 0.5
    assert balanced_accuracy(y, np.ones(10, dtype=int)) == 0.5
    assert balanced_accuracy(y, y) == 1.0
    assert balanced_accuracy(y, 1 - y) == 0.0
    assert balanced_accuracy(np.array([True, False]), np.array([True, True])) == 0.5


def test_balanced_accuracy_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        balanced_accuracy(np.array([1, 1]), np.array([1, 0]))  # one class only
    with pytest.raises(ValueError):
        balanced_accuracy(np.array([1, 0]), np.array([1, 0, 1]))
    with pytest.raises(ValueError):
        balanced_accuracy(np.array([1, 2]), np.array([1, 0]))
    with pytest.raises(ValueError):
        balanced_accuracy(np.array([[1, 0]]), np.array([[1, 0]]))


# ---------------------------------------------------------------------------- best threshold


def test_perfectly_separable_both_directions() -> None:
    scores = np.array([1.0, 2.0, 3.0, 4.0])
    assert best_threshold_balanced_accuracy(scores, np.array([0, 0, 1, 1])) == (1.0, 3.0, ">=")
    assert best_threshold_balanced_accuracy(scores, np.array([1, 1, 0, 0])) == (1.0, 2.0, "<=")


def test_ties_cannot_be_split() -> None:
    # all scores equal: no threshold can do better than a constant prediction
    assert best_threshold_balanced_accuracy(np.ones(4), np.array([0, 1, 0, 1]))[0] == 0.5
    # a real and a fake share the score 2: '>= 2' gives TPR 1, TNR 1/2; '>= 3' gives TPR 1/2, TNR 1
    ba, threshold, direction = best_threshold_balanced_accuracy(
        np.array([1.0, 2.0, 2.0, 3.0]), np.array([0, 1, 0, 1])
    )
    assert (ba, threshold, direction) == (0.75, 2.0, ">=")
    # a naive index-based split between the two 5s would claim 1.0 here
    ba, _, _ = best_threshold_balanced_accuracy(
        np.array([5.0, 5.0, 5.0, 5.0, 9.0]), np.array([0, 0, 1, 1, 1])
    )
    assert ba == pytest.approx(0.5 * (1 / 3 + 1))  # '>= 9': TPR 1/3, TNR 1


def test_hand_worked_imbalanced() -> None:
    scores = np.array([30.1, 33.0, 34.2, 35.9, 36.4, 22.0, 23.5, 34.0, 80.0])
    labels = np.array([1, 1, 1, 1, 1, 0, 0, 0, 0])
    # '>= 30.1': all 5 reals, fakes 22.0 and 23.5 rejected -> (1 + 2/4) / 2 = 0.75
    # '>= 34.2': reals 34.2, 35.9, 36.4 (3/5), fakes 22.0, 23.5, 34.0 rejected (3/4) -> 0.675
    ba, threshold, direction = best_threshold_balanced_accuracy(scores, labels)
    assert (ba, threshold, direction) == (0.75, 30.1, ">=")


def test_result_is_achieved_by_the_returned_rule() -> None:
    rng = np.random.default_rng(0)
    for _ in range(50):
        n = int(rng.integers(2, 60))
        labels = rng.integers(0, 2, n)
        labels[:2] = (0, 1)
        scores = rng.integers(0, 8, n).astype(float)  # many ties
        ba, threshold, direction = best_threshold_balanced_accuracy(scores, labels)
        assert direction in (">=", "<=")
        assert threshold in scores
        assert ba == pytest.approx(balanced_accuracy(labels, _apply(scores, threshold, direction)))
        assert ba == pytest.approx(_brute_force(scores, labels))
        assert 0.5 <= ba <= 1.0


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(-5, 5), st.booleans()), min_size=2, max_size=40).filter(
        lambda pairs: len({label for _, label in pairs}) == 2
    )
)
def test_matches_brute_force_hypothesis(pairs: list[tuple[int, bool]]) -> None:
    scores = np.array([s / 2 for s, _ in pairs], dtype=float)
    labels = np.array([int(label) for _, label in pairs])
    ba, threshold, direction = best_threshold_balanced_accuracy(scores, labels)
    assert ba == pytest.approx(_brute_force(scores, labels))
    assert ba == pytest.approx(balanced_accuracy(labels, _apply(scores, threshold, direction)))


def test_matches_brute_force_continuous_scores() -> None:
    rng = np.random.default_rng(1)
    labels = np.r_[np.ones(150, dtype=int), np.zeros(150, dtype=int)]
    scores = np.r_[rng.normal(1.0, 1.0, 150), rng.normal(0.0, 1.5, 150)]
    ba, threshold, direction = best_threshold_balanced_accuracy(scores, labels)
    assert ba == pytest.approx(_brute_force(scores, labels))
    # order of the input does not matter
    perm = rng.permutation(300)
    assert best_threshold_balanced_accuracy(scores[perm], labels[perm]) == (
        ba,
        threshold,
        direction,
    )


def test_best_threshold_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        best_threshold_balanced_accuracy(np.array([1.0, 2.0]), np.array([1, 1]))
    with pytest.raises(ValueError):
        best_threshold_balanced_accuracy(np.array([1.0, np.nan]), np.array([1, 0]))
    with pytest.raises(ValueError):
        best_threshold_balanced_accuracy(np.array([1.0, 2.0, 3.0]), np.array([1, 0]))
    with pytest.raises(ValueError):
        best_threshold_balanced_accuracy(np.array([1.0, 2.0]), np.array([1, 3]))


# ---------------------------------------------------------------------------- generated data


def test_thresholds_on_generated_frames_stay_weak() -> None:
    """On the tutorial preset's test split (150 real, 150 fake frames, rendered in memory),
    the best threshold on a frame's mean or maximum temperature, even fitted on those very
    frames, reaches at most 0.75 balanced accuracy: the classes differ in shape."""
    from pathlib import Path

    from thermal_utils.tooling.synth.presets import PRESETS, make_frame, plan_jobs

    jobs = [j for j in plan_jobs(PRESETS["tutorial"], Path("/unused"), 0) if j.split_index == 1]
    assert len(jobs) == 300
    images = np.stack([make_frame(j).rows[:, :120] for j in jobs])
    labels = np.array([int(j.real) for j in jobs])
    mean_ba, _, _ = best_threshold_balanced_accuracy(images.mean(axis=(1, 2)), labels)
    max_ba, _, _ = best_threshold_balanced_accuracy(images.max(axis=(1, 2)), labels)
    assert mean_ba <= 0.75, f"mean-temperature threshold reaches {mean_ba:.3f}"
    assert max_ba <= 0.75, f"max-temperature threshold reaches {max_ba:.3f}"
    assert min(mean_ba, max_ba) > 0.5  # not pathological either: temperature carries some signal
