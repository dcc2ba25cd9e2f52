"""The Korean edition's generator cannot be fooled (issue 20): translations that would change the
code, malformed or unexpected files, the glossary it enforces, and the notice it writes.

Most cases use a small fake notebook set built in tmp_path (two notebooks, a catalogue, a
glossary), in a folder named ``nbs``: nothing depends on the folder being called ``notebooks``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from thermal_utils.tooling import translate
from thermal_utils.tooling.translate import (
    GLOSSARY_PAGE,
    LINE_BREAKS,
    METADATA_KEY,
    NOTICE_ID,
    NOTICE_TAG,
    Catalogue,
    TranslationError,
    generate,
    load_glossary,
    render_glossary,
    translate_code,
)

ROOT = Path(__file__).resolve().parents[1]
REAL_CATALOGUE = ROOT / "notebooks" / "ko" / "catalogue"

PARAMETERS = 'data_dir: str = "../data/sample"  # data folder\nlanguage: str = "en"  # texts'
SAY = 'n = 3\nprint("hello")  # say hello\nprint(f"{n} frames")'
ENGLISH = {
    "01_first": [
        ("markdown", "# 1. First\n\nWhat you will learn: nothing much."),
        ("code", PARAMETERS),
        ("code", SAY),
        ("markdown", "## Summary\n\nDone."),
    ],
    "02_second": [
        ("markdown", "# 2. Second"),
        ("code", PARAMETERS),
        ("code", "%matplotlib inline\nx = 1  # one"),
    ],
}
CATALOGUE: dict[str, dict[str, Any]] = {
    "01_first": {
        "notebook": "01_first",
        "markdown": [
            {
                "en": "# 1. First\n\nWhat you will learn: nothing much.",
                "ko": "# 1. 첫째\n\n배울 내용: 별것 없음.",
            },
            {"en": "## Summary\n\nDone.", "ko": "## 정리\n\n끝."},
        ],
        "code": [
            {"en": "# say hello", "ko": "# 인사합니다"},
            {"en": '"hello"', "ko": '"안녕하세요"'},
            {"en": 'f"{n} frames"', "ko": 'f"프레임 {n}개"'},
        ],
    },
    "02_second": {
        "notebook": "02_second",
        "markdown": [{"en": "# 2. Second", "ko": "# 2. 둘째"}],
        "code": [{"en": "# one", "ko": "# 하나"}],
    },
}
COMMON = {
    "code": [{"en": "# data folder", "ko": "# 데이터 폴더"}, {"en": "# texts", "ko": "# 텍스트"}]
}
GLOSSARY = {
    "terms": [
        {"en": "cross-entropy", "ko": "교차 엔트로피", "refuse": ["크로스 엔트로피"]},
        {"en": "unit", "ko": "유닛", "note": "강의: 노드·뉴런"},
    ],
    "style": [
        {
            "en": "percent",
            "ko": "5%",
            "refuse_regex": ["(?:[0-9][0-9,.]*|\\{[^{}]*\\}) %"],
            "refused_examples": ["5 %"],
        },
        {
            "en": "semicolon",
            "ko": "폴더이며 처음",
            "refuse_regex": ["(?<=[가-힣])[)\"'’”]?; *(?=[가-힣])"],
            "refused_examples": ["폴더; 처음"],
        },
    ],
}


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def _notebook(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    made = []
    for i, (kind, source) in enumerate(cells):
        cell = new_markdown_cell(source) if kind == "markdown" else new_code_cell(source)
        cell.id = f"cell-{i}"
        if kind == "code" and source == PARAMETERS:
            cell.metadata["tags"] = ["parameters"]
        made.append(cell)
    nb = new_notebook(cells=made)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


@pytest.fixture
def nbs(tmp_path: Path) -> Path:
    """A fake English notebook set, its catalogue and glossary, in ``tmp_path/clone/nbs``, with
    its Korean notebooks generated."""
    folder = tmp_path / "clone" / "nbs"
    catalogue = folder / "ko" / "catalogue"
    catalogue.mkdir(parents=True)
    for name, cells in ENGLISH.items():
        nbformat.write(_notebook(cells), folder / f"{name}.ipynb")
        _write_json(catalogue / f"{name}.json", CATALOGUE[name])
    _write_json(catalogue / "_common.json", COMMON)
    _write_json(catalogue / "_glossary.json", GLOSSARY)
    generate(folder)
    return folder


def _edit_catalogue(folder: Path, name: str, section: str, en: str, ko: str) -> None:
    path = folder / "ko" / "catalogue" / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = [e for e in data.get(section, []) if e["en"] != en]
    data[section] = entries + [{"en": en, "ko": ko}]
    _write_json(path, data)


def _problems(folder: Path, check: bool = False) -> list[str]:
    with pytest.raises(TranslationError) as info:
        generate(folder, check=check)
    return info.value.problems


def _refused(
    folder: Path, capsys: pytest.CaptureFixture[str], *expected: str, status: int = 1
) -> str:
    """Both the generator and --check refuse, with exit ``status``, no traceback, the Korean
    notebooks untouched, and every ``expected`` text in the messages."""
    before = {p.name: p.read_bytes() for p in (folder / "ko").glob("*.ipynb") if p.is_file()}
    capsys.readouterr()
    for extra in ([], ["--check"]):
        with _within(20):
            assert translate.main(["--notebooks-dir", str(folder), *extra]) == status
        err = capsys.readouterr().err
        assert "Traceback" not in err
        for text in expected:
            assert text in err, (text, err)
    after = {p.name: p.read_bytes() for p in (folder / "ko").glob("*.ipynb") if p.is_file()}
    assert after == before, "nothing written"
    return err


@contextmanager
def _within(seconds: int) -> Iterator[None]:
    """Fail instead of hanging (a FIFO opened for reading waits for a writer)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s: it hangs")

    if not hasattr(signal, "SIGALRM"):  # Windows: no alarm, and no FIFOs either
        yield
        return
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# Translations that would change the code ------------------------------------------------------


