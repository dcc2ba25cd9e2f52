"""Record the texts of every figure a notebook shows in the stored output's metadata.

A stored figure is a PNG, whose texts cannot be read back. ``start_notebook`` calls
``record_figure_texts()``: inside IPython it wraps the ``image/png`` formatter that the inline
backend registers for matplotlib's ``Figure``. The wrapped formatter makes the PNG exactly as
before (the same function, so the same dpi, ``bbox_inches="tight"`` and bytes) and returns it
with metadata, ``{"figure_texts": [...]}``, which Jupyter stores as the output's
``metadata["image/png"]``; the ``text/plain`` beside it (``<Figure size ...>``) is untouched.
Every way a figure reaches a notebook goes through that formatter: ``plt.show()``, a figure
left open at the end of a cell (the inline backend's ``flush_figures``), ``display(fig)`` and
a figure as a cell's value.

The texts are those a reader reads (``figure_texts``): the suptitle and figure labels, text
artists and legends, and per Axes its titles, axis labels (a colour bar's label is its Axes'
label), legend, text artists and the tick labels that are not numbers. nbval does not compare
output metadata (``metadata`` is in its ``skip_compare``); the texts are a function of the
figure, so a figure that draws the same records the same ones. ``tests/test_korean_text.py`` scans
them for English in the Korean edition.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # matplotlib is imported when a figure is shown, not by start_notebook
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure, SubFigure
    from matplotlib.legend import Legend
    from matplotlib.text import Text

FIGURE_TEXTS_KEY = "figure_texts"
"""The key of the texts in an output's ``metadata["image/png"]``."""

PNG = "image/png"

_MATHTEXT = re.compile(r"\\mathdefault|[${}\s]")
_NUMBER = re.compile(
    r"[-+\u2212]?[\d.,]*\d[\d.,]*"  # 1, -0.5, 1,000, with a Unicode minus
    r"(?:(?:[eE]|×10\^|\^)[-+\u2212]?\d+)?"  # 1e-3, 1×10^3, 10^-2
    r"%?"
)


def is_number_label(text: str) -> bool:
    """Whether a tick label is a number: ``0.5``, ``−1``, ``1,000``, ``1e-3``, ``20%``, or
    matplotlib's mathtext, such as a log axis's ``$\\mathdefault{10^{-2}}$``."""
    bare = _MATHTEXT.sub("", text.replace("\\times", "×"))
    return bool(_NUMBER.fullmatch(bare))


def _visible_texts(artists: Iterable[Text]) -> list[str]:
    """The non-empty strings of the visible text artists."""
    return [a.get_text() for a in artists if a.get_visible() and a.get_text()]


def _legend_texts(legend: Legend | None) -> list[str]:
    """A legend's title and entries ([] without a visible legend)."""
    if legend is None or not legend.get_visible():
        return []
    return _visible_texts([legend.get_title(), *legend.get_texts()])


def _tick_texts(axis: Axis) -> list[str]:
    """The tick labels of ``axis`` (major, then minor) that are not numbers."""
    if not axis.get_visible():
        return []
    labels = [*axis.get_majorticklabels(), *axis.get_minorticklabels()]
    return [t for t in _visible_texts(labels) if not is_number_label(t)]


def _axes_texts(ax: Axes) -> list[str]:
    """One Axes' titles, axis labels, legend, text artists and non-number tick labels."""
    if not ax.get_visible():
        return []
    texts = [ax.get_title(loc) for loc in ("left", "center", "right")]
    if ax.axison:  # set_axis_off() hides the axis labels and the ticks
        texts += _visible_texts([ax.xaxis.label, ax.yaxis.label])
        texts += _tick_texts(ax.xaxis) + _tick_texts(ax.yaxis)
    return texts + _legend_texts(ax.get_legend()) + _visible_texts(ax.texts)


def _figure_level_texts(fig: Figure | SubFigure) -> list[str]:
    """The texts of a figure itself and of its subfigures, not those of its Axes."""
    texts = [fig.get_suptitle(), fig.get_supxlabel(), fig.get_supylabel()]
    texts += _visible_texts(fig.texts)
    for legend in fig.legends:
        texts += _legend_texts(legend)
    for subfigure in fig.subfigs:
        texts += _figure_level_texts(subfigure)
    return texts


def figure_texts(fig: Figure) -> list[str]:
    """The texts a reader reads in ``fig``, each once, in a fixed order: the figure's
    (suptitle, labels, text artists, legends), then each Axes' in ``fig.axes`` order.

    Tick labels are read as matplotlib last set them: call this after the figure is drawn
    (the formatter ``record_figure_texts`` installs does) to get those of the image.
    """
    texts = _figure_level_texts(fig)
    for ax in fig.axes:
        texts += _axes_texts(ax)
    return list(dict.fromkeys(t for t in texts if t))


@dataclass(frozen=True)
class TextRecordingPrinter:
    """The ``image/png`` formatter of ``Figure``: ``printer``'s PNG, with the figure's texts."""

    printer: Callable[[Figure], Any]

    def __call__(self, fig: Figure) -> Any:
        result = self.printer(fig)
        data, metadata = result if isinstance(result, tuple) else (result, None)
        if data is None:  # an empty figure: IPython shows nothing
            return result
        try:
            texts = figure_texts(fig)
        except Exception:  # never lose a learner's figure over its texts: the scan flags it
            return result
        return data, {**(metadata or {}), FIGURE_TEXTS_KEY: texts}


def _ipython_shell() -> Any:
    """The running IPython shell, or None (IPython is not imported here if it is not running)."""
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython is not None else None


def record_figure_texts() -> bool:
    """Make every figure shown from now on carry its texts in its output's metadata.

    Inside IPython (a notebook's kernel) only; elsewhere it does nothing and returns False.
    The inline backend registers its ``Figure`` formatter when it is loaded, which is at the
    first figure otherwise: it is loaded here first (``plt.switch_backend`` to the configured
    backend, before any figure exists), so that the formatter can be wrapped. Calling it again
    wraps nothing twice. Returns whether figures are recorded (False as well under a backend
    without a PNG formatter, such as ipympl's widgets).
    """
    shell = _ipython_shell()
    formatters = getattr(getattr(shell, "display_formatter", None), "formatters", None)
    if not formatters or PNG not in formatters:
        return False
    import matplotlib
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    png = formatters[PNG]
    if Figure not in png:
        plt.switch_backend(matplotlib.get_backend())
    try:
        printer = png.lookup_by_type(Figure)
    except KeyError:
        return False
    if not isinstance(printer, TextRecordingPrinter):
        png.for_type(Figure, TextRecordingPrinter(printer))
    return True
