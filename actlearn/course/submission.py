"""Read a submitted notebook defensively and compare it with the instructor's copy.

Nothing in a submission is trusted: the file may be any bytes. :func:`read_cells` returns its
cells as ``(type, source)`` pairs or raises :class:`Unreadable` with a one-line reason
(nbformat 3 is upgraded). Which exercises are graded, and the answer each check calls, come
from the instructor's :class:`Assignment`; the submission's check cells are only compared
with it, by a checksum per check cell (as nbgrader does), and every difference is a flag.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from actlearn.course.generate import CHECK, check_calls

MAX_BYTES = 20 * 2**20
Cells = list[tuple[str, str]]


class Unreadable(Exception):  # noqa: N818 (names the state of the file)
    """A submission that is not a notebook: the message is the one-line reason."""


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "".join(value)
    raise Unreadable("a cell's source is neither text nor a list of lines")


def _upgrade(text: str, data: dict) -> dict:
    if data.get("nbformat") == 4 or "cells" in data:
        return data
    try:
        upgraded = nbformat.reads(text, as_version=4)
    except Exception as exc:  # noqa: BLE001 (nbformat raises many kinds)
        raise Unreadable(f"nbformat {data.get('nbformat')} could not be upgraded "
                         f"({type(exc).__name__})") from None
    return json.loads(nbformat.writes(upgraded))


def read_cells(path: Path) -> tuple[Cells, dict]:
    """The notebook's cells and its metadata; Unreadable with a one-line reason otherwise."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise Unreadable(f"larger than {MAX_BYTES // 2**20} MB")
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise Unreadable(f"cannot be read ({type(exc).__name__})") from None
    except (json.JSONDecodeError, RecursionError) as exc:
        raise Unreadable(f"not valid JSON ({str(exc)[:80]})") from None
    if not isinstance(data, dict):
        raise Unreadable("not a Jupyter notebook (not a JSON object)")
    data = _upgrade(text, data)
    cells = data.get("cells")
    if not isinstance(cells, list):
        raise Unreadable("not a Jupyter notebook (no 'cells' list)")
    found: Cells = []
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), str):
            raise Unreadable(f"cell {index + 1} is not a notebook cell")
        if "source" not in cell:
            raise Unreadable(f"cell {index + 1} has no source")
        found.append((cell["cell_type"], _text(cell["source"])))
    metadata = data.get("metadata")
    return found, metadata if isinstance(metadata, dict) else {}


def checksum(source: str) -> str:
    """SHA-256 of a check cell's source, trailing spaces and blank edges ignored."""
    lines = [line.rstrip() for line in source.replace("\r\n", "\n").strip().split("\n")]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def is_check(cell_type: str, source: str) -> bool:
    """A check cell: first line ``# NBVAL_CHECK_OUTPUT``, or any code cell calling check()."""
    if cell_type != "code":
        return False
    first = source.strip().split("\n", 1)[0].strip() if source.strip() else ""
    return first == CHECK or bool(check_calls(source))


@dataclass
class Assignment:
    """The instructor's copy of one exercise notebook: what is graded, and how."""

    stem: str
    cells: Cells
    exercises: list[tuple[str, str]] = field(default_factory=list)
    """(exercise name, answer expression), each exercise once, in order."""
    checks: dict[str, list[str]] = field(default_factory=dict)
    """Checksum of each check cell -> the exercises it grades."""

    @classmethod
    def from_file(cls, path: Path) -> Assignment:
        cells, _ = read_cells(path)
        found = cls(path.stem, cells)
        for kind, source in cells:
            if is_check(kind, source):
                calls = check_calls(source)
                found.checks[checksum(source)] = [name for name, _ in calls]
                found.exercises += [c for c in calls if c[0] not in dict(found.exercises)]
        return found


def load_assignments(folder: Path) -> dict[str, Assignment]:
    """Every exercise notebook in ``folder`` by stem (``05-relu-family``)."""
    found = {}
    for path in sorted(Path(folder).glob("*.ipynb")):
        if not path.name.endswith(".bak.ipynb"):
            try:
                found[path.stem] = Assignment.from_file(path)
            except Unreadable:
                continue
    return found


def _claimed(metadata: dict) -> str:
    block = metadata.get("actlearn")
    origin = block.get("generated_from") if isinstance(block, dict) else None
    return Path(origin).stem if isinstance(origin, str) else ""


