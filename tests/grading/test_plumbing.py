"""The parts of class grading one at a time: plain data, check-cell flags, guards, gating."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pytest

import actlearn as al
from actlearn.blas import THREAD_VARIABLES
from actlearn.course import submission
from actlearn.course.signals import from_the_user
from actlearn.grading import grade, wire
from actlearn.grading.borrowing import GUARDS, BorrowedReference, _functions, guarded
from actlearn.grading.grader import UNCOUNTED
from actlearn.grading.isolation import UID_BASE, Isolation, environment
from tests.grading.classroom import RIGHT_RELU, instructor, notebook, with_cells


def test_plain_data_round_trips_and_anything_else_becomes_opaque():
    rng = np.random.default_rng(5)
    value = (np.arange(3.0), 2.5, 7, np.float64(1.5), "s", None, True, [1, {"k": np.ones(2)}],
             rng, object(), np.array([object()]))
    back = wire.loads(*wire.dumps(value))
    assert np.array_equal(back[0], value[0]) and back[1:7] == value[1:7]
    assert type(back[3]) is np.float64
    assert back[8].random() == np.random.default_rng(5).random()
    assert isinstance(back[9], wire.Opaque) and isinstance(back[10], wire.Opaque)


def test_a_library_record_is_rebuilt_only_where_asked():
    """diagnose's argument, a TrainingRun (LayerRecords inside), reaches the learner's process
    as itself; the grader reading a result gets Opaque for it, and for a forged record."""
    from actlearn.labs.training.diagnosis import broken_run

    run = broken_run("dead units")
    nested = {"steps": [("grade", 0, {"calls": [{"args": [run], "kwargs": {}}]})]}
    text, blob = wire.dumps(nested)
    back = wire.loads(text, blob, records=True)["steps"][0][2]["calls"][0]["args"][0]
    assert type(back) is type(run) and back.num_classes == run.num_classes
    assert np.array_equal(back.layers[0].pre, run.layers[0].pre)
    assert back.layers[0].name == run.layers[0].name
    assert isinstance(wire.loads(text, blob)["steps"][0][2]["calls"][0]["args"][0], wire.Opaque)
    forged = json.dumps({"t": "record", "type": "TrainingRun", "v": {"loss": 1}})
    assert isinstance(wire.loads(forged, blob, records=True), wire.Opaque)  # other fields
    alien = json.dumps({"t": "record", "type": "Popen", "v": {}})
    assert isinstance(wire.loads(alien, blob, records=True), wire.Opaque)  # not a record


def test_a_pickle_is_never_loaded():
    text, _ = wire.dumps({"a": np.ones(2)})
    with pytest.raises(ValueError, match="unreadable"):
        wire.loads(text, pickle.dumps(np.ones(2)))
    assert isinstance(wire.loads(json.dumps({"t": "array", "k": "x"}), wire.dumps(0)[1]),
                      wire.Opaque)


def test_a_compressed_bomb_is_refused_before_it_is_unpacked():
    import io

    buffer = io.BytesIO()
    np.savez_compressed(buffer, a0=np.zeros(wire.MAX_BYTES // 8 + 1))
    with pytest.raises(ValueError, match="too large"):
        wire.loads(json.dumps({"t": "array", "k": "a0"}), buffer.getvalue())


def test_check_cells_are_compared_with_the_instructors(tmp_path):
    folder = instructor(tmp_path)
    assignment = submission.Assignment.from_file(folder / "01-mini.ipynb")
    assert assignment.exercises == [("sigmoid", "sigmoid"), ("relu", "relu")]
    cells = [(c["cell_type"], "".join(c["source"])) for c in notebook(folder)["cells"]]
    assert submission.check_flags(cells, assignment) == []
    edited = list(cells)
    edited[6] = ("code", '# NBVAL_CHECK_OUTPUT\ncheck("relu", lambda x: x)')
    assert submission.check_flags(edited, assignment) == ["cell 7: check cell for relu edited"]
    assert submission.check_flags(cells[:6], assignment) == ["check cell for relu deleted"]


def test_nbformat_3_is_upgraded(tmp_path):
    import nbformat

    nb = nbformat.reads(json.dumps(with_cells(notebook(instructor(tmp_path)), c5=RIGHT_RELU)),
                        as_version=4)
    path = tmp_path / "v3.ipynb"
    path.write_text(nbformat.writes(nbformat.convert(nb, 3)))
    cells, _ = submission.read_cells(path)
    assert RIGHT_RELU in [source for _, source in cells]


def test_the_guard_refuses_the_reference_only_inside_and_only_for_its_exercise():
    relu = al.activation("relu")
    with guarded("relu"):
        with pytest.raises(BorrowedReference):
            relu(np.array([1.0]))
        with pytest.raises(BorrowedReference):
            al.Tensor(np.array([1.0])).relu()
        assert al.activation("sigmoid")(np.array(0.0)) == 0.5  # other exercises' code works
    assert relu(np.array([-1.0, 2.0])).tolist() == [0.0, 2.0]


_REGISTRY_GUARDS = [(exercise, target) for exercise, targets in GUARDS.items()
                    for target in targets if target.split(":")[0] in ("activation", "derivative")]


@pytest.mark.parametrize(("exercise", "target"), _REGISTRY_GUARDS,
                         ids=[f"{e}-{t}" for e, t in _REGISTRY_GUARDS])
def test_every_guarded_activation_refuses_however_its_kernel_is_decorated(exercise, target):
    """``@quiet`` kernels keep their function in a closure: the guard must reach it too."""
    kind, _, name = target.partition(":")
    f = al.activation(name)
    call = f if kind == "activation" else f.derivative
    x = np.linspace(-2.0, 2.0, 5)
    with guarded(exercise):
        with pytest.raises(BorrowedReference):
            call(x)
    assert np.all(np.isfinite(call(x)))  # restored afterwards


@pytest.mark.parametrize("exercise", sorted(GUARDS))
def test_every_guard_target_names_code_that_exists(exercise):
    for target in GUARDS[exercise]:
        assert _functions(target), f"{exercise}: {target} guards nothing"


def test_form_checks_count_only_with_right_values():
    verdict = grade("relu", lambda x: np.full_like(x, 0.5))
    assert verdict.score == (0, 6)
    assert sum(c.detail == UNCOUNTED for c in verdict.checks) >= 3


def test_a_learners_process_gets_one_blas_thread_and_nothing_of_the_graders(monkeypatch):
    monkeypatch.setenv("ACTLEARN_SECRET", "instructor only")
    env = environment()
    assert all(env[name] == "1" for name in THREAD_VARIABLES)  # BLIS, Accelerate and MKL too
    assert "ACTLEARN_SECRET" not in env and env["HOME"] == "/tmp"


def test_the_run_names_a_weak_sandbox():
    assert "runs as root" in Isolation("process", True).describe()
    assert "world-readable" in Isolation("user", True).describe()
    assert "no network" in Isolation("namespaces", False).describe()


def test_only_the_user_may_interrupt():
    assert from_the_user(0, 0)  # the terminal's Ctrl-C
    assert not from_the_user(12345, UID_BASE + 1)  # a learner's uid
