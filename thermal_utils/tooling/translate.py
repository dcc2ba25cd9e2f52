"""Generate the Korean edition, ``notebooks/ko/NN_name.ipynb``, from the English notebooks.

``python -m thermal_utils.tooling.translate`` (``make notebooks-ko`` runs it, then executes the
result). The English notebook is the one source of the code: each Korean notebook is the English
one with its prose and its learner-facing texts replaced from a translation catalogue,
``notebooks/ko/catalogue/NN_name.json``, plus ``_common.json`` for entries every notebook shares
(the format and the rules: ``SPEC.md`` of the Korean edition, summarised in the README):

* every markdown cell must be the ``"en"`` of a markdown entry, and becomes its ``"ko"``;
* in code cells every comment must have an entry, and every string literal (f-strings whole,
  prefix to closing quote) that has one is replaced; the others are code and stay;
* every entry must be used (else it is stale: the English text changed or went away);
* the parameters cell gets ``language = "ko"`` and its ``"../"`` path defaults one folder
  deeper, because ``notebooks/ko`` is one level down (the data, the artifacts and so the
  models that notebook 05 trains are shared with the English edition).

Cell ids, tags and metadata are the English ones; the notebook metadata says what it was
generated from (``METADATA_KEY``). Outputs are not translated: the Korean notebooks are
written without outputs and executed afterwards. A notebook whose sources would not change is
left alone (its outputs stay). With problems, nothing is written: every untranslated or stale
text is listed with its notebook and cell, and the exit status is 1. ``--check`` writes nothing
and exits 1 when a committed Korean notebook differs from what would be generated.
"""

from __future__ import annotations

import argparse
import ast
import copy
import difflib
import io
import json
import re
import sys
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any

import nbformat

from thermal_utils.tooling.suite import NOTEBOOK_GLOB, default_notebooks_dir

MAX_LINE = 100
"""Code lines of a generated notebook are at most this many characters, like the English ones.
The Korean notebooks are in ``ko/`` below the English ones, their catalogue in ``ko/catalogue/``."""

LANGUAGE = "ko"
CATALOGUE_FOLDER = "catalogue"
COMMON_CATALOGUE = "_common.json"
METADATA_KEY = "thermal_keras_translation"
"""Notebook metadata of a generated notebook: what it was generated from, and how."""

VOLATILE_CELL_METADATA = ("execution", "papermill", "collapsed", "scrolled", "trusted")
"""Cell metadata that running a notebook adds or changes: not part of its sources."""

_STRING_PREFIX = re.compile(r"^([A-Za-z]*)(['\"])")