def _overlap(cells: Cells, assignment: Assignment) -> float:
    mine = {checksum(s) for k, s in cells if k == "markdown"}
    theirs = [checksum(s) for k, s in assignment.cells if k == "markdown"]
    return sum(c in mine for c in theirs) / len(theirs) if theirs else 0.0


def identify(path: Path, cells: Cells, metadata: dict,
             assignments: dict[str, Assignment]) -> tuple[Assignment | None, list[str]]:
    """The assignment a submission answers (file name, then metadata, then content), and a
    flag when these disagree."""
    by_name = path.stem if path.stem in assignments else ""
    by_meta = _claimed(metadata) if _claimed(metadata) in assignments else ""
    scores = {stem: _overlap(cells, a) for stem, a in assignments.items()}
    best = max(scores, key=scores.get, default="")
    by_content = best if best and scores[best] >= 0.5 else ""
    chosen = by_name or by_meta or by_content or (next(iter(assignments))
                                                  if len(assignments) == 1 else "")
    if not chosen:
        return None, [f"no exercise notebook matches (known: {', '.join(assignments)})"]
    others = sorted({s for s in (by_name, by_meta, by_content) if s and s != chosen})
    flags = [f"looks like exercise notebook {o}, graded as {chosen}" for o in others]
    return assignments[chosen], flags


def check_flags(cells: Cells, assignment: Assignment) -> list[str]:
    """Every check cell that differs from the instructor's: edited, duplicated, added, deleted."""
    flags: list[str] = []
    seen: dict[str, int] = {}
    edited: set[str] = set()
    assigned = dict(assignment.exercises)
    for index, (kind, source) in enumerate(cells):
        if not is_check(kind, source):
            continue
        digest = checksum(source)
        names = [n for n, _ in check_calls(source)] or ["(none)"]
        where = f"cell {index + 1}"
        if digest in assignment.checks:
            seen[digest] = seen.get(digest, 0) + 1
            if seen[digest] > 1:
                flags.append(f"{where}: check cell for {', '.join(names)} duplicated")
            continue
        extra = [n for n in names if n not in assigned]
        if extra:
            flags.append(f"{where}: check cell added for {', '.join(extra)} (not assigned)")
        mine = [n for n in names if n in assigned]
        edited.update(mine)
        if mine or not extra:
            flags.append(f"{where}: check cell for {', '.join(mine or names)} edited")
    for digest, names in assignment.checks.items():
        if digest not in seen and not edited.intersection(names):
            flags.append(f"check cell for {', '.join(names)} deleted")
    return flags


def answer_fingerprint(cells: Cells, assignment: Assignment) -> str:
    """A digest of the code cells the learner wrote (those unlike the instructor's), or ""
    when there are none: two submissions with the same non-empty digest share their answers."""
    given = {checksum(s) for k, s in assignment.cells if k == "code"}
    written = [checksum(s) for k, s in cells if k == "code" and s.strip()
               and checksum(s) not in given]
    return hashlib.sha256("\n".join(written).encode()).hexdigest() if written else ""


def metadata_flags(metadata: dict, assignment: Assignment) -> list[str]:
    """A flag when the notebook's list of exercises is not the instructor's (it is ignored)."""
    block = metadata.get("actlearn")
    listed = block.get("exercises") if isinstance(block, dict) else None
    if listed != [name for name, _ in assignment.exercises]:
        return ["metadata.actlearn.exercises differs from the instructor's (ignored)"]
    return []


def schedule(cells: Cells, assignment: Assignment) -> list[tuple[str, int, str]]:
    """The steps a learner's process runs: ``("cell", index, source)`` for each non-empty code
    cell (``check`` does nothing there), and ``("grade", k, name)`` for exercise k right after
    the first check cell that names it, or at the end."""
    steps: list[tuple[str, int, str]] = []
    placed: set[str] = set()
    order = [name for name, _ in assignment.exercises]
    for index, (kind, source) in enumerate(cells):
        if kind == "code" and source.strip():
            steps.append(("cell", index, source))
        if is_check(kind, source):
            for name, _ in check_calls(source):
                if name in order and name not in placed:
                    placed.add(name)
                    steps.append(("grade", order.index(name), name))
    steps += [("grade", order.index(n), n) for n in order if n not in placed]
    return steps
