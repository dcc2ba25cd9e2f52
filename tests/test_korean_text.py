"""The Korean edition shows no English a learner reads (issue 20).

Scans what every Korean notebook (``notebooks/ko``) stores for its reader: the stdout of its
cells, the texts of its rich outputs (``text/html``, ``text/plain`` unless it stands beside an
image, as ``<Figure size ...>`` does) and the texts its figures record in their metadata
(``tooling.figure_record``; a figure that recorded none cannot be checked and fails too).
Stderr and tracebacks are not scanned: what reaches them is libraries' logs, warnings and
errors, which stay English (README, 한국어판), and a stored notebook should have none. An
English word is a run of at least ``MIN_LETTERS`` ASCII letters (digits may stand inside it:
``Conv2D``). Every English word must be allowed by the allow-list below, kept here in one
place: first whole spans are blanked (``ALLOWED_SPANS``: patterns for code, paths, file names,
library messages), then the words left must be in ``ALLOWED_WORDS``. Both are grouped by
category, each with its reason; most entries are derived from the code that prints them.

A failure lists, per notebook, each cell (index and id), the kind of output, the word and the
line it is in, and the first cell whose code has the word (this one, else an earlier or later
one): then it is likely a string the catalogue translates or a key the English code should
print a display name for; in no cell's code, a library or a data file printed it. Only JSON is
read: nothing is executed.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path

import pytest

from thermal_utils.formats import CLASS_NAMES
from thermal_utils.tooling.figure_record import FIGURE_TEXTS_KEY
from thermal_utils.tooling.params import CHOICES, TutorialParams
from thermal_utils.tooling.tf_env import library_versions

ROOT = Path(__file__).resolve().parents[1]
KOREAN = ROOT / "notebooks" / "ko"
KOREAN_NOTEBOOKS = sorted(KOREAN.glob("[0-9][0-9]*_*.ipynb"))

MIN_LETTERS = 3
"""A word of fewer ASCII letters is not counted: units (°C, MB), ``x``, ``F1``, ``TK110``."""

IMAGE_TYPES = ("image/png", "image/jpeg")


def _words(*names: str) -> str:
    """A regular expression alternative of whole ``names``."""
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


_QUOTED = r"""(?:'[^'\n]*'|"[^"\n]*")"""
_A, _Z = r"(?<![A-Za-z0-9])", r"(?![A-Za-z0-9])"
"""Word boundaries of ASCII words: ``\\b`` would see none between ``float32`` and ``로``."""

