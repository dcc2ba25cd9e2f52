"""thermal_utils: the helpers the thermal-keras notebooks share.

The teaching core, one module per step of the tutorial (each public function's docstring
names the notebook that teaches it):

* ``frames``: the raw frame format, ``Frame``, ``read_frame`` (notebook 01)
* ``one_hot``: the lecture's one-hot helper (notebook 01)
* ``data``: ``load_split``, ``Dataset``, train/test loading and subsets (01, 02, 09a, 09b)
* ``preprocess``: scaling temperatures for a network (03)
* ``training``: where a trained model lives, reusing it, looking inside it (05, 06)
* ``metrics``: confusion matrix, balanced accuracy, ROC, thresholds (07, 09a, 09b, 10)
* ``plots``: frames, histograms, predictions, confusion matrices, ROC curves
* ``notebook``: ``start_notebook``, the one-call setup cell of every notebook
* ``pad``, ``display_width``: printed tables that stay aligned when a cell holds Korean text

Everything else (the command line, the notebook runner and sweeps, camera export formats,
the parallel loader and its cache, the synthetic data generator) is tooling, in
``thermal_utils.tooling``: a learner never needs to read it.
"""

from thermal_utils.datasets import Dataset, LoadReport, SkippedFile, load_split
from thermal_utils.formats import display_width, pad
from thermal_utils.frames import CLASS_NAMES, FRAME_SHAPE, Frame, FrameFormatError, read_frame
from thermal_utils.notebook import start_notebook
from thermal_utils.one_hot import one_hot_encoding

__all__ = [
    "CLASS_NAMES",
    "FRAME_SHAPE",
    "Dataset",
    "Frame",
    "FrameFormatError",
    "LoadReport",
    "SkippedFile",
    "display_width",
    "load_split",
    "one_hot_encoding",
    "pad",
    "read_frame",
    "start_notebook",
]

__version__ = "0.2.0"
