"""Classification metrics for imbalanced binary data, in NumPy, where Keras has none.

Conventions used throughout (and by the notebooks):

* labels: ``1`` = a real face (the *positive* class), ``0`` = not a face (fake);
* scores: ``P(real face)``, a float in [0, 1] per frame (column 1 of the softmax output);
* a frame is predicted real when its score is **strictly above** the threshold
  (``score > threshold``). This matches ``argmax`` of ``[1 - p, p]`` at threshold 0.5
  (a tie goes to class 0) and Keras's ``Precision``/``Recall``/``AUC`` metrics.

Keras provides ``Precision``, ``Recall``, ``F1Score`` and ``AUC``; this module adds what it
lacks (the confusion matrix, balanced accuracy, the exact ROC and precision-recall curves,
average precision, choosing a decision threshold) and an exact AUC to compare with Keras's
approximation.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def _scores(scores: np.ndarray, n: int) -> np.ndarray:
    s = np.asarray(scores, dtype=np.float64)
    if s.shape != (n,):
        raise ValueError(f"scores must have shape ({n},), got {s.shape}")
    if not np.isfinite(s).all():
        raise ValueError("scores must be finite")
    return s


def predict_labels(scores: np.ndarray, threshold: float = 0.5) -> np.ndarray:
    """Labels from scores: ``1`` (real) where ``score > threshold``, else ``0``. Shape ``(n,)``.

    Taught in notebook 08.
    """
    return (np.asarray(scores) > threshold).astype(np.int64)


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """The 2 x 2 confusion matrix: rows are the true class, columns the predicted class.

    Taught in notebook 09a.

    ``cm[0, 0]`` true negatives (fake called fake), ``cm[0, 1]`` false positives (fake called
    real), ``cm[1, 0]`` false negatives (real called fake), ``cm[1, 1]`` true positives.

    Args:
        y_true, y_pred: shape ``(n,)``, labels 0 or 1.

    Returns:
        ``(2, 2)`` int64 counts summing to ``n``.
    """
    truth = _as_binary_labels(y_true, "y_true")
    pred = _as_binary_labels(y_pred, "y_pred")
    if truth.shape != pred.shape:
        raise ValueError(f"y_true and y_pred differ in shape: {truth.shape} vs {pred.shape}")
    return np.bincount(2 * truth + pred, minlength=4).reshape(2, 2).astype(np.int64)


def _ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, or 0.0 when the denominator is 0 (as Keras does)."""
    return float(numerator / denominator) if denominator else 0.0


@dataclass(frozen=True)
class BinaryReport:
    """Every threshold metric of one set of predictions (positive class: real face).

    Attributes:
        threshold: the decision threshold on P(real face) used.
        accuracy: share of frames classified correctly.
        balanced_accuracy: mean of ``recall`` and ``specificity``; 0.5 for any constant answer.
        precision: of the frames called real, the share that are real.
        recall: of the real faces, the share called real (true-positive rate, sensitivity).
        specificity: of the fakes, the share called fake (true-negative rate, recall of fakes).
        f1: harmonic mean of precision and recall.
        tn, fp, fn, tp: the confusion matrix's cells.
    """

    threshold: float
    accuracy: float
    balanced_accuracy: float
    precision: float
    recall: float
    specificity: float
    f1: float
    tn: int
    fp: int
    fn: int
    tp: int


def binary_report(y_true: np.ndarray, scores: np.ndarray, threshold: float = 0.5) -> BinaryReport:
    """Confusion matrix and the metrics derived from it, for ``score > threshold`` predictions.

    Taught in notebook 05.

    Args:
        y_true: shape ``(n,)``, labels 0 (fake) or 1 (real).
        scores: shape ``(n,)``, P(real face) per frame.
        threshold: decision threshold on the score.

    Ratios whose denominator is 0 (e.g. precision when nothing is called real) are 0.0.
    Balanced accuracy needs both classes in ``y_true``.
    """
    truth = _as_binary_labels(y_true, "y_true")
    pred = predict_labels(_scores(scores, truth.size), threshold)
    (tn, fp), (fn, tp) = confusion_matrix(truth, pred).tolist()
    if tp + fn == 0 or tn + fp == 0:
        raise ValueError("balanced accuracy needs both classes in y_true")
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    specificity = _ratio(tn, tn + fp)
    return BinaryReport(
        threshold=float(threshold),
        accuracy=_ratio(tp + tn, truth.size),
        balanced_accuracy=0.5 * (recall + specificity),
        precision=precision,
        recall=recall,
        specificity=specificity,
        f1=_ratio(2 * precision * recall, precision + recall),
        tn=tn,
        fp=fp,
        fn=fn,
        tp=tp,
    )


