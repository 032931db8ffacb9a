"""How check() shows a verdict: text for comparisons, HTML for the reader, stubs unanswered."""

from __future__ import annotations

import numpy as np

from actlearn.grading import grade
from actlearn.grading.display import (
    HTML_CLOSE,
    HTML_OPEN,
    NOT_ANSWERED,
    is_unanswered,
    view,
)


def _stub(x):
    raise NotImplementedError("Replace this line with your answer")


def test_a_verdict_shows_as_its_text_and_as_marked_html():
    verdict = grade("relu", lambda x: np.minimum(x, 0.0))
    shown = view(verdict)
    assert shown.text == str(verdict) == repr(shown)
    assert shown.html.startswith(HTML_OPEN) and shown.html.endswith(HTML_CLOSE)
    assert "✗ right values on the visible cases" in shown.html
    assert "Hints:" in shown.html and "color:#b42318" in shown.html


def test_a_stub_is_not_answered_yet_rather_than_a_wall_of_failures():
    verdict = grade("relu", _stub)
    assert is_unanswered(verdict)
    shown = view(verdict)
    assert shown.text.startswith(f"relu: {NOT_ANSWERED}")
    assert "✗" not in shown.text and "✗" not in shown.html and "FAILED" not in shown.html
    assert NOT_ANSWERED in shown.html


def test_an_answer_that_raises_only_sometimes_gets_its_verdict():
    def partial(x):
        x = np.asarray(x, dtype=float)
        if x.size > 100:
            raise NotImplementedError("big arrays later")
        return np.maximum(x, 0.0)

    verdict = grade("relu", partial)
    assert not is_unanswered(verdict) and not verdict.passed
    assert view(verdict).text == str(verdict)
