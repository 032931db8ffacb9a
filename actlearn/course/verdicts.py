"""The verdicts stored under check cells: reading them, and what an exercise stores.

A check cell's ``check(...)`` displays each verdict as one ``display_data`` output whose
``text/plain`` is the verdict text and whose ``text/html`` is the same verdict for the reader
(:mod:`actlearn.grading.display`); notebooks executed before that printed it to stdout, and
both are read here.

An exercise stores, under each check cell, the solution's verdict as ``text/plain`` (what
nbval compares a finished answer with) and "not answered yet" as ``text/html`` (what
JupyterLab, nbconvert and GitHub show, the richest type): a learner never sees a pass under
a stub. ``tests/nbval_sanitize.cfg`` sets the HTML aside, so nbval compares the text only.
"""

from __future__ import annotations

import copy

import nbformat

from actlearn.grading.display import unanswered_html
from actlearn.grading.verdict import parse_header

PLAIN, HTML = "text/plain", "text/html"


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def verdict_texts(cell: nbformat.NotebookNode) -> list[str]:
    """The verdict texts a check cell shows, one per verdict, in order.

    Each ``display_data`` / ``execute_result`` gives its ``text/plain``; printed verdicts
    (stdout) are split at each verdict header.
    """
    texts: list[str] = []
    for out in cell.get("outputs", ()):
        if out.get("output_type") in ("display_data", "execute_result"):
            if PLAIN in out.get("data", {}):
                texts.append(_text(out["data"][PLAIN]).rstrip("\n"))
        elif out.get("output_type") == "stream" and out.get("name") == "stdout":
            for line in _text(out.get("text", "")).splitlines():
                if parse_header(line) or not texts:
                    texts.append(line)
                else:
                    texts[-1] += "\n" + line
    return texts


def verdict_text(cell: nbformat.NotebookNode) -> str:
    """Every verdict a check cell shows, as one text (``""`` when it shows none)."""
    return "\n".join(verdict_texts(cell))


def shown_text(cell: nbformat.NotebookNode) -> str:
    """What a reader sees under the cell: each output's richest text (HTML before plain)."""
    parts = []
    for out in cell.get("outputs", ()):
        data = out.get("data", {})
        if HTML in data:
            parts.append(_text(data[HTML]))
        elif PLAIN in data:
            parts.append(_text(data[PLAIN]))
        elif out.get("output_type") == "stream":
            parts.append(_text(out.get("text", "")))
    return "\n".join(parts)


def exercise_outputs(outputs: list) -> list:
    """The outputs an exercise stores under a check cell, from the solution's ``outputs``.

    Each verdict keeps its text (the expected verdict) and shows "not answered yet"; a
    verdict printed to stdout becomes such a display, one per verdict.
    """
    stored = []
    for out in outputs:
        kind = out.get("output_type")
        if kind in ("display_data", "execute_result") and PLAIN in out.get("data", {}):
            texts = [_text(out["data"][PLAIN])]
        elif kind == "stream" and out.get("name") == "stdout":
            texts = verdict_texts(nbformat.from_dict({"outputs": [out]}))
        else:
            stored.append(copy.deepcopy(out))
            continue
        for text in texts:
            header = parse_header(text.split("\n", 1)[0])
            name = header[0] if header else text.split(":", 1)[0]
            stored.append(nbformat.v4.new_output(
                "display_data", data={PLAIN: text.rstrip("\n"), HTML: unanswered_html(name)}))
    return stored
