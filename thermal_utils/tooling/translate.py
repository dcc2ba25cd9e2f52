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
  models that notebook 05 trains are shared with the English edition);
* each Korean notebook starts with a notice (``NOTICE_ID``): a translation of which English
  notebook, the same code, and a link to the glossary.

A translation cannot change the code. A comment's translation is comment lines; a string's is
exactly one string literal token of the same prefix with the same ``{...}`` fields, nothing
before or after it. No translation may hold a line break other than those its English text
has (``"\\n"`` may start a new comment line), a control character or a bidirectional control.
Each generated code cell must have the English cell's code tokens and compile when the English
cell does.

The glossary, ``catalogue/_glossary.json``, gives each recurring term its one Korean rendering
and the variants refused (literal strings, and regular expressions for notation such as
``5 %``); every catalogue entry using a refused variant is a problem. It is also written for
learners as ``notebooks/ko/GLOSSARY.md`` (용어집), which the notices link.

Cell ids, tags and metadata are the English ones; the notebook metadata says what it was
generated from (``METADATA_KEY``, paths relative to the Korean notebook, so that they hold
wherever the folders are). Outputs are not translated: the Korean notebooks are written without
outputs and executed afterwards. A notebook whose sources would not change is left alone (its
outputs stay). With problems, nothing is written: every untranslated or stale text, refused
translation and malformed file is listed with its file (notebook and cell, or catalogue and
entry), and the exit status is 1. ``--check`` writes nothing and exits 1 when a committed Korean
notebook or the glossary page differs from what would be generated. Files that are not regular
files (a FIFO, a folder) are refused without being opened for reading or written.
"""

from __future__ import annotations

import argparse
import ast
import copy
import difflib
import io
import json
import os
import re
import stat
import sys
import tokenize
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any

import nbformat

from thermal_utils.tooling.suite import NOTEBOOK_GLOB, TRANSLATION_KEY, default_notebooks_dir

MAX_LINE = 100
"""Code lines of a generated notebook are at most this many characters, like the English ones.
The Korean notebooks are in ``ko/`` below the English ones, their catalogue in ``ko/catalogue/``."""

LANGUAGE = "ko"
CATALOGUE_FOLDER = "catalogue"
COMMON_CATALOGUE = "_common.json"
GLOSSARY_CATALOGUE = "_glossary.json"
GLOSSARY_PAGE = "GLOSSARY.md"
"""The glossary as learners read it, written beside the Korean notebooks."""
METADATA_KEY = TRANSLATION_KEY
"""Notebook metadata of a generated notebook: what it was generated from, and how."""

NOTICE_ID = "translation-notice"
NOTICE_TAG = "translation-notice"
NOTICE = (
    "> **번역본 안내.** 이 노트북은 영어 노트북 [`{english}`](../{english})의 번역입니다. "
    "코드는 영어판과 똑같고, 설명과 주석, 학습자가 읽는 메시지와 그림의 글자만 한국어로 "
    "옮겼습니다. 번역에 쓴 용어는 [용어집]({glossary})에 모아 두었습니다."
)
"""The first cell of every Korean notebook (``{english}``: the English notebook's file name)."""

VOLATILE_CELL_METADATA = ("execution", "papermill", "collapsed", "scrolled", "trusted")
"""Cell metadata that running a notebook adds or changes: not part of its sources."""

LINE_BREAKS = {
    "\n": "LINE FEED",
    "\r": "CARRIAGE RETURN",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\x1c": "FILE SEPARATOR",
    "\x1d": "GROUP SEPARATOR",
    "\x1e": "RECORD SEPARATOR",
    "\x85": "NEXT LINE",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
}
"""Every character ``str.splitlines`` breaks a line at. Python itself also ends a line at
``"\\r"``: a comment's translation holding one would turn the rest of its line into code."""

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Invisible characters that reorder the text around them: code could read other than it is."""

CELL_TYPES = ("markdown", "code", "raw")
MAX_SHAPE_PROBLEMS = 8
"""At most this many problems are listed for one malformed notebook."""

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


def _notebook_path(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it, for messages."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# Reading files: a clear problem for anything unexpected, never a hang or a traceback ---------


def _read_text(path: Path, shown: str, expected: str) -> tuple[str | None, str | None]:
    """``(text, None)``, or ``(None, why not)``: missing, not a regular file (a FIFO or a folder
    is refused without being read, so nothing waits on it), unreadable, not UTF-8. ``shown``
    names the file in the message, ``expected`` says what it should be."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None, f"{shown}: missing (expected {expected})"
    except OSError as error:
        return None, f"{shown}: cannot be read ({error.strerror or error}; expected {expected})"
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        return None, f"{shown}: not a regular file (expected {expected})"
    with os.fdopen(descriptor, "rb") as handle:
        data = handle.read()
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        return (
            None,
            f"{shown}: not UTF-8 text ({error.reason} at byte {error.start}; expected {expected})",
        )


def _not_regular(path: Path) -> bool:
    """Whether something that is not a regular file (a folder, a FIFO, a device) is at ``path``."""
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except FileNotFoundError:
        return os.path.lexists(path)  # a dangling link: not a file either
    except OSError:
        return True


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's keys, refusing a key given twice (JSON would keep the last silently)."""
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise ValueError(f"an object repeats the key(s) {repeated}")
    return dict(pairs)


def _describe(value: Any) -> str:
    """What a JSON value is, for a message: ``5 (a number)``."""
    kinds = {bool: "true or false", int: "a number", float: "a number", str: "a string"}
    kinds.update({list: "a list", dict: "an object", type(None): "null"})
    text = json.dumps(value, ensure_ascii=False)
    text = text if len(text) <= 40 else text[:37] + "..."
    return f"{text} ({kinds.get(type(value), 'a value')})"


def _field(data: dict[str, Any], key: str) -> str:
    """How key ``key`` of a JSON object is, for a message."""
    return f"{key!r} is " + (_describe(data[key]) if key in data else "missing")


def _cell_shape_problems(cell: Any) -> list[str]:
    """What keeps one cell of a parsed notebook from being a cell the generator can read."""
    if not isinstance(cell, dict):
        return [f"is {_describe(cell)}, expected an object"]
    problems = []
    if cell.get("cell_type") not in CELL_TYPES:
        problems.append(f"{_field(cell, 'cell_type')}, expected one of {list(CELL_TYPES)}")
    source = cell.get("source")
    if not isinstance(source, str) and not (
        isinstance(source, list) and all(isinstance(line, str) for line in source)
    ):
        problems.append(f"{_field(cell, 'source')}, expected a string or a list of strings")
    metadata = cell.get("metadata", {})
    if not isinstance(metadata, dict):
        problems.append(f"{_field(cell, 'metadata')}, expected an object")
    elif "tags" in metadata and not (
        isinstance(metadata["tags"], list) and all(isinstance(t, str) for t in metadata["tags"])
    ):
        problems.append(f"metadata {_field(metadata, 'tags')}, expected a list of strings")
    if "id" in cell and not isinstance(cell["id"], str):
        problems.append(f"{_field(cell, 'id')}, expected a string")
    if "outputs" in cell and not isinstance(cell["outputs"], list):
        problems.append(f"{_field(cell, 'outputs')}, expected a list")
    return problems


def notebook_shape_problems(data: Any) -> list[str]:
    """What keeps ``data`` (a parsed ``.ipynb`` file) from being a notebook the generator can
    read, each problem saying where and what was expected; ``[]`` when it is one."""
    if not isinstance(data, dict):
        return [f"the file holds {_describe(data)}, expected a notebook (a JSON object)"]
    problems = []
    if data.get("nbformat") != 4 or isinstance(data.get("nbformat"), bool):
        problems.append(f"{_field(data, 'nbformat')}, expected 4")
    if not isinstance(data.get("metadata"), dict):
        problems.append(f"{_field(data, 'metadata')}, expected an object")
    cells = data.get("cells")
    if not isinstance(cells, list):
        return problems + [f"{_field(data, 'cells')}, expected a list of cells"]
    for index, cell in enumerate(cells):
        problems += [f"cell {index}: {problem}" for problem in _cell_shape_problems(cell)]
    return problems


def read_notebook(path: Path, expected: str) -> tuple[nbformat.NotebookNode | None, list[str]]:
    """The notebook at ``path`` (format 4), or ``None`` and the problems naming the file and
    what was expected (``expected``: "an English notebook", ...)."""
    shown = _notebook_path(path)
    text, problem = _read_text(path, shown, expected)
    if text is None:
        return None, [problem or shown]
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:  # RecursionError: nested too deep
        return None, [f"{shown}: not valid JSON ({error}; expected {expected})"]
    found = notebook_shape_problems(data)
    if found:
        more = len(found) - MAX_SHAPE_PROBLEMS
        found = found[:MAX_SHAPE_PROBLEMS] + ([f"and {more} more"] if more > 0 else [])
        return None, [f"{shown}: {p} (expected {expected})" for p in found]
    try:
        notebook = nbformat.convert(nbformat.reader.reads(text), 4)
        nbformat.validate(notebook)
    except nbformat.ValidationError as error:
        message = getattr(error, "message", None) or str(error).splitlines()[0]
        return None, [f"{shown}: does not follow the notebook format: {message} ({expected})"]
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        return None, [f"{shown}: cannot be read as a notebook: {error} (expected {expected})"]
    return notebook, []


# Tokens ----------------------------------------------------------------------------------------


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


_OPENING = {
    getattr(tokenize, n) for n in ("FSTRING_START", "TSTRING_START") if hasattr(tokenize, n)
}
_CLOSING = {getattr(tokenize, n) for n in ("FSTRING_END", "TSTRING_END") if hasattr(tokenize, n)}


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

    found: list[Literal] = []
    depth, start = 0, 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(_mask_magics(source)).readline):
            if token.type in _OPENING:
                if depth == 0:
                    start = offset(token.start)
                depth += 1
            elif token.type in _CLOSING:
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


