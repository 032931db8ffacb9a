"""Links in the site: notebook links rewritten to pages, and a check that every link resolves.

A lesson links ``../exercises/07-softmax.ipynb``; in the site that is the page
``exercises/07-softmax.html``. Links are resolved from the notebook's folder in the course,
so any relative form works; a link to a notebook the site has no page for is left alone (and
:func:`broken_links` reports it).
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_ANCHOR = re.compile(r"<a\b[^>]*>")
_HREF = re.compile(r'(href=")([^"]*)(")')
_DOWNLOAD = re.compile(r"\sdownload(?=[\s=>])")


def _local(url: str) -> bool:
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc or url.startswith(("#", "/")))


def relative(target: str, page: str) -> str:
    """The link from the site page ``page`` to the site file ``target`` (both site paths).

    >>> relative("exercises/07-softmax.html", "lessons/07-softmax.html")
    '../exercises/07-softmax.html'
    """
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def rewrite_links(html: str, source: str, page: str, pages: dict[str, str]) -> str:
    """``html`` with each link to a notebook that has a page pointing at that page (links
    marked ``download`` keep pointing at the notebook).

    ``source`` is the notebook's path in the course (``lessons/07-softmax.ipynb``), ``page``
    its path in the site, ``pages`` maps course notebook paths to site page paths.
    """

    def swap(match: re.Match[str]) -> str:
        url = match[2]
        if not _local(url):
            return match[0]
        path, _, fragment = url.partition("#")
        if not path.endswith(".ipynb"):
            return match[0]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(path)))
        if target not in pages:
            return match[0]
        new = relative(pages[target], page) + (f"#{fragment}" if fragment else "")
        return f"{match[1]}{new}{match[3]}"

    def anchor(match: re.Match[str]) -> str:
        tag = match[0]
        return tag if _DOWNLOAD.search(tag) else _HREF.sub(swap, tag)  # downloads stay .ipynb

    return _ANCHOR.sub(anchor, html)


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.refs.append((tag, value))


def references(page: Path) -> list[tuple[str, str]]:
    """``(tag, url)`` of every ``href`` and ``src`` in the HTML file ``page``."""
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.refs


def broken_links(site: Path) -> list[str]:
    """Every local link or source in the site's pages that names no existing file."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        if "mathjax" in page.relative_to(site).parts:
            continue
        for tag, url in references(page):
            if not _local(url):
                continue
            path = unquote(url.partition("#")[0].partition("?")[0])
            if path and not (page.parent / path).exists():
                problems.append(f"{page.relative_to(site)}: <{tag}> {url} names no file")
    return problems


def remote_loads(site: Path) -> list[str]:
    """Scripts, stylesheets and images the site's pages would fetch from the network."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        if "mathjax" in page.relative_to(site).parts:
            continue
        for tag, url in references(page):
            if tag in ("script", "link", "img", "iframe") and not _local(url) \
                    and not url.startswith(("data:", "#")):
                problems.append(f"{page.relative_to(site)}: <{tag}> loads {url}")
    return problems
