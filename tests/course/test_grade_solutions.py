"""Class grading of the real course: every solution's answers earn full marks through the
sandbox, and the untouched exercise notebooks earn nothing.

The in-notebook check (``check(...)`` in a solution) runs in the learner's own kernel; class
grading sends each case across a process boundary instead, so an exercise whose argument is
not plain data (``diagnose`` reads a TrainingRun) could pass one and fail the other.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actlearn.course.class_run import grade_paths
from actlearn.course.files import REPO, course_notebooks
from actlearn.course.generate import answered

#: One xdist worker takes the module (tests/workers.py): its fixture grades the class once.
pytestmark = pytest.mark.notebooks


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> dict[str, tuple]:
    exercises = course_notebooks(["exercises"], REPO)
    if not exercises:
        pytest.skip("exercises/ holds no notebook yet")
    root = tmp_path_factory.mktemp("class")
    paths = []
    for exercise in exercises:
        for who in ("right", "stub"):
            (root / who).mkdir(exist_ok=True)
            target = root / who / exercise.name
            nb = (answered(exercise, REPO / "solutions" / exercise.name) if who == "right"
                  else json.loads(exercise.read_text()))
            target.write_text(json.dumps(nb))
            paths.append(target)
    results, _ = grade_paths(paths, timeout=300, exercises=REPO / "exercises", jobs=2)
    return {f"{Path(r.path).parent.name}/{Path(r.path).name}": r for r in results}


@pytest.mark.parametrize("name", [p.name for p in course_notebooks(["exercises"], REPO)])
def test_a_solution_scores_full_and_a_stub_scores_nothing(graded, name):
    right, stub = graded[f"right/{name}"], graded[f"stub/{name}"]
    wrong = [(e.exercise, e.passed, e.total) for e in right.exercises if e.passed != e.total]
    assert right.status == "ok" and right.total and not wrong, (right.status, wrong)
    assert not right.flags, right.flags
    assert stub.passed == 0 and stub.total == right.total, stub
