"""thermal_utils: helpers shared by the thermal-keras notebooks.

Read and write raw thermal frames, build labelled datasets from day folders,
generate realistic synthetic frames, and run the notebook suite.
"""

from thermal_utils.dataset import Dataset, LoadReport, SkippedFile, load_split
from thermal_utils.encoding import one_hot_encoding
from thermal_utils.errors import FrameFormatError
from thermal_utils.frame_format import FRAME_SHAPE
from thermal_utils.frame_io import Frame, read_frame, write_frame

__all__ = [
    "FRAME_SHAPE",
    "Dataset",
    "Frame",
    "FrameFormatError",
    "LoadReport",
    "SkippedFile",
    "load_split",
    "one_hot_encoding",
    "read_frame",
    "write_frame",
]

__version__ = "0.1.0"