_NOT_CODE = {tokenize.COMMENT, tokenize.NL}


def code_shape(source: str) -> list[tuple[int, str]] | None:
    """The code of ``source`` as tokens: comments and the line breaks inside statements left
    out, each string literal (f-strings whole) as one ``"<string>"``. Two cells whose shapes
    are equal differ at most in comments and string literals. ``None``: it does not tokenize."""
    shape: list[tuple[int, str]] = []
    depth = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(_mask_magics(source)).readline):
            if token.type in _OPENING:
                depth += 1
            elif token.type in _CLOSING:
                depth -= 1
                if depth == 0:
                    shape.append((tokenize.STRING, "<string>"))
            elif depth or token.type in _NOT_CODE:
                continue
            elif token.type == tokenize.STRING:
                shape.append((tokenize.STRING, "<string>"))
            else:
                shape.append((token.type, token.string))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    return shape


def compile_problem(source: str) -> str | None:
    """Why the code cell ``source`` does not compile (IPython's ``%``/``!`` lines masked,
    top-level ``await`` allowed, as in a notebook), or ``None`` when it does."""
    flags = ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    try:
        compile(_mask_magics(source), "<cell>", "exec", flags=flags, dont_inherit=True)
    except SyntaxError as error:
        return f"line {error.lineno}: {error.msg}"
    except ValueError as error:  # a null character, on Python 3.11
        return str(error)
    return None


