"""Figures for the notebooks: thermal images with °C colour bars, histograms, predictions,
confusion matrices and ROC curves (notebook 06 draws its training curves itself).

Every helper that writes text of its own into a figure (axis labels, titles, legends, class
names) takes ``language``: ``"en"`` (the default) or ``"ko"``, the Korean edition's
(``notebooks/ko``); the texts are in ``thermal_utils.tooling.figure_texts``. The notebooks
pass ``language=p.language``; ``start_notebook`` gives matplotlib a Korean font.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from thermal_utils.formats import CLASS_NAMES
from thermal_utils.tooling.figure_texts import KOREAN_CLASS_NAMES, TEXTS

THERMAL_CMAP = "inferno"


def _texts(language: str) -> dict[str, str]:
    """The helpers' own texts in ``language`` (``"en"`` or ``"ko"``)."""
    try:
        return TEXTS[language]
    except KeyError:
        raise ValueError(f"language must be one of {list(TEXTS)}, got {language!r}") from None


def _class_names(language: str) -> tuple[str, ...]:
    """The two classes as figures name them, label 0 then label 1."""
    _texts(language)  # checks the name
    return KOREAN_CLASS_NAMES if language == "ko" else CLASS_NAMES


def show_frames(
    frames: np.ndarray,
    titles: Sequence[str] | None = None,
    ncols: int = 4,
    vmin: float | None = None,
    vmax: float | None = None,
    panel_size: float = 2.1,
    language: str = "en",
) -> Figure:
    """Show ``(n, 110, 120)`` frames in °C as thermal images sharing one colour scale.

    Taught in notebook 01.

    ``vmin``/``vmax`` default to the 1st and 99th percentile of all frames, so one hot
    lamp does not wash out every face. ``language``: of the colour bar's label.
    """
    t = _texts(language)
    frames = np.asarray(frames)
    n = len(frames)
    if n == 0:
        raise ValueError("no frames to show")
    ncols = min(ncols, n)
    nrows = -(-n // ncols)
    if vmin is None or vmax is None:
        low, high = np.percentile(frames, [1, 99])
        vmin = low if vmin is None else vmin
        vmax = high if vmax is None else vmax
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(panel_size * ncols + 1.0, panel_size * 0.95 * nrows), squeeze=False
    )
    image = None
    for i, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if i < n:
            image = ax.imshow(frames[i], cmap=THERMAL_CMAP, vmin=vmin, vmax=vmax)
            if titles is not None:
                ax.set_title(titles[i], fontsize=9)
    fig.colorbar(image, ax=axes.ravel().tolist(), shrink=0.85, label=t["temperature"])
    return fig


def plot_value_histograms(
    panels: Sequence[tuple[np.ndarray, str, str, tuple[float, float] | None]],
    bins: int | Sequence[np.ndarray] = 80,
    language: str = "en",
) -> Figure:
    """Histograms, two per row; each panel is ``(values, title, x-axis label, x range or None)``.

    Taught in notebook 03.

    ``bins``: a number of bins for every panel, or one array of bin edges per panel (then the x
    range only sets the x limits). Giving two panels the same x range makes their spreads
    comparable. ``language``: of the y-axis label (the titles and x-axis labels are the caller's).
    """
    t = _texts(language)
    bins_of = [bins] * len(panels) if isinstance(bins, int) else list(bins)
    pairs = list(zip(panels, bins_of, strict=True))  # one number or array of edges per panel
    ncols = min(2, len(panels))
    nrows = -(-len(panels) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.8 * ncols, 3.0 * nrows), squeeze=False)
    for ax in axes.flat[len(panels) :]:
        ax.set_axis_off()
    # one filled outline per panel: bars narrower than a pixel still show their heights
    style = dict(histtype="stepfilled", color="tab:orange", ec="tab:orange", lw=0.8)
    for ax, (panel, b) in zip(axes.flat, pairs):
        values, title, xlabel, x_range = panel
        ax.hist(np.ravel(values), bins=b, range=x_range if isinstance(b, int) else None, **style)
        if x_range is not None:
            ax.set_xlim(x_range)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(t["number_of_values"])
    fig.tight_layout()
    return fig


