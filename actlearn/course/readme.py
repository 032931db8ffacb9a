"""The README's generated block: the course map between ``<!-- lessons:start/end -->``.

``python -m actlearn.course readme`` rewrites it from :mod:`actlearn.course.catalogue`; a test fails
when the README and the notebooks on disk disagree, so the landing page never goes stale.
"""

from __future__ import annotations

import re
from pathlib import Path

from actlearn.course.catalogue import lessons, markdown_table
from actlearn.course.files import CourseError

START, END = "<!-- lessons:start -->", "<!-- lessons:end -->"
_BLOCK = re.compile(re.escape(START) + r"\n.*?\n" + re.escape(END), re.S)


def lessons_block(root: Path) -> str:
    """The block's body: the course map with links from the repository root."""
    intro = (
        "Each lesson is a notebook in `lessons/`; its graded exercise is in `exercises/`, "
        "generated from `solutions/`."
    )
    return f"{intro}\n\n{markdown_table(lessons(root), links_from='.')}"


def render(readme_text: str, root: Path) -> str:
    """``readme_text`` with its lessons block regenerated."""
    if not _BLOCK.search(readme_text):
        raise CourseError("README.md", f"no {START} … {END} block to regenerate")
    return _BLOCK.sub(lambda _: f"{START}\n{lessons_block(root)}\n{END}", readme_text)


def update_readme(root: Path) -> bool:
    """Rewrite ``root/README.md``'s lessons block; True when it changed."""
    path = root / "README.md"
    before = path.read_text(encoding="utf-8")
    after = render(before, root)
    if after != before:
        path.write_text(after, encoding="utf-8")
    return after != before
