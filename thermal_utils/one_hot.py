"""One-hot encoding, as the lecture wrote it, for teaching."""

from __future__ import annotations


def one_hot_encoding(n: int, length: int) -> list[int]:
    """Return a list of ``length`` zeros with a 1 at index ``n``.

    Taught in notebook 01.

    The lecture's helper: ``one_hot_encoding(1, 2) == [0, 1]`` (a real face) and
    ``one_hot_encoding(0, 2) == [1, 0]`` (not a face). In practice use
    ``keras.utils.to_categorical``, which does the same for a whole array.
    """
    if not 0 <= n < length:
        raise ValueError(f"index {n} is outside 0..{length - 1}")
    one_hot = [0] * length
    one_hot[n] = 1
    return one_hot