class TranslationError(Exception):
    """Untranslated or stale texts, or a generated notebook out of date; one problem per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Literal:
    """A comment or string literal token of a code cell: ``source[start:end] == text``."""

    kind: str  # "comment" or "string"
    start: int
    end: int
    text: str


@dataclass
class Catalogue:
    """The translations of one notebook: its own entries over the common ones."""

    notebook: str
    markdown: dict[str, str]
    code: dict[str, str]
    common_code: dict[str, str] = field(default_factory=dict)
    used_markdown: set[str] = field(default_factory=set)
    used_code: set[str] = field(default_factory=set)
    used_common: set[str] = field(default_factory=set)

    def lookup_code(self, text: str) -> str | None:
        """The translation of a comment or string token, marking the entry used."""
        if text in self.code:
            self.used_code.add(text)
            return self.code[text]
        if text in self.common_code:
            self.used_common.add(text)
            return self.common_code[text]
        return None


def _short(text: str, limit: int = 70) -> str:
    """``text`` on one line for a message, cut to ``limit`` characters."""
    one_line = text.replace("\n", "\\n")
    return repr(one_line if len(one_line) <= limit else one_line[: limit - 3] + "...")


def _mask_magics(source: str) -> str:
    """``source`` with IPython ``%magic`` and ``!shell`` lines blanked (same length), so that it
    tokenizes as Python; their texts are not translated."""
    lines = source.splitlines(keepends=True)
    masked = []
    for line in lines:
        if line.lstrip().startswith(("%", "!")):
            body = line.rstrip("\r\n")
            masked.append(" " * len(body) + line[len(body) :])
        else:
            masked.append(line)
    return "".join(masked)


def literal_tokens(source: str) -> list[Literal]:
    """The comments and string literals of ``source`` in order, as exact source slices.

    An f-string is one literal from its prefix to its closing quote: Python 3.11 tokenizes it
    as one STRING token, 3.12 and later as FSTRING_START ... FSTRING_END (and 3.14 t-strings
    as TSTRING_START ... TSTRING_END), whose source slice is taken. Raises ``SyntaxError`` when
    ``source`` does not tokenize.
    """
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: tuple[int, int]) -> int:
        row, col = position
        return starts[row - 1] + col if row - 1 < len(starts) else len(source)

    opening = {
        getattr(tokenize, n) for n in ("FSTRING_START", "TSTRING_START") if hasattr(tokenize, n)
    }
    closing = {getattr(tokenize, n) for n in ("FSTRING_END", "TSTRING_END") if hasattr(tokenize, n)}
    found: list[Literal] = []
    depth, start = 0, 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(_mask_magics(source)).readline):
            if token.type in opening:
                if depth == 0:
                    start = offset(token.start)
                depth += 1
            elif token.type in closing:
                depth -= 1
                if depth == 0:
                    end = offset(token.end)
                    found.append(Literal("string", start, end, source[start:end]))
            elif depth:
                continue  # inside an f-string: its parts belong to the whole literal
            elif token.type == tokenize.COMMENT:
                found.append(
                    Literal("comment", offset(token.start), offset(token.end), token.string)
                )
            elif token.type == tokenize.STRING:
                found.append(
                    Literal("string", offset(token.start), offset(token.end), token.string)
                )
    except (tokenize.TokenError, IndentationError) as error:
        raise SyntaxError(f"does not tokenize: {error}") from None
    return found


def _string_parts(literal: str) -> tuple[str, list[str]] | None:
    """``(prefix, placeholders)`` of one string literal token, or ``None`` when it is not one.

    The placeholders of an f-string are the ``ast.dump`` of each ``{...}`` field (expression,
    conversion and format spec), sorted: a translation may reorder them, not change them.
    """
    match = _STRING_PREFIX.match(literal)
    if not match:
        return None
    try:
        tree = ast.parse(literal.strip(), mode="eval")
    except SyntaxError:
        return None
    node = tree.body
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        return match.group(1).lower(), []
    if isinstance(node, ast.JoinedStr):
        fields = sorted(ast.dump(v) for v in node.values if isinstance(v, ast.FormattedValue))
        return match.group(1).lower(), fields
    return None


def _check_entry(where: str, en: str, ko: str) -> list[str]:
    """Problems of one code entry: a comment must stay a comment, a string a string of the same
    kind (prefix) with the same ``{...}`` fields."""
    if en.startswith("#"):
        bad = [line for line in ko.split("\n") if not line.startswith("#")]
        if bad:
            return [
                f"{where}: the translation of comment {_short(en)} has a line not starting with '#'"
            ]
        return []
    en_parts, ko_parts = _string_parts(en), _string_parts(ko)
    if en_parts is None:
        return [f"{where}: {_short(en)} is neither a comment nor a string literal"]
    if ko_parts is None:
        return [f"{where}: the translation of {_short(en)} is not a string literal: {_short(ko)}"]
    if ko_parts[0] != en_parts[0]:
        return [
            f"{where}: the translation of {_short(en)} changes the string prefix "
            f"{en_parts[0]!r} to {ko_parts[0]!r}"
        ]
    if ko_parts[1] != en_parts[1]:
        return [
            f"{where}: the translation of {_short(en)} changes its {{...}} fields: {_short(ko)}"
        ]
    return []


def _entries(data: Any, section: str, where: str, problems: list[str]) -> dict[str, str]:
    """One section (``"markdown"`` or ``"code"``) of a catalogue file as ``{en: ko}``."""
    entries: dict[str, str] = {}
    items = data.get(section, [])
    if not isinstance(items, list):
        problems.append(f"{where}: {section!r} must be a list of {{'en': ..., 'ko': ...}} entries")
        return entries
    for i, item in enumerate(items):
        if (
            not isinstance(item, dict)
            or set(item) != {"en", "ko"}
            or not all(isinstance(v, str) for v in item.values())
        ):
            problems.append(f"{where}: {section} entry {i} must be {{'en': text, 'ko': text}}")
            continue
        en, ko = item["en"], item["ko"]
        if en in entries and entries[en] != ko:
            problems.append(
                f"{where}: {section} entry {i} repeats {_short(en)} with another translation"
            )
        if section == "code":
            problems += _check_entry(f"{where}, code entry {i}", en, ko)
        entries[en] = ko
    return entries


def _read_catalogue_file(path: Path, problems: list[str]) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path.name}: missing (the notebook is not translated)")
        return {}
    except (OSError, ValueError) as error:
        problems.append(f"{path.name}: cannot be read as JSON: {error}")
        return {}
    if not isinstance(data, dict):
        problems.append(f"{path.name}: must hold a JSON object")
        return {}
    return data


def load_catalogue(
    name: str, catalogue_dir: Path, common: dict[str, str] | None = None
) -> tuple[Catalogue, list[str]]:
    """The catalogue of notebook ``name`` (``05_fit``), and the problems found reading it."""
    problems: list[str] = []
    path = catalogue_dir / f"{name}.json"
    data = _read_catalogue_file(path, problems)
    if data and data.get("notebook") != name:
        problems.append(f"{path.name}: 'notebook' is {data.get('notebook')!r}, expected {name!r}")
    catalogue = Catalogue(
        name,
        markdown=_entries(data, "markdown", path.name, problems),
        code=_entries(data, "code", path.name, problems),
        common_code=dict(common or {}),
    )
    return catalogue, problems


def load_common(catalogue_dir: Path) -> tuple[dict[str, str], list[str]]:
    """The code entries of ``_common.json`` (none when it does not exist), and its problems."""
    path = catalogue_dir / COMMON_CATALOGUE
    problems: list[str] = []
    if not path.is_file():
        return {}, problems
    data = _read_catalogue_file(path, problems)
    if data.get("markdown"):
        problems.append(f"{path.name}: markdown entries belong in each notebook's own file")
    return _entries(data, "code", path.name, problems), problems


def _closest(text: str, candidates: Iterable[str]) -> str:
    """A hint naming the first line where ``text`` and its closest candidate differ."""
    candidates = list(candidates)
    best = difflib.get_close_matches(text, candidates, n=1, cutoff=0.5)
    if not best:
        return ""
    pairs = zip_longest(text.splitlines(), best[0].splitlines(), fillvalue="")
    for i, (new, old) in enumerate(pairs):
        if new != old:
            return (
                f" (the English text changed? the closest catalogue entry differs at line "
                f"{i + 1}: English now {_short(new, 60)}, catalogue {_short(old, 60)})"
            )
    return ""


def _parameter_rewrites(source: str) -> tuple[dict[tuple[int, int], str], bool]:
    """For a parameters cell: ``{(line, column) of a string token: its Korean edition}`` for the
    ``language`` default and the ``"../"`` path defaults, and whether ``language`` is declared."""
    rewrites: dict[tuple[int, int], str] = {}
    declared = False
    lines = source.splitlines()
    for node in ast.parse(source).body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        value = getattr(node, "value", None)
        if not isinstance(target, ast.Name) or not isinstance(value, ast.Constant):
            continue
        if not isinstance(value.value, str):
            continue
        line = lines[value.lineno - 1]
        column = len(line.encode("utf-8")[: value.col_offset].decode("utf-8"))
        if target.id == "language":
            declared = True
            rewrites[(value.lineno, column)] = f'"{LANGUAGE}"'
        elif value.value.startswith("../"):
            rewrites[(value.lineno, column)] = "../"  # inserted after the opening quote
    return rewrites, declared


def code_texts(source: str) -> dict[str, str]:
    """``{literal as written: how it is used}`` for the string literals of ``source`` that are
    code, whatever the catalogue says: subscripts (``h["accuracy"]``), operands of comparisons
    (``==``, ``in``) and the keys of the metrics given to ``record_metrics``. Since a catalogue
    entry replaces its text everywhere in a notebook, translating one of these anywhere would
    change what the code does."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    uses: list[tuple[ast.AST | None, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            key = node.slice
            uses += [
                (k, "a subscript") for k in (key.elts if isinstance(key, ast.Tuple) else [key])
            ]
        elif isinstance(node, ast.Compare):
            uses += [(k, "compared") for k in [node.left, *node.comparators]]
        elif isinstance(node, ast.Call) and "record_metrics" in (
            getattr(node.func, "attr", None),
            getattr(node.func, "id", None),
        ):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Dict):
                    uses += [(k, "a key of record_metrics") for k in inner.keys]
    found = {}
    for node, use in uses:
        if isinstance(node, (ast.Constant, ast.JoinedStr)) and not (
            isinstance(node, ast.Constant) and not isinstance(node.value, str)
        ):
            text = ast.get_source_segment(source, node)
            if text is not None:
                found[text] = use
    return found


