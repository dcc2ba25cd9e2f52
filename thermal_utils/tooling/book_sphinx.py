"""The book site's Sphinx extension (book/conf.py loads it; make book builds the site).

Three things the theme does not do:

- a language switch on every page that has a counterpart in the other edition: an English
  notebook ``notebooks/NN_name`` and its Korean edition ``notebooks/ko/NN_name``, the English
  landing page ``index`` and the Korean one ``ko/index`` (the template ``language-switch.html``
  in book/_templates draws it from ``book_language_switch``);
- the Korean pages say that they are Korean (``<html lang="ko">``: browsers pick the fonts);
- a notebook's "Solutions" section (a second-level heading, to the next one) is folded into a
  ``<details>`` element, closed until a learner opens it; a notebook without one is left alone.

Only the docnames matter here, so the functions below are plain functions of them (tested in
tests/test_book.py without Sphinx).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

KOREAN_PREFIXES = ("notebooks/ko/", "ko/")
"""Docnames of the Korean edition start with one of these."""

SOLUTIONS_TITLES = frozenset({"Solutions", "풀이", "해답", "정답", "모범 답안", "연습 문제 풀이"})
"""Titles of the section that is folded: the English heading and the Korean words a translation
of it may use."""

SUMMARY = {"en": "Show the solutions", "ko": "풀이 보기"}
"""The text of the folded section's toggle, in the page's language."""

SWITCH_LABEL = {"en": "English", "ko": "한국어"}
"""A switch link names the language it leads to, in that language."""


def page_language(docname: str) -> str:
    """``"ko"`` for a page of the Korean edition, ``"en"`` for every other page."""
    return "ko" if docname.startswith(KOREAN_PREFIXES) else "en"


def counterpart(docname: str) -> str | None:
    """The docname of the same page in the other edition, or None where there is no such page.

    >>> counterpart("notebooks/05_fit"), counterpart("notebooks/ko/05_fit"), counterpart("index")
    ('notebooks/ko/05_fit', 'notebooks/05_fit', 'ko/index')
    """
    if docname == "index":
        return "ko/index"
    if docname == "ko/index":
        return "index"
    if docname.startswith("notebooks/ko/"):
        return "notebooks/" + docname.removeprefix("notebooks/ko/")
    if docname.startswith("notebooks/") and "/" not in docname.removeprefix("notebooks/"):
        return "notebooks/ko/" + docname.removeprefix("notebooks/")
    return None


def _add_page_context(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """html-page-context: the page's language and, where it has one, its language switch."""
    language = page_language(pagename)
    context["language"] = language
    other = counterpart(pagename)
    if other is None or other not in app.env.found_docs:
        context["book_language_switch"] = None
        return
    other_language = page_language(other)
    context["book_language_switch"] = {
        "url": app.builder.get_relative_uri(pagename, other),
        "label": SWITCH_LABEL[other_language],
        "lang": other_language,
    }


def _is_second_level(section: nodes.section) -> bool:
    """A section directly under the page's title section (a ``## `` heading in the notebook)."""
    parent = section.parent
    return isinstance(parent, nodes.section) and isinstance(parent.parent, nodes.document)


def solutions_sections(doctree: nodes.document) -> list[nodes.section]:
    """The page's second-level sections whose title is one of SOLUTIONS_TITLES."""
    found = []
    for section in doctree.findall(nodes.section):
        title = section.next_node(nodes.title)
        if title is not None and title.astext().strip() in SOLUTIONS_TITLES:
            if _is_second_level(section):
                found.append(section)
    return found


def fold(section: nodes.section, summary: str) -> None:
    """Put everything of ``section`` after its title into a closed ``<details>`` element.

    The title stays outside, so the section keeps its place in the page's table of contents;
    raw HTML brackets the content, so the search index still reads it.
    """
    opening = f'<details class="solutions"><summary>{summary}</summary>'
    section.insert(1, nodes.raw("", opening, format="html"))
    section.append(nodes.raw("", "</details>", format="html"))


def _fold_solutions(app: Any, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: fold the page's Solutions section, for the HTML builders."""
    if app.builder.format != "html":
        return
    for section in solutions_sections(doctree):
        fold(section, SUMMARY[page_language(docname)])


def setup(app: Any) -> dict[str, Any]:
    """Sphinx's entry point."""
    app.connect("html-page-context", _add_page_context)
    app.connect("doctree-resolved", _fold_solutions)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
