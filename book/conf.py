"""Sphinx configuration of the book site: both editions of the notebooks, with their stored outputs.

``make book`` (``python -m thermal_utils.tooling.book build``) copies this folder into the source
tree it writes under ``build/book/src``, beside copies of the notebooks and the pages it makes
from README.md and data/README.md, and runs sphinx-build there. Nothing is executed: the outputs
the notebooks were committed with are the content.
"""

project = "thermal-keras"
author = "the thermal-keras authors"
copyright = "the thermal-keras authors, MIT License"
language = "en"

extensions = [
    "myst_nb",  # reads .ipynb and MyST Markdown
    "sphinx_copybutton",  # a copy button on every code cell
    "thermal_utils.tooling.book_sphinx",  # the language switch, folded Solutions, the font
]

# The notebooks are read as they are committed: their stored outputs are the site's content.
nb_execution_mode = "off"
# Consecutive stdout (or stderr) outputs of a cell read as one block.
nb_merge_streams = True
# Anchors for the README's own links between its sections (#the-data-format and so on).
myst_heading_anchors = 3
# The notebooks' titles are their only first-level headings; some go from # straight to ###.
suppress_warnings = ["myst.header"]

templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["book.css"]
# Lays a page out once the Korean web font has loaded (why: book/_static/book.js).
html_js_files = ["book.js"]
html_theme = "sphinx_book_theme"
html_title = "thermal-keras"
html_favicon = "_static/favicon.svg"
# The theme's light/dark mode starts from the reader's system setting (without it, a first visit
# logs a console error).
html_context = {"default_mode": "auto"}
html_last_updated_fmt = None
html_show_sphinx = False
# Copies every source into _sources/ as it is (.ipynb, not .ipynb.txt): the download buttons.
html_copy_source = True
html_sourcelink_suffix = ""
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "article_header_end": ["language-switch.html", "article-header-buttons.html"],
    "navigation_with_keys": False,
}

# Copy buttons on the code cells and code blocks, not on the outputs or the prompts.
# (copybutton writes the selector into a JavaScript string in single quotes: none in it.)
copybutton_selector = "div:not(.output) > div.highlight pre"
copybutton_exclude = ".linenos, .gp, .go"