def _position(source: str, offset: int) -> tuple[int, int]:
    """``(line from 1, column)`` of a character offset."""
    before = source[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1)


def translate_code(
    source: str,
    catalogue: Catalogue,
    where: str,
    parameters: bool = False,
    code: dict[str, str] | None = None,
) -> tuple[str, list[str]]:
    """A code cell's Korean source, and the problems (untranslated comments, translated code,
    long lines). ``code``: the notebook's ``code_texts`` (default: this cell's)."""
    problems: list[str] = []
    try:
        tokens = literal_tokens(source)
    except SyntaxError as error:
        return source, [f"{where}: {error}"]
    rewrites, declared = _parameter_rewrites(source) if parameters else ({}, True)
    code = code_texts(source) if code is None else code
    replacements: list[tuple[int, int, str]] = []
    for token in tokens:
        position = _position(source, token.start)
        if token.kind == "string" and position in rewrites:
            new = rewrites[position]
            if new == "../":
                quote = _STRING_PREFIX.match(token.text)
                cut = quote.end() if quote else 1
                new = token.text[:cut] + "../" + token.text[cut:]
            replacements.append((token.start, token.end, new))
            continue
        ko = catalogue.lookup_code(token.text)
        if ko is None:
            if token.kind == "comment":
                problems.append(
                    f"{where}, line {position[0]}: comment without a translation: {_short(token.text)}"
                )
            continue
        if token.kind == "string" and token.text in code:
            problems.append(
                f"{where}, line {position[0]}: {_short(token.text)} has a translation but is "
                f"code in this notebook ({code[token.text]}): its catalogue entry must go"
            )
            continue
        if "\n" in ko:
            line_start = source.rfind("\n", 0, token.start) + 1
            indent = source[line_start : token.start]
            if token.kind == "string" or indent.strip():
                problems.append(
                    f"{where}, line {position[0]}: the translation of {_short(token.text)} has "
                    "several lines, which only a comment on a line of its own may have"
                )
                continue
            ko = ko.replace("\n", "\n" + indent)
        replacements.append((token.start, token.end, ko))
    translated = source
    for start, end, new in sorted(replacements, reverse=True):
        translated = translated[:start] + new + translated[end:]
    if parameters and not declared:
        translated = translated.rstrip("\n") + f'\nlanguage: str = "{LANGUAGE}"'
    for number, line in enumerate(translated.splitlines(), start=1):
        if len(line) > MAX_LINE:
            problems.append(
                f"{where}, line {number}: {len(line)} characters after translation "
                f"(at most {MAX_LINE}): {_short(line, 90)}"
            )
    return translated, problems


