"""Which tests share one pytest-xdist worker under ``make test`` (``--dist loadgroup``).

Some modules set up something expensive once, in a session or module fixture: a JupyterLab
server, a browser and the offline book for the browser tests; a graded class, the adversarial
battery, an nbgrader course. Split across workers, each worker would build it again (and two
JupyterLab servers and browsers would compete for the two cores). The tests of each module or
folder below therefore go to one worker, as one unit of work.

xdist's own ``xdist_group`` mark cannot do this under pytest 9: xdist 3.8 tags a grouped test
by rewriting ``item._nodeid``, which pytest 9 no longer reads, so every mark was ignored and
each worker set up its own server and graded the class again. The scheduler below decides from
the test's id alone, with xdist's public scheduler classes.

The notebook checks (20 runs of up to a minute each) are also moved to the front of the
collection: xdist hands out tests in that order, so the long ones start early and the many
short unit tests fill in around them, instead of a long one starting last while the other
worker has nothing left to do.
"""

from __future__ import annotations

#: Test-id prefix (a folder or a module, relative to the repository) -> its worker group.
SHARED_WORKER: dict[str, str] = {
    "tests/browser/": "browser",
    "tests/course/test_grade_solutions.py": "grade_solutions",
    "tests/course/test_grade_class.py": "grade_class",
    "tests/course/test_nbgrader_export.py": "nbgrader_export",
    "tests/grading/test_adversarial.py": "adversarial",
}


def shared_group(nodeid: str) -> str | None:
    """The worker group of a test id, or None for a test that may run anywhere."""
    for prefix, group in SHARED_WORKER.items():
        if nodeid.startswith(prefix):
            return group
    return None


def make_scheduler(config, log):
    """A LoadGroup scheduler whose groups come from :data:`SHARED_WORKER`, for
    ``--dist loadgroup``; None (xdist's own choice) for any other mode."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class SharedWorkerScheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return shared_group(nodeid) or super()._split_scope(nodeid)

    return SharedWorkerScheduling(config, log)


#: Tests that take tens of seconds each, started first (see the module docstring).
LONG_FIRST = ("tests/test_notebooks.py::test_runs_under_nbval_strict",)


def long_ones_first(items: list) -> None:
    """Reorder ``items`` in place: those under :data:`LONG_FIRST` first, each part in its
    collected order."""
    items.sort(key=lambda item: not item.nodeid.startswith(LONG_FIRST))