def test_line_breaks_are_every_character_splitlines_breaks_at() -> None:
    breaks = {chr(c) for c in range(0x110000) if len(f"a{chr(c)}b".splitlines()) == 2}
    assert breaks == set(LINE_BREAKS)


@pytest.mark.parametrize("char", sorted(set(LINE_BREAKS) - {"\n"}), ids=lambda c: f"U+{ord(c):04X}")
def test_a_comment_translation_with_a_line_break_is_refused(
    nbs: Path, capsys: pytest.CaptureFixture[str], char: str
) -> None:
    """``\\r`` ends a line for Python: the rest of the comment would run as code."""
    _edit_catalogue(nbs, "01_first", "code", "# say hello", f"# 인사합니다{char}import os")
    _refused(
        nbs, capsys, "01_first.json, code entry 2: the translation has", f"(U+{ord(char):04X})"
    )


@pytest.mark.parametrize(
    ("en", "ko", "message"),
    [
        ('"hello"', '"안녕\r하세요"', "(U+000D)"),
        ('"hello"', '"안녕\n하세요"', "LINE FEED (U+000A)"),
        ('"hello"', '"""안녕\n하세요"""', "LINE FEED (U+000A)"),
        ('"hello"', '"안녕\u2028하세요"', "LINE SEPARATOR (U+2028)"),
        ('"hello"', '"안녕\x00"', "a control character"),
        ('"hello"', '"안녕\u202e요세하"', "reorders the text"),
        ("# say hello", "# 인사\u2066합니다", "reorders the text"),
    ],
)
def test_breaks_and_controls_in_strings_are_refused(
    nbs: Path, capsys: pytest.CaptureFixture[str], en: str, ko: str, message: str
) -> None:
    _edit_catalogue(nbs, "01_first", "code", en, ko)
    _refused(nbs, capsys, message)


