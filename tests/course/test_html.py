"""The static site: one page per lesson from stored outputs, an index, previous/next links."""

from __future__ import annotations

import nbformat
import pytest

from actlearn.course.html import build_site

pytest.importorskip("nbconvert", reason="the html extra (nbconvert) is not installed")


def _lesson(root, name, title):
    cells = [nbformat.v4.new_markdown_cell(f"# {title}\n\nText."), nbformat.v4.new_code_cell("1")]
    (root / "lessons" / name).write_text(nbformat.writes(nbformat.v4.new_notebook(cells=cells)))


def test_pages_index_and_navigation_follow_the_file_names(tmp_path):
    (tmp_path / "lessons").mkdir()
    _lesson(tmp_path, "01-first.ipynb", "The neuron")
    _lesson(tmp_path, "00-welcome.ipynb", "Welcome")
    _lesson(tmp_path, "02-last.ipynb", "Collapse")
    written = build_site(tmp_path / "site", tmp_path)
    assert [p.name for p in written] == [
        "00-welcome.html",
        "01-first.html",
        "02-last.html",
        "index.html",
    ]
    index = (tmp_path / "site" / "index.html").read_text()
    assert index.index("00 Welcome") < index.index("01 The neuron") < index.index("02 Collapse")
    middle = (tmp_path / "site" / "01-first.html").read_text()
    assert 'href="00-welcome.html">&larr; previous' in middle
    assert 'href="02-last.html">next &rarr;' in middle
    first = (tmp_path / "site" / "00-welcome.html").read_text()
    assert "previous" not in first and "The neuron" not in first


def test_an_empty_course_still_gets_an_index(tmp_path):
    written = build_site(tmp_path / "site", tmp_path)
    assert [p.name for p in written] == ["index.html"]
    assert "No lessons yet." in written[0].read_text()
