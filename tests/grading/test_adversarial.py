"""The hostile-submission battery of issue 14, graded as one class through the CLI.

Every attack scores at most what its wrong answer earns honestly, no submission stops or
alters the run, another submission or the instructor's files, and each malformed file gets
one row with a reason.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import time
from pathlib import Path

import pytest

from actlearn.course.cli import main
from actlearn.grading import grade
from actlearn.grading.isolation import detect
from tests.grading import attacks
from tests.grading.classroom import RIGHT_RELU, instructor, notebook, submit, with_cells

#: One xdist worker takes the module (tests/workers.py): its fixture grades the battery once.
pytestmark = [
    pytest.mark.notebooks,
    pytest.mark.skipif(detect().level != "namespaces",
                       reason="the battery proves the namespaces level; weaker levels are "
                              "described (and limited) in docs/grading.md"),
]


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("battery")
    exercises = instructor(root / "exercises")
    subs = root / "submissions"
    subs.mkdir()
    base = notebook(exercises)
    paths = {name: subs / f"{name}.ipynb" for name in ("alice_right", "zed_victim")}
    paths |= {"csv": root / "scores.csv", "json": root / "scores.json"}
    submit(subs, "alice_right", with_cells(base, c5=RIGHT_RELU))
    sources = {name: attacks.wrong_then(cheat) for name, cheat in attacks.KERNEL_PATCHES.items()}
    sources |= attacks.borrowing(paths) | attacks.outside(paths) | attacks.signals(os.getpid())
    sources["constant_half"] = "def relu(x):\n    return np.full_like(x, 0.5)"
    for name, source in sources.items():
        submit(subs, name, with_cells(base, c5=source))
    for name, nb in {**attacks.structural(base), **attacks.malformed(base)}.items():
        submit(subs, name, nb)
    other = json.loads((exercises / "02-other.ipynb").read_text())
    (subs / "wrong_notebook").mkdir()
    submit(subs / "wrong_notebook", "01-mini", other)
    submit(subs, "borrowed_sigmoid", with_cells(base, c3=attacks.BORROWED_SIGMOID,
                                                c5=RIGHT_RELU))
    submit(subs, "zed_victim", with_cells(base, c5=RIGHT_RELU))
    submit(subs, "copied_file", json.loads(paths["zed_victim"].read_text()))
    victim = paths["zed_victim"].read_bytes()
    package = _digest(attacks.GRADER_PACKAGE)
    start = time.monotonic()
    code = main(["grade", str(subs), "--exercises", str(exercises), "--jobs", "2",
                 "--timeout", "60", "--csv", str(paths["csv"]), "--json", str(paths["json"])])
    elapsed = time.monotonic() - start
    csv_text = paths["csv"].read_text()
    time.sleep(2.5)  # longer than the detached writer waits
    rows = json.loads(paths["json"].read_text())
    by_name = {Path(r["notebook"]).stem if "wrong_notebook" not in r["notebook"]
               else "wrong_notebook": r for r in rows}
    return {"code": code, "rows": by_name, "paths": paths, "csv": csv_text, "victim": victim,
            "package": package, "elapsed": elapsed, "names": sources}


def _score(row: dict, exercise: str) -> tuple[int, int]:
    found = [e for e in row["exercises"] if e["exercise"] == exercise]
    assert len(found) == 1, f"{exercise} counted {len(found)} times in {row['notebook']}"
    return found[0]["passed"], found[0]["total"]


HONEST_WRONG = grade("relu", lambda x: x).score[0]


def _at_most_honest(row: dict) -> None:
    assert _score(row, "relu")[0] <= HONEST_WRONG, row
    assert row["passed"] <= 6 + HONEST_WRONG, row
    assert row["total"] == 12, row


def test_the_run_finishes_and_honest_submissions_score_full(graded):
    assert graded["code"] == 0
    assert graded["rows"]["alice_right"]["passed"] == 12
    assert graded["rows"]["zed_victim"]["passed"] == 12


@pytest.mark.parametrize("name", sorted(attacks.KERNEL_PATCHES))
def test_patching_the_grader_inside_the_notebook_earns_nothing(graded, name):
    _at_most_honest(graded["rows"][name])


@pytest.mark.parametrize("name", ["calls_activation", "captured_activation", "engine_relu"])
def test_an_answer_calling_actlearns_own_code_scores_zero_and_is_flagged(graded, name):
    row = graded["rows"][name]
    assert _score(row, "relu")[0] == 0
    assert any("own implementation" in f for f in row["flags"]), row


def test_a_decorated_library_kernel_is_refused_too(graded):
    """sigmoid's kernel is wrapped (``@quiet``): the guard reaches the function inside."""
    row = graded["rows"]["borrowed_sigmoid"]
    assert _score(row, "sigmoid")[0] == 0 and _score(row, "relu")[0] == 6
    assert any("sigmoid" in f and "actlearn's own" in f for f in row["flags"]), row


