"""How a verdict is shown in a notebook: plain text for comparisons, HTML for the reader.

``check()`` displays a :class:`VerdictView`. Its ``text/plain`` is the verdict exactly as
``str(verdict)`` writes it (what nbval and ``make check`` compare with the expected verdict);
its ``text/html`` is the same verdict for the reader, between :data:`HTML_OPEN` and
:data:`HTML_CLOSE` markers so that comparisons can set the HTML aside. An answer that still
raises ``NotImplementedError`` on every call is *not answered yet*: the learner sees that,
not a wall of failed checks.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from actlearn.grading.verdict import FAIL_MARK, PASS_MARK, Verdict

HTML_OPEN = "<!-- actlearn verdict -->"
HTML_CLOSE = "<!-- /actlearn verdict -->"
NOT_ANSWERED = "not answered yet"
_STUB_DETAIL = "raised NotImplementedError"


@dataclass(frozen=True)
class VerdictView:
    """A verdict as a notebook shows it: ``text`` (``text/plain``) and ``html`` (``text/html``).

    >>> VerdictView("relu: PASSED 6/6 checks", "<p>ok</p>")
    relu: PASSED 6/6 checks
    """

    text: str
    html: str

    def __repr__(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return self.html


def is_unanswered(verdict: Verdict) -> bool:
    """True when the answer raised ``NotImplementedError`` on every call (an untouched stub).

    >>> from actlearn.grading.verdict import CheckResult
    >>> stub = CheckResult("values", False, "raised NotImplementedError")
    >>> is_unanswered(Verdict("relu", (stub,)))
    True
    """
    return (not verdict.passed and bool(verdict.checks)
            and not any(c.passed for c in verdict.checks)
            and verdict.checks[0].detail.startswith(_STUB_DETAIL))


def unanswered_text(exercise: str) -> str:
    """The one line shown for an exercise whose answer is still the stub."""
    return (f"{exercise}: {NOT_ANSWERED} (its answer still raises NotImplementedError: write "
            "your answer in its place, then run this cell again)")


def wrap_html(body: str) -> str:
    """``body`` between the verdict markers, in a block the notebook styles as output."""
    return f'{HTML_OPEN}<div class="actlearn-verdict">{body}</div>{HTML_CLOSE}'


def unanswered_html(exercise: str) -> str:
    """The HTML for an exercise not answered yet: its name and what to do, no checks."""
    return wrap_html(
        f"<p><strong>{html.escape(exercise)}</strong>: {NOT_ANSWERED}. Write your answer in "
        "the cell above (in place of <code>raise NotImplementedError</code>), then run this "
        "cell to see its verdict.</p>"
    )


def _line_html(line: str) -> str:
    text = html.escape(line)
    stripped = line.lstrip()
    if stripped.startswith(FAIL_MARK):
        return f'<span style="color:#b42318">{text}</span>'
    if stripped.startswith(PASS_MARK):
        return f'<span style="color:#1a7f37">{text}</span>'
    return text


def verdict_html(verdict: Verdict) -> str:
    """The verdict's text as preformatted HTML: ✓ lines green, ✗ lines red, hints as is."""
    lines = str(verdict).split("\n")
    head = f"<strong>{html.escape(lines[0])}</strong>"
    body = "\n".join([head, *(_line_html(line) for line in lines[1:])])
    return wrap_html(f"<pre>{body}</pre>")


def view(verdict: Verdict) -> VerdictView:
    """What ``check()`` shows for ``verdict`` (a stub's verdict shows as not answered yet)."""
    if is_unanswered(verdict):
        return VerdictView(unanswered_text(verdict.exercise), unanswered_html(verdict.exercise))
    return VerdictView(str(verdict), verdict_html(verdict))


def error_view(exercise: str, error: BaseException) -> VerdictView:
    """What ``check()`` shows when the exercise could not be graded at all."""
    text = f"{exercise}: FAILED 0/0 checks\n  {type(error).__name__}: {error}"
    return VerdictView(text, wrap_html(f"<pre>{html.escape(text)}</pre>"))


def show(shown: VerdictView) -> None:
    """Display ``shown`` in IPython (both MIME types), or print its text outside IPython."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover (ipywidgets brings IPython)
        get_ipython = None
    if get_ipython is not None and get_ipython() is not None:
        display(shown)
    else:
        print(shown.text)
