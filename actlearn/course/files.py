"""Finding, reading and writing course notebooks, with errors that name the file and cell."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[2]
"""The checkout holding ``actlearn/``, ``lessons/``, ``solutions/`` and ``exercises/``."""
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}


class CourseError(Exception):
    """Bad course input: the message names the file and the cell (``cell`` is the 0-based
    index; the message counts cells from 1, as a reader does)."""

    def __init__(self, path: Path | str, message: str, cell: int | None = None) -> None:
        where = f"{path}, cell {cell + 1}" if cell is not None else f"{path}"
        super().__init__(f"{where}: {message}")
        self.path, self.cell = Path(path), cell


def is_course_notebook(path: Path) -> bool:
    """A notebook that is not a checkpoint or a ``*.bak.ipynb`` backup."""
    return (path.suffix == ".ipynb" and not path.name.endswith(".bak.ipynb")
            and ".ipynb_checkpoints" not in path.parts)


def find_notebooks(paths: Iterable[Path | str]) -> list[Path]:
    """Every course notebook in ``paths`` (files as given, folders searched recursively).

    A path that does not exist, or a file that is not ``.ipynb``, is a CourseError.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.ipynb") if is_course_notebook(p))
        elif path.is_file():
            if path.suffix != ".ipynb":
                raise CourseError(path, "not a notebook (expected a .ipynb file)")
            found.append(path)
        else:
            raise CourseError(path, "no such file or folder")
    return list(dict.fromkeys(found))


def course_notebooks(folders: Sequence[str], root: Path = REPO) -> list[Path]:
    """The ``NN-*.ipynb`` notebooks directly inside ``root/folder`` for each folder, sorted."""
    return [p for folder in folders for p in sorted((root / folder).glob("[0-9][0-9]-*.ipynb"))
            if is_course_notebook(p)]


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """The notebook at ``path`` (format 4); a CourseError naming the file if it is unreadable."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CourseError(path, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CourseError(path, f"cannot be read ({exc})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CourseError(path, f"not valid JSON (line {exc.lineno}, column {exc.colno}: "
                                f"{exc.msg})") from None
    if not isinstance(data, dict) or "cells" not in data:
        raise CourseError(path, "not a Jupyter notebook (no 'cells' list)")
    try:
        return nbformat.reads(text, as_version=4)
    except Exception as exc:  # noqa: BLE001 (nbformat raises several kinds)
        raise CourseError(path, f"not a valid notebook ({exc})") from None


def notebook_text(nb: nbformat.NotebookNode) -> str:
    """The file text of ``nb``: nbformat's JSON with a final newline (stable across writes)."""
    return nbformat.writes(nb) + "\n"


def write_notebook(nb: nbformat.NotebookNode, path: Path) -> bool:
    """Write ``nb`` to ``path`` unless the file already holds exactly that; True if written."""
    text = notebook_text(nb)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
