"""The lock file (``requirements-lock.txt``) and the conda environment that follows it.

``make lock`` and ``make lock-upgrade`` write the lock with uv, then run
``python -m thermal_utils.tooling.lockfile sync-environment`` so that ``environment.yml`` pins
each direct dependency to the locked version (tests/test_packaging.py checks they agree).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LOCK_FILE = Path("requirements-lock.txt")
"""The lock, relative to the repository root (``make`` runs there)."""
ENVIRONMENT_FILE = Path("environment.yml")

_LOCK_LINE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
_PIN = re.compile(r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?P<op>==|>=)(?P<version>[^\s;\"']+)")


def normalise(name: str) -> str:
    """A package name as PyPI compares them: lower case, runs of ``-_.`` as one ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(path: Path = LOCK_FILE) -> dict[str, str]:
    """``{package: version}`` for every package the lock pins (names normalised)."""
    pins: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _LOCK_LINE.match(line)
        if match:
            name = normalise(match.group(1))
            if name in pins and pins[name] != match.group(2):
                raise ValueError(f"{path.name}:{number}: {name} is pinned twice")
            pins[name] = match.group(2)
        elif line and not line[0].isspace() and not line.startswith("#"):
            raise ValueError(f"{path.name}:{number}: expected 'name==version', got {line!r}")
    return pins


def pinned_environment(text: str, lock: dict[str, str]) -> str:
    """``environment.yml``'s text with each pip requirement pinned (``==``) to the locked version.

    ``tensorflow`` (the build for macOS and ARM) takes ``tensorflow-cpu``'s version. Raises
    ``ValueError`` for a requirement the lock does not know.
    """
    out = []
    in_pip = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("- pip:"):
            in_pip = True
        elif in_pip and stripped.startswith("- "):
            match = _PIN.search(line)
            if match:
                name = normalise(match.group("name"))
                version = lock.get(name) or (
                    lock.get("tensorflow-cpu") if name == "tensorflow" else None
                )
                if version is None:
                    raise ValueError(f"environment.yml: {name} is not in the lock (run make lock)")
                line = line[: match.start("op")] + "==" + version + line[match.end("version") :]
        out.append(line)
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args != ["sync-environment"]:
        print("usage: python -m thermal_utils.tooling.lockfile sync-environment", file=sys.stderr)
        return 2
    text = ENVIRONMENT_FILE.read_text(encoding="utf-8")
    new = pinned_environment(text, read_lock())
    if new != text:
        ENVIRONMENT_FILE.write_text(new, encoding="utf-8")
        print("environment.yml: pins updated to the lock")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
