"""A gallery of generated frames: a few examples of every real and fake kind.

``thermal-utils synth --gallery data/gallery.png`` writes the picture shown in
``data/README.md``; ``write_gallery`` does the same from Python.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from thermal_utils.tooling.synth import screening, sensors
from thermal_utils.tooling.synth.canvas import IMAGE_COLS


def gallery_kinds() -> list[tuple[str, str]]:
    """Every ``(class, kind)`` the generator draws for screening cameras, reals first."""
    return [("real", k) for k in screening.REAL_KINDS] + [("fake", k) for k in screening.FAKE_KINDS]


def render_gallery_frames(
    seed: int = 0, per_kind: int = 2
) -> list[tuple[str, str, float, np.ndarray]]:
    """``per_kind`` frames of every kind, each by another camera of the pool ``seed`` draws:
    ``(class, kind, ambient °C, image (110, 120) °C)``."""
    rng = np.random.default_rng([seed, 9])
    cameras = sensors.camera_pool(seed)
    out = []
    for i, (cls, kind) in enumerate(gallery_kinds()):
        for j in range(per_kind):
            camera = cameras[(i * per_kind + j) % len(cameras)]
            ambient = screening.sample_ambient_c(rng)
            scene = screening.render_screening_scene(rng, camera, ambient, cls == "real", kind)
            out.append((cls, kind, ambient, scene.frame[:, :IMAGE_COLS]))
    return out


def write_gallery(
    path: str | Path, seed: int = 0, per_kind: int = 2, columns: int = 10, dpi: int = 44
) -> Path:
    """Draw ``per_kind`` frames of every kind in a grid (titles ``real/<kind>`` or
    ``fake/<kind>`` and the room temperature) and save it to ``path`` (PNG).

    Each frame is shown from 2 °C below its room temperature to 38 °C, so warm skin looks
    alike in every frame while the room's own temperature differs. Returns the path.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    frames = render_gallery_frames(seed, per_kind)
    rows = -(-len(frames) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(columns * 1.5, rows * 1.75), squeeze=False)
    for ax in np.ravel(axes):
        ax.axis("off")
    for ax, (cls, kind, ambient, image) in zip(np.ravel(axes), frames):
        ax.imshow(image, cmap="inferno", vmin=ambient - 2.0, vmax=38.0, interpolation="nearest")
        ax.set_title(
            f"{cls}/{kind}\n{ambient:.0f} °C room",
            fontsize=8,
            color="darkgreen" if cls == "real" else "darkred",
        )
    fig.tight_layout(pad=0.3, h_pad=0.6, w_pad=0.2)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi, pil_kwargs={"optimize": True})
    plt.close(fig)
    return path