def _notebook_path(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it, for messages."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _from_repository(path: Path) -> str:
    """``path`` as the notebook metadata records it: from the English notebooks' parent folder
    (the repository), ``notebooks/05_fit.ipynb``, wherever that folder is."""
    notebooks_dir = path.parent
    while notebooks_dir.name in (LANGUAGE, CATALOGUE_FOLDER):
        notebooks_dir = notebooks_dir.parent
    return path.relative_to(notebooks_dir.parent).as_posix()


def translate_notebook(
    english: nbformat.NotebookNode, catalogue: Catalogue, source_path: Path, catalogue_dir: Path
) -> tuple[nbformat.NotebookNode, list[str]]:
    """The Korean notebook for ``english`` (outputs cleared), and the problems found.

    Marks the catalogue's entries used; ``stale_entries`` then lists the unused ones.
    """
    korean = copy.deepcopy(english)
    problems: list[str] = []
    name = catalogue.notebook
    code: dict[str, str] = {}
    for cell in english.cells:
        if cell.cell_type == "code":
            code.update(code_texts(cell.source))
    for index, cell in enumerate(korean.cells):
        where = f"{name}, cell {index} (id {cell.get('id', '?')}, {cell.cell_type})"
        if cell.cell_type == "markdown":
            if cell.source in catalogue.markdown:
                catalogue.used_markdown.add(cell.source)
                cell.source = catalogue.markdown[cell.source]
            else:
                unused = [m for m in catalogue.markdown if m not in catalogue.used_markdown]
                problems.append(
                    f"{where}: markdown without a translation: {_short(cell.source)}"
                    + _closest(cell.source, unused)
                )
        elif cell.cell_type == "code":
            parameters = "parameters" in cell.metadata.get("tags", [])
            cell.source, found = translate_code(cell.source, catalogue, where, parameters, code)
            problems += found
            cell.outputs = []
            cell.execution_count = None
    korean.metadata[METADATA_KEY] = {
        "language": LANGUAGE,
        "generated_from": _from_repository(source_path),
        "catalogue": [
            _from_repository(catalogue_dir / f"{name}.json"),
            _from_repository(catalogue_dir / COMMON_CATALOGUE),
        ],
        "generator": "python -m thermal_utils.tooling.translate",
        "note": "generated: edit the English notebook or the catalogue, then regenerate",
    }
    return korean, problems


def stale_entries(catalogue: Catalogue) -> list[str]:
    """Entries of the notebook's own catalogue file that no cell used."""
    problems = [
        f"{catalogue.notebook}.json: markdown entry matches no markdown cell (stale): {_short(en)}"
        for en in catalogue.markdown
        if en not in catalogue.used_markdown
    ]
    problems += [
        f"{catalogue.notebook}.json: code entry matches no comment or string (stale): {_short(en)}"
        for en in catalogue.code
        if en not in catalogue.used_code
    ]
    return problems


def sources(nb: nbformat.NotebookNode) -> list[Any]:
    """What ``--check`` compares: every cell's type, id, source and lasting metadata, and the
    notebook's generation record. Outputs and execution counts are not part of it."""
    cells = [
        (
            cell.cell_type,
            cell.get("id"),
            cell.source,
            {k: v for k, v in cell.metadata.items() if k not in VOLATILE_CELL_METADATA},
        )
        for cell in nb.cells
    ]
    return [cells, nb.metadata.get(METADATA_KEY)]


@dataclass
class Outcome:
    """What ``generate`` did (or, with ``check``, found): Korean notebook paths."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    out_of_date: list[Path] = field(default_factory=list)


def english_notebooks(notebooks_dir: Path) -> list[Path]:
    """The numbered English notebooks of ``notebooks_dir``, in order."""
    return sorted(notebooks_dir.glob(NOTEBOOK_GLOB))


def generate(
    notebooks_dir: Path | None = None,
    names: list[str] | None = None,
    check: bool = False,
    force: bool = False,
) -> Outcome:
    """Generate (or, with ``check``, compare) the Korean notebooks of ``notebooks_dir``.

    ``names``: notebook stems (``05_fit``); ``None``: all, which also checks that every
    ``_common.json`` entry is used and that no Korean notebook or catalogue file is left
    without its English notebook. Raises ``TranslationError`` listing every problem (nothing
    is written then); with ``check``, a Korean notebook that is missing or differs from what
    would be generated is a problem too. Raises ``ValueError`` for an unknown name.
    """
    notebooks_dir = Path(notebooks_dir) if notebooks_dir is not None else default_notebooks_dir()
    korean_dir = notebooks_dir / LANGUAGE
    catalogue_dir = korean_dir / CATALOGUE_FOLDER
    everything = english_notebooks(notebooks_dir)
    if names:
        known = {p.stem: p for p in everything}
        unknown = [n for n in names if Path(n).stem not in known]
        if unknown:
            raise ValueError(f"unknown notebook(s) {unknown}; choose from {sorted(known)}")
        selected = [known[Path(n).stem] for n in names]
    else:
        selected = everything
    common, problems = load_common(catalogue_dir)
    used_common: set[str] = set()
    results: list[tuple[Path, nbformat.NotebookNode]] = []
    for path in selected:
        catalogue, found = load_catalogue(path.stem, catalogue_dir, common)
        problems += found
        if found and not (catalogue.markdown or catalogue.code):
            continue
        korean, found = translate_notebook(
            nbformat.read(path, as_version=4), catalogue, path, catalogue_dir
        )
        problems += found + stale_entries(catalogue)
        used_common |= catalogue.used_common
        results.append((korean_dir / path.name, korean))
    if not names:
        problems += [
            f"{COMMON_CATALOGUE}: code entry matches no comment or string (stale): {_short(en)}"
            for en in common
            if en not in used_common
        ]
        english = {p.stem for p in everything}
        problems += [
            f"{_notebook_path(p)}: no English notebook {p.stem}.ipynb (remove it)"
            for p in sorted(korean_dir.glob(NOTEBOOK_GLOB))
            if p.stem not in english
        ]
        problems += [
            f"{_notebook_path(p)}: no English notebook {p.stem}.ipynb (remove it)"
            for p in sorted(catalogue_dir.glob("*.json"))
            if p.name != COMMON_CATALOGUE and p.stem not in english
        ]
    outcome = Outcome()
    for target, korean in results:
        current = nbformat.read(target, as_version=4) if target.is_file() else None
        if current is not None and sources(current) == sources(korean):
            outcome.unchanged.append(target)
        else:
            outcome.out_of_date.append(target)
    if check:
        problems += [
            f"{_notebook_path(t)}: {'differs from' if t.is_file() else 'missing, unlike'} what the "
            "generator writes (run python -m thermal_utils.tooling.translate, then execute it)"
            for t in outcome.out_of_date
        ]
    if problems:
        raise TranslationError(problems)
    if not check:
        for target, korean in results:
            if force or target in outcome.out_of_date:
                target.parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(korean, target)
                outcome.written.append(target)
    return outcome


def main(argv: list[str] | None = None) -> int:
    """The command line: generate, or ``--check``, the Korean notebooks."""
    parser = argparse.ArgumentParser(
        prog="python -m thermal_utils.tooling.translate",
        description="Generate the Korean notebooks (notebooks/ko) from the English ones and "
        "the translation catalogue (notebooks/ko/catalogue).",
    )
    parser.add_argument("notebooks", nargs="*", help="notebook names such as 05_fit (default: all)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a Korean notebook differs from what would be generated",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="write every notebook, even those whose sources are up to date (drops their outputs)",
    )
    parser.add_argument(
        "--notebooks-dir",
        type=Path,
        default=None,
        help="the English notebooks' folder (default: notebooks/ here, or this folder if it holds them)",
    )
    args = parser.parse_args(argv)
    prog = parser.prog
    try:
        outcome = generate(args.notebooks_dir, args.notebooks or None, args.check, args.force)
    except ValueError as error:
        print(f"{prog}: error: {error}", file=sys.stderr)
        return 2
    except TranslationError as error:
        verb = "check failed" if args.check else "nothing written"
        print(f"{prog}: {verb}: {len(error.problems)} problem(s):", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    if args.check:
        print(f"{len(outcome.unchanged)} Korean notebook(s) match their English notebook")
    else:
        for path in outcome.written:
            print(f"wrote {_notebook_path(path)} (without outputs)")
        kept = [p for p in outcome.unchanged if p not in outcome.written]
        if kept:
            print(f"{len(kept)} Korean notebook(s) up to date, left as they are")
    return 0


if __name__ == "__main__":
    sys.exit(main())