def _string_parts(literal: str) -> tuple[str, list[str]] | None:
    """``(prefix, placeholders)`` of one string literal token, or ``None`` when ``literal`` is
    not exactly one: a prefix, the quoted text and nothing before or after it (not a comment
    after the closing quote, not two literals side by side).

    The prefix is its letters lowercased and sorted (``rf`` and ``Fr`` are one prefix). The
    placeholders of an f-string are the ``ast.dump`` of each ``{...}`` field (expression,
    conversion and format spec), sorted: a translation may reorder them, not change them.
    """
    match = _STRING_PREFIX.match(literal)
    if not match:
        return None
    try:
        tokens = literal_tokens(literal)
        tree = ast.parse(literal, mode="eval")
    except (SyntaxError, ValueError):
        return None
    if [(t.kind, t.start, t.end) for t in tokens] != [("string", 0, len(literal))]:
        return None
    prefix = "".join(sorted(match.group(1).lower()))
    node = tree.body
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        return prefix, []
    if isinstance(node, ast.JoinedStr):
        fields = sorted(ast.dump(v) for v in node.values if isinstance(v, ast.FormattedValue))
        return prefix, fields
    return None


# Checking entries ------------------------------------------------------------------------------


def _character_name(char: str) -> str:
    return LINE_BREAKS.get(char) or unicodedata.name(char, "a control character")


def character_problems(en: str, ko: str, newline: bool) -> list[str]:
    """The characters of a translation ``ko`` that its English ``en`` does not have and that
    would change what the cell or the page is: a line break (``"\\n"`` only where ``newline``),
    another control character (a tab aside) or a bidirectional control."""
    problems = []
    for char in sorted(set(ko) - set(en)):
        if char == "\n" and newline or char == "\t":
            continue
        if char in LINE_BREAKS:
            why = "a line break for Python or an editor"
        elif unicodedata.category(char) == "Cc":
            why = "a control character"
        elif char in BIDI_CONTROLS:
            why = "an invisible control that reorders the text around it"
        else:
            continue
        problems.append(
            f"the translation has {_character_name(char)} (U+{ord(char):04X}), {why}, "
            f"which its English text does not have: {_short(ko)}"
        )
    return problems


def _check_entry(where: str, en: str, ko: str) -> list[str]:
    """Problems of one code entry: a comment must stay a comment, a string a string of the same
    kind (prefix) with the same ``{...}`` fields, and neither may gain a line break."""
    if en.startswith("#"):
        problems = [f"{where}: {p}" for p in character_problems(en, ko, newline=True)]
        bad = [line for line in ko.split("\n") if not line.startswith("#")]
        if bad:
            problems.append(
                f"{where}: the translation of comment {_short(en)} has a line not starting with '#'"
            )
        return problems
    en_parts, ko_parts = _string_parts(en), _string_parts(ko)
    if en_parts is None:
        return [f"{where}: {_short(en)} is neither a comment nor a string literal"]
    problems = [f"{where}: {p}" for p in character_problems(en, ko, newline=False)]
    if ko_parts is None:
        return problems + [
            f"{where}: the translation of {_short(en)} is not a string literal (one literal, "
            f"from its prefix to its closing quote, nothing before or after it): {_short(ko)}"
        ]
    if ko_parts[0] != en_parts[0]:
        return problems + [
            f"{where}: the translation of {_short(en)} changes the string prefix "
            f"{en_parts[0]!r} to {ko_parts[0]!r}"
        ]
    if ko_parts[1] != en_parts[1]:
        return problems + [
            f"{where}: the translation of {_short(en)} changes its {{...}} fields: {_short(ko)}"
        ]
    return problems


