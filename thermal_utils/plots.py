"""Figures for the notebooks: thermal images with °C colour bars, histograms, training curves."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

THERMAL_CMAP = "inferno"


def show_frames(
    frames: np.ndarray,
    titles: Sequence[str] | None = None,
    ncols: int = 4,
    vmin: float | None = None,
    vmax: float | None = None,
    panel_size: float = 2.6,
) -> Figure:
    """Show ``(n, 110, 120)`` frames in °C as thermal images sharing one colour scale.

    ``vmin``/``vmax`` default to the 1st and 99th percentile of all frames, so one hot
    lamp does not wash out every face.
    """
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
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel_size * ncols + 1.0, panel_size * 0.95 * nrows), squeeze=False)
    image = None
    for i, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if i < n:
            image = ax.imshow(frames[i], cmap=THERMAL_CMAP, vmin=vmin, vmax=vmax)
            if titles is not None:
                ax.set_title(titles[i], fontsize=9)
    fig.colorbar(image, ax=axes.ravel().tolist(), shrink=0.85, label="temperature (°C)")
    return fig


def plot_value_histograms(panels: Sequence[tuple[np.ndarray, str, str]], bins: int = 80) -> Figure:
    """Side-by-side histograms; each panel is ``(values, title, x-axis label)``."""
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 3.2), squeeze=False)
    for ax, (values, title, xlabel) in zip(axes[0], panels):
        ax.hist(np.ravel(values), bins=bins, color="tab:orange")
        ax.set_title(title, fontsize=10)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("number of values")
    fig.tight_layout()
    return fig


def plot_history(history: dict[str, list[float]], metric: str, ylabel: str) -> Figure:
    """Training (dots) and validation (line) curves of one metric per epoch."""
    fig, ax = plt.subplots(figsize=(5.5, 3.6))
    epochs = range(1, len(history[metric]) + 1)
    ax.plot(epochs, history[metric], "o", color="tab:blue", label=f"training {ylabel.lower()}")
    if f"val_{metric}" in history:
        ax.plot(epochs, history[f"val_{metric}"], "-", color="tab:orange", label=f"validation {ylabel.lower()}")
    ax.set_title(f"{ylabel} per epoch")
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    ax.legend()
    fig.tight_layout()
    return fig
