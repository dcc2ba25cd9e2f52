"""Project metadata: environment.yml and pyproject.toml list the same packages."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_environment_yml_matches_pyproject() -> None:
    project = _pyproject()["project"]
    wanted = {
        _name(r): r.replace(" ", "")
        for r in project["dependencies"] + project["optional-dependencies"]["test"]
    }
    wanted = {
        k: v for k, v in wanted.items() if "python_version" not in v
    }  # tomli: pip-only backport
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    listed = {_name(r): r.replace(" ", "") for r in pip_section}
    assert listed == wanted


def test_environment_yml_python_matches_requires_python() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert python.replace("python", "") == _pyproject()["project"]["requires-python"]


def test_every_environment_line_says_why() -> None:
    for line in (ROOT / "environment.yml").read_text().splitlines():
        if line.strip().startswith("- ") and not line.strip().startswith("- pip:"):
            assert "#" in line, f"environment.yml line without a comment: {line!r}"


def test_keras_3_is_required() -> None:
    deps = _pyproject()["project"]["dependencies"]
    tensorflow = [r for r in deps if _name(r) in ("tensorflow", "tensorflow-cpu")]
    assert len(tensorflow) == 2 and all(">=2.16;" in r for r in tensorflow)
    assert _pyproject()["project"]["scripts"]["thermal-utils"] == "thermal_utils.tooling.cli:main"
