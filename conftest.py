"""pytest set-up shared by tests/ and the nbval run of notebooks/ (``make test``).

``make test`` runs with two pytest-xdist workers and ``--dist loadgroup``: every notebook
cell goes to one group, so the notebooks run one after the other, in order (06-10 reuse the
model 05 trains), on one worker, while the other worker runs the unit tests.
"""

from __future__ import annotations

import pytest


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.xdist_group("notebooks"))
