"""The worker groups of ``make test``: each names tests that exist, and only those."""

from __future__ import annotations

from actlearn.course.files import REPO
from tests.workers import SHARED_WORKER, long_ones_first, shared_group


def test_every_group_names_a_folder_or_module_that_exists() -> None:
    for prefix in SHARED_WORKER:
        path = REPO / prefix
        assert path.is_dir() if prefix.endswith("/") else path.is_file(), prefix


def test_a_test_id_finds_its_group_and_others_run_anywhere() -> None:
    assert shared_group("tests/browser/test_lessons_in_lab.py::test_x[lessons/07.ipynb]") == (
        "browser"
    )
    assert shared_group("tests/grading/test_adversarial.py::test_y[patch]") == "adversarial"
    assert shared_group("tests/grading/test_plumbing.py::test_z") is None
    assert shared_group("tests/browserish/test_a.py::test_b") is None


def test_the_long_tests_move_to_the_front_in_their_own_order() -> None:
    class Item:
        def __init__(self, nodeid: str) -> None:
            self.nodeid = nodeid

    ids = ["tests/a.py::t1", "tests/test_notebooks.py::test_runs_under_nbval_strict[l/00]",
           "tests/b.py::t2", "tests/test_notebooks.py::test_runs_under_nbval_strict[l/04]",
           "tests/test_notebooks.py::test_outputs_are_stored[x]"]
    items = [Item(i) for i in ids]
    long_ones_first(items)
    assert [i.nodeid for i in items] == [ids[1], ids[3], ids[0], ids[2], ids[4]]
