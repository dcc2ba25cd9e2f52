"""The book site (issue 22): both editions as one static site, built from the committed notebooks.

The site is built once per session (about 10 s: sphinx-build reads the 24 notebooks with their
stored outputs, nothing is executed) into a temporary folder, then checked with
``check_site``: every notebook of both editions has its page, each page shows its notebook's code
cells (the site cannot go stale), every internal link and image resolves, nothing is loaded from
outside the site, no raw ANSI codes, Solutions folded, language switches. The tests after that
break a copy of the site, or the notebooks it is compared with, and expect the checker to say
so. ``make book-check`` opens the site in Chromium (thermal_utils/tooling/book_check.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.request
from pathlib import Path

import pytest
from docutils.core import publish_doctree

from thermal_utils.tooling.book import (
    HANGUL_RANGES,
    OUT_DIR,
    BookError,
    build,
    check_site,
    english_landing_page,
    expected_pages,
    korean_landing_page,
    link_code_names,
    local_references,
    notebook_code_cells,
    notebook_stems,
    read_page,
    retarget_anchors,
    section_text,
    split_sections,
)
from thermal_utils.tooling.book_check import serve, site_pages
from thermal_utils.tooling.book_sphinx import counterpart, fold, page_language, solutions_sections

ROOT = Path(__file__).resolve().parents[1]


def _notebook_files() -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks").rglob("*") if p.is_file()}


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once for the session from the repository's notebooks."""
    before = _notebook_files()
    # The web fonts are made once (about 5 s) and kept where make book keeps them (git ignores it).
    html = build(ROOT, tmp_path_factory.mktemp("book"), font_cache=ROOT / OUT_DIR / "fonts")
    assert _notebook_files() == before, "building the site wrote into notebooks/"
    return html


@pytest.fixture
def site_copy(site: Path, tmp_path: Path) -> Path:
    """A copy of the site to break (hard links: a changed page is written as a new file)."""
    copy = tmp_path / "html"
    shutil.copytree(site, copy, copy_function=os.link)
    return copy


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} has no {old!r} to break"
    path.unlink()  # a hard link to the session's site: never write through it
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems_matching(problems: list[str], pattern: str) -> list[str]:
    return [p for p in problems if re.search(pattern, p)]


# -- the built site --------------------------------------------------------------------------


def test_every_notebook_of_both_editions_has_its_page(site: Path) -> None:
    english, korean = notebook_stems(ROOT), notebook_stems(ROOT, "ko")
    assert len(english) >= 12 and sorted(korean) == sorted(english)
    for stem in english:
        assert (site / "notebooks" / f"{stem}.html").is_file(), stem
        assert (site / "notebooks" / "ko" / f"{stem}.html").is_file(), stem
    for page in ("index.html", "ko/index.html", "data/README.html", "search.html"):
        assert (site / page).is_file(), page
    glossary = (site / "notebooks" / "ko" / "GLOSSARY.html").read_text(encoding="utf-8")
    assert "교차 엔트로피" in glossary, "the Korean edition's glossary is a page of its section"
    assert 'href="../notebooks/ko/GLOSSARY.html' in (site / "ko" / "index.html").read_text(
        encoding="utf-8"
    ), "the Korean landing page links the glossary"


def test_the_built_site_has_no_problems(site: Path) -> None:
    problems = check_site(site, ROOT)
    assert not problems, "\n".join(problems)


def test_each_page_shows_its_notebooks_code_cells(site: Path) -> None:
    for page, notebook in expected_pages(ROOT).items():
        if notebook is not None:
            shown = [c.strip("\n") for c in read_page(site / page).code_cells]
            assert shown == notebook_code_cells(notebook), page


def _stored_figures(notebook: Path) -> int:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    outputs = [o for c in cells if c["cell_type"] == "code" for o in c.get("outputs", [])]
    return sum("image/png" in o.get("data", {}) for o in outputs)


def test_stored_outputs_are_the_content(site: Path) -> None:
    """The notebooks are not executed: their stored figures and Keras summaries are shown, the
    summaries' ANSI colours as HTML (the text carries no escape codes)."""
    page = read_page(site / "notebooks" / "04_model_and_compile.html")
    text = "".join(page.text)
    assert "Total params" in text and "\x1b" not in text and "[1m" not in text
    for relative, notebook in expected_pages(ROOT).items():
        if notebook is not None:
            images = [u for t, u in read_page(site / relative).references if t == "img"]
            figures = [u for u in images if "_images/" in u]
            assert len(figures) >= _stored_figures(notebook), relative


