"""Model-free baselines: how far a single threshold on one number per frame gets.

Used to check that the synthetic data set is not trivially separable by, for example, a
frame's mean or maximum temperature (°C): a classifier worth training has to beat these.
"""

from __future__ import annotations

import numpy as np


def _as_binary_labels(labels: np.ndarray, name: str) -> np.ndarray:
    """``labels`` as a 1-D int array of 0/1, or ``ValueError``."""
    arr = np.asarray(labels)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {arr.shape}")
    if arr.dtype == bool:
        return arr.astype(np.int64)
    if not np.isin(arr, (0, 1)).all():
        raise ValueError(f"{name} must contain only 0 (fake) and 1 (real)")
    return arr.astype(np.int64)


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


def best_threshold_balanced_accuracy(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float, str]:
    """Best balanced accuracy a single threshold on ``scores`` reaches for binary ``labels``.

    Both directions are tried: ``'>='`` predicts real (1) when ``score >= threshold``,
    ``'<='`` predicts real when ``score <= threshold``. Candidate thresholds are the
    distinct score values, which covers every split a threshold can make: equal scores
    always land on the same side. The search is exact and vectorised (one sort, cumulative
    counts), O(n log n).

    Args:
        scores: shape ``(n,)``, finite numbers (e.g. a frame's mean temperature in °C).
        labels: shape ``(n,)``, 1 = real face, 0 = fake; both classes must occur.

    Returns:
        ``(balanced_accuracy, threshold, direction)``. Among equally good thresholds the
        ``'>='`` direction and then the smallest threshold win. A constant prediction
        (every score on one side) scores 0.5, so the result is at least 0.5.

    Raises:
        ValueError: on shape mismatch, non-finite scores, labels other than 0/1, or a
            missing class.
    """
    s = np.asarray(scores, dtype=np.float64)
    y = _as_binary_labels(labels, "labels")
    if s.ndim != 1 or s.shape != y.shape:
        raise ValueError(f"scores and labels must be 1-D of equal length, got {s.shape} and {y.shape}")
    if not np.isfinite(s).all():
        raise ValueError("scores must be finite")
    n_pos = int(y.sum())
    n_neg = y.size - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("balanced accuracy needs both classes in labels")

    order = np.argsort(s, kind="stable")
    s_sorted, y_sorted = s[order], y[order]
    starts = np.flatnonzero(np.r_[True, s_sorted[1:] != s_sorted[:-1]])  # first index of each distinct value
    thresholds = s_sorted[starts]
    pos_cum = np.r_[0, np.cumsum(y_sorted)]            # positives among the first k sorted scores
    pos_below = pos_cum[starts]                         # positives with score < threshold
    neg_below = starts - pos_below                      # negatives with score < threshold
    ends = np.r_[starts[1:], s_sorted.size]
    pos_upto = pos_cum[ends]                            # positives with score <= threshold
    neg_upto = ends - pos_upto                          # negatives with score <= threshold

    ba_ge = 0.5 * ((n_pos - pos_below) / n_pos + neg_below / n_neg)
    ba_le = 0.5 * (pos_upto / n_pos + (n_neg - neg_upto) / n_neg)

    i_ge, i_le = int(np.argmax(ba_ge)), int(np.argmax(ba_le))
    if ba_ge[i_ge] >= ba_le[i_le]:
        return float(ba_ge[i_ge]), float(thresholds[i_ge]), ">="
    return float(ba_le[i_le]), float(thresholds[i_le]), "<="
