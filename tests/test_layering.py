"""The package's import layers (issue 21): every module sits in one layer of the contract.

``make test`` runs ``lint-imports``, which checks the contract in pyproject.toml
(``[tool.importlinter]``): a module imports only from layers below its own, and the modules of
one layer do not import each other, so no import cycle can form. That holds only for the
modules the contract names; this test fails when a module is added without a place in it.
"""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "thermal_utils"


def _contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    return contract


def _layered() -> list[str]:
    contract = _contract()
    names = []
    for layer in contract["layers"]:
        names += [part.strip() for part in layer.split("|")]
    return names


def _modules() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts == ("__init__",):
            continue  # the package itself: the container of the layers
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.append(".".join(parts))
    return found


def test_every_module_of_the_package_is_in_a_layer() -> None:
    layered = _layered()
    assert len(layered) == len(set(layered)), "a module is named in two layers"
    missing = [
        module
        for module in _modules()
        if module != "tooling"  # the tooling package's own (empty) module
        and not any(module == name or module.startswith(name + ".") for name in layered)
    ]
    assert not missing, f"modules in no layer of [tool.importlinter]: {missing}"


def test_the_bottom_is_the_formats_and_the_top_the_command_line() -> None:
    layers = _contract()["layers"]
    assert layers[0] == "tooling.cli" and layers[-1] == "formats"
    assert _contract()["containers"] == ["thermal_utils"]


def test_every_package_folder_is_a_regular_package() -> None:
    """A folder without ``__init__.py`` is a namespace package: the import graph (and a
    non-editable install, which finds packages by their ``__init__.py``) would miss it."""
    for folder in [PACKAGE, *(p for p in PACKAGE.rglob("*") if p.is_dir())]:
        if folder.name == "__pycache__" or not any(folder.glob("*.py")):
            continue
        assert (folder / "__init__.py").is_file(), folder.relative_to(ROOT)