def test_a_markdown_translation_with_a_carriage_return_is_refused(
    nbs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit_catalogue(nbs, "01_first", "markdown", "## Summary\n\nDone.", "## 정리\r\n\r\n끝.")
    _refused(nbs, capsys, "01_first.json, markdown entry 1: the translation has CARRIAGE RETURN")


@pytest.mark.parametrize(
    "ko",
    [
        '"안녕하세요"#',  # the closing parenthesis becomes part of a comment
        '"안녕하세요"  # 인사',
        '"안녕" "하세요"',  # two literals side by side
        ' "안녕하세요"',
        '"안녕하세요" + x',
        '"안녕하세요"\\',
        "안녕하세요",
    ],
)
def test_a_string_translation_must_be_exactly_one_string_literal(
    nbs: Path, capsys: pytest.CaptureFixture[str], ko: str
) -> None:
    _edit_catalogue(nbs, "01_first", "code", '"hello"', ko)
    _refused(
        nbs,
        capsys,
        "01_first.json, code entry 2: the translation of '\"hello\"' is not a string literal",
    )


def test_every_generated_cell_must_keep_its_code_and_compile() -> None:
    """Behind the catalogue's checks: a cell whose code tokens change, or which no longer
    compiles, is refused, naming notebook and cell."""
    source = 'print("hello")  # say hello\nif True:\n    # own line\n    pass'
    for code, messages in [
        ({'"hello"': '"안녕"#'}, ["does not compile", "changes the cell's code"]),
        ({"# say hello": "# 인사\rimport os"}, ["changes the cell's code"]),
        ({"# own line": "# 인사\nx = 1"}, ["changes the cell's code", "('pass' became 'x')"]),
    ]:
        catalogue = Catalogue("01_first", markdown={}, code=code)
        _, problems = translate_code(source, catalogue, "01_first, cell 2 (id c, code)")
        for message in messages:
            assert any(
                p.startswith("01_first, cell 2 (id c, code)") and message in p for p in problems
            ), (message, problems)


def test_a_cell_that_does_not_compile_in_english_is_not_blamed_on_the_translation() -> None:
    catalogue = Catalogue("x", markdown={}, code={"# broken": "# 깨짐"})
    korean, problems = translate_code("x = = 1  # broken\n", catalogue, "x, cell 0")
    assert problems == [] and korean == "x = = 1  # 깨짐\n"


# Malformed and unexpected files: a clear message, exit 1 or 2, no traceback, no hang --------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize(
    "which", ["01_first.json", "_common.json", "_glossary.json", "english", "korean"]
)
def test_a_fifo_is_refused_without_waiting_on_it(
    nbs: Path, capsys: pytest.CaptureFixture[str], which: str
) -> None:
    path = {
        "english": nbs / "01_first.ipynb",
        "korean": nbs / "ko" / "01_first.ipynb",
    }.get(which, nbs / "ko" / "catalogue" / which)
    path.unlink()
    os.mkfifo(path)
    _refused(nbs, capsys, f"{path.name}: not a regular file")