def test_the_site_ships_the_korean_font_for_every_hangul_it_shows(site: Path) -> None:
    """No tofu: every Hangul character of the Korean pages is in the shipped web font, and
    book.css declares the ranges the font was cut to."""
    from fontTools.ttLib import TTFont

    font = TTFont(site / "_static" / "fonts" / "NanumGothic.woff")
    cmap = font.getBestCmap()
    hangul = re.compile(r"[\uac00-\ud7af\u3130-\u318f\u1100-\u11ff]")
    shown = set()
    for page in site_pages(site):
        shown |= set(hangul.findall("".join(read_page(site / page).text)))
    assert len(shown) > 300  # the Korean edition is there
    assert not sorted(c for c in shown if ord(c) not in cmap)
    css = (site / "_static" / "book.css").read_text(encoding="utf-8")
    declared = {
        tuple(int(x, 16) for x in pair) for pair in re.findall(r"U\+([0-9A-F]+)-([0-9A-F]+)", css)
    }
    assert declared == set(HANGUL_RANGES)


def test_the_site_is_served_as_files(site: Path) -> None:
    """make book-check serves the site on 127.0.0.1 (a free port) for the browser."""
    with serve(site) as base:
        with urllib.request.urlopen(base + "notebooks/ko/05_fit.html", timeout=10) as response:
            assert response.status == 200 and 'lang="ko"' in response.read().decode()


# -- the checker finds what is wrong ---------------------------------------------------------


def test_a_broken_link_a_missing_image_and_a_missing_anchor_are_found(site_copy: Path) -> None:
    page = site_copy / "notebooks" / "01_build_dataset.html"
    image = next(url for tag, url in read_page(page).references if tag == "img")
    (page.parent / image).resolve().unlink()
    link = '<a class="reference internal" href="02_inspect_shapes.html"'
    _rewrite(page, link, link.replace("02_inspect_shapes", "02_no_such_page"))
    _rewrite(page, 'href="#setup"', 'href="#no-such-section"')
    problems = check_site(site_copy, ROOT)
    assert _problems_matching(problems, r"^notebooks/01_build_dataset.html: <a> 02_no_such_page")
    assert _problems_matching(
        problems, rf"01_build_dataset.html: <img> {re.escape(image)} does not"
    )
    assert _problems_matching(problems, r"01_build_dataset.html: <a> #no-such-section: .*has no")


def test_a_stale_page_is_found(site: Path, tmp_path: Path) -> None:
    """A notebook whose code changed after the site was built: its page is stale."""
    root = tmp_path / "repo"
    shutil.copytree(
        ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns("catalogue")
    )
    notebook = root / "notebooks" / "05_fit.ipynb"
    content = json.loads(notebook.read_text(encoding="utf-8"))
    cell = next(c for c in content["cells"] if c["cell_type"] == "code")
    cell["source"] = "".join(cell["source"]) + "\nprint('changed')"
    notebook.write_text(json.dumps(content), encoding="utf-8")
    problems = check_site(site, root)
    assert _problems_matching(
        problems, r"^notebooks/05_fit.html: its code cells are not .*the notebook changed"
    )
    assert not _problems_matching(problems, r"notebooks/ko/05_fit.html: its code cells")


def test_a_missing_page_and_raw_ansi_codes_are_found(site_copy: Path) -> None:
    (site_copy / "notebooks" / "ko" / "03_preprocess.html").unlink()
    _rewrite(
        site_copy / "notebooks" / "04_model_and_compile.html", "Total params", "\x1b[1mTotal params"
    )
    problems = check_site(site_copy, ROOT)
    assert "notebooks/ko/03_preprocess.html: missing from the site (run make book)" in problems
    assert "notebooks/04_model_and_compile.html: shows raw ANSI escape codes" in problems


