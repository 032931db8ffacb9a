"""actlearn.course.catalogue: the course map comes from file names and notebook headings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actlearn.course import catalogue


def _notebook(path: Path, *markdown: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    cells = [{"cell_type": "markdown", "metadata": {}, "source": text} for text in markdown]
    cells.insert(0, {"cell_type": "code", "metadata": {}, "source": "# not a heading",
                     "outputs": [], "execution_count": None})
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}))


@pytest.fixture
def course(tmp_path: Path) -> Path:
    _notebook(tmp_path / "lessons" / "00-welcome.ipynb", "Intro\n\n# 00 · Welcome aboard\n")
    _notebook(tmp_path / "lessons" / "02-linear-collapse.ipynb", "# 02 · Linear collapse")
    _notebook(tmp_path / "solutions" / "02-linear-collapse.ipynb", "# Exercise 02")
    _notebook(tmp_path / "exercises" / "02-linear-collapse.ipynb", "# Exercise 02")
    _notebook(tmp_path / "solutions" / "03-sigmoid-and-tanh.ipynb", "# 03 · Sigmoid: exercise")
    _notebook(tmp_path / "lessons" / "notes.ipynb", "# not a lesson")
    (tmp_path / "lessons" / "04-readme.md").write_text("# not a notebook")
    return tmp_path


def test_entries_are_numbered_stems_with_titles_from_headings(course: Path) -> None:
    entries = catalogue.lessons(course)
    assert [(e.number, e.stem, e.title) for e in entries] == [
        (0, "00-welcome", "Welcome aboard"),
        (2, "02-linear-collapse", "Linear collapse"),
        (3, "03-sigmoid-and-tanh", "Sigmoid: exercise"),
    ]
    welcome, collapse, sigmoid = entries
    assert (welcome.has_lesson, welcome.has_exercise, welcome.has_solution) == (True, False, False)
    assert (collapse.has_lesson, collapse.has_exercise, collapse.has_solution) == (True, True, True)
    assert not sigmoid.has_lesson and sigmoid.has_solution
    assert collapse.exercise == course / "exercises" / "02-linear-collapse.ipynb"


def test_markdown_table_links_from_the_lessons_folder(course: Path) -> None:
    table = catalogue.markdown_table(catalogue.lessons(course))
    lines = table.splitlines()
    assert lines[:2] == ["| # | lesson | exercise |", "|---|---|---|"]
    assert lines[2] == "| 00 | [Welcome aboard](00-welcome.ipynb) | — |"
    assert lines[3] == ("| 02 | [Linear collapse](02-linear-collapse.ipynb) | "
                        "[02-linear-collapse](../exercises/02-linear-collapse.ipynb) |")
    assert lines[4] == "| 03 | Sigmoid: exercise (coming) | — |"


def test_markdown_table_links_from_the_root(course: Path) -> None:
    table = catalogue.markdown_table(catalogue.lessons(course), links_from=".")
    assert "[Welcome aboard](lessons/00-welcome.ipynb)" in table
    assert "(exercises/02-linear-collapse.ipynb)" in table


def test_a_notebook_without_heading_is_titled_from_its_stem(tmp_path: Path) -> None:
    _notebook(tmp_path / "lessons" / "05-the-relu-family.ipynb", "no heading here")
    (entry,) = catalogue.lessons(tmp_path)
    assert entry.title == "The relu family"


def test_bad_inputs_are_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="is not a folder"):
        catalogue.lessons(tmp_path / "missing")
    broken = tmp_path / "lessons" / "01-broken.ipynb"
    broken.parent.mkdir()
    broken.write_text("{not json")
    with pytest.raises(ValueError, match="01-broken.ipynb is not a Jupyter notebook"):
        catalogue.lessons(tmp_path)


def test_the_repository_map_starts_with_the_welcome_lesson() -> None:
    entries = catalogue.lessons()
    assert entries, "no lessons found in the repository"
    assert entries[0].stem == "00-welcome"
    assert [e.number for e in entries] == sorted(e.number for e in entries)
