"""make book-check: the built book site in a real browser (headless Chromium, driven by playwright).

    python -m thermal_utils.tooling.book_check [--site build/book/html] [--shots build/book-check]

Serves the site on 127.0.0.1 (a free port) and opens every page at 1,280 and 390 px width in
Debian's Chromium (``apt-get install chromium``; playwright downloads no browser here). A page
fails on a console error, an uncaught exception, a failed request or an HTTP error, an image
that did not load (naturalWidth 0), a page wider than the window, a notebook page without copy
buttons on its code cells, a Korean page not marked ``lang="ko"``, and any text with Hangul
that Chromium drew without the shipped NanumGothic, by its own account of the fonts it used for
each element (DevTools' CSS.getPlatformFontsForNode; no font with Hangul is installed on this
machine, so without NanumGothic every syllable is a box). At 1,280 px, at least 95 % of the
notebooks' code cells must fit their column without scrolling sideways. Then it switches the
language of one page and back, opens a folded Solutions section if a page has one, and runs two
searches. A screenshot of every page at both widths, and of those steps, goes to ``--shots``;
``--readme-shots DIR`` also writes the two the README shows.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from thermal_utils.tooling.book import OUT_DIR
from thermal_utils.tooling.book_sphinx import counterpart, page_language
from thermal_utils.tooling.korean_font import KOREAN_FONT_FAMILY

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
"""Debian's Chromium (``apt-get install -y chromium``); the CHROMIUM variable overrides it."""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # This machine reaches no network but the package registries: without these, Chromium's
    # own background connections fail and break page loads.
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {"desktop": 1280, "phone": 390}
HEIGHT = 800
FITTING_SHARE = 0.95
"""The share of notebook code cells that must fit their column at 1,280 px."""
SWITCH_PAGE = "notebooks/05_fit.html"
SEARCHES = {"EarlyStopping": "notebooks/05_fit", "원-핫": "notebooks/ko/01_build_dataset"}
"""Query -> a page that must be among its results."""
README_SHOTS = {
    "desktop-notebook.png": ("desktop", "notebooks/09a_metrics_for_imbalance.html", "img"),
    "phone-korean.png": ("phone", "notebooks/ko/01_build_dataset.html", None),
}
"""The README's screenshots: width, page, and what to scroll to first (a CSS selector)."""

_PAGE_FACTS = """() => {
  const root = document.documentElement;
  const cells = [...document.querySelectorAll('div.cell_input pre')];
  const hangul = /[\\uac00-\\ud7af]/.test(document.body.innerText);
  return {
    overflow: root.scrollWidth - root.clientWidth,
    brokenImages: [...document.images]
      .filter((img) => img.naturalWidth === 0).map((img) => img.getAttribute('src')),
    codeCells: cells.length,
    codeCellsScrolling: cells.filter((pre) => pre.scrollWidth > pre.clientWidth + 1).length,
    copyButtons: document.querySelectorAll('div.cell_input button.copybtn').length,
    lang: root.lang,
    hangul: hangul,
    koreanFont: [...document.fonts].some(
      (f) => f.family.replace(/["']/g, '') === 'NanumGothic' && f.status === 'loaded'),
  };
}"""
_MARK_HANGUL = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const marked = new Set();
  while (walker.nextNode()) {
    const text = walker.currentNode;
    if (/[\\u1100-\\u11ff\\u3130-\\u318f\\uac00-\\ud7af]/.test(text.data) && text.parentElement) {
      marked.add(text.parentElement);
    }
  }
  marked.forEach((element) => element.setAttribute('data-book-hangul', ''));
  return [...marked].map((element) => element.textContent.trim().slice(0, 40));
}"""
_SETTLE = """async () => {
  const start = Date.now();  // book.js shows the page once its fonts have loaded (3 s at most)
  while (document.documentElement.classList.contains('book-fonts-loading')
         && Date.now() - start < 5000) {
    await new Promise((done) => setTimeout(done, 20));
  }
  const images = [...document.images];
  images.forEach((img) => { img.loading = 'eager'; });
  await Promise.all(images.map((img) => img.complete ? null
    : new Promise((done) => { img.onload = img.onerror = done; })));
  await document.fonts.ready;
}"""


@dataclass
class Report:
    """What the browser found, page by page and in all."""

    problems: list[str] = field(default_factory=list)
    pages: int = 0
    code_cells: int = 0
    code_cells_scrolling: int = 0
    screenshots: int = 0

    def fitting_share(self) -> float:
        if not self.code_cells:
            return 1.0
        return 1 - self.code_cells_scrolling / self.code_cells


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 at a free port while the block runs; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the site, relative to its root (the theme's and the sources' folders
    left out)."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] not in ("_static", "_sources")
    )


class _PageWatch:
    """Collects a page's console errors, uncaught exceptions and failed requests."""

    def __init__(self, page: Any) -> None:
        self.events: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.events.append(f"uncaught exception: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.events.append(f"console error: {message.text}")

    def _failed(self, request: Any) -> None:
        if request.failure == "net::ERR_ABORTED":
            return  # a load that the check's next navigation cut short, not the site's fault
        self.events.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.events.append(f"HTTP {response.status}: {response.url}")

    def take(self) -> list[str]:
        events, self.events = self.events, []
        return events


def _shot_name(relative: str) -> str:
    return relative.removesuffix(".html").replace("/", "__") + ".png"


def hangul_without_font(page: Any, cdp: Any) -> list[str]:
    """The texts with Hangul that Chromium drew without NanumGothic (so: boxes), by its own
    account of the fonts each element's text was laid out with (DevTools'
    CSS.getPlatformFontsForNode). Elements not laid out (hidden) are not counted."""
    texts = page.evaluate(_MARK_HANGUL)
    if not texts:
        return []
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    found = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-book-hangul]"})
    missing = []
    for text, node in zip(texts, found["nodeIds"]):
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        if fonts and not any(f["familyName"] == KOREAN_FONT_FAMILY for f in fonts):
            missing.append(text)
    return missing


