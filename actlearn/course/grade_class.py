"""Grade a class: each submission's answers run sandboxed, the grader judges what they return.

For each notebook, in the grader's process: read it defensively (:mod:`.submission`), find
the instructor's copy it answers (``exercises/`` by default), take the exercises and their
answer expressions from that copy, and flag every check cell that differs. A fresh,
sandboxed process (:mod:`actlearn.grading.isolation`) then runs the submission's code cells
and calls each answer on the grader's cases; it returns only plain data, and the verdicts
are computed here with the same checks and hints as ``check()`` in a notebook. Nothing the
learner's code prints, and nothing it does to its own process, decides a score.

Statuses per exercise: "passed", "failed", "error" (no answer to call), "not reached" (the
process ran out of time or died first), "unknown exercise"; per notebook: "ok", "timed out
at cell N", "stopped at cell N", "unreadable: ...", "not an exercise: ...".
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from actlearn.course import jobs, submission
from actlearn.course.submission import Assignment
from actlearn.grading import childlib, isolation
from actlearn.grading.isolation import Isolation


@dataclass(frozen=True)
class ExerciseScore:
    """One exercise of one notebook: checks passed of total, and how it ended."""

    exercise: str
    passed: int
    total: int
    status: str
    hints: tuple[str, ...] = field(default=(), compare=False)


@dataclass
class NotebookScore:
    """One notebook: its exercises, how its run ended, and what looked wrong (flags)."""

    path: str
    status: str = "ok"
    exercises: list[ExerciseScore] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    fingerprint: str = field(default="", repr=False, compare=False)
    """Digest of the code the learner wrote (see ``submission.answer_fingerprint``)."""

    @property
    def passed(self) -> int:
        return sum(e.passed for e in self.exercises)

    @property
    def total(self) -> int:
        return sum(e.total for e in self.exercises)


@dataclass
class Grader:
    """What every submission of a run shares: the instructor's copies, the sandbox level, a
    private folder with the learners' copy of the library."""

    assignments: dict[str, Assignment]
    isolation: Isolation
    folder: Path
    library: Path
    plans: dict = field(default_factory=dict)

    @classmethod
    def create(cls, exercises: Path) -> Grader:
        """A grader for the exercise notebooks in ``exercises`` (call :meth:`close` after)."""
        folder = Path(tempfile.mkdtemp(prefix="actlearn-grade-"))
        folder.chmod(0o711)  # a learner's uid may pass through (the names are random)
        library = childlib.build(folder / "lib")
        return cls(submission.load_assignments(exercises), isolation.detect(), folder, library)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Grader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def grade(self, path: Path, timeout: float = 300.0, slot: int = 0) -> NotebookScore:
        """The score of the notebook at ``path``; never raises for anything in the file."""
        result = NotebookScore(str(path))
        try:
            cells, metadata = submission.read_cells(Path(path))
        except submission.Unreadable as exc:
            result.status = f"unreadable: {exc}"
            return result
        assignment, result.flags = submission.identify(Path(path), cells, metadata,
                                                       self.assignments)
        if assignment is None:
            result.status = f"not an exercise: {result.flags.pop()}"
            return result
        result.flags += submission.check_flags(cells, assignment)
        result.flags += submission.metadata_flags(metadata, assignment)
        result.fingerprint = assignment.stem + ":" + submission.answer_fingerprint(cells,
                                                                                  assignment)
        work = jobs.planned(assignment.exercises, self.plans)
        job = Path(tempfile.mkdtemp(dir=self.folder))
        job.chmod(0o711)
        try:
            self._run(job, cells, assignment, work, timeout, slot, result)
        finally:
            shutil.rmtree(job, ignore_errors=True)
        return result

    def _run(self, job: Path, cells: submission.Cells, assignment: Assignment,
             work: list[jobs.Planned], timeout: float, slot: int, result: NotebookScore) -> None:
        (job / "work").mkdir()
        (job / "root").mkdir()
        library = self.library
        if self.isolation.level == "process":  # it could write a shared copy: give it its own
            library = childlib.clone(self.library, job / "lib")
        jobs.write_job(job / "work", submission.schedule(cells, assignment), work)
        isolation.prepare(job / "work", slot, self.isolation)
        argv = isolation.command(self.isolation, library, job / "work", slot, timeout,
                                 job / "root")
        state = isolation.run(argv, timeout, job / "stderr.log", slot, self.isolation)
        last, errors = jobs.progress(job / "work")
        if state.startswith("setup failed"):
            result.status = f"not graded: sandbox {state}"
        elif last is None and state == "ok":
            why = (job / "stderr.log").read_text(errors="replace").strip().splitlines()[-1:]
            result.status = f"not graded: its process did not start ({''.join(why)[:200]})"
        elif state == "timeout":
            result.status = f"timed out at cell {(last or 0) + 1}"
        for index, item in enumerate(work):
            result.exercises.append(self._score(job / "work", index, item, errors, result))
        if state == "ok" and any(e.status == "not reached" for e in result.exercises):
            result.status = f"stopped at cell {(last or 0) + 1}"

    def _score(self, folder: Path, index: int, item: jobs.Planned, errors: dict[int, str],
               result: NotebookScore) -> ExerciseScore:
        if item.steps is None:
            return ExerciseScore(item.name, 0, 0, "unknown exercise")
        total = len(item.steps)
        found = jobs.read_result(folder, index, item)
        if found is None:
            return ExerciseScore(item.name, 0, total, "not reached")
        if found.borrowed:
            result.flags.append(f"{item.name}: calls actlearn's own implementation (scored 0)")
            return ExerciseScore(item.name, 0, total, "failed")
        if found.verdict is None:
            first_error = next(iter(errors.values()), "")
            hint = (found.problem + (f" (a cell raised {first_error})" if first_error else ""))
            return ExerciseScore(item.name, 0, total, "error", (hint,))
        ok, total = found.verdict.score
        status = "passed" if found.verdict.passed else "failed"
        return ExerciseScore(item.name, ok, total, status, found.verdict.hints)


def grade_notebook(path: Path, timeout: float = 300.0,
                   exercises: Path | None = None) -> NotebookScore:
    """Grade one notebook against the exercise notebooks in ``exercises`` (default:
    the checkout's ``exercises/``)."""
    from actlearn.course.files import REPO

    with Grader.create(exercises or REPO / "exercises") as grader:
        return grader.grade(Path(path), timeout)


def flag_shared_answers(results: list[NotebookScore]) -> None:
    """Flag every notebook whose written code is exactly another notebook's."""
    owners: dict[str, list[NotebookScore]] = {}
    for score in results:
        if score.fingerprint and not score.fingerprint.endswith(":"):
            owners.setdefault(score.fingerprint, []).append(score)
    for group in owners.values():
        for score in group if len(group) > 1 else ():
            others = ", ".join(o.path for o in group if o is not score)
            score.flags.append(f"same answer code as {others}")
