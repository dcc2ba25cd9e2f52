"""Run a test module's tests on both parser paths.

``from parser_paths import parser_path`` in a test module makes every test there run
twice: with the strict compiled parser first (``thermal_utils.tooling.fast_parse``, falling
back to the general parser for anything it does not read) and with the general
parser alone (numpy's ``loadtxt``, then the token-by-token scan). Both must give the
same frames and the same errors. Worker processes (``jobs > 1``) keep the default.
"""

from __future__ import annotations

import pytest

from thermal_utils.tooling import fast_parse

PATHS = ["fast", "general"]


@pytest.fixture(autouse=True, params=PATHS)
def parser_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "fast" and not fast_parse.AVAILABLE:
        pytest.skip("numba is not installed: no compiled parser")
    monkeypatch.setattr(fast_parse, "ENABLED", request.param == "fast")
    return request.param