ALLOWED_SPANS: dict[str, re.Pattern[str]] = {
    # Whole lines first.
    # start_notebook's version line: the names are those of tf_env.library_versions
    "version line": re.compile(", ".join(rf"{_A}{name} \S+" for name in library_versions())),
    # thermal_utils's LoadReport lines (formats.LoadReport.lines): library messages, which
    # the README's Korean section lists among what stays English
    "LoadReport line": re.compile(
        r"^(?:\d+ of \d+ candidate files loaded, \d+ skipped|  skipped .*"
        r"|  day folders outside the date range: .*)$",
        re.MULTILINE,
    ),
    # Keras's own fit log (verbose=2, shown once in notebook 05): a library message
    "Keras fit log": re.compile(r"^Epoch \d+/\d+$", re.MULTILINE),
    # a FrameFormatError's detail (frames.read_frame's message for a broken file, notebook 01's
    # solution 2): a library message too, like the LoadReport lines
    "FrameFormatError detail": re.compile(
        r"line \d+: expected [^\n]*(?:, found '[^'\n]*')?", re.MULTILINE
    ),
    # lines of a raw frame file, printed with their line numbers (notebook 01): the format's
    # own vocabulary (data/README.md: "# key: value" headers, "bb", "row r min max",
    # "reference_c")
    "raw frame file line": re.compile(
        r"^ *\d+: (?:# .*|bb \d+ .*|row \d+ min \S+ max \S+|\S+ reference_c)$", re.MULTILINE
    ),
    # model.summary(): Keras's table (its layer classes and names are in ALLOWED_WORDS)
    "Keras model.summary()": re.compile(
        r'Model: "\w+"|Layer \(type\)|Output Shape|Param #|(?:Total|Trainable|Non-trainable) params:'
    ),
    # Then paths and names.
    # paths: ASCII segments joined by "/" without spaces (train/real/20201201,
    # models/mlp-688bf0a50833, the scene kinds of the frame headers such as real/frontal)
    "path": re.compile(r"[A-Za-z0-9_.<>\-]+(?:/[A-Za-z0-9_.<>\-]+)+"),
    # file names by their extension (notes.txt, Thumbs.db, model.keras, results.png)
    "file name": re.compile(
        rf"[A-Za-z0-9_.\-]*\.(?:txt|csv|png|json|keras|npz|ipynb|ini|db|bak){_Z}"
    ),
    # code identifiers: variables, keys and parameters with an underscore (val_loss,
    # train_data, artifacts_dir, dense_1, 05_fit.best_epoch)
    "identifier with an underscore": re.compile(rf"{_A}[A-Za-z0-9]*_[A-Za-z0-9_]*"),
    # a string printed as an element, key or value of a dict, list or tuple is the code's
    # data, spelt as the learner would type it ({'real': 150}, ['accuracy', 'loss']); a
    # quoted word in a sentence ("항상 'real'일 때") is not
    "string in a printed container": re.compile(
        rf"(?:(?<=[\[{{(,:])|(?<=[\[{{(,:] )){_QUOTED}(?=\s*[,:\]}})])"
    ),
    # NumPy's dtype names, as it prints an array's dtype (float32, int64, uint8)
    "NumPy dtype": re.compile(rf"{_A}(?:float|u?int|complex)(?:8|16|32|64|128){_Z}"),
    # a subscripted name is code, printed as an expression (frame[0][57, 64])
    "subscripted name": re.compile(rf"{_A}[A-Za-z][A-Za-z0-9_]*(?=\[)"),
    # the lecture's notation for the model's output, with the class names of formats.py
    "P(class)": re.compile(rf"P\((?:{_words(*CLASS_NAMES)})\)"),
    # Python's literals as Python prints them (capitalised: "true" in a sentence is English)
    "Python literal": re.compile(rf"{_A}(?:True|False|None){_Z}"),
    # Keras's metric keys (compile(metrics=["accuracy"]) and the loss) as keys: followed by
    # ":" or "=" or by their value; as a column heading ("accuracy    balanced") they are words
    "Keras metric key": re.compile(rf"{_A}(?:accuracy|loss)(?=\s*[:=]|\s+[-+]?\d)"),
}
"""Spans of text allowed whole, per category; they are blanked in this order before words are
looked for."""

ALLOWED_WORDS: dict[str, frozenset[str]] = {
    # metric names and abbreviations the Korean text uses as they are (glossary)
    "metric or model abbreviation": frozenset({"auc", "roc", "relu", "mlp", "cnn", "netd"}),
    # a library's name
    "library": frozenset({"keras"}),
    # the notebook parameters' names and the values a parameter takes (scaling "centred",
    # optimizer "adam" printed by Keras as Adam): code the learner types in the parameters cell
    "parameter name or value": frozenset(
        {f.name for f in fields(TutorialParams)}
        | {value for values in CHOICES.values() for value in values}
    ),
    # the Keras layer classes model.summary() prints, and the layer names Keras derives
    # from them (dense, conv2d; dense_1 has an underscore)
    "Keras layer": frozenset({"dense", "conv2d", "maxpooling2d", "averagepooling2d", "flatten"}),
}
"""Words allowed anywhere, per category, compared in lower case."""

