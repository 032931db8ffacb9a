"""Course machinery: execute notebooks, generate exercises from solutions, grade a class.

Run ``python -m actlearn.course --help``. The modules: :mod:`~actlearn.course.execute`
(nbclient, in place, normalised), :mod:`~actlearn.course.generate` (solutions -> exercises),
:mod:`~actlearn.course.grade_class` and :mod:`~actlearn.course.report` (score tables),
:mod:`~actlearn.course.book` (the offline site), :mod:`~actlearn.course.selfcheck`
(``make check``), :mod:`~actlearn.course.nbgrader_export` (an nbgrader course),
:mod:`~actlearn.course.cli`.
"""

from actlearn.course.files import CourseError

__all__ = ["CourseError"]