def _entry_problem(item: Any) -> str | None:
    """What keeps one catalogue entry from being ``{"en": text, "ko": text}``."""
    if not isinstance(item, dict):
        return f"is {_describe(item)}, expected {{'en': text, 'ko': text}}"
    missing = [key for key in ("en", "ko") if key not in item]
    if missing:
        return f"has no {' and no '.join(repr(k) for k in missing)} (expected {{'en': text, 'ko': text}})"
    extra = sorted(set(item) - {"en", "ko"})
    if extra:
        return f"has key(s) {extra} besides 'en' and 'ko'"
    for key in ("en", "ko"):
        if not isinstance(item[key], str):
            return f"{_field(item, key)}, expected a string"
        if not item[key].strip():
            return f"{key!r} is empty"
    return None


def _entries(
    data: Any, section: str, where: str, problems: list[str], glossary: Glossary | None = None
) -> dict[str, str]:
    """One section (``"markdown"`` or ``"code"``) of a catalogue file as ``{en: ko}``; its
    problems (and the glossary's, with ``glossary``) are added to ``problems``."""
    entries: dict[str, str] = {}
    items = data.get(section, [])
    if not isinstance(items, list):
        problems.append(f"{where}: {section!r} must be a list of {{'en': ..., 'ko': ...}} entries")
        return entries
    for i, item in enumerate(items):
        wrong = _entry_problem(item)
        if wrong:
            problems.append(f"{where}: {section} entry {i} {wrong}")
            continue
        en, ko = item["en"], item["ko"]
        if en in entries and entries[en] != ko:
            problems.append(
                f"{where}: {section} entry {i} repeats {_short(en)} with another translation"
            )
        if section == "code":
            problems += _check_entry(f"{where}, code entry {i}", en, ko)
        else:
            found = character_problems(en, ko, newline=True)
            problems += [f"{where}, markdown entry {i}: {p}" for p in found]
        if glossary is not None:
            problems += glossary.problems(f"{where}, {section} entry {i} ({_short(en, 50)})", ko)
        entries[en] = ko
    return entries


def _read_json(path: Path, expected: str, missing: str) -> tuple[Any, str | None]:
    """A catalogue or glossary file, parsed (an object's key given twice refused), or ``None``
    and why not; ``missing``: what a missing file means."""
    text, problem = _read_text(path, path.name, expected)
    if text is None:
        if not os.path.lexists(path):
            return None, f"{path.name}: missing ({missing})"
        return None, problem
    try:
        return json.loads(text, object_pairs_hook=_unique_keys), None
    except (ValueError, RecursionError) as error:  # RecursionError: nested too deep
        return None, f"{path.name}: cannot be read as JSON: {error} (expected {expected})"


def _read_catalogue_file(
    path: Path, problems: list[str], keys: tuple[str, ...] = ("notebook", "markdown", "code")
) -> dict[str, Any]:
    expected = "a catalogue: an object with " + ", ".join(repr(k) for k in keys)
    data, problem = _read_json(path, expected, "the notebook is not translated")
    if problem:
        problems.append(problem)
        return {}
    if not isinstance(data, dict):
        problems.append(f"{path.name}: holds {_describe(data)}, expected {expected}")
        return {}
    extra = sorted(set(data) - set(keys))
    if extra:
        problems.append(f"{path.name}: unknown key(s) {extra} (expected {expected})")
    return data


def load_catalogue(
    name: str,
    catalogue_dir: Path,
    common: dict[str, str] | None = None,
    glossary: Glossary | None = None,
) -> tuple[Catalogue, list[str]]:
    """The catalogue of notebook ``name`` (``05_fit``), and the problems found reading it (with
    ``glossary``, its entries' refused variants too)."""
    problems: list[str] = []
    path = catalogue_dir / f"{name}.json"
    data = _read_catalogue_file(path, problems)
    if data and data.get("notebook") != name:
        problems.append(f"{path.name}: {_field(data, 'notebook')}, expected {name!r}")
    catalogue = Catalogue(
        name,
        markdown=_entries(data, "markdown", path.name, problems, glossary),
        code=_entries(data, "code", path.name, problems, glossary),
        common_code=dict(common or {}),
    )
    return catalogue, problems


