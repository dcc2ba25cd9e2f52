"""The Korean edition (notebooks/ko): generated from the English notebooks and the catalogue.

(a) the committed Korean notebooks are what the generator writes, and the generator refuses
untranslated and stale texts; (b) each pair's code is identical once comments and display
strings are set aside; (c) no Korean text can reach a figure as missing-glyph boxes;
(d) the Korean notebooks are stored executed, clean, with the English notebooks' nbval tags.
"""

from __future__ import annotations

import ast
import json
import platform
import re
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font

from thermal_utils import plots
from thermal_utils.tooling import korean_font, translate
from thermal_utils.tooling.params import check_params
from thermal_utils.tooling.suite import default_notebooks_dir, suite_notebooks
from thermal_utils.tooling.translate import (
    METADATA_KEY,
    NOTICE_ID,
    TranslationError,
    generate,
    literal_tokens,
)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
KOREAN = NOTEBOOKS / "ko"
CATALOGUE = KOREAN / "catalogue"
ENGLISH = sorted(NOTEBOOKS.glob("[0-9][0-9]*_*.ipynb"))
PAIRS = [(path, KOREAN / path.name) for path in ENGLISH]
NBVAL_TAGS = {"nbval-ignore-output", "nbval-skip", "nbval-raises-exception", "raises-exception"}
ABSOLUTE_PATH = re.compile(r"(/root/|/home/|/tmp/|/work/|/Users/|[A-Z]:\\)")
SAMPLE = str(ROOT / "data" / "sample")


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _translated_cells(korean: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """A Korean notebook's cells after its translation notice (the English notebook's cells)."""
    assert korean.cells[0].id == NOTICE_ID, "the first cell is the translation notice"
    return korean.cells[1:]


def _catalogue_code(name: str) -> dict[str, str]:
    """The code entries that apply to notebook ``name``: its own over ``_common.json``'s."""
    entries: dict[str, str] = {}
    for path in (CATALOGUE / "_common.json", CATALOGUE / f"{name}.json"):
        entries.update({e["en"]: e["ko"] for e in json.loads(path.read_text())["code"]})
    return entries


@pytest.fixture
def copy_of_notebooks(tmp_path: Path) -> Path:
    """The English notebooks and the catalogue copied into tmp_path, and the Korean notebooks
    generated there. The glossary's terms are kept, its refusals dropped: these tests are about
    the generator, tests/test_translation_guards.py about the glossary."""
    folder = tmp_path / "notebooks"
    (folder / "ko").mkdir(parents=True)
    for path in ENGLISH:
        shutil.copy(path, folder / path.name)
    shutil.copytree(CATALOGUE, folder / "ko" / "catalogue")
    glossary = folder / "ko" / "catalogue" / "_glossary.json"
    terms = json.loads(glossary.read_text(encoding="utf-8"))["terms"]
    kept = [{"en": term["en"], "ko": term["ko"]} for term in terms]
    glossary.write_text(json.dumps({"terms": kept}, ensure_ascii=False), encoding="utf-8")
    generate(folder)
    return folder


def _problems(folder: Path, check: bool = False) -> list[str]:
    with pytest.raises(TranslationError) as info:
        generate(folder, check=check)
    return info.value.problems


# (a) the generator and --check ---------------------------------------------------------------


def test_every_english_notebook_has_its_korean_notebook_and_catalogue() -> None:
    assert [p.name for p in sorted(KOREAN.glob("[0-9][0-9]*_*.ipynb"))] == [p.name for p in ENGLISH]
    assert sorted(p.stem for p in CATALOGUE.glob("[0-9]*.json")) == [p.stem for p in ENGLISH]


def test_committed_korean_notebooks_are_what_the_generator_writes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--check``: each Korean notebook's sources are what the English notebook and the
    catalogue give, and every catalogue entry is used."""
    assert translate.main(["--check"]) == 0, capsys.readouterr().err
    assert f"{len(ENGLISH)} Korean notebook(s) match" in capsys.readouterr().out


def test_a_changed_english_markdown_cell_is_refused(
    copy_of_notebooks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    english = copy_of_notebooks / "05_fit.ipynb"
    nb = _read(english)
    index = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and i > 0)
    first_line = nb.cells[index].source.splitlines()[0]
    nb.cells[index].source = nb.cells[index].source.replace(first_line, first_line + " (new)", 1)
    nbformat.write(nb, english)
    before = (copy_of_notebooks / "ko" / "05_fit.ipynb").read_bytes()

    problems = _problems(copy_of_notebooks)
    cell_id = nb.cells[index].id
    assert any(
        p.startswith(
            f"05_fit, cell {index} (id {cell_id}, markdown): markdown without a translation"
        )
        and "(new)" in p
        and "the closest catalogue entry differs at line 1" in p
        for p in problems
    ), problems
    assert any(
        "05_fit.json: markdown entry matches no markdown cell (stale)" in p for p in problems
    )
    assert translate.main(["--notebooks-dir", str(copy_of_notebooks)]) == 1
    assert "nothing written" in capsys.readouterr().err
    assert (copy_of_notebooks / "ko" / "05_fit.ipynb").read_bytes() == before, "nothing written"
    assert translate.main(["--check", "--notebooks-dir", str(copy_of_notebooks)]) == 1


def test_a_changed_english_comment_is_refused(copy_of_notebooks: Path) -> None:
    english = copy_of_notebooks / "08_predict.ipynb"
    nb = _read(english)
    common_file = copy_of_notebooks / "ko" / "catalogue" / "_common.json"
    shared = {e["en"] for e in json.loads(common_file.read_text(encoding="utf-8"))["code"]}
    index, cell, comment = next(
        (i, c, t.text)
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
        for t in literal_tokens(c.source)
        if t.kind == "comment" and t.text not in shared  # shared ones are in _common.json
    )
    cell.source = cell.source.replace(comment, comment + " now", 1)
    nbformat.write(nb, english)
    problems = _problems(copy_of_notebooks)
    assert any(
        p.startswith(f"08_predict, cell {index} (id {cell.id}, code), line ")
        and f"comment without a translation: {comment + ' now'!r}" in p
        for p in problems
    ), problems
    assert any(
        f"code entry matches no comment or string (stale): {comment!r}" in p for p in problems
    )


def test_a_korean_notebook_not_regenerated_fails_the_check(copy_of_notebooks: Path) -> None:
    catalogue = copy_of_notebooks / "ko" / "catalogue" / "03_preprocess.json"
    data = json.loads(catalogue.read_text())
    data["markdown"][0]["ko"] += "\n\n추가된 문장입니다."
    catalogue.write_text(json.dumps(data, ensure_ascii=False, indent=1))
    problems = _problems(copy_of_notebooks, check=True)
    assert problems == [
        f"{copy_of_notebooks.as_posix()}/ko/03_preprocess.ipynb: differs from what the generator "
        "writes (run python -m thermal_utils.tooling.translate, then execute it)"
    ]
    outcome = generate(copy_of_notebooks)
    assert [p.name for p in outcome.written] == ["03_preprocess.ipynb"]
    written = _read(copy_of_notebooks / "ko" / "03_preprocess.ipynb")
    assert all(not c.get("outputs") for c in written.cells), "written without outputs"
    assert generate(copy_of_notebooks, check=True).out_of_date == []


def test_a_hand_edited_korean_notebook_fails_the_check(copy_of_notebooks: Path) -> None:
    korean = copy_of_notebooks / "ko" / "07_evaluate.ipynb"
    nb = _read(korean)
    nb.cells[4].source += "\nprint('edited by hand')"
    nbformat.write(nb, korean)
    assert _problems(copy_of_notebooks, check=True)[0].endswith(
        "ko/07_evaluate.ipynb: differs from what the generator writes (run python -m "
        "thermal_utils.tooling.translate, then execute it)"
    )


def test_a_stale_entry_is_refused(copy_of_notebooks: Path) -> None:
    common = copy_of_notebooks / "ko" / "catalogue" / "_common.json"
    data = json.loads(common.read_text())
    data["code"].append({"en": "# nowhere in any notebook", "ko": "# 어디에도 없는 주석"})
    common.write_text(json.dumps(data, ensure_ascii=False))
    assert _problems(copy_of_notebooks) == [
        "_common.json: code entry matches no comment or string (stale): '# nowhere in any notebook'"
    ]


def test_a_translated_string_that_is_code_is_refused(copy_of_notebooks: Path) -> None:
    """06_plot_training labels an axis "accuracy" and reads history["accuracy"]: the same token."""
    catalogue = copy_of_notebooks / "ko" / "catalogue" / "06_plot_training.json"
    data = json.loads(catalogue.read_text())
    data["code"].append({"en": '"accuracy"', "ko": '"정확도"'})
    catalogue.write_text(json.dumps(data, ensure_ascii=False))
    problems = _problems(copy_of_notebooks)
    assert problems and all(
        "'\"accuracy\"' has a translation but is code in this notebook (a subscript)" in p
        for p in problems
    ), problems


@pytest.mark.parametrize(
    ("en", "ko", "message"),
    [
        ('"lecture"', "강의", "is not a string literal"),
        ('f"{name}: training"', '"{name}: 훈련"', "changes the string prefix 'f' to ''"),
        ('f"{name}: training"', 'f"{name!r}: 훈련"', "changes its {...} fields"),
        ("# a comment", "주석", "has a line not starting with '#'"),
    ],
)
def test_malformed_entries_are_refused(
    copy_of_notebooks: Path, en: str, ko: str, message: str
) -> None:
    catalogue = copy_of_notebooks / "ko" / "catalogue" / "06_plot_training.json"
    data = json.loads(catalogue.read_text())
    data["code"] = [e for e in data["code"] if e["en"] != en] + [{"en": en, "ko": ko}]
    catalogue.write_text(json.dumps(data, ensure_ascii=False))
    assert any(message in p for p in _problems(copy_of_notebooks)), message


def test_literal_tokens_take_whole_f_strings_on_every_python() -> None:
    """On 3.11 an f-string is one STRING token; on 3.12+ FSTRING_START..FSTRING_END, whose source
    slice is the literal. Either way: exact slices, nested quotes and braces included."""
    source = (
        'x = f"{a!r:>{w}} and {d[\'k\']}" + "plain"  # note\n'
        'y = rf\'{b}\\d\' f"""{c}\n"""\n'
        "    # indented comment\n"
    )
    tokens = literal_tokens(source)
    assert [(t.kind, t.text) for t in tokens] == [
        ("string", "f\"{a!r:>{w}} and {d['k']}\""),
        ("string", '"plain"'),
        ("comment", "# note"),
        ("string", "rf'{b}\\d'"),
        ("string", 'f"""{c}\n"""'),
        ("comment", "# indented comment"),
    ]
    assert all(source[t.start : t.end] == t.text for t in tokens)


def test_magic_lines_and_multi_line_comment_translations() -> None:
    catalogue = translate.Catalogue(
        "x", markdown={}, code={"# setup": "# 준비\n# 두 번째 줄", "'shown'": "'표시'"}
    )
    source = "%matplotlib inline\nif True:\n    # setup\n    print('shown')"
    korean, problems = translate.translate_code(source, catalogue, "x, cell 0")
    assert problems == []
    assert korean == "%matplotlib inline\nif True:\n    # 준비\n    # 두 번째 줄\n    print('표시')"


# (b) the code is the English code ------------------------------------------------------------


class _SetDisplayTextsAside(ast.NodeTransformer):
    """Blanks every str constant; an f-string becomes the sorted tuple of its ``{...}`` fields
    (a translation may reorder them, as Korean word order needs, but not change them)."""

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        return ast.Constant(value="") if isinstance(node.value, str) else node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        fields = [self.visit(v) for v in node.values if isinstance(v, ast.FormattedValue)]
        return ast.Tuple(elts=sorted(fields, key=ast.dump), ctx=ast.Load())


def _skeleton(source: str) -> str:
    return ast.dump(_SetDisplayTextsAside().visit(ast.parse(source)))


def _parameter_defaults(source: str) -> dict[str, str]:
    return {
        node.target.id: node.value.value
        for node in ast.parse(source).body
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


@pytest.mark.parametrize(("english", "korean"), PAIRS, ids=lambda p: p.stem)
def test_code_cells_are_identical_but_for_comments_and_display_strings(
    english: Path, korean: Path
) -> None:
    en_nb, ko_nb = _read(english), _read(korean)
    ko_cells = _translated_cells(ko_nb)
    assert [(c.cell_type, c.id) for c in en_nb.cells] == [(c.cell_type, c.id) for c in ko_cells]
    entries = _catalogue_code(english.stem)
    for en, ko in zip(en_nb.cells, ko_cells):
        if en.cell_type != "code":
            continue
        assert _skeleton(en.source) == _skeleton(ko.source), f"cell {en.id}: the code differs"
        en_strings = [t.text for t in literal_tokens(en.source) if t.kind == "string"]
        ko_strings = [t.text for t in literal_tokens(ko.source) if t.kind == "string"]
        assert len(en_strings) == len(ko_strings)
        parameters = "parameters" in en.metadata.get("tags", [])
        defaults = {v for v in _parameter_defaults(en.source).values()} if parameters else set()
        for en_text, ko_text in zip(en_strings, ko_strings):
            if en_text == ko_text:
                continue
            if entries.get(en_text) == ko_text:
                continue  # a catalogue entry: a string shown to the learner
            value = ast.literal_eval(en_text)
            assert value in defaults, f"cell {en.id}: {en_text} became {ko_text}"
            assert ast.literal_eval(ko_text) == ("ko" if value == "en" else "../" + value)


@pytest.mark.parametrize(("english", "korean"), PAIRS, ids=lambda p: p.stem)
def test_parameters_language_and_paths_one_folder_deeper(english: Path, korean: Path) -> None:
    def parameters(path: Path) -> nbformat.NotebookNode:
        return next(c for c in _read(path).cells if "parameters" in c.metadata.get("tags", []))

    en_cell, ko_cell = parameters(english), parameters(korean)
    assert en_cell.source.splitlines()[-1].startswith('language: str = "en"  # ')
    en_values, ko_values = _parameter_defaults(en_cell.source), _parameter_defaults(ko_cell.source)
    assert ko_values["language"] == "ko" and en_values["language"] == "en"
    for name, value in en_values.items():
        if value.startswith("../"):
            assert ko_values[name] == "../" + value
            assert (KOREAN / ko_values[name]).resolve() == (NOTEBOOKS / value).resolve()


def test_plots_helpers_get_the_notebooks_language() -> None:
    """The call sites are the same in both editions: every plots helper that writes text of its
    own is called with language=p.language."""
    helpers = {"show_frames", "plot_value_histograms", "plot_history", "plot_confusion_matrices"}
    helpers |= {"plot_roc_curves", "plot_model_comparison", "show_predictions"}
    calls = 0
    for path in ENGLISH:
        for cell in _read(path).cells:
            if cell.cell_type != "code":
                continue
            for node in ast.walk(ast.parse(cell.source)):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "plots"
                    and node.func.attr in helpers
                ):
                    calls += 1
                    language = [k for k in node.keywords if k.arg == "language"]
                    assert language and ast.unparse(language[0].value) == "p.language", (
                        f"{path.stem}: {ast.unparse(node)[:80]} needs language=p.language"
                    )
    assert calls >= 6


def test_language_parameter_is_checked() -> None:
    assert check_params(data_dir=SAMPLE).language == "en"
    assert check_params(data_dir=SAMPLE, language="ko").language == "ko"
    with pytest.raises(ValueError, match=r"parameter 'language' must be one of \['en', 'ko'\]"):
        check_params(data_dir=SAMPLE, language="kr")
    with pytest.raises(ValueError, match="language must be one of"):
        plots._texts("kr")
    assert set(plots.TEXTS) == {"en", "ko"}
    assert all(set(t) == set(plots.TEXTS["en"]) for t in plots.TEXTS.values())


def test_generated_notebooks_say_what_they_are_generated_from() -> None:
    """Relative to the Korean notebook, so that the record holds wherever the folders are."""
    for english, korean in PAIRS:
        record = _read(korean).metadata[METADATA_KEY]
        assert record["generated_from"] == f"../{english.name}"
        assert (korean.parent / record["generated_from"]).resolve() == english.resolve()
        assert record["catalogue"] == [f"catalogue/{english.stem}.json", "catalogue/_common.json"]
        assert all((korean.parent / path).is_file() for path in record["catalogue"])
        assert record["language"] == "ko"


# (c) no missing glyphs -----------------------------------------------------------------------


def _korean_strings() -> Iterator[tuple[str, str]]:
    """``(where, text)`` for every Korean string a figure can show: the catalogue's string
    literals (without their quotes and prefix) and the plots helpers' Korean texts."""
    for path in [CATALOGUE / "_common.json", *sorted(CATALOGUE.glob("[0-9]*.json"))]:
        for entry in json.loads(path.read_text())["code"]:
            if not entry["en"].startswith("#"):
                body = re.sub(r"^[A-Za-z]*('''|\"\"\"|'|\")", "", entry["ko"])
                yield f"{path.name}: {entry['en']}", body.rstrip("'\"")
    for key, text in plots.TEXTS["ko"].items():
        yield f"plots.TEXTS['ko'][{key!r}]", text
    for name in plots.KOREAN_CLASS_NAMES:
        yield "plots.KOREAN_CLASS_NAMES", name


def test_every_korean_character_is_in_the_font() -> None:
    charmap = FT2Font(str(korean_font.korean_font_path())).get_charmap()
    missing = [
        f"{where}: {char!r} (U+{ord(char):04X})"
        for where, text in _korean_strings()
        for char in text
        if char not in "\n\t" and ord(char) not in charmap
    ]
    assert not missing, missing


def _draw(texts: list[str]) -> list[str]:
    """Render ``texts`` into a figure; the warnings matplotlib gave."""
    figure = Figure(figsize=(8, 0.25 * len(texts) + 1))
    FigureCanvasAgg(figure)
    for i, text in enumerate(texts):
        figure.text(0.01, 1 - (i + 1) / (len(texts) + 1), text.replace("$", r"\$"), fontsize=8)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.canvas.draw()
    return [str(w.message) for w in caught]


def test_korean_figures_render_without_missing_glyphs() -> None:
    texts = [text for _, text in _korean_strings()]
    with matplotlib.rc_context():
        assert any("missing from font" in w for w in _draw(texts[:5])), (
            "without the Korean setup the test must see the warning"
        )
    with matplotlib.rc_context():
        korean_font.use_language("ko")
        assert not matplotlib.rcParams["axes.unicode_minus"], "NanumGothic has no U+2212"
        assert matplotlib.rcParams["font.sans-serif"][0] == "NanumGothic"
        assert [w for w in _draw(texts + ["-1.5", "°C ± 0.5"]) if "missing from font" in w] == []


def test_plots_helpers_in_korean_render_without_missing_glyphs() -> None:
    rng = np.random.default_rng(0)
    frames = rng.uniform(18, 37, size=(4, 110, 120))
    matrix = np.array([[40, 3], [5, 50]])
    roc = (np.linspace(0, 1, 5), np.linspace(0, 1, 5) ** 0.5, "MLP")
    with matplotlib.rc_context(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        korean_font.use_language("ko")
        figures = [
            plots.show_frames(frames, ["가짜", "실제 얼굴", "a", "b"], language="ko"),
            plots.plot_value_histograms([(frames, "원본 온도", "온도(°C)", None)], language="ko"),
            plots.plot_confusion_matrices([(matrix, "임계값 0.5")], language="ko"),
            plots.plot_roc_curves([roc], language="ko"),
            plots.show_predictions(
                frames, np.array([0.1, 0.9, 0.6, 0.4]), np.array([0, 1, 0, 1]), language="ko"
            ),
        ]
        for figure in figures:
            figure.canvas.draw()
        for figure in figures:
            plt.close(figure)
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []


# (d) the stored Korean notebooks -------------------------------------------------------------


@pytest.mark.parametrize(("english", "korean"), PAIRS, ids=lambda p: p.stem)
def test_korean_notebooks_are_stored_executed_and_clean(english: Path, korean: Path) -> None:
    en_nb, ko_nb = _read(english), _read(korean)
    assert "papermill" not in ko_nb.metadata
    assert ko_nb.metadata["language_info"].get("version") == platform.python_version()
    for en, ko in zip(en_nb.cells, _translated_cells(ko_nb)):
        en_tags = NBVAL_TAGS & set(en.metadata.get("tags", []))
        assert en_tags == NBVAL_TAGS & set(ko.metadata.get("tags", [])), f"cell {ko.id}: tags"
        assert en.metadata.get("tags", []) == ko.metadata.get("tags", [])
        if ko.cell_type != "code":
            continue
        assert ko.execution_count is not None, f"cell {ko.id} was not executed"
        assert "execution" not in ko.metadata
        for output in ko.outputs:
            assert output.output_type != "error", f"cell {ko.id} stores an error"
            assert not (output.output_type == "stream" and output.name == "stderr"), (
                f"cell {ko.id} wrote to stderr: {output.text[:300]}"
            )
            text = output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
            assert not ABSOLUTE_PATH.search(text), f"cell {ko.id} output shows a machine path"
        if en.outputs:
            kinds = sorted({o.output_type for o in en.outputs})
            assert kinds == sorted({o.output_type for o in ko.outputs}), f"cell {ko.id} outputs"


# The suite and the Korean edition -------------------------------------------------------------


def test_the_suite_does_not_mix_the_editions(monkeypatch: pytest.MonkeyPatch) -> None:
    assert [p.parent for p in suite_notebooks(NOTEBOOKS)] == [NOTEBOOKS] * len(ENGLISH)
    assert [p.name for p in suite_notebooks(KOREAN)] == [p.name for p in ENGLISH]
    monkeypatch.chdir(ROOT)  # thermal-utils run from the repository: the English edition
    assert default_notebooks_dir() == NOTEBOOKS
    assert [p.parent for p in suite_notebooks()] == [NOTEBOOKS] * len(ENGLISH)
    monkeypatch.chdir(KOREAN)  # a Korean notebook running a sweep finds its own edition
    assert default_notebooks_dir() == KOREAN


def test_papermill_runs_the_korean_edition(tmp_path: Path) -> None:
    """``thermal-utils run --notebooks-dir`` with a Korean notebook (03, which needs no
    TensorFlow: the whole suite with other parameters runs in test_own_camera.py) prints and
    draws in Korean."""
    from thermal_utils.tooling.cli import main

    folder = tmp_path / "ko"
    folder.mkdir()
    shutil.copy(KOREAN / "03_preprocess.ipynb", folder / "03_preprocess.ipynb")
    out = tmp_path / "run"
    args = ["run", "--notebooks-dir", str(folder), "--data-dir", SAMPLE, "--out", str(out)]
    args += ["-p", "scaling", "physical"]
    assert main(args) == 0
    executed = _read(out / "03_preprocess.ipynb")
    text = "".join(
        o.get("text", "") for c in executed.cells if c.cell_type == "code" for o in c.outputs
    )
    assert "모든 점검을 통과했습니다." in text
    assert "품질 점검: 꺼짐 (튜토리얼이 생성한 데이터가 아님" in text, (
        "data/sample is not the tutorial's"
    )
    assert "기대치 " in text and "(assert하지 않고 보고만 함): centred: 약 0 ± 1" in text
    assert json.loads((out / "metrics.json").read_text()) == {
        "03_preprocess": {"scaling": "physical", "x_train_mean": pytest.approx(0.43, abs=0.05)}
    }
    assert list((out / "figures").glob("03_preprocess-*.png"))
    assert not list(out.glob("*.stderr.log"))