_ALLOWED = frozenset().union(*ALLOWED_WORDS.values())
_WORD = re.compile(rf"{_A}[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Finding:
    """An English word a learner reads in a Korean notebook (word None: an image whose texts
    were not recorded)."""

    notebook: str
    cell: int
    cell_id: str
    kind: str
    word: str | None
    snippet: str
    code_cell: int | None = None
    """The first cell whose code has the word: this one if it has it, else the first other."""

    def __str__(self) -> str:
        where = f"cell {self.cell} (id {self.cell_id}), {self.kind}"
        if self.word is None:
            return (
                f"{where}: {self.snippet}: no texts recorded ({FIGURE_TEXTS_KEY}), so they cannot "
                "be checked: re-run the notebook (start_notebook makes matplotlib figures record "
                "them); an image that is not a matplotlib figure records none"
            )
        if self.code_cell is None:
            source = "in no cell's code"
        elif self.code_cell == self.cell:
            source = "in this cell's code"
        else:
            source = f"in the code of cell {self.code_cell}"
        return f"{where}: {self.word!r} in {self.snippet!r} ({source})"


def _blank_allowed(text: str) -> str:
    """``text`` with every allowed span replaced by spaces of its length."""
    for pattern in ALLOWED_SPANS.values():
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def _snippet(text: str, start: int, end: int, width: int = 90) -> str:
    """The line of ``text`` around ``start:end``, its spaces collapsed, at most ``width`` long."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    offset = max(0, start - line_start - width // 2)
    return " ".join(line[offset : offset + width].split())


def english_words(text: str) -> list[tuple[str, str]]:
    """The English words in ``text`` that the allow-list does not allow, each once, with the
    line it first appears in: ``[(word, snippet), ...]``."""
    found: dict[str, str] = {}
    for match in _WORD.finditer(_blank_allowed(text)):
        word = match.group()
        letters = sum(c.isascii() and c.isalpha() for c in word)
        if letters >= MIN_LETTERS and word.lower() not in _ALLOWED and word not in found:
            found[word] = _snippet(text, match.start(), match.end())
    return list(found.items())


def _text(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


def _readable(mime: str, value: str) -> str:
    """What a learner reads of a text output: no ANSI colour codes, no HTML markup."""
    if mime == "text/html":
        value = html.unescape(_TAG.sub("", value))
    return _ANSI.sub("", value)


def learner_texts(output: dict) -> Iterator[tuple[str, str | None]]:
    """``(kind, text)`` for each text of ``output`` a learner reads; text None for an image
    that recorded no texts."""
    kind = output.get("output_type")
    if kind == "stream":
        if output.get("name") == "stdout":
            yield "stream stdout", _text(output.get("text", ""))
        return
    data = output.get("data", {})
    images = [mime for mime in IMAGE_TYPES if mime in data]
    for mime, value in data.items():
        if mime.startswith("text/") and not (mime == "text/plain" and images):
            yield f"{kind} {mime}", _readable(mime, _text(value))
    for mime in images:
        texts = output.get("metadata", {}).get(mime, {}).get(FIGURE_TEXTS_KEY)
        yield f"{kind} {mime} figure texts", None if texts is None else "\n".join(texts)


def _code_cell(word: str, index: int, sources: dict[int, str]) -> int | None:
    """The cell whose code has ``word`` as a word: ``index`` if it does, else the first."""
    pattern = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(word)}(?![A-Za-z0-9_])")
    having = [i for i, source in sources.items() if pattern.search(source)]
    return index if index in having else next(iter(having), None)


def findings(path: Path) -> list[Finding]:
    """Every English word a learner reads in the notebook at ``path``, once per cell and kind of
    output (a word printed and also drawn in a figure is two findings: two places to fix)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    sources = {i: _text(c["source"]) for i, c in enumerate(cells) if c["cell_type"] == "code"}
    found: list[Finding] = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        seen: set[tuple[str, str]] = set()
        where = (name, index, cell.get("id", "?"))
        for output in cell.get("outputs", []):
            for kind, text in learner_texts(output):
                if text is None:
                    plain = _text(output.get("data", {}).get("text/plain", "an image"))
                    found.append(Finding(*where, kind, None, plain))
                    continue
                for word, snippet in english_words(text):
                    if (kind, word) not in seen:
                        seen.add((kind, word))
                        code_cell = _code_cell(word, index, sources)
                        found.append(Finding(*where, kind, word, snippet, code_cell))
    return found


def test_there_are_korean_notebooks() -> None:
    assert len(KOREAN_NOTEBOOKS) >= 12, KOREAN_NOTEBOOKS


@pytest.mark.parametrize("path", KOREAN_NOTEBOOKS, ids=lambda p: p.stem)
def test_a_korean_notebook_shows_no_english_a_learner_reads(path: Path) -> None:
    found = findings(path)
    report = "\n".join(f"  {f}" for f in found)
    assert not found, (
        f"{path.relative_to(ROOT)}: {len(found)} English word(s) or unchecked figure(s) a "
        f"learner reads, outside the allow-list of {Path(__file__).name}:\n{report}"
    )


# The scanner itself, on texts whose findings are known.


@pytest.mark.parametrize(
    "text",
    [
        ", ".join(f"{name} 1.2.3" for name in library_versions()),
        "train/real/20201201/TK110_20201201_090000_0001.txt 파일의 줄 수: 321 개",
        "불필요한 파일: ['Thumbs.db', 'notes.txt']",
        "키: ['accuracy', 'loss', 'val_accuracy', 'val_loss']",
        "x_test: (300, 13200) | y_test: (300, 2) | {'real': 150, 'fake': 150}",
        "{'accuracy': 0.7833, 'loss': 0.5723}",
        "1/20: accuracy 0.656, loss 0.639, val_accuracy 0.566",
        "     accuracy: 0.656 0.702",
        "실제 얼굴이 고친 루프의 결과와 같음: True",
        "소프트맥스, 유닛 2개 [P(fake), P(real)] (각 행의 합은 1):",
        "정확한 AUC 0.7972, Keras AUC(임계값 1,000개) 0.7972; 살아 있는 ReLU 유닛; CNN, MLP",
        "스케일 조정 'centred' 사용 | 옵티마이저: Adam | 손실: categorical_crossentropy",
        "│ dense_1 (Dense)                 │ (None, 128)            │        65,664 │",
        "│ conv2d (Conv2D) │ max_pooling2d (MaxPooling2D) │ (AveragePooling2D) │ flatten",
        'Model: "sequential"\n Total params: 8,970 (35.04 KB)\n Non-trainable params: 0',
        "┃ Layer (type)   ┃ Output Shape    ┃   Param # ┃",
        "2040 of 2044 candidate files loaded, 4 skipped\n"
        "  skipped train/real/20201201/Thumbs.db: junk: name does not match <camera>.txt",
        "  0: # thermal-keras frame v1\n  1: # camera: TK110\n210: row 0 min 17.6 max 23.5\n"
        "320: 35.06 reference_c",
        "artifacts_dir 안에 저장했습니다: models/mlp-688bf0a50833",
        "온도(°C) 범위: 16.4 ~ 35.6 °C, 107.7 MB, F1",
        "train_data: (2040, 110, 120) float32 | y_train: int64",
        "frame[0][57, 64] = 33.0 == flat[0][57 * 120 + 64] = 33.0",
    ],
)
def test_allowed_texts_have_no_english_words(text: str) -> None:
    assert english_words(text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("검증 세트: 프레임 408개, 항상 'real'일 때의 정확도 0.537", ["real"]),
        ("epoch   1/20: 정확도", ["epoch"]),
        ("                 accuracy    balanced acc.", ["accuracy", "balanced", "acc"]),
        ("train: 실제 얼굴 1100개, 가짜 940개", ["train"]),
        ("P(실제 얼굴) = 0.295 -> fake", ["fake"]),
        ("'natural' -> [0, 0, 1, 0, 0]", ["natural"]),
        ("mean ± spread over 3 seeds", ["mean", "spread", "over", "seeds"]),
        ("True와 true", ["true"]),
        ("float32로는 4바이트, float 값", ["float"]),
        ("   total: 6,828,986 (Keras의 집계)", ["total"]),
    ],
)
def test_english_words_are_found(text: str, words: list[str]) -> None:
    assert [word for word, _ in english_words(text)] == words


