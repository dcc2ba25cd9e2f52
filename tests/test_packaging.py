"""Project metadata: pyproject.toml's ranges, the lock, and environment.yml agree."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from thermal_utils.tooling.lockfile import LOCK_FILE, pinned_environment, read_lock

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def _requirements() -> list[str]:
    """The dependencies and every extra's (make install installs them all: the Makefile's EXTRAS)."""
    project = _pyproject()["project"]
    extras = project["optional-dependencies"]
    return project["dependencies"] + [r for name in sorted(extras) for r in extras[name]]


def test_the_makefile_installs_and_locks_every_extra() -> None:
    extras = sorted(_pyproject()["project"]["optional-dependencies"])
    makefile = (ROOT / "Makefile").read_text()
    line = re.search(r"^EXTRAS := (.*)$", makefile, re.M)
    assert line, "Makefile: no EXTRAS line"
    words = line.group(1).split()
    assert words[::2] == ["--extra"] * len(extras) and sorted(words[1::2]) == extras
    assert makefile.count("$(EXTRAS)") >= 2  # the lock (UV_COMPILE) and the unlocked install


def _environment_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    return {_name(r): r.replace(" ", "") for r in pip_section}


def test_environment_yml_lists_pyprojects_packages() -> None:
    wanted = {_name(r) for r in _requirements() if "python_version" not in r}  # tomli: a backport
    assert set(_environment_pins()) == wanted


def test_environment_yml_pins_the_locked_versions() -> None:
    lock = read_lock(ROOT / LOCK_FILE)
    for name, requirement in _environment_pins().items():
        version = re.search(r"==([^;]+)", requirement)
        assert version, f"environment.yml: {requirement} is not pinned with =="
        locked = lock["tensorflow-cpu" if name == "tensorflow" else name]
        assert version.group(1) == locked, f"environment.yml pins {requirement}, the lock {locked}"


def test_lock_pins_every_dependency_within_pyprojects_range() -> None:
    lock = read_lock(ROOT / LOCK_FILE)
    for requirement in map(Requirement, _requirements()):
        target = {"sys_platform": "linux", "platform_machine": "x86_64", "python_version": "3.11"}
        if requirement.marker and not requirement.marker.evaluate(target):
            continue
        name = _name(requirement.name)
        assert name in lock, f"{name} is not in {LOCK_FILE.name}: run make lock"
        assert requirement.specifier.contains(lock[name]), (
            f"{LOCK_FILE.name} pins {name}=={lock[name]}, outside pyproject.toml's {requirement}"
        )


def test_lock_is_made_for_the_platform_the_makefile_installs_it_on() -> None:
    makefile = (ROOT / "Makefile").read_text()
    header = (ROOT / LOCK_FILE).read_text().splitlines()[1]
    assert "--python-version 3.11" in header and "x86_64-manylinux" in header
    assert "--generate-hashes" in header
    assert re.search(r"^LOCK_TARGET := cp311-linux-x86_64$", makefile, re.M)
    assert all(
        line.startswith(("#", " ")) or "==" in line
        for line in (ROOT / LOCK_FILE).read_text().splitlines()
        if line
    )


def test_pinned_environment_follows_the_lock() -> None:
    text = "dependencies:\n  - pip:\n      - numpy>=1.26  # why\n      - \"tensorflow==2.0; sys_platform != 'linux'\"  # why\n"
    out = pinned_environment(text, {"numpy": "2.4.6", "tensorflow-cpu": "2.21.0"})
    assert "numpy==2.4.6  # why" in out and "tensorflow==2.21.0; sys_platform" in out
    with pytest.raises(ValueError, match="numpy is not in the lock"):
        pinned_environment(text, {"tensorflow-cpu": "2.21.0"})


def test_read_lock_refuses_a_line_it_cannot_read(tmp_path: Path) -> None:
    lock = tmp_path / "lock.txt"
    lock.write_text("numpy==2.4.6 \\\n    --hash=sha256:00\nnumpy>=2\n")
    with pytest.raises(ValueError, match="lock.txt:3: expected 'name==version'"):
        read_lock(lock)


def test_every_environment_line_says_why() -> None:
    for line in (ROOT / "environment.yml").read_text().splitlines():
        if line.strip().startswith("- ") and not line.strip().startswith("- pip:"):
            assert "#" in line, f"environment.yml line without a comment: {line!r}"


def test_keras_3_is_required() -> None:
    deps = _pyproject()["project"]["dependencies"]
    tensorflow = [r for r in deps if _name(r) in ("tensorflow", "tensorflow-cpu")]
    assert len(tensorflow) == 2 and all(">=2.16;" in r for r in tensorflow)
    assert _pyproject()["project"]["scripts"]["thermal-utils"] == "thermal_utils.tooling.cli:main"
