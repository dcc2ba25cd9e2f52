"""The precision-recall curve and average precision against hand-worked examples and brute force."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thermal_utils import metrics

# 4 positives (1) and 4 negatives (0); the ranking from the top: 1, 1, 0, 1, 1, 0, 0, 0.
Y = np.array([1, 1, 1, 1, 0, 0, 0, 0])
S = np.array([0.9, 0.8, 0.6, 0.4, 0.7, 0.3, 0.2, 0.1])


def test_hand_worked_curve() -> None:
    precision, recall, thresholds = metrics.precision_recall_curve(Y, S)
    # After each frame from the top: called positive 1..8, positives among them 1 2 2 3 4 4 4 4.
    assert precision.tolist() == pytest.approx([1, 1, 2 / 3, 3 / 4, 4 / 5, 4 / 6, 4 / 7, 4 / 8])
    assert recall.tolist() == pytest.approx([1 / 4, 2 / 4, 2 / 4, 3 / 4, 1, 1, 1, 1])
    assert thresholds[:-1].tolist() == [0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1]
    assert thresholds[-1] < 0.1
    # Precision at each positive's rank: 1, 1, 3/4, 4/5.
    assert metrics.average_precision(Y, S) == pytest.approx((1 + 1 + 3 / 4 + 4 / 5) / 4)


def test_fakes_as_the_positive_class() -> None:
    # Fakes positive: labels 1 - Y, scores P(fake) = 1 - S. At P(fake) > 0.5 (S < 0.5) the
    # frames 0.4 (real), 0.3, 0.2, 0.1 (fakes) are called fake: precision 3/4, recall 3/4, the
    # specificity of the real-face report at 0.5 (fakes called fake / fakes).
    precision, recall, _ = metrics.precision_recall_curve(1 - Y, 1 - S)
    i = int((np.unique(1 - S) > 0.5).sum()) - 1  # point i calls the i + 1 highest scores
    assert (precision[i], recall[i]) == pytest.approx((3 / 4, 3 / 4))
    assert recall[i] == pytest.approx(metrics.binary_report(Y, S).specificity)


def test_constant_and_perfect_scores() -> None:
    assert metrics.average_precision(Y, np.full(8, 0.5)) == pytest.approx(0.5)
    precision, recall, _ = metrics.precision_recall_curve(Y, np.full(8, 0.5))
    assert precision.tolist() == [0.5] and recall.tolist() == [1.0]
    assert metrics.average_precision(Y, Y * 0.5 + 0.25) == pytest.approx(1.0)
    rare = np.array([1] + [0] * 9)
    assert metrics.average_precision(rare, np.zeros(10)) == pytest.approx(0.1), "the share"
    with pytest.raises(ValueError, match="both classes"):
        metrics.precision_recall_curve(np.ones(3, dtype=int), np.ones(3))
    with pytest.raises(ValueError, match="shape"):
        metrics.average_precision(Y, S[:-1])


def test_ties_stay_together() -> None:
    y = np.array([1, 0, 1, 0])
    s = np.array([0.5, 0.5, 0.9, 0.1])
    precision, recall, thresholds = metrics.precision_recall_curve(y, s)
    assert precision.tolist() == pytest.approx([1, 2 / 3, 1 / 2])
    assert recall.tolist() == pytest.approx([1 / 2, 1, 1])
    assert metrics.average_precision(y, s) == pytest.approx(0.5 * 1 + 0.5 * 2 / 3)


labelled_scores = st.integers(2, 30).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 1), min_size=n, max_size=n).filter(lambda v: 0 < sum(v) < len(v)),
        st.lists(st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0]), min_size=n, max_size=n),
    )
)


@settings(max_examples=150, deadline=None)
@given(labelled_scores)
def test_points_are_what_their_thresholds_give(case: tuple[list[int], list[float]]) -> None:
    y, s = np.array(case[0]), np.array(case[1])
    precision, recall, thresholds = metrics.precision_recall_curve(y, s)
    assert len(thresholds) == len(np.unique(s))
    assert np.all(np.diff(thresholds) < 0) and np.all(np.diff(recall) >= 0)
    for p, r, t in zip(precision, recall, thresholds):
        called = s > t
        assert p == pytest.approx(y[called].mean()) and r == pytest.approx(called[y == 1].mean())
    # The same area, from the definition: each distinct score's positives times the precision
    # once every frame scored at least that high is called positive.
    area = sum(
        (y[s == v].sum() / y.sum()) * y[s >= v].mean() for v in np.unique(s) if y[s == v].any()
    )
    assert metrics.average_precision(y, s) == pytest.approx(area)
