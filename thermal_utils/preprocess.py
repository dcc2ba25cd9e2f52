"""Turn frames in °C into model inputs: flatten and scale."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from thermal_utils.formats import COLS, ROWS

FLAT_SIZE = ROWS * COLS
"""13,200 values per flattened frame."""


@dataclass(frozen=True)
class Scaling:
    """A fixed linear scaling ``x = (T - offset_c) / span_c`` of temperatures in °C.

    The same numbers must be applied at training and at prediction time, so they
    are saved beside every model.
    """

    name: str
    offset_c: float
    span_c: float

    def apply(self, temperatures: np.ndarray) -> np.ndarray:
        """Scale an array of °C values (any shape); returns a new float32 array.

        One array the size of the input is allocated (the division happens in place in it): on
        data of the lecture's size each extra temporary would cost 375 MB."""
        scaled = np.subtract(np.asarray(temperatures, dtype=np.float32), np.float32(self.offset_c))
        scaled /= np.float32(self.span_c)
        return scaled

    def to_dict(self) -> dict[str, float | str]:
        return asdict(self)


SCALINGS: dict[str, Scaling] = {
    # The lecture divided by 255, as if temperatures were 8-bit pixel intensities:
    # 34 °C becomes 0.13, and everything we care about is squeezed into 0.07..0.15.
    "lecture": Scaling("lecture", offset_c=0.0, span_c=255.0),
    # A fixed range, like pixel scaling: a cool room (15 °C) maps to 0 and 40 °C, a bit
    # above body temperature, to 1. Every value is positive; hot objects go above 1.
    "physical": Scaling("physical", offset_c=15.0, span_c=25.0),
    # Centred: 27 °C, between a room and skin (and close to the mean pixel of our training
    # frames), maps to 0, and 6 °C (about one standard deviation of those pixels) to 1. A room
    # at 21 °C becomes -1, skin at 33 °C +1: standardisation with fixed, physical numbers.
    "centred": Scaling("centred", offset_c=27.0, span_c=6.0),
}


def get_scaling(name: str) -> Scaling:
    """Look up a scaling by name (``"lecture"``, ``"physical"`` or ``"centred"``).

    Taught in notebook 03.
    """
    try:
        return SCALINGS[name]
    except KeyError:
        raise ValueError(f"scaling must be one of {sorted(SCALINGS)}, got {name!r}") from None