def load_common(
    catalogue_dir: Path, glossary: Glossary | None = None
) -> tuple[dict[str, str], list[str]]:
    """The code entries of ``_common.json`` (none when it does not exist), and its problems."""
    path = catalogue_dir / COMMON_CATALOGUE
    problems: list[str] = []
    if not os.path.lexists(path):
        return {}, problems
    data = _read_catalogue_file(path, problems, keys=("code", "markdown"))
    if data.get("markdown"):
        problems.append(f"{path.name}: markdown entries belong in each notebook's own file")
    return _entries(data, "code", path.name, problems, glossary), problems


# The glossary ----------------------------------------------------------------------------------

GLOSSARY_SECTIONS = {"terms": "용어", "style": "표기"}
"""The glossary's sections: recurring terms, and rules of notation (numbers and units,
punctuation); the page's headings for them."""

GLOSSARY_KEYS = ("en", "ko", "note", "refuse", "refuse_regex", "refused_examples")


@dataclass(frozen=True)
class GlossaryEntry:
    """One term, or one rule of notation, of the glossary.

    ``ko`` is the one rendering (for a rule: the right form); ``refuse`` lists variants refused
    as written, ``refuse_regex`` regular expressions for the variants refused, and
    ``refused_examples`` what they refuse, as the page shows it (each checked to be refused).
    """

    section: str
    en: str
    ko: str
    note: str = ""
    refuse: tuple[str, ...] = ()
    refuse_regex: tuple[re.Pattern[str], ...] = ()
    refused_examples: tuple[str, ...] = ()

    def variants_in(self, text: str) -> list[tuple[str, int]]:
        """The refused variants ``text`` uses, as written there, with where they start."""
        found = [(variant, text.find(variant)) for variant in self.refuse if variant in text]
        for pattern in self.refuse_regex:
            found += [(m.group(0), m.start()) for m in pattern.finditer(text)]
        return sorted(set(found), key=lambda pair: pair[1])


@dataclass(frozen=True)
class Glossary:
    """The terms and rules of notation of ``_glossary.json``, in their order."""

    entries: tuple[GlossaryEntry, ...] = ()

    def problems(self, where: str, ko: str) -> list[str]:
        """One problem per refused variant the Korean text ``ko`` uses."""
        problems = []
        for entry in self.entries:
            for variant, start in entry.variants_in(ko):
                context = ko[max(0, start - 15) : start + len(variant) + 15].replace("\n", " ")
                write = f"write {entry.ko!r}" if entry.section == "terms" else f"as in {entry.ko!r}"
                problems.append(
                    f"{where}: uses {variant!r} (in '...{context}...'), which the glossary "
                    f"refuses for {entry.en!r}: {write}"
                )
        return problems


