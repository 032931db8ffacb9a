"""Build the site: a page per lesson and per exercise in course order, the index, the assets.

The site mirrors the course folders (``lessons/NN-x.html``, ``exercises/NN-x.html``, each
beside a copy of its notebook to download), so the links between notebooks keep their
shape. Reading order is lesson 00, exercise 00, lesson 01, ...; previous/next follow it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from actlearn.course.book.assets import STYLESHEET, copy_mathjax, write_stylesheet
from actlearn.course.book.index import index_page
from actlearn.course.book.links import relative, rewrite_links
from actlearn.course.book.pages import Link, exporter, nav, render_page
from actlearn.course.catalogue import Entry, lessons
from actlearn.course.files import REPO, read_notebook


@dataclass(frozen=True)
class Page:
    """One page of the site: its notebook, where it goes, and how the navigation names it."""

    entry: Entry
    kind: str  # "lesson" or "exercise"

    @property
    def folder(self) -> str:
        return "lessons" if self.kind == "lesson" else "exercises"

    @property
    def source(self) -> str:
        """The notebook's path in the course (and of its copy in the site)."""
        return f"{self.folder}/{self.entry.stem}.ipynb"

    @property
    def path(self) -> str:
        """The page's path in the site."""
        return f"{self.folder}/{self.entry.stem}.html"

    @property
    def label(self) -> str:
        number = f"{self.entry.number:02d}"
        return f"{number} · {self.entry.title}" if self.kind == "lesson" else f"Exercise {number}"


def reading_order(entries: list[Entry]) -> list[Page]:
    """Every page in the order a learner reads them: each lesson, then its exercise."""
    pages = []
    for entry in entries:
        if entry.has_lesson:
            pages.append(Page(entry, "lesson"))
        if entry.has_exercise:
            pages.append(Page(entry, "exercise"))
    return pages


def _bars(pages: list[Page], i: int) -> tuple[str, str]:
    page = pages[i]

    def link(other: Page) -> Link:
        return Link(relative(other.path, page.path), other.label)

    prev = link(pages[i - 1]) if i else None
    nxt = link(pages[i + 1]) if i + 1 < len(pages) else None
    middle = [Link(relative("index.html", page.path), "Course map")]
    partner = Page(page.entry, "exercise" if page.kind == "lesson" else "lesson")
    if partner in pages:
        middle.append(link(partner))
    middle.append(Link(relative(page.source, page.path), "Notebook (.ipynb)", download=True))
    return nav(prev, nxt, middle, "top"), nav(prev, nxt, middle, "bottom")


def build_site(out: Path, root: Path = REPO) -> list[Path]:
    """Write the site into ``out``: every page, then ``index.html`` (returned last).

    Also copies each notebook beside its page, MathJax into ``out/mathjax`` and the
    stylesheet. Needs nbconvert and jupyter-server-mathjax (the ``html`` extra).
    """
    pages = reading_order(lessons(root))
    out.mkdir(parents=True, exist_ok=True)
    mathjax = copy_mathjax(out).relative_to(out).as_posix()
    write_stylesheet(out)
    targets = {p.source: p.path for p in pages}
    html_exporter = exporter()
    written = []
    for i, page in enumerate(pages):
        top, bottom = _bars(pages, i)
        body = render_page(read_notebook(root / page.source),
                           f"{page.label} · actlearn" if page.kind == "lesson"
                           else f"{page.label} · {page.entry.title} · actlearn",
                           mathjax=relative(mathjax, page.path),
                           css=relative(STYLESHEET, page.path), top=top, bottom=bottom,
                           html_exporter=html_exporter)
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(rewrite_links(body, page.source, page.path, targets), encoding="utf-8")
        shutil.copy2(root / page.source, out / page.source)
        written.append(target)
    index = out / "index.html"
    index.write_text(index_page(lessons(root)), encoding="utf-8")
    return [*written, index]
