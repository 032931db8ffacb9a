"""Class results as a text table, CSV or JSON (one row per notebook and exercise)."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from actlearn.course.grade_class import NotebookScore

COLUMNS = ("notebook", "exercise", "passed", "total", "status", "flags")


def rows(results: Sequence[NotebookScore]) -> list[dict[str, object]]:
    """One row per exercise of each notebook; a notebook without exercises gets one row."""
    found: list[dict[str, object]] = []
    for nb in results:
        flags = "; ".join(nb.flags)
        if not nb.exercises:
            found.append(dict(zip(COLUMNS, (nb.path, "", 0, 0, nb.status, flags), strict=True)))
        for ex in nb.exercises:
            found.append(dict(zip(COLUMNS, (nb.path, ex.exercise, ex.passed, ex.total, ex.status,
                                            flags), strict=True)))
    return found


def _table(header: Sequence[str], body: Sequence[Sequence[object]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()
              for r in body]
    return lines


def text_report(results: Sequence[NotebookScore]) -> str:
    """Scores per notebook (with its exercises under it), then a summary per exercise."""
    body: list[tuple[object, ...]] = []
    for nb in results:
        body.append((nb.path, "(all)", f"{nb.passed}/{nb.total}", nb.status))
        body += [("", e.exercise, f"{e.passed}/{e.total}", e.status) for e in nb.exercises]
    lines = _table(("notebook", "exercise", "checks", "status"), body)
    per_exercise: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
    for nb in results:
        for e in nb.exercises:
            per_exercise[e.exercise].append((e.passed, e.total, e.status == "passed"))
    summary = [(name, f"{sum(s[2] for s in scores)}/{len(scores)}",
                f"{sum(s[0] for s in scores)}/{sum(s[1] for s in scores)}")
               for name, scores in sorted(per_exercise.items())]
    if summary:
        lines += ["", *_table(("exercise", "notebooks passed", "checks passed"), summary)]
    return "\n".join(lines)


def csv_report(results: Sequence[NotebookScore]) -> str:
    """CSV with the columns notebook, exercise, passed, total, status, flags."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(results))
    return out.getvalue()


def json_report(results: Sequence[NotebookScore]) -> str:
    """JSON: a list of notebooks, each with its status, totals and exercises."""
    data = [{"notebook": nb.path, "status": nb.status, "passed": nb.passed, "total": nb.total,
             "flags": nb.flags,
             "exercises": [{"exercise": e.exercise, "passed": e.passed, "total": e.total,
                            "status": e.status, "hints": list(e.hints)}
                           for e in nb.exercises]} for nb in results]
    return json.dumps(data, indent=2) + "\n"


def flagged_report(results: Sequence[NotebookScore]) -> str:
    """The flagged notebooks, each with its flags (empty when none was flagged)."""
    lines = []
    for nb in results:
        if nb.flags:
            lines.append(f"{nb.path}:")
            lines += [f"  - {flag}" for flag in nb.flags]
    return "\n".join(["Flagged submissions:", *lines]) if lines else ""


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` in one step: a private temporary file, then a rename."""
    path = Path(path)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
