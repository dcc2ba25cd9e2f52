"""The book site: both editions of the notebooks as one static site, and its checks (issue 22).

``make book`` runs ``python -m thermal_utils.tooling.book build``: it writes a Sphinx source tree
into ``build/book/src`` (the configuration in ``book/``, copies of the notebooks of both
editions, a landing page for each edition made from README.md's sections, README.md and
data/README.md with the images they show, the NanumGothic font) and builds it with sphinx-build
and myst-nb into ``build/book/html``. Nothing under notebooks/ is written, and no notebook is
executed: the outputs they were committed with are the content.

``check_site`` reads a built site and returns its problems: a notebook without its page, a page
whose code cells are not its notebook's (a stale site), an internal link or image that does not
resolve, a resource loaded from outside the site, raw ANSI escape codes, a Solutions section
not folded, a notebook page without its language switch. tests/test_book.py builds the site and
checks it; ``make book-check`` (thermal_utils/tooling/book_check.py) opens it in Chromium.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from thermal_utils.tooling.atomic import atomic_write_bytes
from thermal_utils.tooling.book_sphinx import SOLUTIONS_TITLES, counterpart
from thermal_utils.tooling.korean_font import korean_font_files

CONFIG_DIR = Path("book")
"""The committed part of the site's source: conf.py, _static/, _templates/."""
OUT_DIR = Path("build/book")
"""Where make book writes: ``src/`` (the source tree), ``html/`` (the site), ``doctrees/``."""
FONT_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf")
"""The Korean fonts the site ships, as WOFF (``_static/fonts/NanumGothic.woff``, ...; book.css
names them)."""
HANGUL_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0xA960, 0xA97F),  # Hangul Jamo extended-A
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xD7B0, 0xD7FF),  # Hangul Jamo extended-B
    (0xFF00, 0xFFEF),  # half- and full-width forms
)
"""What the web fonts keep; book.css's unicode-range says the same."""

ENGLISH_SECTIONS = ("The two commands", "The lecture, notebook by notebook")
"""README.md's sections on the English landing page, in this order, with their subsections..."""
LEFT_OUT_SUBSECTIONS = ("Parameters",)
"""...except these, which stay on the README page."""
KOREAN_SECTION = "한국어판 (Korean edition)"
"""README.md's section that, with its subsections, is the Korean edition's landing page."""
GLOSSARY_PAGE = "notebooks/ko/GLOSSARY.md"
"""The Korean edition's glossary (written by the translation generator), a page of its section."""
PAGE_FOR_ANCHOR = {"한국어판-korean-edition": "ko/index.md", "the-data-format": "data/README.md"}
"""README sections that are pages of their own on the site: a landing page's link to one of
them leads to that page; its links to other README sections lead into the README page."""

_HEADING = re.compile(r"^(#{1,6}) +(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_IMG_SRC = re.compile(r"<img\b[^>]*\bsrc=\"([^\"]+)\"", re.IGNORECASE)
_ANSI = re.compile(r"\x1b|\[(?:\d{1,3};)*\d{1,3}m")


class BookError(RuntimeError):
    """The site cannot be built: what is missing or what failed, and what to do."""


# -- the source tree ------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One heading of a Markdown text and the lines up to the next heading (of any level)."""

    level: int
    title: str
    lines: tuple[str, ...]


def split_sections(markdown: str) -> list[Section]:
    """``markdown`` cut at every ATX heading outside fenced code; text before the first heading
    is a section of level 0 with an empty title."""
    sections: list[Section] = []
    level, title, lines = 0, "", []
    in_fence = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            sections.append(Section(level, title, tuple(lines)))
            level, title, lines = len(heading.group(1)), heading.group(2), []
        lines.append(line)
    sections.append(Section(level, title, tuple(lines)))
    return [s for s in sections if s.lines or s.title]


def section_text(
    sections: list[Section], title: str, leave_out: Iterable[str] = (), promote: int = 0
) -> str:
    """The section called ``title`` with its subsections (but not those in ``leave_out``, nor
    theirs), each heading made ``promote`` levels higher. Raises BookError if it is missing."""
    start = next((i for i, s in enumerate(sections) if s.title == title and s.level), None)
    if start is None:
        raise BookError(f"README.md has no section {title!r}: the book's landing pages use it")
    top = sections[start].level
    skipping_below = None
    out: list[str] = []
    for section in sections[start:]:
        if section is not sections[start] and section.level <= top:
            break
        if skipping_below is not None and section.level > skipping_below:
            continue
        skipping_below = section.level if section.title in leave_out else None
        if skipping_below is None:
            lines = list(section.lines)
            if promote:
                lines[0] = lines[0][promote:]
            out += lines
    return "\n".join(out).strip() + "\n"


