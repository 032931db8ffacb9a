"""The course map, generated from file names: lessons, exercises and solutions by ``NN-`` stem.

A lesson ``lessons/NN-stem.ipynb`` pairs with ``exercises/NN-stem.ipynb`` and
``solutions/NN-stem.ipynb``. Its title is the first Markdown ``# `` heading of the notebook
(the ``NN ·`` prefix dropped). Nothing here is typed by hand, so the map stays in step with
the repository as lessons are added.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from actlearn.course.files import REPO

FOLDERS = ("lessons", "exercises", "solutions")
_STEM = re.compile(r"^(?P<number>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)$")
_HEADING = re.compile(r"^#\s+(?P<text>.+?)\s*$", re.MULTILINE)
_NUMBER_PREFIX = re.compile(r"^\d{2}\s*[·:.\-–—]\s*")


@dataclass(frozen=True)
class Entry:
    """One row of the course map: a stem and where its three notebooks live (or would)."""

    number: int
    stem: str
    title: str
    lesson: Path
    exercise: Path
    solution: Path

    @property
    def has_lesson(self) -> bool:
        return self.lesson.is_file()

    @property
    def has_exercise(self) -> bool:
        return self.exercise.is_file()

    @property
    def has_solution(self) -> bool:
        return self.solution.is_file()


def default_root() -> Path:
    """The repository root: the folder that holds the ``actlearn`` package."""
    return REPO


def notebook_title(path: Path) -> str | None:
    """The text of the first ``# `` heading in the notebook's Markdown cells, or None.

    A leading ``NN ·`` (the lesson number) is dropped: ``# 01 · The neuron`` gives
    ``"The neuron"``. A file that is not a notebook raises a ValueError naming it.
    """
    try:
        cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"{path} is not a Jupyter notebook (expected JSON with 'cells')") from exc
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        match = _HEADING.search(text)
        if match:
            return _NUMBER_PREFIX.sub("", match["text"]).strip()
    return None


def _title_from_stem(stem: str) -> str:
    words = stem.split("-")[1:]
    return " ".join(words).capitalize()


def lessons(root: str | Path | None = None) -> list[Entry]:
    """Every ``NN-stem`` found in ``lessons/``, ``exercises/`` or ``solutions/``, by number.

    The title comes from the lesson's first heading, else the solution's, else the stem.

    >>> [e.stem for e in lessons()][:1]
    ['00-welcome']
    """
    base = Path(root) if root is not None else default_root()
    if not base.is_dir():
        raise ValueError(f"course root {base} is not a folder")
    stems: set[str] = set()
    for folder in FOLDERS:
        for path in (base / folder).glob("*.ipynb"):
            if _STEM.match(path.stem):
                stems.add(path.stem)
    entries = []
    for stem in sorted(stems):
        lesson, exercise, solution = (base / folder / f"{stem}.ipynb" for folder in FOLDERS)
        title = next((t for p in (lesson, solution) if p.is_file()
                      for t in [notebook_title(p)] if t), None)
        entries.append(Entry(int(stem[:2]), stem, title or _title_from_stem(stem),
                             lesson, exercise, solution))
    return entries


def markdown_table(entries: list[Entry] | None = None, links_from: str = "lessons") -> str:
    """A Markdown table: number, lesson (linked), exercise (linked, or — when absent).

    ``links_from`` is the folder (relative to the root) the table will be shown from, so a
    table inside a lesson links ``01-x.ipynb`` and ``../exercises/01-x.ipynb``; use ``"."``
    for a page at the repository root.
    """
    if entries is None:
        entries = lessons()
    up = "" if links_from in ("", ".") else "../" * len(Path(links_from).parts)

    def link(folder: str, entry: Entry) -> str:
        if folder == links_from:
            return f"{entry.stem}.ipynb"
        return f"{up}{folder}/{entry.stem}.ipynb"

    rows = ["| # | lesson | exercise |", "|---|---|---|"]
    for e in entries:
        lesson = f"[{e.title}]({link('lessons', e)})" if e.has_lesson else f"{e.title} (coming)"
        exercise = f"[{e.stem}]({link('exercises', e)})" if e.has_exercise else "—"
        rows.append(f"| {e.number:02d} | {lesson} | {exercise} |")
    return "\n".join(rows)