def _strings(value: Any) -> tuple[str, ...] | None:
    """``value`` as a tuple of non-empty strings, ``None`` when it is not a list of them."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        return None
    return tuple(value)


def _glossary_entry(section: str, item: Any) -> tuple[GlossaryEntry | None, list[str]]:
    """One entry of the glossary file, or ``None`` and what is wrong with it."""
    if not isinstance(item, dict):
        return None, [f"is {_describe(item)}, expected an object with 'en' and 'ko'"]
    problems = [
        f"{_field(item, key)}, expected a string"
        for key in ("en", "ko", "note")
        if not isinstance(item.get(key, ""), str) or (key != "note" and not item.get(key))
    ]
    extra = sorted(set(item) - set(GLOSSARY_KEYS))
    if extra:
        problems.append(f"has key(s) {extra}; expected some of {list(GLOSSARY_KEYS)}")
    lists = {key: _strings(item.get(key, [])) for key in GLOSSARY_KEYS[3:]}
    problems += [
        f"{_field(item, k)}, expected a list of strings" for k, v in lists.items() if v is None
    ]
    patterns = []
    for pattern in lists["refuse_regex"] or ():
        try:
            patterns.append(re.compile(pattern))
        except re.error as error:
            problems.append(f"refuse_regex {pattern!r} is not a regular expression: {error}")
    if problems:
        return None, problems
    entry = GlossaryEntry(
        section,
        item["en"],
        item["ko"],
        item.get("note", ""),
        lists["refuse"] or (),
        tuple(patterns),
        lists["refused_examples"] or (),
    )
    unrefused = [e for e in entry.refused_examples if not entry.variants_in(e)]
    if unrefused:
        problems.append(f"refused_examples {unrefused} are not refused by its refuse(_regex)")
    return entry, problems


def _glossary_conflicts(entries: list[tuple[str, GlossaryEntry]]) -> list[str]:
    """Refused variants that a preferred rendering uses: every right use would be refused."""
    return [
        f"{where}: refuses {variant!r}, which {other.en!r}'s rendering {other.ko!r} uses"
        for where, entry in entries
        for _, other in entries
        for variant, _ in entry.variants_in(other.ko)
    ]


def load_glossary(catalogue_dir: Path) -> tuple[Glossary | None, list[str]]:
    """The glossary, ``catalogue_dir/_glossary.json``, or ``None``, and its problems."""
    path = catalogue_dir / GLOSSARY_CATALOGUE
    expected = f"the glossary: an object with {list(GLOSSARY_SECTIONS)}, lists of terms"
    data, problem = _read_json(path, expected, "the glossary: each term's one Korean rendering")
    if problem:
        return None, [problem]
    if not isinstance(data, dict):
        return None, [f"{path.name}: holds {_describe(data)}, expected {expected}"]
    problems = []
    extra = sorted(set(data) - {*GLOSSARY_SECTIONS, "about"})
    if extra:
        problems.append(f"{path.name}: unknown key(s) {extra} (expected {expected})")
    entries: list[tuple[str, GlossaryEntry]] = []
    for section in GLOSSARY_SECTIONS:
        items = data.get(section, [])
        if not isinstance(items, list):
            problems.append(f"{path.name}: {_field(data, section)}, expected a list of entries")
            continue
        for i, item in enumerate(items):
            where = f"{path.name}, {section} entry {i}"
            entry, found = _glossary_entry(section, item)
            problems += [f"{where}: {p}" for p in found]
            if entry is not None:
                entries.append((f"{where} ({entry.en!r})", entry))
    problems += _glossary_conflicts(entries)
    return Glossary(tuple(entry for _, entry in entries)), problems


def _table_cell(text: str) -> str:
    return text.replace("\n", " ").replace("|", "\\|")


def render_glossary(glossary: Glossary) -> str:
    """``GLOSSARY.md``: the glossary as learners read it, one table per section."""
    lines = [
        "# 용어집 (glossary)",
        "",
        f"<!-- generated from {CATALOGUE_FOLDER}/{GLOSSARY_CATALOGUE} by python -m "
        "thermal_utils.tooling.translate: edit that file, then regenerate -->",
        "",
        "한국어판 노트북은 되풀이해 나오는 영어 용어 하나를 한 가지 한국어 표현으로만 옮깁니다. "
        "번역 카탈로그의 어느 항목이 '쓰지 않는 표기'를 쓰면 생성기가 그 항목을 알려 주고 "
        "노트북을 만들지 않습니다.",
    ]
    headers = {"terms": "English | 한국어", "style": "무엇 | 바른 표기"}
    for section, heading in GLOSSARY_SECTIONS.items():
        entries = [e for e in glossary.entries if e.section == section]
        if not entries:
            continue
        lines += ["", f"## {heading}", "", f"| {headers[section]} | 참고 | 쓰지 않는 표기 |"]
        lines.append("|---|---|---|---|")
        for entry in entries:
            refused = ", ".join(dict.fromkeys(entry.refuse + entry.refused_examples))
            cells = (entry.en, entry.ko, entry.note, refused)
            lines.append("| " + " | ".join(_table_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


# Translating -----------------------------------------------------------------------------------


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
    ``language`` default and the ``"../"`` path defaults, and whether ``language`` is declared.
    Raises ``SyntaxError`` when the cell does not parse."""
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
    except (SyntaxError, ValueError):
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


def _first_difference(old: list[tuple[int, str]], new: list[tuple[int, str]]) -> str:
    """The first code token where two ``code_shape``s differ, for a message."""
    for a, b in zip_longest(old, new, fillvalue=(0, "nothing")):
        if a != b:
            return f"{_short(a[1], 30)} became {_short(b[1], 30)}"
    return "the same tokens"


def _code_problems(where: str, source: str, translated: str) -> list[str]:
    """A translated cell must have the English cell's code tokens and compile when it does."""
    problems = []
    before, after = code_shape(source), code_shape(translated)
    if before is not None and after != before:
        change = _first_difference(before, after) if after is not None else "it does not tokenize"
        problems.append(
            f"{where}: the translation changes the cell's code, not only its comments and "
            f"strings ({change})"
        )
    error = compile_problem(translated)
    if error and compile_problem(source) is None:
        problems.append(f"{where}: the generated cell does not compile ({error})")
    return problems


def translate_code(
    source: str,
    catalogue: Catalogue,
    where: str,
    parameters: bool = False,
    code: dict[str, str] | None = None,
) -> tuple[str, list[str]]:
    """A code cell's Korean source, and the problems (untranslated comments, translated code,
    long lines, a cell whose code changed or no longer compiles). ``code``: the notebook's
    ``code_texts`` (default: this cell's)."""
    problems: list[str] = []
    try:
        tokens = literal_tokens(source)
        rewrites, declared = _parameter_rewrites(source) if parameters else ({}, True)
    except (SyntaxError, ValueError) as error:
        return source, [f"{where}: {error}"]
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
    problems += _code_problems(where, source, translated)
    if parameters and not declared:
        translated = translated.rstrip("\n") + f'\nlanguage: str = "{LANGUAGE}"'
    for number, line in enumerate(translated.splitlines(), start=1):
        if len(line) > MAX_LINE:
            problems.append(
                f"{where}, line {number}: {len(line)} characters after translation "
                f"(at most {MAX_LINE}): {_short(line, 90)}"
            )
    return translated, problems