def test_a_folder_where_a_korean_notebook_goes_is_refused(
    nbs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (nbs / "ko" / "02_second.ipynb").unlink()
    (nbs / "ko" / "02_second.ipynb").mkdir()
    _refused(
        nbs, capsys, "ko/02_second.ipynb: not a regular file; the generator writes a file there"
    )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda nb: nb.update(cells=5), "'cells' is 5 (a number), expected a list of cells"),
        (
            lambda nb: nb["cells"].__setitem__(0, "text"),
            'cell 0: is "text" (a string), expected an object',
        ),
        (
            lambda nb: nb["cells"][1].__setitem__("source", 7),
            "cell 1: 'source' is 7 (a number), expected a string or a list of strings",
        ),
        (
            lambda nb: nb["cells"][1].__setitem__("cell_type", "prose"),
            "cell 1: 'cell_type' is \"prose\"",
        ),
        (
            lambda nb: nb["cells"][1]["metadata"].__setitem__("tags", "parameters"),
            "metadata 'tags' is \"parameters\" (a string), expected a list of strings",
        ),
        (lambda nb: nb.pop("metadata"), "'metadata' is missing, expected an object"),
        (lambda nb: nb.update(nbformat=3), "'nbformat' is 3 (a number), expected 4"),
        (
            lambda nb: nb["cells"][2].pop("outputs"),
            "does not follow the notebook format: 'outputs' is a required property",
        ),
    ],
)
def test_a_malformed_korean_notebook_is_named_with_what_was_expected(
    nbs: Path, capsys: pytest.CaptureFixture[str], edit: Any, message: str
) -> None:
    korean = nbs / "ko" / "01_first.ipynb"
    data = json.loads(korean.read_text())
    edit(data)
    korean.write_text(json.dumps(data))
    capsys.readouterr()
    with _within(20):
        assert translate.main(["--check", "--notebooks-dir", str(nbs)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "ko/01_first.ipynb: " in err and message in err, err
    # The generator replaces a malformed Korean notebook: it is generated, never edited.
    assert translate.main(["--notebooks-dir", str(nbs)]) == 0
    assert "replaced by the generated notebook" in capsys.readouterr().out
    assert generate(nbs, check=True).out_of_date == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "01_first.ipynb: not valid JSON"),
        ("[]", "the file holds [] (a list), expected a notebook"),
        ('{"nbformat": 4, "metadata": {}, "cells": 5}', "'cells' is 5 (a number)"),
        (b"\xff\xfe", "01_first.ipynb: not UTF-8 text"),
    ],
)
def test_a_malformed_english_notebook_is_named(
    nbs: Path, capsys: pytest.CaptureFixture[str], text: str | bytes, message: str
) -> None:
    english = nbs / "01_first.ipynb"
    english.write_bytes(text if isinstance(text, bytes) else text.encode())
    _refused(nbs, capsys, message, "expected an English notebook")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "01_first.json: cannot be read as JSON"),
        ("[1, 2]", "01_first.json: holds [1, 2] (a list), expected a catalogue"),
        ('{"notebook": "01_first", "code": {"en": "x"}}', "'code' must be a list"),
        (
            '{"notebook": "01_first", "code": ["# one"]}',
            "code entry 0 is \"# one\" (a string), expected {'en': text, 'ko': text}",
        ),
        ('{"notebook": "01_first", "code": [{"en": "# say hello"}]}', "code entry 0 has no 'ko'"),
        ('{"notebook": "01_first", "code": [{"ko": "# 인사"}]}', "code entry 0 has no 'en'"),
        (
            '{"notebook": "01_first", "code": [{"en": "# say hello", "ko": 5}]}',
            "code entry 0 'ko' is 5 (a number), expected a string",
        ),
        (
            '{"notebook": "01_first", "code": [{"en": "# say hello", "ko": "# a", "ko2": ""}]}',
            "has key(s) ['ko2'] besides 'en' and 'ko'",
        ),
        (
            '{"notebook": "01_first", "code": [{"en": "# say hello", "ko": "# a", "ko": "# b"}]}',
            "an object repeats the key(s) ['ko']",
        ),
        ('{"notebook": "01_first", "makdown": []}', "unknown key(s) ['makdown']"),
        ('{"notebook": 1}', "'notebook' is 1 (a number), expected '01_first'"),
        (
            '{"notebook": "01_first", "markdown": [{"en": "# 1. First", "ko": "  "}]}',
            "markdown entry 0 'ko' is empty",
        ),
    ],
)
def test_a_malformed_catalogue_is_named_with_what_was_expected(
    nbs: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    (nbs / "ko" / "catalogue" / "01_first.json").write_text(text, encoding="utf-8")
    _refused(nbs, capsys, message)


@pytest.mark.parametrize(
    ("glossary", "message"),
    [
        ({"terms": {}}, "'terms' is {} (an object), expected a list of entries"),
        ({"terms": [{"en": "x"}]}, "terms entry 0: 'ko' is missing, expected a string"),
        (
            {"terms": [{"en": "x", "ko": "y", "refuse": "z"}]},
            "'refuse' is \"z\" (a string), expected a list of strings",
        ),
        ({"style": [{"en": "x", "ko": "y", "refuse_regex": ["("]}]}, "is not a regular expression"),
        (
            {"terms": [{"en": "x", "ko": "y", "refuse": ["z"], "refused_examples": ["q"]}]},
            "refused_examples ['q'] are not refused",
        ),
        (
            {"terms": [{"en": "x", "ko": "검증 세트", "refuse": ["세트"]}]},
            "refuses '세트', which 'x''s rendering '검증 세트' uses",
        ),
        ({"terms": [], "glossary": []}, "unknown key(s) ['glossary']"),
    ],
)
def test_a_malformed_glossary_is_named(
    nbs: Path, capsys: pytest.CaptureFixture[str], glossary: Any, message: str
) -> None:
    _write_json(nbs / "ko" / "catalogue" / "_glossary.json", glossary)
    _refused(nbs, capsys, "_glossary.json", message)


def test_a_missing_glossary_is_refused(nbs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (nbs / "ko" / "catalogue" / "_glossary.json").unlink()
    _refused(nbs, capsys, "_glossary.json: missing (the glossary")


def test_a_folder_without_english_notebooks_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert translate.main(["--notebooks-dir", str(tmp_path)]) == 2
    assert "no numbered notebooks" in capsys.readouterr().err


def test_the_korean_folder_given_as_the_english_one_is_refused(nbs: Path) -> None:
    shutil.copytree(nbs / "ko" / "catalogue", nbs / "ko" / "ko" / "catalogue")
    problems = _problems(nbs / "ko")
    assert any("a generated translation, not an English notebook" in p for p in problems)


# Any folder name -------------------------------------------------------------------------------


def test_the_check_does_not_depend_on_the_folders_names(nbs: Path, tmp_path: Path) -> None:
    assert generate(nbs, check=True).out_of_date == []
    moved = tmp_path / "elsewhere" / "x" / "notebooks-copy"
    shutil.copytree(nbs, moved)
    assert len(generate(moved, check=True).unchanged) == 3  # two notebooks and the page
    record = nbformat.read(moved / "ko" / "01_first.ipynb", as_version=4).metadata[METADATA_KEY]
    assert record["generated_from"] == "../01_first.ipynb"
    assert record["catalogue"] == ["catalogue/01_first.json", "catalogue/_common.json"]


def test_the_real_notebooks_check_in_a_folder_of_another_name(tmp_path: Path) -> None:
    """The suite's notebooks and catalogue, copied to ``x/nbs``: generated there, they check."""
    folder = tmp_path / "x" / "nbs"
    (folder / "ko").mkdir(parents=True)
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb")):
        shutil.copy(path, folder / path.name)
    shutil.copytree(REAL_CATALOGUE, folder / "ko" / "catalogue")
    _write_json(folder / "ko" / "catalogue" / "_glossary.json", {"terms": []})
    try:
        generate(folder)
    except TranslationError as error:  # the English notebooks are being edited
        pytest.skip(f"the catalogue does not match the English notebooks now: {error.problems[0]}")
    moved = tmp_path / "y" / "other"
    shutil.copytree(folder, moved)
    assert generate(moved, check=True).out_of_date == []


# The glossary ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "en", "ko", "variant", "preferred"),
    [
        (
            "markdown",
            "## Summary\n\nDone.",
            "## 정리\n\n크로스 엔트로피가 끝.",
            "'크로스 엔트로피'",
            "write '교차 엔트로피'",
        ),
        ("code", "# say hello", "# 정확도 5 %", "'5 %'", "as in '5%'"),
        ("code", 'f"{n} frames"', 'f"프레임 {n} %"', "'{n} %'", "as in '5%'"),
        ("code", "# say hello", "# 폴더; 처음 씁니다", "'; '", "as in '폴더이며 처음'"),
        ("code", '"hello"', '"에포크; 키:"', "'; '", "for 'semicolon'"),
    ],
)
def test_a_refused_variant_is_reported_with_file_entry_and_preferred_term(
    nbs: Path,
    capsys: pytest.CaptureFixture[str],
    section: str,
    en: str,
    ko: str,
    variant: str,
    preferred: str,
) -> None:
    _edit_catalogue(nbs, "01_first", section, en, ko)
    err = _refused(nbs, capsys, f"01_first.json, {section} entry ", f"uses {variant}", preferred)
    assert repr(en.replace("\n", "\\n"))[:20] in err


def test_the_glossary_does_not_refuse_what_it_prefers_nor_english_semicolons(nbs: Path) -> None:
    _edit_catalogue(nbs, "01_first", "code", "# say hello", "# 교차 엔트로피 5%; None: 제한 없음")
    generate(nbs)
    assert (
        "# 교차 엔트로피 5%; None"
        in nbformat.read(nbs / "ko" / "01_first.ipynb", 4).cells[3].source
    )


def test_the_glossary_page_is_generated_and_checked(nbs: Path) -> None:
    page = nbs / "ko" / GLOSSARY_PAGE
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# 용어집")
    assert "| cross-entropy | 교차 엔트로피 |  | 크로스 엔트로피 |" in text
    assert "| unit | 유닛 | 강의: 노드·뉴런 |  |" in text
    assert "| percent | 5% |  | 5 % |" in text
    page.write_text(text + "edited by hand\n", encoding="utf-8")
    assert _problems(nbs, check=True) == [
        f"{page.as_posix()}: differs from what the generator writes (run python -m "
        "thermal_utils.tooling.translate)"
    ]
    assert [p.name for p in generate(nbs).written] == [GLOSSARY_PAGE]
    page.unlink()
    assert any("GLOSSARY.md: missing" in p for p in _problems(nbs, check=True))


def test_the_real_glossary_holds_the_teams_terms_and_rules() -> None:
    glossary, problems = load_glossary(REAL_CATALOGUE)
    assert problems == [] and glossary is not None
    preferred = {e.en: e.ko for e in glossary.entries}
    for en, ko in {
        "cross-entropy": "교차 엔트로피",
        "validation set": "검증 세트",
        "unit": "유닛",
        "metric": "지표",
        "epoch": "에포크",
        "batch": "배치",
        "overfitting": "과대적합",
        "balanced accuracy": "균형 정확도",
        "threshold": "임계값",
        "real face": "실제 얼굴",
    }.items():
        assert preferred[en] == ko
    for bad in [
        "크로스 엔트로피",
        "17대 1",
        "배울 것",
        "검증 부분",
        "5 %",
        "321 개",
        "{n} 개",
        "폴더; 처음",
    ]:
        assert glossary.problems("x", f"가 {bad} 나"), f"{bad!r} is not refused"
    for good in ["교차 엔트로피", "17 대 1", "배울 내용", "5%", "321개", "YYYYMMDD; None", "a; b"]:
        assert glossary.problems("x", good) == [], f"{good!r} is refused"
    unit = next(e for e in glossary.entries if e.en == "unit")
    assert "노드" in unit.note and "뉴런" in unit.note


def test_the_committed_glossary_page_is_what_the_generator_writes() -> None:
    glossary, _ = load_glossary(REAL_CATALOGUE)
    assert glossary is not None
    page = (REAL_CATALOGUE.parent / GLOSSARY_PAGE).read_text(encoding="utf-8")
    assert page == render_glossary(glossary)


# The translation notice ------------------------------------------------------------------------


def test_every_korean_notebook_starts_with_the_translation_notice(nbs: Path) -> None:
    for name in ENGLISH:
        korean = nbformat.read(nbs / "ko" / f"{name}.ipynb", as_version=4)
        english = nbformat.read(nbs / f"{name}.ipynb", as_version=4)
        notice = korean.cells[0]
        assert notice.cell_type == "markdown" and notice.id == NOTICE_ID
        assert notice.metadata["tags"] == [NOTICE_TAG]
        assert f"[`{name}.ipynb`](../{name}.ipynb)" in notice.source
        assert f"]({GLOSSARY_PAGE})" in notice.source and "번역" in notice.source
        assert "코드는 영어판과 똑같고" in notice.source
        assert [c.id for c in korean.cells[1:]] == [c.id for c in english.cells]


def test_the_notice_uses_no_refused_variant() -> None:
    glossary, _ = load_glossary(REAL_CATALOGUE)
    assert glossary is not None
    assert glossary.problems("notice", translate.translation_notice("05_fit.ipynb").source) == []


def test_an_english_cell_with_the_notices_id_is_refused(nbs: Path) -> None:
    english = nbs / "02_second.ipynb"
    nb = nbformat.read(english, as_version=4)
    nb.cells[2].id = NOTICE_ID
    nbformat.write(nb, english)
    assert any(
        p.startswith(f"02_second, cell 2 (id {NOTICE_ID}, code): the id") for p in _problems(nbs)
    )