@pytest.mark.parametrize("name", ["exec_solution", "classmate_copy"])
def test_solutions_and_classmates_cannot_be_read(graded, name):
    _at_most_honest(graded["rows"][name])


def test_a_copy_of_a_classmates_file_is_flagged_with_its_original(graded):
    copy, original = graded["rows"]["copied_file"], graded["rows"]["zed_victim"]
    assert any("same answer code as" in f and "zed_victim" in f for f in copy["flags"])
    assert any("copied_file" in f for f in original["flags"])


def test_a_check_cell_changed_to_check_the_reference_is_flagged_and_ignored(graded):
    row = graded["rows"]["check_cell_reference"]
    _at_most_honest(row)
    assert any("edited" in f for f in row["flags"])


def test_duplicated_check_cells_count_once(graded):
    row = graded["rows"]["duplicated_check"]
    _at_most_honest(row)
    assert _score(row, "sigmoid") == (6, 6)
    assert any("duplicated" in f for f in row["flags"])


def test_added_check_cells_for_unassigned_exercises_earn_nothing(graded):
    row = graded["rows"]["added_check"]
    _at_most_honest(row)
    assert {e["exercise"] for e in row["exercises"]} == {"sigmoid", "relu"}
    assert any("added for step" in f for f in row["flags"])


def test_deleted_check_cells_are_still_graded_from_the_instructors_copy(graded):
    row = graded["rows"]["deleted_check"]
    _at_most_honest(row)
    assert any("deleted" in f for f in row["flags"])
    assert any("metadata" in f for f in row["flags"])


def test_the_package_cannot_be_written(graded):
    assert _digest(attacks.GRADER_PACKAGE) == graded["package"]
    assert not (attacks.SITE / "actlearn_pwned.py").exists()
    _at_most_honest(graded["rows"]["write_package"])


def test_a_classmates_notebook_cannot_be_overwritten(graded):
    assert graded["paths"]["zed_victim"].read_bytes() == graded["victim"]


def test_a_detached_process_cannot_rewrite_the_results(graded):
    assert graded["paths"]["csv"].read_text() == graded["csv"]
    assert "pwned" not in graded["paths"]["json"].read_text()


@pytest.mark.parametrize("name", ["signal_sigkill", "signal_sigint", "signal_sigterm"])
def test_signals_cannot_stop_the_run(graded, name):
    row = graded["rows"][name]
    assert _score(row, "relu")[0] <= HONEST_WRONG
    assert graded["rows"]["zed_victim"]["passed"] == 12


def test_a_constant_answer_earns_nothing(graded):
    assert _score(graded["rows"]["constant_half"], "relu") == (0, 6)


@pytest.mark.parametrize("name", ["meta_string", "meta_number", "no_source", "empty_file",
                                  "garbage", "json_list", "cells_not_list", "deep_json"])
def test_malformed_files_give_one_row_each(graded, name):
    row = graded["rows"][name]
    lines = [r for r in csv.DictReader(io.StringIO(graded["csv"]))
             if Path(r["notebook"]).stem == name]
    assert lines, name
    if name in ("meta_string", "meta_number"):  # still a notebook: graded from the cells
        assert row["passed"] == 6 and any("metadata" in f for f in row["flags"])
    else:
        assert row["status"].startswith("unreadable: ") and row["passed"] == 0
        assert "\n" not in row["status"] and len(lines) == 1


def test_nbformat_3_is_upgraded_and_graded(graded):
    assert graded["rows"]["nbformat3"]["passed"] == 12


def test_a_notebook_of_another_exercise_is_flagged(graded):
    row = graded["rows"]["wrong_notebook"]
    assert any("02-other" in f for f in row["flags"]), row
