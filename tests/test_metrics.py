"""The NumPy metrics against hand-worked examples, brute force, and Keras's own metrics."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_metrics_baselines import balanced_accuracy

from thermal_utils import metrics
from thermal_utils.datasets import stratified_split
from thermal_utils.training import balanced_class_weight

# Hand-worked example: 4 real faces (1) and 4 fakes (0).
Y = np.array([1, 1, 1, 1, 0, 0, 0, 0])
P = np.array([0.9, 0.8, 0.6, 0.4, 0.7, 0.3, 0.2, 0.1])


def test_hand_worked_report() -> None:
    # Called real (p > 0.5): 0.9, 0.8, 0.6 (real) and 0.7 (fake). TP 3, FN 1, FP 1, TN 3.
    r = metrics.binary_report(Y, P)
    assert (r.tn, r.fp, r.fn, r.tp) == (3, 1, 1, 3)
    assert metrics.confusion_matrix(Y, metrics.predict_labels(P)).tolist() == [[3, 1], [1, 3]]
    assert r.precision == pytest.approx(0.75) and r.recall == pytest.approx(0.75)
    assert r.specificity == pytest.approx(0.75) and r.f1 == pytest.approx(0.75)
    assert r.accuracy == pytest.approx(0.75) and r.balanced_accuracy == pytest.approx(0.75)


def test_hand_worked_auc() -> None:
    # Pairs (real, fake) ranked correctly: 0.9 and 0.8 beat all 4 fakes (8), 0.6 and 0.4 beat
    # 0.3, 0.2 and 0.1 but not 0.7 (6): 14 of 16.
    assert metrics.roc_auc(Y, P) == pytest.approx(14 / 16)
    fpr, tpr, thresholds = metrics.roc_curve(Y, P)
    assert (fpr[0], tpr[0], fpr[-1], tpr[-1]) == (0.0, 0.0, 1.0, 1.0)
    assert (
        np.all(np.diff(fpr) >= 0) and np.all(np.diff(tpr) >= 0) and np.all(np.diff(thresholds) < 0)
    )


def test_ties_count_half_and_threshold_points_are_exact() -> None:
    y = np.array([1, 0, 1, 0])
    s = np.array([0.5, 0.5, 0.9, 0.1])
    assert metrics.roc_auc(y, s) == pytest.approx((1 + 0.5 + 1 + 1) / 4)
    fpr, tpr, thresholds = metrics.roc_curve(y, s)
    for f, t, th in zip(fpr, tpr, thresholds):
        pred = s > th
        assert f == pytest.approx(pred[y == 0].mean()) and t == pytest.approx(pred[y == 1].mean())


def test_degenerate_cases() -> None:
    r = metrics.binary_report(Y, np.zeros(8))  # everything called fake
    assert (r.precision, r.recall, r.f1, r.balanced_accuracy) == (0.0, 0.0, 0.0, 0.5)
    with pytest.raises(ValueError, match="both classes"):
        metrics.binary_report(np.ones(3, dtype=int), np.ones(3))
    with pytest.raises(ValueError, match="shape"):
        metrics.roc_auc(Y, P[:-1])
    assert metrics.choose_threshold(Y, np.full(8, 0.3)) == 0.5


def _mann_whitney(y: np.ndarray, s: np.ndarray) -> float:
    pos, neg = s[y == 1], s[y == 0]
    wins = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a, b in itertools.product(pos, neg))
    return wins / (len(pos) * len(neg))


labelled_scores = st.integers(2, 30).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 1), min_size=n, max_size=n).filter(lambda v: 0 < sum(v) < len(v)),
        st.lists(
            st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.5001, 0.75, 0.9, 1.0]), min_size=n, max_size=n
        ),
    )
)


@settings(max_examples=150, deadline=None)
@given(labelled_scores)
def test_auc_equals_the_pairwise_probability(case: tuple[list[int], list[float]]) -> None:
    y, s = np.array(case[0]), np.array(case[1])
    assert metrics.roc_auc(y, s) == pytest.approx(_mann_whitney(y, s))


@settings(max_examples=150, deadline=None)
@given(labelled_scores)
def test_chosen_threshold_is_the_best_possible(case: tuple[list[int], list[float]]) -> None:
    y, s = np.array(case[0]), np.array(case[1])
    chosen = metrics.choose_threshold(y, s)
    best = max(balanced_accuracy(y, (s > t).astype(int)) for t in np.r_[-1.0, np.unique(s)])
    assert metrics.binary_report(y, s, chosen).balanced_accuracy == pytest.approx(best)
    assert metrics.binary_report(y, s).balanced_accuracy == pytest.approx(
        balanced_accuracy(y, metrics.predict_labels(s))
    )


def test_agrees_with_keras_metrics() -> None:
    import keras

    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, size=200)
    y[:2] = [0, 1]
    p_real = np.clip(rng.normal(0.35 + 0.3 * y, 0.2), 0, 1).round(3).astype("float32")
    one_hot = np.eye(2, dtype="float32")[y]
    probs = np.stack([1 - p_real, p_real], axis=1)
    ours = metrics.binary_report(y, p_real)
    for metric, expected in (
        (keras.metrics.Precision(thresholds=0.5, class_id=1), ours.precision),
        (keras.metrics.Recall(thresholds=0.5, class_id=1), ours.recall),
        (keras.metrics.BinaryAccuracy(threshold=0.5), None),
    ):
        if expected is None:
            metric.update_state(y.astype("float32"), p_real)
            assert float(metric.result()) == pytest.approx(ours.accuracy, abs=1e-6)
        else:
            metric.update_state(one_hot, probs)
            assert float(metric.result()) == pytest.approx(expected, abs=1e-6)
    f1 = keras.metrics.F1Score(threshold=0.5)
    f1.update_state(one_hot, probs)
    assert float(f1.result()[1]) == pytest.approx(ours.f1, abs=1e-5)
    # Keras's AUC on all distinct scores as thresholds is the exact trapezoid area.
    exact = metrics.roc_auc(y, p_real)
    auc = keras.metrics.AUC(thresholds=np.unique(p_real).tolist())
    auc.update_state(y, p_real)
    assert float(auc.result()) == pytest.approx(exact, abs=1e-4)
    approx = keras.metrics.AUC(num_thresholds=200)
    approx.update_state(y, p_real)
    assert float(approx.result()) == pytest.approx(exact, abs=0.01)


def test_stratified_split_keeps_class_shares() -> None:
    labels = np.array([1] * 90 + [0] * 18)
    fit, val = stratified_split(labels, 0.2, seed=0)
    assert sorted(np.r_[fit, val].tolist()) == list(range(108))
    assert (int(labels[val].sum()), int((labels[val] == 0).sum())) == (18, 4)
    again = stratified_split(labels, 0.2, seed=0)
    assert np.array_equal(again[0], fit) and np.array_equal(again[1], val)
    tiny = np.array([1, 1, 1, 0, 0])
    fit, val = stratified_split(tiny, 0.1, seed=1)
    assert set(tiny[val]) == {0, 1} and set(tiny[fit]) == {0, 1}, (
        "each class keeps one frame on each side"
    )


def test_balanced_class_weight() -> None:
    weights = balanced_class_weight(np.array([1] * 72 + [0] * 14))
    assert weights[0] == pytest.approx(86 / 28) and weights[1] == pytest.approx(86 / 144)
    assert weights[0] * 14 == pytest.approx(weights[1] * 72), "each class weighs the same in total"
