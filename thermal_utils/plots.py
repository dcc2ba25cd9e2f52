"""Figures for the notebooks: thermal images with °C colour bars, histograms, training curves.

Every helper that writes text of its own into a figure (axis labels, titles, legends, class
names) takes ``language``: ``"en"`` (the default) or ``"ko"``, the Korean edition's
(``notebooks/ko``), whose texts are in ``TEXTS["ko"]``. The notebooks pass
``language=p.language``. Korean text needs a font with Hangul: ``use_language("ko")``
(called by ``start_notebook``) makes matplotlib use NanumGothic, shipped by the
``koreanize-matplotlib`` package.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

THERMAL_CMAP = "inferno"

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "class_fake": "fake",
        "class_real": "real",
        "temperature": "temperature (°C)",
        "number_of_values": "number of values",
        "training_curve": "training {metric}",
        "validation_curve": "validation {metric}",
        "per_epoch": "{metric} per epoch",
        "epoch": "epoch",
        "called": "called {name}",
        "truly": "truly {name}",
        "predicted_class": "predicted class",
        "true_class": "true class",
        "chance_auc": "chance (AUC 0.5)",
        "false_positive_rate": "false-positive rate (fakes called real)",
        "true_positive_rate": "true-positive rate (real faces called real)",
        "roc_curves": "ROC curves",
        "trainable_parameters": "trainable parameters (log scale)",
        "model_size": "Model size",
        "seconds_per_epoch": "seconds per epoch",
        "training_time": "Training time per epoch",
        "chance": "chance",
        "score": "score",
        "scores": "Scores (higher is better)",
        "prediction_title": "P(real) = {p_real:.2f}\ntrue: {name}",
    },
    "ko": {
        "class_fake": "가짜",
        "class_real": "실제 얼굴",
        "temperature": "온도(°C)",
        "number_of_values": "값의 개수",
        "training_curve": "훈련 {metric}",
        "validation_curve": "검증 {metric}",
        "per_epoch": "에포크별 {metric}",
        "epoch": "에포크",
        "called": "판정:\n{name}",
        "truly": "정답: {name}",
        "predicted_class": "판정한 클래스",
        "true_class": "정답 클래스",
        "chance_auc": "무작위 추측(AUC 0.5)",
        "false_positive_rate": "거짓양성률(실제 얼굴로 판정된 가짜)",
        "true_positive_rate": "참양성률(실제 얼굴로 판정된 실제 얼굴)",
        "roc_curves": "ROC 곡선",
        "trainable_parameters": "훈련되는 파라미터 수(로그 스케일)",
        "model_size": "모델 크기",
        "seconds_per_epoch": "에포크당 초",
        "training_time": "에포크당 훈련 시간",
        "chance": "무작위 추측",
        "score": "점수",
        "scores": "점수(높을수록 좋음)",
        "prediction_title": "P(실제 얼굴) = {p_real:.2f}\n정답: {name}",
    },
}
"""The texts the helpers write themselves, per language (``{...}`` fields are filled in)."""

KOREAN_FONT_PACKAGE = "koreanize_matplotlib"
"""The package that ships the Korean font (``pip install koreanize-matplotlib``): NanumGothic
(SIL Open Font License 1.1) in its ``fonts/`` folder. Only its font files are used; the
package itself is not imported (importing it changes matplotlib's settings)."""

KOREAN_FONT_FAMILY = "NanumGothic"


def texts(language: str) -> dict[str, str]:
    """The helpers' own texts in ``language`` (``"en"`` or ``"ko"``)."""
    try:
        return TEXTS[language]
    except KeyError:
        raise ValueError(f"language must be one of {list(TEXTS)}, got {language!r}") from None


def shown_class_names(language: str = "en") -> tuple[str, str]:
    """The two classes as figures name them, label 0 then label 1: ``("fake", "real")``."""
    t = texts(language)
    return (t["class_fake"], t["class_real"])


def korean_font_files() -> list[Path]:
    """The NanumGothic font files (``.ttf``) that ``koreanize-matplotlib`` ships.

    Raises ``ModuleNotFoundError`` with the install command when the package is missing.
    """
    spec = importlib.util.find_spec(KOREAN_FONT_PACKAGE)  # finds it without importing it
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    found = sorted(p for folder in folders for p in (Path(folder) / "fonts").glob("*.ttf"))
    if not found:
        raise ModuleNotFoundError(
            "the Korean edition draws its figures with the NanumGothic font of the "
            "koreanize-matplotlib package: pip install koreanize-matplotlib"
        )
    return found


def korean_font_path() -> Path:
    """The regular NanumGothic font file (what the glyph checks test against)."""
    return next(p for p in korean_font_files() if p.name == f"{KOREAN_FONT_FAMILY}.ttf")


def use_language(language: str) -> None:
    """Make matplotlib able to draw ``language``'s text. Called by ``start_notebook``.

    For ``"ko"``: registers the NanumGothic fonts, puts NanumGothic first in the sans-serif
    list (other fonts stay behind it, as fallbacks for any glyph it lacks) and, because
    NanumGothic has no U+2212 minus sign, draws minus signs as "-" (``axes.unicode_minus``).
    ``"en"`` changes nothing.
    """
    texts(language)  # checks the name
    if language != "ko":
        return
    from matplotlib.ft2font import FT2Font

    for path in korean_font_files():
        font_manager.fontManager.addfont(str(path))
    rc = matplotlib.rcParams
    others = [name for name in rc["font.sans-serif"] if name != KOREAN_FONT_FAMILY]
    rc["font.sans-serif"] = [KOREAN_FONT_FAMILY, *others]
    rc["font.family"] = "sans-serif"
    rc["axes.unicode_minus"] = (
        ord("\N{MINUS SIGN}") in FT2Font(str(korean_font_path())).get_charmap()
    )


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

    ``vmin``/``vmax`` default to the 1st and 99th percentile of all frames, so one hot
    lamp does not wash out every face. ``language``: of the colour bar's label.
    """
    t = texts(language)
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
    bins: int = 80,
    language: str = "en",
) -> Figure:
    """Histograms, two per row; each panel is ``(values, title, x-axis label, x range or None)``.

    Giving two panels the same x range makes their spreads comparable. ``language``: of the
    y-axis label (the titles and x-axis labels are the caller's).
    """
    t = texts(language)
    ncols = min(2, len(panels))
    nrows = -(-len(panels) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.8 * ncols, 3.0 * nrows), squeeze=False)
    for ax in axes.flat[len(panels) :]:
        ax.set_axis_off()
    for ax, (values, title, xlabel, x_range) in zip(axes.flat, panels):
        ax.hist(np.ravel(values), bins=bins, range=x_range, color="tab:orange")
        ax.set_title(title, fontsize=10)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(t["number_of_values"])
    fig.tight_layout()
    return fig


def plot_history(
    history: dict[str, list[float]], metric: str, ylabel: str, language: str = "en"
) -> Figure:
    """Training (dots) and validation (line) curves of one metric per epoch.

    ``ylabel`` names the metric (in ``language``, which the other texts are in)."""
    t = texts(language)
    name = ylabel.lower()
    fig, ax = plt.subplots(figsize=(5.5, 3.6))
    epochs = range(1, len(history[metric]) + 1)
    ax.plot(
        epochs,
        history[metric],
        "o",
        color="tab:blue",
        label=t["training_curve"].format(metric=name),
    )
    if f"val_{metric}" in history:
        ax.plot(
            epochs,
            history[f"val_{metric}"],
            "-",
            color="tab:orange",
            label=t["validation_curve"].format(metric=name),
        )
    ax.set_title(t["per_epoch"].format(metric=ylabel))
    ax.set_xlabel(t["epoch"])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(ylabel)
    ax.legend()
    fig.tight_layout()
    return fig


def plot_confusion_matrices(
    matrices: Sequence[tuple[np.ndarray, str]],
    class_names: Sequence[str] | None = None,
    language: str = "en",
) -> Figure:
    """Side-by-side 2 x 2 confusion matrices, each ``(matrix, title)``.

    Rows are the true class, columns the predicted class. ``class_names`` default to
    ``shown_class_names(language)``; ``language``: of the axis labels."""
    t = texts(language)
    class_names = shown_class_names(language) if class_names is None else class_names
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
    ``metrics.roc_curve`` returns them, with the chance diagonal. ``title`` defaults to
    "ROC curves"; ``language``: of the axis labels, the chance line and that title."""
    t = texts(language)
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


def plot_model_comparison(
    names: Sequence[str],
    parameters: Sequence[int],
    seconds_per_epoch: Sequence[float],
    scores: dict[str, Sequence[float]],
    language: str = "en",
) -> Figure:
    """One figure comparing models: parameter count (log scale), seconds per epoch, and scores.

    ``scores`` maps a score's label (e.g. ``"balanced accuracy, test"``) to one value per model,
    all in [0, 1]; they share the third panel as grouped bars. ``language``: of the axis
    labels and titles (the model names and score labels are the caller's).
    """
    t = texts(language)
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    fig, axes = plt.subplots(1, 3, figsize=(12.5, 3.8), gridspec_kw={"width_ratios": [1, 1, 2.2]})
    x = np.arange(len(names))
    axes[0].bar(x, parameters, color=colors[: len(names)])
    axes[0].set_yscale("log")
    axes[0].set_ylabel(t["trainable_parameters"])
    axes[0].set_title(t["model_size"])
    axes[1].bar(x, seconds_per_epoch, color=colors[: len(names)])
    axes[1].set_ylabel(t["seconds_per_epoch"])
    axes[1].set_title(t["training_time"])
    for ax in axes[:2]:
        ax.set_xticks(x, names)
    width = 0.8 / max(1, len(names))
    labels = list(scores)
    positions = np.arange(len(labels))
    for i, name in enumerate(names):
        values = [scores[label][i] for label in labels]
        bars = axes[2].bar(
            positions + (i - (len(names) - 1) / 2) * width,
            values,
            width,
            label=name,
            color=colors[i],
        )
        axes[2].bar_label(bars, fmt="%.2f", fontsize=8)
    axes[2].axhline(0.5, color="gray", linestyle=":", label=t["chance"])
    axes[2].set_xticks(positions, labels, fontsize=8)
    axes[2].set_ylim(0, 1.08)
    axes[2].set_ylabel(t["score"])
    axes[2].set_title(t["scores"])
    axes[2].legend(fontsize=8, loc="lower right")
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

    Each frame ``(110, 120)`` in °C gets a title ``P(real) = 0.93``, blue when the prediction
    (``p_real > threshold``) is right and red when it is wrong, and below it a bar chart of
    both class probabilities: the predicted class's bar red, the true class's bar blue (so a
    right prediction shows one blue bar). ``p_real`` and ``labels`` have shape ``(n,)``.
    ``class_names`` default to ``shown_class_names(language)``; ``language``: of the titles.
    """
    t = texts(language)
    class_names = shown_class_names(language) if class_names is None else class_names
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
