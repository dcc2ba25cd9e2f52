"""The package's layout (issue 11): a small teaching core, tooling apart, one source per fact.

The core is the modules directly in ``thermal_utils/``; everything in ``thermal_utils/tooling``
is tooling. Each public core function says which notebook teaches it ("Taught in notebook NN"),
and that notebook must call it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "thermal_utils"
CORE = sorted(p for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
ALL_MODULES = sorted(PACKAGE.rglob("*.py"))
NOTEBOOKS = {p.stem: p for p in (ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb")}
CORE_LINE_BUDGET = 1_640  # 1,520 + pad, display_width, PR curve, firing_shares (issues 19, 20)
"""The core's size, all lines counted (docstrings included): about what a learner reads in one
sitting. It was 5,400 lines in 25 flat modules before the split; 1,293 before the frame and
dataset types moved to ``formats.py``, the bottom layer (issue 21: the re-exports cost lines)."""


def _code(notebook: Path) -> str:
    nb = nbformat.read(notebook, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def _public_functions(module: Path) -> list[ast.FunctionDef]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return [n for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]


CORE_FUNCTIONS = [(m, f) for m in CORE for f in _public_functions(m)]


@pytest.mark.parametrize(
    ("module", "function"), CORE_FUNCTIONS, ids=lambda x: getattr(x, "name", getattr(x, "stem", x))
)
def test_each_core_function_names_the_notebook_that_uses_it(
    module: Path, function: ast.FunctionDef
) -> None:
    doc = ast.get_docstring(function) or ""
    found = re.search(r"Taught in notebook (\d\d[ab]?)\b", doc)
    assert found, f"{module.name}: {function.name}'s docstring does not say 'Taught in notebook NN'"
    names = [n for n in NOTEBOOKS if n.split("_")[0] == found.group(1)]
    assert len(names) == 1, f"{function.name}: no notebook numbered {found.group(1)}"
    code = _code(NOTEBOOKS[names[0]])
    assert re.search(rf"\b{function.name}\(", code), (
        f"{function.name} says notebook {names[0]} teaches it, but that notebook never calls it"
    )


def test_the_core_is_small_and_the_rest_is_tooling() -> None:
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.glob("*.py"))
    assert lines <= CORE_LINE_BUDGET, f"the teaching core has grown to {lines} lines"
    tooling = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in ALL_MODULES) - lines
    assert tooling > 3 * lines  # the machinery lives in thermal_utils/tooling
    assert {p.stem for p in CORE} == {
        "checks",
        "datasets",
        "formats",
        "frames",
        "metrics",
        "notebook",
        "one_hot",
        "plots",
        "preprocess",
        "training",
    }


def _assignments(module: Path) -> dict[str, ast.AST]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value
    return found


@pytest.mark.parametrize(
    ("fact", "owner"),
    [
        ("ROWS", "formats.py"),
        ("COLS", "formats.py"),
        ("FRAME_SHAPE", "formats.py"),
        ("CLASS_NAMES", "formats.py"),
        ("CLASS_LABELS", "formats.py"),
        ("MIN_PLAUSIBLE_C", "formats.py"),
        ("MAX_PLAUSIBLE_C", "formats.py"),
        ("OPTIMIZERS", "params.py"),
        ("TF_ENVIRONMENT", "tf_env.py"),
    ],
)
def test_each_fact_is_defined_in_one_place(fact: str, owner: str) -> None:
    owners = [m.name for m in ALL_MODULES if fact in _assignments(m)]
    assert owners == [owner], f"{fact} is defined in {owners}"


def _literals(module: Path) -> list[object]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List)) and all(
            isinstance(e, ast.Constant) for e in node.elts
        ):
            out.append(tuple(e.value for e in node.elts))
    return out


@pytest.mark.parametrize(
    ("value", "owner"),
    [
        (("fake", "real"), "formats.py"),
        (("real", "fake"), "formats.py"),
        (("rmsprop", "adam", "sgd"), "params.py"),
        ((110, 120), "formats.py"),
    ],
)
def test_no_module_repeats_a_fact_as_a_literal(value: tuple, owner: str) -> None:
    found = sorted(
        {m.relative_to(PACKAGE).as_posix() for m in ALL_MODULES if value in _literals(m)}
    )
    assert all(Path(f).name == owner for f in found), f"{value} is written out in {found}"


def test_tensorflow_environment_is_written_down_once() -> None:
    places = [
        p.relative_to(ROOT).as_posix()
        for p in [*ALL_MODULES, ROOT / "Makefile", *(ROOT / "tests").glob("*.py")]
        if "TF_CPP_MIN_LOG_LEVEL" in p.read_text(encoding="utf-8") and p.name != "test_layout.py"
    ]
    assert places == ["thermal_utils/tooling/tf_env.py"]


def test_nothing_finds_the_notebooks_relative_to_the_installed_package() -> None:
    """A non-editable install puts the package in site-packages: no notebooks beside it."""
    for module in ALL_MODULES:
        text = module.read_text(encoding="utf-8")
        assert not re.search(r"__file__\)?(\.resolve\(\))?\.parents?\b", text), module.name


@pytest.mark.parametrize("module", ALL_MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_alias_is_reused_as_a_parameter_name(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    aliases = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            aliases |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("thermal_utils"):
            aliases |= {a.asname or a.name for a in node.names if (a.asname or a.name).islower()}
    clashes = sorted(
        arg.arg
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        for arg in [*node.args.args, *node.args.kwonlyargs]
        if arg.arg in aliases
    )
    assert not clashes, f"parameters named like an imported module: {clashes}"


def test_no_lecture_is_called_seed() -> None:
    """'seed' is the random seed; the lecture note is 'the lecture' everywhere."""
    for path in [*ALL_MODULES, *(ROOT / "tests").glob("*.py"), *(ROOT / "benchmarks").glob("*.py")]:
        if path.name == "test_layout.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bseed_(loader|read|load|frames)|build_seed|the seed'?s?\b", text), (
            path.name
        )


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS.values()), ids=lambda p: p.stem)
def test_the_setup_cell_is_at_most_five_short_lines(notebook: Path) -> None:
    nb = nbformat.read(notebook, as_version=4)
    setup = next(c for c in nb.cells if c.cell_type == "code" and "start_notebook(" in c.source)
    lines = setup.source.splitlines()
    assert len(lines) <= 5 and all(len(line) <= 90 for line in lines), setup.source
    assert lines[0] == "from thermal_utils import start_notebook"


def test_make_test_runs_every_notebook_of_both_editions_once() -> None:
    """The Makefile splits nbval over two processes by glob: together they cover each notebook."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    globs = {
        name: re.search(rf"^{name} := (.+)$", makefile, re.M).group(1).split()
        for name in ("MODEL_NOTEBOOKS", "DATA_NOTEBOOKS")
    }
    for edition in ("notebooks", "notebooks/ko"):
        found = [
            p.relative_to(ROOT).as_posix()
            for pattern in globs["MODEL_NOTEBOOKS"] + globs["DATA_NOTEBOOKS"]
            for p in ROOT.glob(pattern.replace("notebooks/", f"{edition}/", 1))
        ]
        expected = sorted(
            p.relative_to(ROOT).as_posix() for p in (ROOT / edition).glob("[0-9][0-9]*_*.ipynb")
        )
        assert sorted(found) == expected and len(found) == len(set(found)), edition
