"""The site's front page: a short introduction and the course map, one row per lesson."""

from __future__ import annotations

import html
from collections.abc import Sequence

from actlearn.course.book.assets import STYLESHEET
from actlearn.course.catalogue import Entry

INTRO = (
    "A course on the activation functions of neural networks. Every activation is written "
    "from scratch in NumPy, with its derivative and its SymPy form, and a small autodiff "
    "engine trains the networks the lessons need."
)
HOW_TO = (
    "Read the lessons in order; each ends with an exercise. These pages show the notebooks "
    "with their stored outputs and work offline. To move the sliders and answer the "
    "exercises, download a notebook (or clone the course) and open it in JupyterLab with "
    "<code>make lab</code>; <code>make check NB=exercises/NN-….ipynb</code> checks your answers."
)


def _link(href: str, text: str, css: str = "") -> str:
    klass = f' class="{css}" download' if css else ""
    return f'<a{klass} href="{html.escape(href)}">{html.escape(text)}</a>'


def _row(entry: Entry) -> str:
    lesson = (_link(f"lessons/{entry.stem}.html", entry.title) if entry.has_lesson
              else f"{html.escape(entry.title)} (coming)")
    exercise = (_link(f"exercises/{entry.stem}.html", f"Exercise {entry.number:02d}")
                if entry.has_exercise else "—")
    downloads = [_link(f"{folder}/{entry.stem}.ipynb", name, "dl")
                 for folder, name, present in (("lessons", "lesson", entry.has_lesson),
                                               ("exercises", "exercise", entry.has_exercise))
                 if present]
    return (f'<tr><td class="num">{entry.number:02d}</td><td>{lesson}</td><td>{exercise}</td>'
            f"<td>{' · '.join(downloads) or '—'}</td></tr>")


def index_page(entries: Sequence[Entry], title: str = "actlearn: activation functions") -> str:
    """The HTML of ``index.html`` for the course map ``entries``."""
    rows = "\n".join(_row(e) for e in entries) or (
        '<tr><td colspan="4">No lessons yet.</td></tr>')
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(title)}</title>
<link rel="stylesheet" href="{STYLESHEET}">
</head>
<body class="book">
<main class="book-main">
<h1>{html.escape(title)}</h1>
<p class="lead">{INTRO}</p>
<p>{HOW_TO}</p>
<table class="book-map">
<thead><tr><th>#</th><th>lesson</th><th>exercise</th><th>notebooks</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</main>
</body>
</html>
"""