def link_code_names(markdown: str, targets: dict[str, str]) -> str:
    """Each code span whose text is a key of ``targets`` (`` `05_fit` ``) made a link to its
    value; code spans already inside a link's text are left as they are."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return f"[`{name}`]({targets[name]})" if name in targets else match.group(0)

    return re.sub(r"(?<!\[)`([^`\n]+)`(?!\])", replace, markdown)


def retarget_anchors(markdown: str, readme: str) -> str:
    """Links to README sections (``](#anchor)``) made links into the site: to a section's own
    page (PAGE_FOR_ANCHOR, relative to the site's root) or into the README page ``readme``."""
    prefix = readme.rsplit("README.md", 1)[0]

    def replace(match: re.Match[str]) -> str:
        anchor = match.group(1)
        page = PAGE_FOR_ANCHOR.get(anchor)
        return f"]({prefix}{page})" if page else f"]({readme}#{anchor})"

    return re.sub(r"\]\(#([^)\s]+)\)", replace, markdown)


def _toctree(caption: str, entries: Iterable[str]) -> str:
    lines = ["```{toctree}", ":hidden:", ":maxdepth: 1", f":caption: {caption}", ""]
    return "\n".join([*lines, *entries, "```", ""])


def english_landing_page(
    readme: str, english: list[str], korean: list[str], glossary: bool = False
) -> str:
    """The site's index.md: README.md's introduction, its two commands, the lecture table (each
    notebook linked to its page), where the data come from with the gallery; the site's
    navigation (hidden toctrees) after it. ``english`` and ``korean`` are notebook stems;
    ``glossary``: the Korean edition's glossary page (notebooks/ko/GLOSSARY.md) is part of it."""
    sections = split_sections(readme)
    title = next((s for s in sections if s.level == 1), None)
    if title is None:
        raise BookError("README.md has no title (# ...): the book's landing page starts with it")
    title_and_intro = "\n".join(title.lines).strip()
    parts = [section_text(sections, s, LEFT_OUT_SUBSECTIONS) for s in ENGLISH_SECTIONS]
    body = link_code_names("\n".join(parts), {n: f"notebooks/{n}.ipynb" for n in english})
    body = retarget_anchors(body, "README.md")
    guide = (
        "**On this site:** the twelve notebooks with their stored outputs, in order (the sidebar), "
        "[the Korean edition](ko/index.md) (한국어판), [the data format](data/README.md) and "
        "[the whole README](README.md). A notebook's page links to the `.ipynb` it shows (at its "
        "top right) and to the same page in the other edition (한국어 / English)."
    )
    navigation = [
        _toctree("Notebooks", [f"notebooks/{n}" for n in english]),
        _toctree("Reference", ["data/README", "The whole README <README>"]),
        _toctree(
            KOREAN_SECTION,
            [
                "한국어판 소개 <ko/index>",
                *(f"notebooks/ko/{n}" for n in korean),
                *(["용어집 (glossary) <notebooks/ko/GLOSSARY>"] if glossary else []),
            ],
        ),
    ]
    return "\n\n".join([title_and_intro, guide, body, *navigation])


def one_folder_down(markdown: str) -> str:
    """Relative link targets (``](notebooks/ko/GLOSSARY.md)``) rewritten for a page one folder
    below the repository's root (``](../notebooks/ko/GLOSSARY.md)``); URLs and anchors stay."""

    def replace(match: re.Match[str]) -> str:
        target = match.group(1)
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path or target.startswith(("/", "../")):
            return match.group(0)
        return match.group(0).replace(target, f"../{target}", 1)

    return _LINK_TARGET.sub(replace, markdown)


def korean_landing_page(readme: str, korean: list[str]) -> str:
    """The Korean edition's landing page (ko/index.md): README.md's Korean section, one heading
    level up, its relative links made relative to ko/, each Korean notebook named in it
    (`` `ko/05_fit` ``) linked to its page."""
    sections = split_sections(readme)
    text = one_folder_down(section_text(sections, KOREAN_SECTION, promote=1))
    text = link_code_names(text, {f"ko/{n}": f"../notebooks/ko/{n}.ipynb" for n in korean})
    return retarget_anchors(text, "../README.md")


def local_references(markdown: str) -> list[str]:
    """The relative files a Markdown text links to or shows (not URLs, not anchors)."""
    found = _LINK_TARGET.findall(markdown) + _IMG_SRC.findall(markdown)
    out = []
    for target in found:
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        out.append(unquote(parts.path))
    return out


def notebook_stems(root: Path, edition: str = "") -> list[str]:
    """The notebooks' names without ``.ipynb``, in order: the English ones, or with
    ``edition="ko"`` the Korean ones."""
    folder = root / "notebooks" / edition if edition else root / "notebooks"
    return [p.stem for p in sorted(folder.glob("[0-9][0-9]*_*.ipynb"))]


def _copy_with_references(root: Path, src: Path, relative: str) -> None:
    """Copy the Markdown file ``relative`` and the local files it links to or shows."""
    page = root / relative
    (src / relative).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(page, src / relative)
    for reference in local_references(page.read_text(encoding="utf-8")):
        target = (page.parent / reference).resolve()
        if target.is_file() and target.is_relative_to(root.resolve()):
            destination = src / target.relative_to(root.resolve())
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(target, destination)


def write_source_tree(root: Path, src: Path, font_cache: Path) -> None:
    """Write the Sphinx source tree of the site into ``src`` (made afresh), from the repository
    at ``root``: nothing is written under ``root``'s notebooks/. The web fonts are made in
    ``font_cache`` once."""
    config = root / CONFIG_DIR
    if not (config / "conf.py").is_file():
        raise BookError(f"{config / 'conf.py'} is missing: the book's Sphinx configuration")
    english, korean = notebook_stems(root), notebook_stems(root, "ko")
    if not english:
        raise BookError(f"no notebooks in {root / 'notebooks'}")
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(config, src, ignore=shutil.ignore_patterns("__pycache__"))
    for folder, stems in (("notebooks", english), ("notebooks/ko", korean)):
        (src / folder).mkdir(parents=True, exist_ok=True)
        for stem in stems:
            shutil.copy2(root / folder / f"{stem}.ipynb", src / folder / f"{stem}.ipynb")
    glossary = (root / GLOSSARY_PAGE).is_file()
    for page in ("README.md", "data/README.md", *([GLOSSARY_PAGE] if glossary else [])):
        _copy_with_references(root, src, page)
    readme = (root / "README.md").read_text(encoding="utf-8")
    landing = english_landing_page(readme, english, korean, glossary)
    (src / "index.md").write_text(landing, encoding="utf-8")
    (src / "ko").mkdir(exist_ok=True)
    (src / "ko" / "index.md").write_text(korean_landing_page(readme, korean), encoding="utf-8")
    fonts = src / "_static" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for font in web_fonts(font_cache):
        shutil.copy2(font, fonts / font.name)


def web_font(source: Path, destination: Path) -> None:
    """Write ``source`` (a TrueType font) as a WOFF web font with only the Hangul of
    HANGUL_RANGES and no hinting: NanumGothic's files are 4.5 MB each, and Chromium refuses them
    as they are (its font sanitizer rejects their empty TSI3 table, a hinting tool's leftover)."""
    from fontTools import subset  # fonttools: the book extra (and matplotlib's dependency)
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.hinting = False
    options.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[u for low, high in HANGUL_RANGES for u in range(low, high + 1)])
    font = TTFont(source)
    subsetter.subset(font)
    font.flavor = "woff"
    written = io.BytesIO()
    font.save(written)
    destination.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(destination, written.getvalue())  # make book and make test may both write
    destination.chmod(0o644)  # a web server's user reads the site's copy


def web_fonts(cache: Path) -> list[Path]:
    """The Korean web fonts (FONT_FILES as WOFF), made in ``cache`` from koreanize-matplotlib's
    NanumGothic where missing or older than their source (about 2 s each)."""
    available = {p.name: p for p in korean_font_files()}
    made = []
    for name in FONT_FILES:
        if name not in available:
            raise BookError(f"koreanize-matplotlib has no {name}: the book's Korean pages need it")
        woff = cache / Path(name).with_suffix(".woff").name
        if not woff.is_file() or woff.stat().st_mtime < available[name].stat().st_mtime:
            web_font(available[name], woff)
        made.append(woff)
    return made


def build(root: Path, out: Path, jobs: str = "1", font_cache: Path | None = None) -> Path:
    """Build the site from the repository at ``root`` into ``out``; returns its HTML folder.

    Every build starts afresh (``out``'s src/, html/ and doctrees/ are replaced), so no page of
    a removed notebook stays behind; the web fonts are made once, in ``font_cache`` (default:
    ``out``/fonts). Sphinx's warnings are errors (``-W``): a broken reference fails the build,
    with Sphinx's message.
    """
    src, html, doctrees = out / "src", out / "html", out / "doctrees"
    write_source_tree(root, src, font_cache or out / "fonts")
    for folder in (html, doctrees):
        if folder.exists():
            shutil.rmtree(folder)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going"]
    command += ["-j", jobs, "-d", str(doctrees), str(src), str(html)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise BookError(
            f"sphinx-build failed (exit {done.returncode}):\n{done.stderr.strip() or done.stdout}"
        )
    return html


# -- checking a built site ------------------------------------------------------------------


@dataclass
class Page:
    """What ``check_site`` reads from one HTML page."""

    ids: set[str] = field(default_factory=set)
    references: list[tuple[str, str]] = field(default_factory=list)
    """(tag, URL) of every link and resource: a, link, img, script, source, iframe."""
    code_cells: list[str] = field(default_factory=list)
    """The text of each notebook code cell's input, as shown."""
    language_switches: list[str] = field(default_factory=list)
    folded_solutions: int = 0
    text: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    """Fills a Page from HTML (the standard library's parser: no dependency)."""

    _URL_ATTRIBUTE = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}
    _URL_ATTRIBUTE["iframe"] = "src"

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._divs: list[bool] = []  # for each open <div>: is it a cell's input?
        self._in_code = False
        self._skip = 0  # inside <script> or <style>
        self._code: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        classes = values.get("class", "").split()
        if values.get("id"):
            self.page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        url = values.get(self._URL_ATTRIBUTE.get(tag, ""), "")
        if url:
            self.page.references.append((tag, url))
        if tag == "a" and "book-language-switch" in classes:
            self.page.language_switches.append(url)
        if tag == "details" and "solutions" in classes:
            self.page.folded_solutions += 1
        if tag == "div":
            self._divs.append("cell_input" in classes)
        if tag == "pre" and any(self._divs):
            self._in_code, self._code = True, []
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._divs:
            self._divs.pop()
        if tag == "pre" and self._in_code:
            self._in_code = False
            self.page.code_cells.append("".join(self._code))
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._in_code:
            self._code.append(data)
        if not self._skip:
            self.page.text.append(data)


def read_page(path: Path) -> Page:
    """Parse one HTML file of the site."""
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


def notebook_code_cells(notebook: Path) -> list[str]:
    """The sources of a notebook's code cells, as the site must show them."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    sources = ("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return [s.strip("\n") for s in sources if s.strip()]


def has_solutions(notebook: Path) -> bool:
    """Whether a notebook has a second-level Solutions heading (``## Solutions``)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("## ") and line[3:].strip() in SOLUTIONS_TITLES:
                    return True
    return False


def expected_pages(root: Path) -> dict[str, Path | None]:
    """Every page the site must have (relative to its root) and the notebook each shows."""
    pages: dict[str, Path | None] = {
        "index.html": None,
        "ko/index.html": None,
        "data/README.html": None,
        "README.html": None,
        "search.html": None,
    }
    for edition, folder in (("", "notebooks"), ("ko", "notebooks/ko")):
        for stem in notebook_stems(root, edition):
            pages[f"{folder}/{stem}.html"] = root / folder / f"{stem}.ipynb"
    return pages


class _Site:
    """A built site's pages, each parsed once."""

    def __init__(self, html_dir: Path) -> None:
        self.root = html_dir.resolve()
        self._pages: dict[Path, Page] = {}

    def page(self, path: Path) -> Page:
        if path not in self._pages:
            self._pages[path] = read_page(path)
        return self._pages[path]

    def resolve(self, page: Path, url: str) -> tuple[Path | None, str]:
        """The file a relative URL of ``page`` points to (None if outside the site), and its
        fragment."""
        parts = urlsplit(url)
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(self.root):
            return None, parts.fragment
        return target, unquote(parts.fragment)


def _external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def reference_problems(site: _Site, path: Path) -> list[str]:
    """A page's links and resources that do not resolve, and resources from outside the site."""
    name = path.relative_to(site.root).as_posix()
    problems = []
    for tag, url in site.page(path).references:
        if url.startswith(("mailto:", "javascript:", "data:")):
            continue
        if _external(url):
            if tag != "a":
                problems.append(f"{name}: <{tag}> loads {url} from outside the site (offline)")
            continue
        target, fragment = site.resolve(path, url)
        if target is None:
            problems.append(f"{name}: <{tag}> {url} points outside the site")
        elif not target.is_file():
            problems.append(f"{name}: <{tag}> {url} does not resolve (no {target.name})")
        elif tag == "img" and target.stat().st_size == 0:
            problems.append(f"{name}: image {url} is an empty file")
        elif fragment and target.suffix == ".html" and fragment not in site.page(target).ids:
            problems.append(f"{name}: <{tag}> {url}: {target.name} has no #{fragment}")
    return problems


def notebook_page_problems(site: _Site, path: Path, notebook: Path) -> list[str]:
    """A notebook page that does not show its notebook's code, or lacks the folded Solutions or
    the language switch."""
    name = path.relative_to(site.root).as_posix()
    page = site.page(path)
    problems = []
    shown = [c.strip("\n") for c in page.code_cells]
    wanted = notebook_code_cells(notebook)
    if shown != wanted:
        first = next(
            (i for i, (a, b) in enumerate(zip(shown, wanted)) if a != b),
            min(len(shown), len(wanted)),
        )
        problems.append(
            f"{name}: its code cells are not {notebook.name}'s ({len(shown)} shown, "
            f"{len(wanted)} in the notebook; code cell {first + 1} differs): the notebook changed "
            "after the site was built (run make book)"
        )
    if has_solutions(notebook) and not page.folded_solutions:
        problems.append(f"{name}: {notebook.name} has a Solutions section, not folded on the page")
    other = counterpart(
        path.relative_to(site.root).with_suffix("").as_posix()
    )  # the same page in the other edition
    if other and (site.root / f"{other}.html").is_file():
        targets = [site.resolve(path, url)[0] for url in page.language_switches]
        if site.root / f"{other}.html" not in targets:
            problems.append(f"{name}: no language switch to {other}.html")
    return problems


def check_site(html_dir: Path, root: Path) -> list[str]:
    """Every problem of the site built into ``html_dir`` from the repository at ``root`` (an
    empty list when there is none): pages missing for a notebook of either edition, pages whose
    code cells are not their notebook's, internal links and images that do not resolve (with
    their #fragments), resources loaded from outside the site, raw ANSI escape codes, Solutions
    not folded, notebook pages without their language switch."""
    site = _Site(html_dir)
    problems = []
    pages = expected_pages(root)
    for relative in pages:
        if not (site.root / relative).is_file():
            problems.append(f"{relative}: missing from the site (run make book)")
    for path in sorted(site.root.rglob("*.html")):
        if path.relative_to(site.root).parts[0] in ("_static", "_sources"):
            continue
        problems += reference_problems(site, path)
        if _ANSI.search("".join(site.page(path).text)):
            name = path.relative_to(site.root).as_posix()
            problems.append(f"{name}: shows raw ANSI escape codes")
        notebook = pages.get(path.relative_to(site.root).as_posix())
        if notebook is not None:
            problems += notebook_page_problems(site, path, notebook)
    return problems


# -- the command line -----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m thermal_utils.tooling.book",
        description="Build the book site of both editions (make book), or check a built one.",
    )
    parser.add_argument("action", choices=["build", "check"])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"default: {OUT_DIR}")
    parser.add_argument(
        "--jobs", default="1", help="sphinx-build's -j: a number or auto (default: 1)"
    )
    args = parser.parse_args(argv)
    root = Path.cwd()
    html = args.out / "html"
    if args.action == "build":
        start = time.monotonic()
        try:
            build(root, args.out, args.jobs)
        except BookError as error:
            print(f"make book: {error}", file=sys.stderr)
            return 1
        print(f"built {html}/index.html in {time.monotonic() - start:.1f} s")
    if not (html / "index.html").is_file():
        print(f"no site in {html}: run make book first", file=sys.stderr)
        return 1
    problems = check_site(html, root)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"checked {html}: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