def check_page(
    page: Any, cdp: Any, watch: _PageWatch, base: str, relative: str, width: str
) -> dict:
    """Open one page at one width; returns the facts _PAGE_FACTS measures, with ``problems``."""
    page.goto(base + relative, wait_until="load")
    page.evaluate(_SETTLE)
    facts = page.evaluate(_PAGE_FACTS)
    where = f"{relative} at {WIDTHS[width]} px"
    problems = [f"{where}: {event}" for event in watch.take()]
    if facts["overflow"] > 0:
        problems.append(f"{where}: the page is {facts['overflow']} px wider than the window")
    problems += [f"{where}: image {src} did not load" for src in facts["brokenImages"]]
    if facts["copyButtons"] < facts["codeCells"]:
        problems.append(
            f"{where}: {facts['copyButtons']} copy buttons for {facts['codeCells']} code cells"
        )
    if page_language(relative) == "ko" and facts["lang"] != "ko":
        problems.append(f"{where}: <html lang={facts['lang']!r}>, not 'ko'")
    if facts["hangul"] and not facts["koreanFont"]:
        problems.append(f"{where}: Hangul on the page, but the NanumGothic font did not load")
    boxes = hangul_without_font(page, cdp)
    if boxes:
        problems.append(
            f"{where}: {len(boxes)} text(s) with Hangul drawn without NanumGothic, "
            f"e.g. {boxes[0]!r}"
        )
    facts["problems"] = problems
    return facts


def check_language_switch(page: Any, base: str, shots: Path) -> list[str]:
    """Click the language switch of SWITCH_PAGE, then the Korean page's, back to the first (a
    screenshot after each click into ``shots``)."""
    other = f"{counterpart(SWITCH_PAGE.removesuffix('.html'))}.html"
    page.goto(base + SWITCH_PAGE, wait_until="load")
    problems = []
    for expected, language in ((other, "ko"), (SWITCH_PAGE, "en")):
        switch = page.locator("a.book-language-switch").first
        if not switch.count():
            return [f"{page.url}: no language switch"]
        switch.click()
        page.wait_for_load_state("load")
        landed = page.url.removeprefix(base)
        lang = page.evaluate("document.documentElement.lang")
        page.screenshot(path=str(shots / f"switched-to-{language}.png"))
        if landed != expected or lang != language:
            problems.append(f"language switch led to {landed} (lang {lang}), not {expected}")
    return problems


