"""The verdict a learner reads: which checks passed, the score, and hints.

The text is a pure function of the check results, so every correct answer to an exercise
prints exactly the same verdict (nbval compares it with the expected one), and a failing
answer prints only what the learner's own code returned on visible cases, never the
reference code or the hidden inputs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PASS_MARK = "✓"
FAIL_MARK = "✗"
_HEADER = re.compile(r"^(?P<name>[A-Za-z_][\w]*): (?P<state>PASSED|FAILED) (?P<ok>\d+)/(?P<n>\d+)")


@dataclass(frozen=True)
class CheckResult:
    """One check: ``title`` is fixed per exercise, ``detail`` says why it failed."""

    title: str
    passed: bool
    detail: str = ""

    def line(self) -> str:
        """The one-line form: ``✓ title`` or ``✗ title: detail``."""
        if self.passed:
            return f"  {PASS_MARK} {self.title}"
        return (
            f"  {FAIL_MARK} {self.title}: {self.detail}"
            if self.detail
            else f"  {FAIL_MARK} {self.title}"
        )


@dataclass(frozen=True)
class Verdict:
    """All checks of one exercise for one answer.

    >>> v = Verdict("relu", (CheckResult("values", True), CheckResult("dtype", False, "bool")))
    >>> v.passed, v.score
    (False, (1, 2))
    >>> print(v)
    relu: FAILED 1/2 checks
      ✓ values
      ✗ dtype: bool
    """

    exercise: str
    checks: tuple[CheckResult, ...]
    hints: tuple[str, ...] = field(default=())

    @property
    def passed(self) -> bool:
        """True when every check passed (an exercise with no checks never passes)."""
        return bool(self.checks) and all(c.passed for c in self.checks)

    @property
    def score(self) -> tuple[int, int]:
        """``(checks passed, checks in total)``."""
        return sum(c.passed for c in self.checks), len(self.checks)

    def __str__(self) -> str:
        ok, total = self.score
        state = "PASSED" if self.passed else "FAILED"
        lines = [f"{self.exercise}: {state} {ok}/{total} checks"]
        lines += [c.line() for c in self.checks]
        if self.hints:
            lines.append("Hints:")
            lines += [f"  - {h}" for h in self.hints]
        return "\n".join(lines)


def parse_header(text: str) -> tuple[str, bool, int, int] | None:
    """Read ``(exercise, passed, ok, total)`` back from a printed verdict, or None.

    >>> parse_header("softmax: PASSED 6/6 checks")
    ('softmax', True, 6, 6)
    """
    match = _HEADER.match(text.strip())
    if match is None:
        return None
    return (
        match["name"],
        match["state"] == "PASSED",
        int(match["ok"]),
        int(match["n"]),
    )
