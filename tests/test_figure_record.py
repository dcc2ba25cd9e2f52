"""Figures record their texts in the stored output's metadata (issue 20: tooling.figure_record).

A stored figure is a PNG; tests/test_korean_text.py scans the texts ``start_notebook`` makes
every shown figure record beside it. Recording them must change neither the PNG nor the
``text/plain`` that nbval compares.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from nbclient import NotebookClient

from thermal_utils.tooling import figure_record
from thermal_utils.tooling.figure_record import (
    FIGURE_TEXTS_KEY,
    TextRecordingPrinter,
    figure_texts,
    is_number_label,
    record_figure_texts,
)
from thermal_utils.tooling.tf_env import apply_tf_environment


def _drawn_figure() -> Figure:
    """A figure with one text of each kind, drawn as the inline backend draws it."""
    fig = Figure(figsize=(6, 3))
    FigureCanvasAgg(fig)
    fig.suptitle("suptitle")
    fig.text(0.01, 0.01, "figure text")
    left, right, hidden = fig.subplots(1, 3)
    left.bar([0, 1], [3, 4], label="bars")
    left.set_xticks([0, 1], ["first tick", "second tick"])
    left.set_title("left title")
    left.set_title("left corner", loc="left")
    left.set_xlabel("x label")
    left.set_ylabel("y label")
    left.legend(title="legend title")
    left.annotate("annotation", (0, 3))
    image = right.imshow([[0.0, 1.0], [2.0, 3.0]])
    right.set_title("left title")  # a repeated text is listed once
    fig.colorbar(image, ax=right, label="colour bar label")
    hidden.set_xlabel("hidden x label")
    hidden.set_xticks([0, 1], ["hidden", "ticks"])
    hidden.set_axis_off()  # its axis labels and ticks are not drawn
    hidden.set_title("title of an axes without axis")
    invisible = fig.text(0.5, 0.5, "invisible text")
    invisible.set_visible(False)
    fig.canvas.draw()
    return fig


def test_figure_texts_lists_every_text_a_reader_reads_once_in_order() -> None:
    assert figure_texts(_drawn_figure()) == [
        "suptitle",
        "figure text",
        "left corner",
        "left title",
        "x label",
        "y label",
        "first tick",
        "second tick",
        "legend title",
        "bars",
        "annotation",
        "title of an axes without axis",
        "colour bar label",
    ]


@pytest.mark.parametrize(
    "label",
    ["0", "0.5", "-1.0", "\N{MINUS SIGN}1.0", "1,000", "1e-3", "2.5e\N{MINUS SIGN}4", "20%"]
    + [r"$\mathdefault{10^{-2}}$", r"$\mathdefault{0.5}$", "1×10^3", r"$1 \times 10^{3}$"],
)
def test_number_tick_labels_are_recognised(label: str) -> None:
    assert is_number_label(label)


@pytest.mark.parametrize("label", ["real", "P(real)", "10 Hz", "epoch 3", "1e", "-", "", "F1"])
def test_labels_with_words_are_not_numbers(label: str) -> None:
    assert not is_number_label(label)


def test_the_printer_returns_the_same_png_with_the_texts() -> None:
    fig = _drawn_figure()
    data, metadata = TextRecordingPrinter(lambda f: "PNG-BASE64")(fig)
    assert data == "PNG-BASE64"
    assert metadata == {FIGURE_TEXTS_KEY: figure_texts(fig)}
    # metadata another formatter gave is kept
    _, metadata = TextRecordingPrinter(lambda f: ("PNG", {"width": 3}))(fig)
    assert metadata == {"width": 3, FIGURE_TEXTS_KEY: figure_texts(fig)}
    # an empty figure: IPython shows nothing, and nothing is recorded
    assert TextRecordingPrinter(lambda f: None)(fig) is None


def test_a_figure_whose_texts_fail_is_still_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(fig: Figure) -> list[str]:
        raise RuntimeError("cannot read the texts")

    monkeypatch.setattr(figure_record, "figure_texts", broken)
    assert TextRecordingPrinter(lambda f: "PNG")(Figure()) == "PNG"


def test_outside_ipython_nothing_is_recorded() -> None:
    assert record_figure_texts() is False


SETUP = """from thermal_utils import start_notebook
data_dir = {data_dir!r}
language = "ko"
p = start_notebook(globals(), data=False, tensorflow=False)"""

NO_RECORDING = """import thermal_utils.tooling.figure_record as figure_record
figure_record.record_figure_texts = lambda: False
"""

SHOWN = """import matplotlib.pyplot as plt
fig, ax = plt.subplots(figsize=(4, 3))
ax.bar([0, 1], [3, 4], label="훈련")
ax.set_xticks([0, 1], ["실제 얼굴", "가짜"])
ax.set_title("클래스별 프레임 수")
ax.set_ylabel("프레임 수")
ax.legend()
plt.show()"""

LEFT_OPEN = """fig = plt.figure(figsize=(3, 2))
fig.suptitle("열린 채로 남은 그림")
image = fig.add_subplot().imshow([[0, 1], [2, 3]])
fig.colorbar(image, label="온도(°C)");"""


def _executed(folder: Path, data_dir: Path, record: bool) -> list:
    """The outputs of a tiny notebook (setup, plt.show(), a figure left open), run in folder."""
    setup = SETUP.format(data_dir=str(data_dir))
    cells = [setup if record else NO_RECORDING + setup, SHOWN, LEFT_OPEN]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    apply_tf_environment()
    NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
    ).execute()
    return [cell.outputs for cell in nb.cells]


def _figure(outputs: list) -> dict:
    (figure,) = [o for o in outputs if o.output_type == "display_data"]
    return figure


def test_a_notebook_stores_its_figures_texts_beside_unchanged_outputs(
    tmp_path: Path, tiny_data_dir: Path
) -> None:
    recorded = _executed(tmp_path, tiny_data_dir, record=True)
    plain = _executed(tmp_path, tiny_data_dir, record=False)
    assert recorded[0] == plain[0]  # the setup cell prints the same
    expected = [
        ["클래스별 프레임 수", "프레임 수", "실제 얼굴", "가짜", "훈련"],
        ["열린 채로 남은 그림", "온도(°C)"],
    ]
    for outputs, without, texts in zip(recorded[1:], plain[1:], expected):
        figure = _figure(outputs)
        assert figure.metadata == {"image/png": {FIGURE_TEXTS_KEY: texts}}
        assert figure.data == _figure(without).data  # the same PNG bytes and text/plain
        assert _figure(without).metadata == {}
        assert figure.data["text/plain"].startswith("<Figure size ")
