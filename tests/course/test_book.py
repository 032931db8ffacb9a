"""The offline book: pages in reading order, navigation, links rewritten, nothing remote."""

from __future__ import annotations

import nbformat
import pytest

from actlearn.course.book import broken_links, build_site, remote_loads, split_formulas
from actlearn.course.book.links import rewrite_links
from actlearn.course.book.pages import WIDGET_VIEW, for_reading
from actlearn.course.cli import main

pytest.importorskip("nbconvert", reason="the html extra (nbconvert) is not installed")
pytest.importorskip("jupyter_server_mathjax", reason="the html extra is not installed")


def _notebook(root, folder, name, title, extra=""):
    cells = [nbformat.v4.new_markdown_cell(f"# {title}\n\nText with $x^2$.{extra}"),
             nbformat.v4.new_code_cell("1")]
    (root / folder).mkdir(exist_ok=True)
    (root / folder / name).write_text(nbformat.writes(nbformat.v4.new_notebook(cells=cells)))


def test_pages_follow_the_reading_order_with_navigation(tmp_path):
    _notebook(tmp_path, "lessons", "01-first.ipynb", "01 · The neuron",
              "\n\nExercise: [here](../exercises/01-first.ipynb), next [lesson](02-last.ipynb).")
    _notebook(tmp_path, "lessons", "00-welcome.ipynb", "00 · Welcome")
    _notebook(tmp_path, "lessons", "02-last.ipynb", "02 · Collapse")
    _notebook(tmp_path, "exercises", "01-first.ipynb", "Exercise 01 · Neurons",
              "\n\nLesson: [it](../lessons/01-first.ipynb#Top).")
    written = build_site(tmp_path / "site", tmp_path)
    site = tmp_path / "site"
    assert [p.relative_to(site).as_posix() for p in written] == [
        "lessons/00-welcome.html", "lessons/01-first.html", "exercises/01-first.html",
        "lessons/02-last.html", "index.html"]
    lesson = (site / "lessons" / "01-first.html").read_text()
    assert 'href="00-welcome.html">← 00 · Welcome' in lesson
    assert 'href="../exercises/01-first.html">Exercise 01 →' in lesson
    assert 'href="../exercises/01-first.html">here' in lesson
    assert 'href="02-last.html">lesson' in lesson
    assert 'download="" href="01-first.ipynb">Notebook (.ipynb)' in lesson
    exercise = (site / "exercises" / "01-first.html").read_text()
    assert 'href="../lessons/01-first.html#Top">it' in exercise
    assert (site / "exercises" / "01-first.ipynb").is_file()
    assert "cdnjs" not in lesson and "require.min.js" not in lesson
    assert 'src="../mathjax/MathJax.js?config=' in lesson and (site / "mathjax/MathJax.js").exists()
    assert broken_links(site) == [] and remote_loads(site) == []


def test_a_formula_that_markdown_splits_is_named_with_its_page(tmp_path):
    # "+ c$" starts a line, so the book's markdown reads it as a list item inside the formula
    _notebook(tmp_path, "lessons", "01-first.ipynb", "01 · First",
              "\n\nThe sum $a = b\n+ c$ is split; $d \\ne e$ is not.")
    _notebook(tmp_path, "lessons", "02-second.ipynb", "02 · Second",
              "\n\nThe sum $a = b +\nc$ runs over a line, whole.")
    build_site(tmp_path / "site", tmp_path)
    problems = split_formulas(tmp_path / "site")
    assert len(problems) == 2 and all(p.startswith("lessons/01-first.html: a formula's")
                                      for p in problems)
    assert "The sum $a = b" in problems[0] and "c$ is split" in problems[1]


def test_make_html_reports_a_split_formula_and_fails(tmp_path, monkeypatch, capsys):
    _notebook(tmp_path, "lessons", "01-first.ipynb", "01 · First", "\n\nLet $a = b\n+ c$.")
    monkeypatch.chdir(tmp_path)  # (the course is the working folder: it holds lessons/)
    assert main(["html", "--out", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "error: lessons/01-first.html: a formula's $ … $ is split" in err


def test_the_index_numbers_each_entry_once(tmp_path):
    _notebook(tmp_path, "lessons", "00-welcome.ipynb", "00 · Welcome")
    index = build_site(tmp_path / "site", tmp_path)[-1].read_text()
    assert '<td class="num">00</td><td><a href="lessons/00-welcome.html">Welcome</a>' in index
    assert 'href="book.css"' in index and (tmp_path / "site" / "book.css").exists()


def test_an_empty_course_still_gets_an_index(tmp_path):
    written = build_site(tmp_path / "site", tmp_path)
    assert [p.name for p in written] == ["index.html"]
    assert "No lessons yet." in written[0].read_text()


def test_links_to_pages_are_rewritten_and_others_left_alone():
    pages = {"exercises/07-x.ipynb": "exercises/07-x.html"}
    html = ('<a href="../exercises/07-x.ipynb">a</a><a href="https://e.org/y.ipynb">b</a>'
            '<a href="../solutions/07-x.ipynb">c</a>')
    out = rewrite_links(html, "lessons/07-x.ipynb", "lessons/07-x.html", pages)
    assert out == ('<a href="../exercises/07-x.html">a</a><a href="https://e.org/y.ipynb">b</a>'
                   '<a href="../solutions/07-x.ipynb">c</a>')


def test_broken_links_and_remote_scripts_are_reported(tmp_path):
    (tmp_path / "a.html").write_text('<a href="missing.html">x</a><a href="#top">t</a>'
                                     '<script src="https://cdn.example/x.js"></script>')
    assert broken_links(tmp_path) == ["a.html: <a> missing.html names no file"]
    assert remote_loads(tmp_path) == ["a.html: <script> loads https://cdn.example/x.js"]


def test_widget_outputs_become_a_note_and_markers_are_dropped():
    cell = nbformat.v4.new_code_cell("# NBVAL_IGNORE_OUTPUT\nw()")
    cell.outputs = [nbformat.v4.new_output(
        "execute_result", data={WIDGET_VIEW: {"model_id": "x"}, "text/plain": "FigureWidget()"})]
    shown = for_reading(nbformat.v4.new_notebook(cells=[cell])).cells[0]
    assert shown.source == "w()"
    assert list(shown.outputs[0].data) == ["text/html"]
    assert "interactive widget" in shown.outputs[0].data["text/html"]