def check_solutions(page: Any, base: str, pages: list[str], shots: Path) -> tuple[list[str], str]:
    """Open the first folded Solutions section found: closed at first, open once clicked (a
    screenshot of it open into ``shots``)."""
    for relative in pages:
        if "notebooks/" not in relative:
            continue
        page.goto(base + relative, wait_until="load")
        details = page.locator("details.solutions").first
        if not details.count():
            continue
        if details.evaluate("d => d.open"):
            return [f"{relative}: the Solutions are open before a click"], relative
        details.locator("summary").click()
        if not details.evaluate("d => d.open"):
            return [f"{relative}: the Solutions did not open on a click"], relative
        details.evaluate("d => d.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(shots / "solutions-open.png"))
        return [], relative
    return [], ""


def check_search(page: Any, base: str, shots: Path) -> list[str]:
    """Each query of SEARCHES on the search page lists its page among the results (a screenshot
    of each result page into ``shots``)."""
    problems = []
    for number, (query, expected) in enumerate(SEARCHES.items(), start=1):
        page.goto(f"{base}search.html?q={query}", wait_until="load")
        try:
            page.wait_for_selector("#search-results ul.search li", timeout=15_000)
        except Exception:  # playwright's TimeoutError
            problems.append(f"search for {query!r}: no results")
            continue
        links = page.locator("#search-results ul.search li a").evaluate_all(
            "links => links.map((a) => a.getAttribute('href'))"
        )
        page.screenshot(path=str(shots / f"search-{number}.png"))
        if not any(expected in (href or "") for href in links):
            problems.append(f"search for {query!r}: {expected} not among {len(links)} results")
    return problems


def readme_shots(page: Any, base: str, folder: Path) -> None:
    """The README's two screenshots (README_SHOTS), of the window, into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (width, relative, scroll_to) in README_SHOTS.items():
        page.set_viewport_size({"width": WIDTHS[width], "height": HEIGHT})
        page.goto(base + relative, wait_until="load")
        page.evaluate(_SETTLE)
        if scroll_to:
            page.locator(scroll_to).first.evaluate(
                "el => { el.scrollIntoView({block: 'center'}); }"
            )
        page.screenshot(path=str(folder / name))


def run(site: Path, shots: Path, readme_folder: Path | None, chromium: Path) -> Report:
    """Every check, in one browser; screenshots into ``shots`` (made afresh)."""
    from playwright.sync_api import sync_playwright

    report = Report()
    pages = site_pages(site)
    if shots.exists():
        shutil.rmtree(shots)
    profile = Path(tempfile.mkdtemp(prefix="book-check-chromium-"))
    try:
        with serve(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch_persistent_context(
                str(profile),
                executable_path=str(chromium),
                headless=True,
                args=CHROMIUM_ARGS,
                viewport={"width": WIDTHS["desktop"], "height": HEIGHT},
            )
            page = browser.new_page()
            watch = _PageWatch(page)
            cdp = browser.new_cdp_session(page)
            cdp.send("DOM.enable")
            cdp.send("CSS.enable")
            for width, pixels in WIDTHS.items():
                page.set_viewport_size({"width": pixels, "height": HEIGHT})
                (shots / width).mkdir(parents=True, exist_ok=True)
                for relative in pages:
                    facts = check_page(page, cdp, watch, base, relative, width)
                    report.problems += facts["problems"]
                    if width == "desktop":
                        report.code_cells += facts["codeCells"]
                        report.code_cells_scrolling += facts["codeCellsScrolling"]
                    page.screenshot(path=str(shots / width / _shot_name(relative)))
                    report.screenshots += 1
            report.pages = len(pages)
            page.set_viewport_size({"width": WIDTHS["desktop"], "height": HEIGHT})
            report.problems += check_language_switch(page, base, shots)
            solutions_problems, solutions_page = check_solutions(page, base, pages, shots)
            report.problems += solutions_problems
            print(
                f"Solutions: {f'folded and opened on {solutions_page}' if solutions_page else 'no page has a Solutions section yet'}"
            )
            report.problems += check_search(page, base, shots)
            if readme_folder is not None:
                readme_shots(page, base, readme_folder)
            report.problems += [f"after the checks: {event}" for event in watch.take()]
            browser.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if report.fitting_share() < FITTING_SHARE:
        report.problems.append(
            f"only {report.fitting_share():.0%} of the notebooks' code cells fit their column at "
            f"{WIDTHS['desktop']} px ({report.code_cells_scrolling} of {report.code_cells} scroll "
            f"sideways; at least {FITTING_SHARE:.0%} must fit)"
        )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m thermal_utils.tooling.book_check",
        description="Open every page of the built book site in headless Chromium and check it.",
    )
    parser.add_argument("--site", type=Path, default=OUT_DIR / "html")
    parser.add_argument("--shots", type=Path, default=Path("build/book-check"))
    parser.add_argument("--readme-shots", type=Path, default=None, metavar="DIR")
    parser.add_argument("--chromium", type=Path, default=CHROMIUM)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"no site in {args.site}: run make book first", file=sys.stderr)
        return 1
    if not args.chromium.is_file():
        print(
            f"no Chromium at {args.chromium}: apt-get install -y chromium (Debian's package; "
            "or name another with --chromium or CHROMIUM=)",
            file=sys.stderr,
        )
        return 1
    start = time.monotonic()
    report = run(args.site, args.shots, args.readme_shots, args.chromium)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(
        f"book-check: {report.pages} pages at {' and '.join(f'{w} px' for w in WIDTHS.values())}, "
        f"{report.screenshots} screenshots in {args.shots}; {report.fitting_share():.1%} of "
        f"{report.code_cells} code cells fit at {WIDTHS['desktop']} px; "
        f"{len(report.problems)} problem(s); {time.monotonic() - start:.1f} s"
    )
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
