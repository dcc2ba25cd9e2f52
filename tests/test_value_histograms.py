"""``plots.plot_value_histograms`` (notebook 03): one set of bin edges per panel counts the same
temperatures in panels of different units."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes

from thermal_utils import plots


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[np.ndarray]:
    """The counts of every histogram drawn while the test runs, in drawing order."""
    counts: list[np.ndarray] = []
    hist = Axes.hist

    def recording_hist(self: Axes, *args, **kwargs):
        result = hist(self, *args, **kwargs)
        counts.append(np.asarray(result[0]))
        return result

    monkeypatch.setattr(Axes, "hist", recording_hist)
    return counts


def test_one_set_of_edges_per_panel_counts_the_same_bins(counted: list[np.ndarray]) -> None:
    """Temperatures stored to 0.1 °C, binned by edges between the steps and mapped through a
    scaling: every panel counts the same, and each bin holds exactly five steps."""
    steps = np.round(np.arange(20.0, 30.0, 0.1), 1).astype(np.float32)  # 100 steps, once each
    edges_c = np.arange(19.95, 30.0, 0.5)
    scaled = (steps - np.float32(27)) / np.float32(6)
    fig = plots.plot_value_histograms(
        [(steps, "raw", "°C", None), (scaled, "centred", "x", (-2.5, 2.5))],
        bins=[edges_c, (edges_c - 27) / 6],
    )
    assert [c.tolist() for c in counted] == [[5.0] * 20, [5.0] * 20]
    assert fig.axes[1].get_xlim() == (-2.5, 2.5)
    plt.close(fig)


def test_a_number_of_bins_spans_the_x_range(counted: list[np.ndarray]) -> None:
    values = np.linspace(0.0, 1.0, 101)
    fig = plots.plot_value_histograms([(values, "t", "x", (0.0, 1.0))], bins=10)
    assert len(counted[0]) == 10 and counted[0].sum() == 101
    assert fig.axes[0].get_xlim() == (0.0, 1.0)
    plt.close(fig)


def test_edges_for_another_number_of_panels_are_refused() -> None:
    with pytest.raises(ValueError):
        plots.plot_value_histograms([(np.zeros(3), "t", "x", None)], bins=[[0, 1], [0, 1]])
