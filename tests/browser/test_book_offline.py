"""The offline book in headless Chromium with the network cut: formulas render, links resolve.

Every page's formulas are typeset without a TeX error (MathJax shows an undefined macro in red
and a formula it cannot parse as its source) and no TeX is left as text.

The site is built once into a temporary folder (``make html`` does the same into
``build/html``); every request that is not a ``file://`` URL is aborted and recorded, so a page
that reached for a CDN fails here.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from actlearn.course.book import broken_links, build_site, remote_loads, split_formulas
from tests.browser.chromium import chromium
from tests.browser.conftest import CHROMIUM_ARGS, RAW_TEX_PATTERN, ROOT, require_browser

# One worker runs every browser test (tests/workers.py): they share one browser.
pytestmark = pytest.mark.browser
MATH_HEAVY = ["lessons/04-vanishing-gradients.html", "lessons/07-softmax.html",
              "lessons/11-nalu.html"]
MATHJAX_DONE = """() => window.MathJax && MathJax.Hub && MathJax.Hub.queue
    && MathJax.Hub.queue.pending === 0 && !MathJax.Hub.queue.running
    && document.querySelectorAll('.MathJax').length > 0
    && !document.querySelector('.MathJax_Preview:not(:empty)')"""
RAW_TEX = r"""() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const skip = 'script, style, pre, code, .MathJax, .MathJax_Display';
    if (node.parentElement.closest(skip)) continue;
    const hits = node.textContent.match(""" + RAW_TEX_PATTERN + r""");
    if (hits) found.push(...hits);
  }
  return found;
}"""

#: What MathJax typeset wrongly: its MathML copy of each formula holds <merror> for TeX it could
#: not parse and a red <mtext> for an undefined macro (``noErrors``, ``noUndefined``).
TEX_ERRORS = """() => [...document.querySelectorAll(
    '.MJX_Assistive_MathML merror, .MJX_Assistive_MathML mtext[mathcolor="red"]')]
    .map(e => e.closest('.MathJax').nextElementSibling?.textContent || e.textContent)"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("nbconvert", reason="the html extra (nbconvert) is not installed")
    pytest.importorskip("jupyter_server_mathjax", reason="the html extra is not installed")
    require_browser()
    out = tmp_path_factory.mktemp("book")
    build_site(out, ROOT)
    return out


@pytest.fixture(scope="module")
def offline_page(site: Path, playwright_driver) -> Iterator[tuple[object, list[str]]]:
    """A Chromium page whose every non-file request is aborted (and listed)."""
    profile = tempfile.mkdtemp(prefix="actlearn-book-chromium-")
    remote: list[str] = []

    def only_files(route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            remote.append(route.request.url)
            route.abort()

    context = playwright_driver.chromium.launch_persistent_context(
        profile, executable_path=chromium(), headless=True, args=CHROMIUM_ARGS,
        viewport={"width": 1200, "height": 900}, offline=True)
    try:
        context.route("**/*", only_files)
        yield context.new_page(), remote
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


def test_every_link_names_a_file_and_nothing_is_fetched(site: Path) -> None:
    assert broken_links(site) == []
    assert remote_loads(site) == []
    assert split_formulas(site) == []
    pages = sorted(p.relative_to(site).as_posix() for p in site.glob("*/*.html"))
    assert len(pages) == 2 * len(list((ROOT / "lessons").glob("[0-9][0-9]-*.ipynb")))


def test_the_index_is_styled_and_numbers_each_lesson_once(site: Path, offline_page) -> None:
    page, remote = offline_page
    page.goto((site / "index.html").as_uri())
    assert "system-ui" in page.evaluate("getComputedStyle(document.body).fontFamily")
    first = page.locator("table.book-map tbody tr").first
    assert first.locator("td").first.inner_text() == "00"
    assert first.locator("td").nth(1).inner_text() == "Welcome"
    page.locator("table.book-map a", has_text="Softmax, worked examples").click()
    assert page.url.endswith("/lessons/07-softmax.html")
    assert remote == []


@pytest.mark.parametrize("name", MATH_HEAVY)
def test_formulas_render_with_the_network_off(site: Path, offline_page, name: str) -> None:
    page, remote = offline_page
    page.goto((site / name).as_uri())
    page.wait_for_function(MATHJAX_DONE, timeout=30_000)
    assert page.locator(".MathJax").count() > 20
    assert page.evaluate(RAW_TEX) == []
    assert page.evaluate(TEX_ERRORS) == []
    assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert page.locator("img").count() > 0
    assert page.locator(".jupyter-widgets").count() == 0
    assert "FigureWidget(" not in page.inner_text("body")
    assert remote == []


def test_next_leads_from_a_lesson_to_its_exercise(site: Path, offline_page) -> None:
    page, _ = offline_page
    page.goto((site / "lessons/07-softmax.html").as_uri())
    page.locator("nav.book-nav.top .end a").click()
    assert page.url.endswith("/exercises/07-softmax.html")
    assert "not answered yet" in page.inner_text("body")
    assert "PASSED" not in page.inner_text("body")


def test_every_page_typesets_its_formulas_without_an_error(site: Path, offline_page) -> None:
    page, remote = offline_page
    problems = {}
    for path in sorted(site.glob("*/*.html")):
        if path.relative_to(site).as_posix() in MATH_HEAVY:
            continue  # (checked above, with more)
        page.goto(path.as_uri())
        # Math to wait for: TeX not yet typeset, or typeset (checked in that order, so a page
        # that MathJax converts in between is still waited for); a "$" in code is not math.
        if page.evaluate(RAW_TEX) or page.locator("script[type^='math/tex']").count():
            page.wait_for_function(MATHJAX_DONE, timeout=60_000)
        found = page.evaluate(TEX_ERRORS) + page.evaluate(RAW_TEX)
        if found:
            problems[path.relative_to(site).as_posix()] = found
    assert problems == {}
    assert remote == []


def test_a_tex_error_and_an_undefined_macro_are_found(tmp_path: Path, offline_page) -> None:
    """The check above can fail: a formula MathJax cannot parse and an undefined macro, beside
    a good formula, are both found, each by its TeX."""
    (tmp_path / "lessons").mkdir()
    text = "# 01 · Broken\n\nGood $x^2$, undefined $\\foo x$, unparsable $\\frac{1}{$."
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])
    (tmp_path / "lessons" / "01-broken.ipynb").write_text(nbformat.writes(nb))
    build_site(tmp_path / "site", tmp_path)
    page, _ = offline_page
    page.goto((tmp_path / "site" / "lessons" / "01-broken.html").as_uri())
    page.wait_for_function(MATHJAX_DONE, timeout=60_000)
    assert page.evaluate(TEX_ERRORS) == ["\\foo x", "\\frac{1}{"]
