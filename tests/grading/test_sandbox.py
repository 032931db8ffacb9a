"""The sandbox runs an answer where hangs, exits, floods, crashes and mutations are contained."""

from __future__ import annotations

import os
import sys
import time

import numpy as np
import pytest

from actlearn.grading.sandbox import FLOOD_LIMIT, Call, Unpicklable, call_once, run_calls

X = np.array([-1.0, 0.0, 2.0])


def _one(func, timeout: float = 2.0, budget: float = 10.0):
    return run_calls(func, [Call((X.copy(),), {}, timeout)], budget=budget)[0]


def test_a_returned_value_comes_back_from_the_child():
    outcome = _one(lambda x: x * 2)
    assert outcome.status == "returned"
    np.testing.assert_array_equal(outcome.value, X * 2)
    assert not outcome.mutated and outcome.warnings == ()


def test_an_exception_becomes_a_reason_with_its_type_and_message():
    def answer(x):
        raise ValueError("bad shape")

    outcome = _one(answer)
    assert outcome.status == "raised"
    assert outcome.reason.startswith("raised ValueError: bad shape (line ")


def test_sys_exit_is_caught():
    outcome = _one(lambda x: sys.exit(3))
    assert (outcome.status, outcome.reason) == ("exited", "called sys.exit(3)")


def test_a_print_flood_is_stopped_and_nothing_reaches_the_terminal(capfd):
    def answer(x):
        while True:
            print("spam" * 10)

    outcome = _one(answer)
    captured = capfd.readouterr()
    assert outcome.status == "flood" and str(FLOOD_LIMIT) in outcome.reason
    assert "spam" not in captured.out + captured.err


def test_small_prints_are_swallowed(capfd):
    outcome = _one(lambda x: print("debug", x) or x)
    assert outcome.status == "returned"
    assert "debug" not in capfd.readouterr().out


def test_a_hang_is_stopped_after_its_timeout():
    outcome = _one(lambda x: time.sleep(60), timeout=0.3)
    assert outcome.status == "timeout"
    assert outcome.reason == "did not return within 0.3 s (stopped)"


def test_after_two_hangs_the_remaining_calls_are_skipped():
    calls = [Call((X,), {}, 0.2)] * 4
    statuses = [o.status for o in run_calls(lambda x: time.sleep(60), calls)]
    assert statuses == ["timeout", "timeout", "skipped", "skipped"]


def test_a_crash_ends_one_call_and_the_next_runs_in_a_fresh_child():
    def answer(x):
        if x[0] < 0:
            os._exit(0)
        return x

    outcomes = run_calls(answer, [Call((X,)), Call((-X,))])
    assert [o.status for o in outcomes] == ["crashed", "returned"]


def test_mutation_is_reported_and_the_callers_array_is_untouched():
    def answer(x):
        x[x < 0] = 0.0
        return x

    before = X.copy()
    outcome = run_calls(answer, [Call((X,))])[0]
    assert outcome.mutated
    np.testing.assert_array_equal(X, before)


def test_floating_point_warnings_are_recorded_not_raised():
    outcome = _one(lambda x: np.exp(x * 1000.0))
    assert outcome.status == "returned"
    assert outcome.warnings == ("RuntimeWarning: overflow encountered in exp",)


def test_an_unpicklable_result_is_described_by_its_type():
    outcome = _one(lambda x: lambda: None)
    assert isinstance(outcome.value, Unpicklable) and outcome.value.type_name == "function"


def test_call_once_runs_in_process_on_copies():
    data = X.copy()
    outcome = call_once(lambda x: x.fill(7.0), Call((data,)))
    assert outcome.status == "returned" and outcome.mutated
    np.testing.assert_array_equal(data, X)


@pytest.mark.parametrize("budget", [0.0, -1.0])
def test_no_budget_skips_every_call(budget):
    outcomes = run_calls(lambda x: x, [Call((X,))] * 2, budget=budget)
    assert [o.status for o in outcomes] == ["skipped", "skipped"]
