"""Course machinery: execute notebooks, generate exercises from solutions, grade a class.

Run ``python -m actlearn.course --help``. The modules: :mod:`~actlearn.course.execute`
(nbclient, in place, normalised), :mod:`~actlearn.course.generate` (solutions -> exercises),
:mod:`~actlearn.course.grade_class` and :mod:`~actlearn.course.report` (score tables),
:mod:`~actlearn.course.book` (the offline site), :mod:`~actlearn.course.selfcheck`
(``make check``), :mod:`~actlearn.course.nbgrader_export` (an nbgrader course),
:mod:`~actlearn.course.cli`.
"""

from __future__ import annotations

__all__ = ["CourseError"]


def __getattr__(name: str) -> type:
    """``CourseError`` on first use (PEP 562): a lesson importing ``actlearn.course.claims``
    does not load nbformat and its schema validation (about 2 s) for nothing."""
    if name == "CourseError":
        from actlearn.course.files import CourseError

        return CourseError
    raise AttributeError(f"module 'actlearn.course' has no attribute {name!r}")
