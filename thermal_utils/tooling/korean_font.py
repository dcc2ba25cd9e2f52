"""The Korean edition's font: NanumGothic, shipped by the koreanize-matplotlib package.

``use_language("ko")`` (called by ``start_notebook`` when ``language == "ko"``) makes matplotlib
draw Hangul; tests/test_translation.py checks that the font has every glyph the Korean
notebooks draw.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib
from matplotlib import font_manager

KOREAN_FONT_PACKAGE = "koreanize_matplotlib"
"""The package that ships the Korean font (``pip install koreanize-matplotlib``): NanumGothic
(SIL Open Font License 1.1) in its ``fonts/`` folder. Only its font files are used; the
package itself is not imported (importing it changes matplotlib's settings)."""

KOREAN_FONT_FAMILY = "NanumGothic"


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