def plot_confusion_matrices(
    matrices: Sequence[tuple[np.ndarray, str]],
    class_names: Sequence[str] | None = None,
    language: str = "en",
) -> Figure:
    """Side-by-side 2 x 2 confusion matrices, each ``(matrix, title)``.

    Taught in notebook 09a.

    Rows are the true class, columns the predicted class. ``class_names`` default to
    ``_class_names(language)``; ``language``: of the axis labels."""
    t = _texts(language)
    class_names = _class_names(language) if class_names is None else class_names
    fig, axes = plt.subplots(1, len(matrices), figsize=(2.9 * len(matrices), 3.1), squeeze=False)
    for ax, (matrix, title) in zip(axes[0], matrices):
        matrix = np.asarray(matrix)
        ax.imshow(matrix, cmap="Blues", vmin=0, vmax=max(1, int(matrix.max())))
        for (row, col), count in np.ndenumerate(matrix):
            color = "white" if count > matrix.max() / 2 else "black"
            ax.text(col, row, str(int(count)), ha="center", va="center", fontsize=14, color=color)
        ax.set_xticks(range(len(class_names)), [t["called"].format(name=n) for n in class_names])
        ax.set_yticks(range(len(class_names)), [t["truly"].format(name=n) for n in class_names])
        ax.set_xlabel(t["predicted_class"])
        ax.set_ylabel(t["true_class"])
        ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig


def plot_roc_curves(
    curves: Sequence[tuple[np.ndarray, np.ndarray, str]],
    title: str | None = None,
    language: str = "en",
) -> Figure:
    """ROC curves, each ``(false-positive rates, true-positive rates, label)``:

    Taught in notebook 09a.
    ``metrics.roc_curve`` returns them, with the chance diagonal. ``title`` defaults to
    "ROC curves"; ``language``: of the axis labels, the chance line and that title."""
    t = _texts(language)
    fig, ax = plt.subplots(figsize=(4.8, 4.4))
    ax.plot([0, 1], [0, 1], ":", color="gray", label=t["chance_auc"])
    for fpr, tpr, label in curves:
        # Straight lines between the points: a run of tied scores is a diagonal segment,
        # and the area under these lines is exactly the AUC.
        ax.plot(fpr, tpr, marker=".", label=label, linewidth=2)
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(t["false_positive_rate"])
    ax.set_ylabel(t["true_positive_rate"])
    ax.set_title(t["roc_curves"] if title is None else title)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def show_predictions(
    frames: np.ndarray,
    p_real: np.ndarray,
    labels: np.ndarray,
    class_names: Sequence[str] | None = None,
    ncols: int = 4,
    threshold: float = 0.5,
    language: str = "en",
) -> Figure:
    """Frames with their predictions, as the TensorFlow classification tutorial shows them.

    Taught in notebook 08.

    Each frame ``(110, 120)`` in °C gets a title ``P(real) = 0.93``, blue when the prediction
    (``p_real > threshold``) is right and red when it is wrong, and below it a bar chart of
    both class probabilities: the predicted class's bar red, the true class's bar blue (so a
    right prediction shows one blue bar). ``p_real`` and ``labels`` have shape ``(n,)``.
    ``class_names`` default to ``_class_names(language)``; ``language``: of the titles.
    """
    t = _texts(language)
    class_names = _class_names(language) if class_names is None else class_names
    frames, p_real, labels = np.asarray(frames), np.asarray(p_real, dtype=float), np.asarray(labels)
    n = len(frames)
    if n == 0:
        raise ValueError("no frames to show")
    ncols = min(ncols, n)
    nrows = -(-n // ncols)
    fig, axes = plt.subplots(
        2 * nrows,
        ncols,
        figsize=(2.1 * ncols, 3.2 * nrows),
        squeeze=False,
        gridspec_kw={"height_ratios": [4, 1] * nrows, "hspace": 0.6},
    )
    vmin, vmax = np.percentile(frames, [1, 99])
    for i in range(nrows * ncols):
        image_ax, bar_ax = axes[2 * (i // ncols), i % ncols], axes[2 * (i // ncols) + 1, i % ncols]
        image_ax.set_axis_off()
        if i >= n:
            bar_ax.set_axis_off()
            continue
        predicted = int(p_real[i] > threshold)
        color = "tab:blue" if predicted == labels[i] else "tab:red"
        image_ax.imshow(frames[i], cmap=THERMAL_CMAP, vmin=vmin, vmax=vmax)
        title = t["prediction_title"].format(p_real=p_real[i], name=class_names[labels[i]])
        image_ax.set_title(title, color=color, fontsize=10)
        bars = bar_ax.bar([0, 1], [1 - p_real[i], p_real[i]], color="lightgray")
        bars[predicted].set_color("tab:red")
        bars[int(labels[i])].set_color("tab:blue")
        bar_ax.set_ylim(0, 1)
        bar_ax.set_xticks([0, 1], list(class_names), fontsize=9)
        bar_ax.set_yticks([0, 0.5, 1])
        bar_ax.tick_params(axis="y", labelsize=8)
    fig.subplots_adjust(left=0.04, right=0.98, top=0.93, bottom=0.05, wspace=0.25)
    return fig