def _two_class_scores(
    y_true: np.ndarray, scores: np.ndarray, what: str
) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Checked labels and scores of a two-class problem, with the counts of each class.

    Returns ``(labels, scores, n_real, n_fake)``; raises ``ValueError`` (naming ``what``
    needs them) unless both classes are present.
    """
    truth = _as_binary_labels(y_true, "y_true")
    s = _scores(scores, truth.size)
    n_pos = int(truth.sum())
    n_neg = truth.size - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError(f"{what} needs both classes in y_true")
    return truth, s, n_pos, n_neg


def roc_curve(y_true: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The exact ROC curve: one point per distinct score, plus the all-fake end.

    Taught in notebook 09a.

    Args:
        y_true: shape ``(n,)``, labels 0 or 1, both classes present.
        scores: shape ``(n,)``, P(real face) (any monotone score works).

    Returns:
        ``(fpr, tpr, thresholds)``, each of shape ``(k + 1,)`` for ``k`` distinct scores, in
        order of decreasing threshold. Point ``i`` is what ``score > thresholds[i]`` gives:
        the false-positive rate (fakes called real / fakes) and the true-positive rate
        (real faces called real / real faces). The first point is ``(0, 0)`` with threshold
        ``max(score)``, the last ``(1, 1)`` with a threshold just below ``min(score)``.
    """
    truth, s, n_pos, n_neg = _two_class_scores(y_true, scores, "an ROC curve")
    order = np.argsort(-s, kind="stable")
    s_sorted, y_sorted = s[order], truth[order]
    # Last index of each run of equal scores: thresholds set there keep ties together.
    ends = np.flatnonzero(np.r_[s_sorted[1:] != s_sorted[:-1], True])
    tp = np.r_[0, np.cumsum(y_sorted)[ends]]
    fp = np.r_[0, (ends + 1) - tp[1:]]
    # Point i (i >= 1) keeps the i highest runs: its threshold is the next run's score.
    thresholds = np.r_[s_sorted[ends], np.nextafter(s_sorted[-1], -np.inf)]
    return fp / n_neg, tp / n_pos, thresholds


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Exact area under the ROC curve (trapezoids over every distinct score).

    Taught in notebook 09a.

    Equals the probability that a random real face scores higher than a random fake,
    counting ties as one half (the Mann-Whitney U statistic divided by ``n_real * n_fake``).
    0.5 is chance, 1.0 a perfect ranking.
    """
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2.0))


def precision_recall_curve(
    y_true: np.ndarray, scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The exact precision-recall curve of the class labelled 1: one point per distinct score.

    Taught in notebook 09a, where the rare class, the fakes, is the positive one: pass
    ``1 - labels`` and ``1 - P(real)`` (that is, ``P(fake)``).

    Args:
        y_true: shape ``(n,)``, labels 0 or 1, both classes present; 1 is the positive class.
        scores: shape ``(n,)``, how likely each frame is positive (any monotone score works).

    Returns:
        ``(precision, recall, thresholds)``, each of shape ``(k,)`` for ``k`` distinct scores,
        in order of decreasing threshold (increasing recall). Point ``i`` is what
        ``score > thresholds[i]`` gives: precision (positives among the frames called positive)
        and recall (positives called positive / positives). Unlike the ROC curve there is no
        point for "nothing called positive": its precision is undefined. The last point calls
        every frame positive: its precision is the positive class's share.
    """
    truth, s, n_pos, _ = _two_class_scores(y_true, scores, "a precision-recall curve")
    order = np.argsort(-s, kind="stable")
    s_sorted, y_sorted = s[order], truth[order]
    ends = np.flatnonzero(np.r_[s_sorted[1:] != s_sorted[:-1], True])  # last index of each run
    tp = np.cumsum(y_sorted)[ends]
    called = ends + 1
    thresholds = np.r_[s_sorted[ends[1:]], np.nextafter(s_sorted[-1], -np.inf)]
    return tp / called, tp / n_pos, thresholds