def test_unfolded_solutions_and_a_missing_language_switch_are_found(
    site_copy: Path, tmp_path: Path
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(
        ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns("catalogue")
    )
    notebook = root / "notebooks" / "02_inspect_shapes.ipynb"
    content = json.loads(notebook.read_text(encoding="utf-8"))
    content["cells"].append(
        {"cell_type": "markdown", "metadata": {}, "source": "## Solutions\n\n1."}
    )
    notebook.write_text(json.dumps(content), encoding="utf-8")
    page = site_copy / "notebooks" / "02_inspect_shapes.html"
    text = page.read_text(encoding="utf-8")
    page.unlink()
    text = re.sub(r'<details class="solutions">', "<div>", text)
    page.write_text(text.replace("book-language-switch", "some-other-link"), encoding="utf-8")
    problems = check_site(site_copy, root)
    assert (
        "notebooks/02_inspect_shapes.html: 02_inspect_shapes.ipynb has a Solutions section, not folded on the page"
        in problems
    )
    assert (
        "notebooks/02_inspect_shapes.html: no language switch to notebooks/ko/02_inspect_shapes.html"
        in problems
    )


def test_a_resource_from_outside_the_site_is_found(site_copy: Path) -> None:
    _rewrite(
        site_copy / "index.html",
        "</head>",
        '<script src="https://cdn.example.org/x.js"></script></head>',
    )
    problems = check_site(site_copy, ROOT)
    assert (
        "index.html: <script> loads https://cdn.example.org/x.js from outside the site (offline)"
        in problems
    )


# -- the pieces ------------------------------------------------------------------------------


def test_solutions_sections_are_folded_and_others_left_alone() -> None:
    text = "Title\n=====\n\nCheck your work\n---------------\n\nx\n\nSolutions\n---------\n\nanswer\n\nSub\n~~~\n\ny\n"
    doctree = publish_doctree(text, settings_overrides={"doctitle_xform": False, "report_level": 5})
    (section,) = solutions_sections(doctree)
    fold(section, "Show the solutions")
    raws = [n.astext() for n in section.children if n.tagname == "raw"]
    assert raws == [
        '<details class="solutions"><summary>Show the solutions</summary>',
        "</details>",
    ]
    assert section.children[0].tagname == "title"  # the heading stays outside, in the contents
    no_solutions = publish_doctree(
        "Title\n=====\n\nSummary\n-------\n\nx\n", settings_overrides={"doctitle_xform": False}
    )
    assert solutions_sections(no_solutions) == []


def test_each_page_has_its_counterpart_in_the_other_edition() -> None:
    assert counterpart("notebooks/05_fit") == "notebooks/ko/05_fit"
    assert counterpart("notebooks/ko/05_fit") == "notebooks/05_fit"
    assert (counterpart("index"), counterpart("ko/index")) == ("ko/index", "index")
    assert counterpart("data/README") is None and counterpart("search") is None
    assert (
        page_language("notebooks/ko/01_build_dataset") == "ko" and page_language("README") == "en"
    )


def test_readme_sections_are_cut_outside_code_fences() -> None:
    readme = "# T\n\nintro\n\n## A\n\na\n\n```bash\n# not a heading\n```\n\n### A1\n\nx\n\n### Skip\n\ny\n\n## B\n\nb\n"
    sections = split_sections(readme)
    assert [(s.level, s.title) for s in sections] == [
        (1, "T"),
        (2, "A"),
        (3, "A1"),
        (3, "Skip"),
        (2, "B"),
    ]
    text = section_text(sections, "A", leave_out=["Skip"])
    assert (
        "# not a heading" in text and "### A1" in text and "Skip" not in text and "## B" not in text
    )
    assert section_text(sections, "A1", promote=1).startswith("## A1")
    with pytest.raises(BookError, match="README.md has no section 'Missing'"):
        section_text(sections, "Missing")


def test_landing_pages_link_the_notebooks_and_the_readme() -> None:
    assert (
        link_code_names("| `05_fit` | `fit` |", {"05_fit": "n/05_fit.ipynb"})
        == "| [`05_fit`](n/05_fit.ipynb) | `fit` |"
    )
    assert (
        retarget_anchors("[a](#measured-figures) [b](#the-data-format)", "README.md")
        == "[a](README.md#measured-figures) [b](data/README.md)"
    )
    assert retarget_anchors("[a](#x)", "../README.md") == "[a](../README.md#x)"
    assert local_references(
        '![g](data/gallery.png) [u](https://x.org/a.png) [s](#s) <img src="d/b.png">'
    ) == ["data/gallery.png", "d/b.png"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    english, korean = notebook_stems(ROOT), notebook_stems(ROOT, "ko")
    landing = english_landing_page(readme, english, korean)
    assert "[`05_fit`](notebooks/05_fit.ipynb)" in landing and "data/gallery.png" in landing
    assert "### Parameters" not in landing and "](#" not in landing
    assert f"notebooks/ko/{korean[-1]}" in landing  # the Korean edition in the navigation
    assert "[`ko/05_fit`](../notebooks/ko/05_fit.ipynb)" in korean_landing_page(readme, korean)
