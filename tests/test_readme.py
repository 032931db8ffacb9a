"""The README is the landing page: its course map is generated and must match the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from actlearn.course.files import CourseError
from actlearn.course.readme import END, START, render

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_lesson_table_matches_the_notebooks() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert render(text, ROOT) == text, "run `python -m actlearn.course readme` and commit"


def test_the_table_links_every_lesson_and_exercise() -> None:
    block = render(f"{START}\nold\n{END}", ROOT)
    for lesson in sorted((ROOT / "lessons").glob("[0-9][0-9]-*.ipynb")):
        assert f"(lessons/{lesson.name})" in block
        if (ROOT / "exercises" / lesson.name).exists():
            assert f"(exercises/{lesson.name})" in block


def test_a_readme_without_the_block_is_refused() -> None:
    with pytest.raises(CourseError, match="lessons:start"):
        render("# no block here\n", ROOT)
