"""A static site of the lessons: one HTML page each, an index, previous/next links.

Pages are converted with nbconvert from the stored outputs (nothing is executed); the
navigation comes from the ``NN-`` file names, so it follows the course order.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from actlearn.course.files import REPO, course_notebooks, read_notebook

_BODY = re.compile(r"<body[^>]*>")
_STYLE = ("<style>.actlearn-nav{display:flex;justify-content:space-between;gap:1em;"
          "padding:.6em 1.2em;font-family:sans-serif;border-bottom:1px solid #ddd}</style>")


def title_of(path: Path) -> str:
    """The notebook's first Markdown heading, else its name without ``NN-`` and dashes."""
    for cell in read_notebook(path).cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#+\s+(.+)$", cell.source, re.MULTILINE)
            if match:
                return match.group(1).strip()
    return path.stem.split("-", 1)[-1].replace("-", " ")


def _link(path: Path | None, text: str) -> str:
    if path is None:
        return "<span></span>"
    return f'<a href="{html.escape(path.stem)}.html">{text}</a>'


def _nav(prev: Path | None, nxt: Path | None) -> str:
    return (f'<nav class="actlearn-nav">{_link(prev, "&larr; previous")}'
            f'<a href="index.html">all lessons</a>{_link(nxt, "next &rarr;")}</nav>')


def build_site(out: Path, root: Path = REPO) -> list[Path]:
    """Write ``out/NN-name.html`` for each lesson and ``out/index.html``; returns the files."""
    from nbconvert import HTMLExporter  # heavy import, only for this command

    lessons = course_notebooks(["lessons"], root)
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="lab")
    written = []
    titles = [title_of(p) for p in lessons]
    for i, path in enumerate(lessons):
        body, _ = exporter.from_notebook_node(read_notebook(path))
        nav = _nav(lessons[i - 1] if i else None, lessons[i + 1] if i + 1 < len(lessons) else None)
        opening = _BODY.search(body)
        if opening:
            body = body[: opening.end()] + _STYLE + nav + body[opening.end():]
        body = body.replace("</body>", nav + "</body>", 1)
        target = out / f"{path.stem}.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    items = "\n".join(f'<li><a href="{html.escape(p.stem)}.html">{html.escape(p.stem[:2])} '
                      f"{html.escape(t)}</a></li>" for p, t in zip(lessons, titles, strict=True))
    index = out / "index.html"
    index.write_text(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>actlearn lessons</title>"
        f"</head><body><h1>actlearn: activation functions</h1>\n"
        f"<ol>\n{items or '<li>No lessons yet.</li>'}\n</ol></body></html>\n",
        encoding="utf-8",
    )
    return [*written, index]
