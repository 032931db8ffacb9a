"""What the site needs besides its pages: MathJax, copied in from a package, and one stylesheet.

MathJax 2.7 comes from the ``jupyter-server-mathjax`` wheel (the ``html`` extra), so formulas
render with no network. Only what the pages use is copied (the TeX input, the HTML-CSS output
with its STIX-Web fonts, the extensions, English); the site never loads anything remote.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from actlearn.course.files import CourseError

MATHJAX_DIR = "mathjax"
STYLESHEET = "book.css"
_MATHJAX_PARTS = ("MathJax.js", "LICENSE", "config", "extensions", "jax", "fonts",
                  "localization/en")
MATHJAX_CONFIG = """MathJax.Hub.Config({
  tex2jax: {inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]],
            displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]],
            processEscapes: true, processEnvironments: true},
  TeX: {equationNumbers: {autoNumber: "AMS", useLabelIds: true}},
  "HTML-CSS": {availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null,
               linebreaks: {automatic: true}},
  menuSettings: {zoom: "None"}, showMathMenu: false, messageStyle: "none",
  displayAlign: "center"
});"""
"""The MathJax settings: nbconvert's, with the fonts the vendored copy ships."""


def mathjax_source() -> Path:
    """The folder of MathJax files inside the installed ``jupyter_server_mathjax`` package."""
    try:
        import jupyter_server_mathjax
    except ImportError:
        raise CourseError("jupyter_server_mathjax", "not installed: the offline site takes "
                          "MathJax from it (pip install -e '.[html]', or make html)") from None
    static = Path(jupyter_server_mathjax.__file__).parent / "static"
    if not (static / "MathJax.js").is_file():
        raise CourseError(static, "holds no MathJax.js (expected jupyter-server-mathjax's files)")
    return static


def copy_mathjax(out: Path) -> Path:
    """Copy MathJax into ``out/mathjax`` (updating what is there); returns its ``MathJax.js``."""
    source, target = mathjax_source(), out / MATHJAX_DIR
    for part in _MATHJAX_PARTS:
        src, dst = source / part, target / part
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        elif src.is_file():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    return target / "MathJax.js"


CSS = """\
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #0b5cad;
        --paper: #ffffff; --tint: #f6f8fa; }
body.book { margin: 0; color: var(--ink); background: var(--paper);
  font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
        sans-serif; }
.book-main { max-width: 50rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
.book-main h1 { font-size: 2rem; line-height: 1.2; margin: 1rem 0 .5rem; }
.book-main .lead { color: var(--muted); font-size: 1.1rem; }
.book-map { width: 100%; border-collapse: collapse; margin: 1.5rem 0; }
.book-map th, .book-map td { text-align: left; padding: .55rem .6rem;
  border-bottom: 1px solid var(--line); vertical-align: top; }
.book-map th { color: var(--muted); font-weight: 600; font-size: .9rem; }
.book-map td.num { font-variant-numeric: tabular-nums; color: var(--muted); width: 2.5rem; }
.book-map a, .book-nav a, .book-main a { color: var(--accent); text-decoration: none; }
.book-map a:hover, .book-nav a:hover, .book-main a:hover { text-decoration: underline; }
.book-map .dl { font-size: .85rem; color: var(--muted); }
.book-nav { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center;
  gap: .5rem 1.5rem; padding: .6rem 1.25rem; background: var(--tint);
  border-bottom: 1px solid var(--line);
  font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.book-nav.bottom { border-top: 1px solid var(--line); border-bottom: 0; margin-top: 2rem; }
.book-nav .middle { display: flex; gap: 1.25rem; }
.book-nav .end { text-align: right; }
.book-note { color: var(--muted); font-style: italic; margin: .25rem 0; }
body.jp-Notebook main { max-width: 62rem; margin: 0 auto; }
.actlearn-verdict pre { margin: 0; }
"""
"""The site's one stylesheet: the index and the navigation bars of every page."""


def write_stylesheet(out: Path) -> Path:
    """Write ``out/book.css``; returns its path."""
    path = out / STYLESHEET
    path.write_text(CSS, encoding="utf-8")
    return path