def average_precision(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Average precision: the precision at each recall step, weighted by the step's size.

    Taught in notebook 09a. ``sum((recall[i] - recall[i - 1]) * precision[i])`` over the points
    of ``precision_recall_curve`` (recall starting from 0): the area under its step-wise curve,
    without interpolation (scikit-learn's ``average_precision_score``). Without ties it is the
    mean, over the positive frames, of the precision among the frames scored at least as high.
    A perfect ranking scores 1.0; a constant score scores exactly the positive class's share,
    and a random ranking about that on average: the baseline to read it against.
    """
    precision, recall, _ = precision_recall_curve(y_true, scores)
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def choose_threshold(y_true: np.ndarray, scores: np.ndarray) -> float:
    """The decision threshold on ``scores`` that maximises balanced accuracy on these frames.

    Taught in notebook 09b.

    Use it on **validation** frames, never on the test frames you report.

    Candidates are the midpoints between consecutive distinct scores, so that the chosen
    threshold sits between the frames it separates instead of on one of them, and the two
    constant answers (just below the lowest score: all real; the highest score: all fake).
    Among equally good candidates the one closest to 0.5 wins (then the lower one). With a
    single distinct score there is nothing to separate and 0.5 is returned.

    Args:
        y_true: shape ``(n,)``, labels 0 or 1, both classes present.
        scores: shape ``(n,)``, P(real face).

    Returns:
        A threshold ``t``: predict real where ``score > t``.
    """
    truth, s, n_pos, n_neg = _two_class_scores(y_true, scores, "choosing a threshold")
    distinct = np.unique(s)
    if distinct.size < 2:
        return 0.5
    # Between every two neighbouring scores, plus the two constant answers (all real, all fake).
    candidates = np.r_[
        np.nextafter(distinct[0], -np.inf), (distinct[1:] + distinct[:-1]) / 2.0, distinct[-1]
    ]
    # Frames above each candidate, by class: one sort, then counts by searchsorted.
    pos_scores, neg_scores = np.sort(s[truth == 1]), np.sort(s[truth == 0])
    tpr = (n_pos - np.searchsorted(pos_scores, candidates, side="right")) / n_pos
    tnr = np.searchsorted(neg_scores, candidates, side="right") / n_neg
    ba = 0.5 * (tpr + tnr)
    best = np.flatnonzero(np.isclose(ba, ba.max(), rtol=0.0, atol=1e-12))
    return float(candidates[best[np.argmin(np.abs(candidates[best] - 0.5))]])


def best_threshold_balanced_accuracy(
    scores: np.ndarray, labels: np.ndarray
) -> tuple[float, float, str]:
    """Best balanced accuracy a single threshold on ``scores`` reaches for binary ``labels``.

    Taught in notebook 10: a model-free baseline (a frame's mean or maximum temperature
    in °C as the score) that a classifier worth training has to beat.

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
        raise ValueError(
            f"scores and labels must be 1-D of equal length, got {s.shape} and {y.shape}"
        )
    if not np.isfinite(s).all():
        raise ValueError("scores must be finite")
    n_pos = int(y.sum())
    n_neg = y.size - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("balanced accuracy needs both classes in labels")

    order = np.argsort(s, kind="stable")
    s_sorted, y_sorted = s[order], y[order]
    starts = np.flatnonzero(
        np.r_[True, s_sorted[1:] != s_sorted[:-1]]
    )  # first index of each distinct value
    thresholds = s_sorted[starts]
    pos_cum = np.r_[0, np.cumsum(y_sorted)]  # positives among the first k sorted scores
    pos_below = pos_cum[starts]  # positives with score < threshold
    neg_below = starts - pos_below  # negatives with score < threshold
    ends = np.r_[starts[1:], s_sorted.size]
    pos_upto = pos_cum[ends]  # positives with score <= threshold
    neg_upto = ends - pos_upto  # negatives with score <= threshold

    ba_ge = 0.5 * ((n_pos - pos_below) / n_pos + neg_below / n_neg)
    ba_le = 0.5 * (pos_upto / n_pos + (n_neg - neg_upto) / n_neg)

    i_ge, i_le = int(np.argmax(ba_ge)), int(np.argmax(ba_le))
    if ba_ge[i_ge] >= ba_le[i_le]:
        return float(ba_ge[i_ge]), float(thresholds[i_ge]), ">="
    return float(ba_le[i_le]), float(thresholds[i_le]), "<="