def _notebook(tmp_path: Path, outputs: list[dict], source: str = "print(x)") -> Path:
    """A one-cell notebook file with ``outputs`` (the format's required fields only)."""
    cell = {"cell_type": "code", "id": "c0ffee00", "metadata": {}, "source": source}
    cell |= {"execution_count": 1, "outputs": outputs}
    path = tmp_path / "01_tiny.ipynb"
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def test_findings_name_the_cell_the_output_the_word_and_its_line(tmp_path: Path) -> None:
    path = _notebook(
        tmp_path,
        [
            {"output_type": "stream", "name": "stdout", "text": "정확도 0.5\nalways x\n"},
            {"output_type": "stream", "name": "stderr", "text": "a library warning\n"},
            {
                "output_type": "display_data",
                "metadata": {"image/png": {FIGURE_TEXTS_KEY: ["손실", "accuracy"]}},
                "data": {"image/png": "iVBOR", "text/plain": "<Figure size 4x3 with 1 Axes>"},
            },
        ],
        source="print('always')",
    )
    assert [str(f) for f in findings(path)] == [
        "cell 0 (id c0ffee00), stream stdout: 'always' in 'always x' (in this cell's code)",
        "cell 0 (id c0ffee00), display_data image/png figure texts: 'accuracy' in 'accuracy' "
        "(in no cell's code)",
    ]


def test_a_figure_without_recorded_texts_is_a_finding(tmp_path: Path) -> None:
    image = {"image/png": "iVBOR", "text/plain": "<IPython.core.display.Image object>"}
    path = _notebook(tmp_path, [{"output_type": "display_data", "metadata": {}, "data": image}])
    (finding,) = findings(path)
    assert finding.word is None and "<IPython.core.display.Image object>" in str(finding)
    assert "no texts recorded" in str(finding) and "re-run the notebook" in str(finding)


def test_html_outputs_are_read_without_their_markup(tmp_path: Path) -> None:
    page = '<pre style="font-family:Menlo"><span>&lt;표&gt; Summary</span></pre>'
    rich = {"text/html": page, "text/plain": "표"}
    path = _notebook(tmp_path, [{"output_type": "display_data", "metadata": {}, "data": rich}])
    assert [(f.kind, f.word) for f in findings(path)] == [("display_data text/html", "Summary")]