def translation_notice(english_name: str) -> nbformat.NotebookNode:
    """The first cell of a Korean notebook: a translation of ``english_name``, the same code,
    and the glossary; id ``NOTICE_ID``, tagged ``NOTICE_TAG``."""
    source = NOTICE.format(english=english_name, glossary=GLOSSARY_PAGE)
    return nbformat.v4.new_markdown_cell(source, id=NOTICE_ID, metadata={"tags": [NOTICE_TAG]})


def translate_notebook(
    english: nbformat.NotebookNode, catalogue: Catalogue, source_path: Path
) -> tuple[nbformat.NotebookNode, list[str]]:
    """The Korean notebook for ``english`` (outputs cleared), and the problems found.

    Marks the catalogue's entries used; ``stale_entries`` then lists the unused ones.
    """
    korean = copy.deepcopy(english)
    problems: list[str] = []
    name = catalogue.notebook
    if METADATA_KEY in english.metadata:
        problems.append(
            f"{_notebook_path(source_path)}: a generated translation, not an English notebook "
            "(give the English notebooks' folder)"
        )
    code: dict[str, str] = {}
    for cell in english.cells:
        if cell.cell_type == "code":
            code.update(code_texts(cell.source))
    for index, cell in enumerate(korean.cells):
        where = f"{name}, cell {index} (id {cell.get('id', '?')}, {cell.cell_type})"
        if cell.get("id") == NOTICE_ID:
            problems.append(f"{where}: the id {NOTICE_ID!r} is the translation notice's")
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
    korean.cells.insert(0, translation_notice(source_path.name))
    korean.metadata[METADATA_KEY] = {
        "language": LANGUAGE,
        "generated_from": f"../{source_path.name}",
        "catalogue": [f"{CATALOGUE_FOLDER}/{name}.json", f"{CATALOGUE_FOLDER}/{COMMON_CATALOGUE}"],
        "generator": "python -m thermal_utils.tooling.translate",
        "note": "generated (paths relative to this notebook): edit the English notebook or the "
        "catalogue, then regenerate",
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
    """What ``generate`` did (or, with ``check``, found): Korean notebook paths, and the
    glossary page's. ``notes``: what the command line tells besides (files it replaced)."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    out_of_date: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def english_notebooks(notebooks_dir: Path) -> list[Path]:
    """The numbered English notebooks of ``notebooks_dir``, in order."""
    return sorted(notebooks_dir.glob(NOTEBOOK_GLOB))


def _translate_all(
    selected: list[Path], catalogue_dir: Path, glossary: Glossary | None, problems: list[str]
) -> tuple[list[tuple[str, nbformat.NotebookNode]], set[str], dict[str, str]]:
    """``(name, Korean notebook)`` of each selected English notebook, the ``_common.json``
    entries they used, and those entries; problems are added to ``problems``."""
    common, found = load_common(catalogue_dir, glossary)
    problems += found
    used_common: set[str] = set()
    results = []
    for path in selected:
        catalogue, found = load_catalogue(path.stem, catalogue_dir, common, glossary)
        problems += found
        if found and not (catalogue.markdown or catalogue.code):
            continue
        english, found = read_notebook(path, "an English notebook")
        problems += found
        if english is None:
            continue
        korean, found = translate_notebook(english, catalogue, path)
        problems += found + stale_entries(catalogue)
        used_common |= catalogue.used_common
        results.append((path.name, korean))
    return results, used_common, common


def _leftovers(korean_dir: Path, catalogue_dir: Path, everything: list[Path]) -> list[str]:
    """Korean notebooks and catalogue files whose English notebook is gone."""
    english = {p.stem for p in everything}
    return [
        f"{_notebook_path(p)}: no English notebook {p.stem}.ipynb (remove it)"
        for p in [*sorted(korean_dir.glob(NOTEBOOK_GLOB)), *sorted(catalogue_dir.glob("*.json"))]
        if p.stem not in english and p.name not in (COMMON_CATALOGUE, GLOSSARY_CATALOGUE)
    ]


def _compare(
    target: Path, generated: nbformat.NotebookNode | str, check: bool, outcome: Outcome
) -> list[str]:
    """Sort ``target`` into the outcome's lists by whether it holds ``generated`` (a notebook's
    sources, or a page's text); the problems that keep it from being compared or written."""
    shown = _notebook_path(target)
    rerun = "run python -m thermal_utils.tooling.translate" + (
        "" if isinstance(generated, str) else ", then execute it"
    )
    if not os.path.lexists(target):
        outcome.out_of_date.append(target)
        return [f"{shown}: missing, unlike what the generator writes ({rerun})"] if check else []
    if _not_regular(target):
        return [f"{shown}: not a regular file; the generator writes a file there (remove it)"]
    if isinstance(generated, str):
        text, problem = _read_text(target, shown, "the glossary page")
        same = text == generated
        if problem and check:
            return [problem]
    else:
        current, found = read_notebook(target, "a Korean notebook the generator wrote")
        if found and check:
            return [f"{p}: regenerate it" for p in found]
        outcome.notes += [f"{p}: replaced by the generated notebook" for p in found]
        same = current is not None and sources(current) == sources(generated)
    if same:
        outcome.unchanged.append(target)
        return []
    outcome.out_of_date.append(target)
    return [f"{shown}: differs from what the generator writes ({rerun})"] if check else []


def _write(target: Path, generated: nbformat.NotebookNode | str) -> None:
    """Write a Korean notebook (without outputs) or the glossary page (``_compare`` has made
    sure that nothing but a regular file is there)."""
    text = generated if isinstance(generated, str) else nbformat.writes(generated)
    target.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def generate(
    notebooks_dir: Path | None = None,
    names: list[str] | None = None,
    check: bool = False,
    force: bool = False,
) -> Outcome:
    """Generate (or, with ``check``, compare) the Korean notebooks of ``notebooks_dir``, and
    the glossary page.

    ``names``: notebook stems (``05_fit``); ``None``: all, which also checks that every
    ``_common.json`` entry is used and that no Korean notebook or catalogue file is left
    without its English notebook. Raises ``TranslationError`` listing every problem (nothing
    is written then); with ``check``, a Korean notebook or page that is missing or differs from
    what would be generated is a problem too. Raises ``ValueError`` for an unknown name or a
    folder without English notebooks.
    """
    notebooks_dir = Path(notebooks_dir) if notebooks_dir is not None else default_notebooks_dir()
    korean_dir = notebooks_dir / LANGUAGE
    catalogue_dir = korean_dir / CATALOGUE_FOLDER
    everything = english_notebooks(notebooks_dir)
    if not everything:
        raise ValueError(
            f"no numbered notebooks ({NOTEBOOK_GLOB}) in {notebooks_dir}: give the English "
            "notebooks' folder (--notebooks-dir)"
        )
    if names:
        known = {p.stem: p for p in everything}
        unknown = [n for n in names if Path(n).stem not in known]
        if unknown:
            raise ValueError(f"unknown notebook(s) {unknown}; choose from {sorted(known)}")
        selected = [known[Path(n).stem] for n in names]
    else:
        selected = everything
    glossary, problems = load_glossary(catalogue_dir)
    results, used_common, common = _translate_all(selected, catalogue_dir, glossary, problems)
    if glossary is not None:
        notice = translation_notice("NN_name.ipynb").source
        problems += glossary.problems(f"the translation notice ({__name__}.NOTICE)", notice)
    if not names:
        problems += [
            f"{COMMON_CATALOGUE}: code entry matches no comment or string (stale): {_short(en)}"
            for en in common
            if en not in used_common
        ]
        problems += _leftovers(korean_dir, catalogue_dir, everything)
    if os.path.lexists(korean_dir) and not korean_dir.is_dir():
        problems.append(
            f"{_notebook_path(korean_dir)}: not a folder (the Korean notebooks go there)"
        )
        raise TranslationError(problems)
    targets: list[tuple[Path, nbformat.NotebookNode | str]] = [
        (korean_dir / name, korean) for name, korean in results
    ]
    if glossary is not None:
        targets.append((korean_dir / GLOSSARY_PAGE, render_glossary(glossary)))
    outcome = Outcome()
    for target, generated in targets:
        problems += _compare(target, generated, check, outcome)
    if problems:
        raise TranslationError(problems)
    if not check:
        for target, generated in targets:
            if force or target in outcome.out_of_date:
                target.parent.mkdir(parents=True, exist_ok=True)
                _write(target, generated)
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
    except OSError as error:
        where = f": {error.filename}" if error.filename else ""
        print(f"{prog}: error: {error.strerror or error}{where}", file=sys.stderr)
        return 2
    except TranslationError as error:
        verb = "check failed" if args.check else "nothing written"
        print(f"{prog}: {verb}: {len(error.problems)} problem(s):", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    notebooks = [p for p in outcome.unchanged if p.suffix == ".ipynb"]
    if args.check:
        print(f"{len(notebooks)} Korean notebook(s) match their English notebook")
        return 0
    for note in outcome.notes:
        print(note)
    for path in outcome.written:
        outputs = " (without outputs)" if path.suffix == ".ipynb" else ""
        print(f"wrote {_notebook_path(path)}{outputs}")
    kept = [p for p in notebooks if p not in outcome.written]
    if kept:
        print(f"{len(kept)} Korean notebook(s) up to date, left as they are")
    return 0


if __name__ == "__main__":
    sys.exit(main())
