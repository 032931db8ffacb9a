"""Run a learner's function where it can be stopped.

``run_calls(func, calls)`` calls ``func`` once per :class:`Call` in a forked child process
(Linux, macOS) and returns one :class:`Outcome` per call. The child swaps stdout/stderr for
a capped buffer and points file descriptors 1 and 2 at ``/dev/null``, so nothing the answer
prints reaches the notebook; it records warnings instead of showing them, reports whether
the arguments were mutated, and times each call. A call that exceeds its time limit gets its
child killed; the remaining calls continue in a fresh child until the total budget is spent.
Without ``os.fork`` (Windows) the calls run in-process: everything but the time limit holds.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import pickle
import select
import signal
import struct
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

FLOOD_LIMIT = 10_000
"""Characters an answer may print before it counts as a flood and is stopped."""

_LENGTH = struct.Struct("!Q")


@dataclass(frozen=True)
class Call:
    """One call ``func(*args, **kwargs)``, stopped after ``timeout`` seconds."""

    args: tuple[Any, ...]
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    timeout: float = 5.0


@dataclass(frozen=True)
class Outcome:
    """What one call did.

    ``status`` is ``"returned"``, ``"raised"``, ``"exited"`` (``sys.exit``), ``"flood"``,
    ``"timeout"``, ``"crashed"`` (the process died) or ``"skipped"`` (no budget left);
    ``reason`` says it in words for every status but ``"returned"``.
    """

    status: str
    value: Any = None
    reason: str = ""
    warnings: tuple[str, ...] = ()
    mutated: bool = False
    elapsed: float = 0.0

    @property
    def returned(self) -> bool:
        return self.status == "returned"


class _Flood(BaseException):
    """Raised inside the answer once it has printed more than FLOOD_LIMIT characters."""


class _CappedText(io.TextIOBase):
    def __init__(self, limit: int) -> None:
        self.left = limit

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.left -= len(text)
        if self.left < 0:
            raise _Flood
        return len(text)


class Unpicklable:
    """Stands for a returned object that could not be sent back from the child."""

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<{self.type_name} object>"


def _snapshot(values: Sequence[Any]) -> list[Any]:
    return [np.array(v, copy=True) if isinstance(v, np.ndarray) else None for v in values]


def _changed(before: Any, after: Any) -> bool:
    if before is None:
        return False
    if before.shape != after.shape or before.dtype != after.dtype:
        return True
    return not np.array_equal(before, after, equal_nan=before.dtype.kind in "fc")


def _describe_exception(exc: BaseException) -> str:
    last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" (line {last[0].lineno})" if last and last[0].lineno else ""
    text = str(exc).strip()
    return f"{type(exc).__name__}{': ' + text if text else ''}{where}"


def call_once(func: Callable[..., Any], call: Call) -> Outcome:
    """Run one call on copies of its arguments, capturing output, warnings and exits."""
    args, kwargs = copy.deepcopy((tuple(call.args), dict(call.kwargs)))
    values = list(args) + list(kwargs.values())
    before = _snapshot(values)
    sink = _CappedText(FLOOD_LIMIT)
    start = time.process_time()  # CPU time: other processes' load does not count
    status, value, reason = "returned", None, ""
    with contextlib.ExitStack() as stack:
        caught = stack.enter_context(warnings.catch_warnings(record=True))
        warnings.simplefilter("always")
        stack.enter_context(np.errstate(over="warn", invalid="warn", divide="warn"))
        stack.enter_context(contextlib.redirect_stdout(sink))
        stack.enter_context(contextlib.redirect_stderr(sink))
        try:
            value = func(*args, **kwargs)
        except _Flood:
            status, reason = "flood", f"printed more than {FLOOD_LIMIT} characters"
        except SystemExit as exc:
            status, reason = "exited", f"called sys.exit({exc.code!r})"
        except BaseException as exc:  # noqa: BLE001 (an answer may raise anything)
            status, reason = "raised", f"raised {_describe_exception(exc)}"
    elapsed = time.process_time() - start
    mutated = any(_changed(b, a) for b, a in zip(before, values, strict=True))
    messages = tuple(f"{w.category.__name__}: {w.message}" for w in caught)
    return Outcome(status, value, reason, messages, mutated, elapsed)


def _send(fd: int, outcome: Outcome) -> None:
    try:
        payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 (any object may fail to pickle)
        stand_in = Unpicklable(type(outcome.value).__name__)
        payload = pickle.dumps(
            Outcome(
                outcome.status,
                stand_in,
                outcome.reason,
                outcome.warnings,
                outcome.mutated,
                outcome.elapsed,
            )
        )
    data = _LENGTH.pack(len(payload)) + payload
    while data:
        data = data[os.write(fd, data) :]


def _child(func: Callable[..., Any], calls: Sequence[Call], fd: int) -> None:
    """Body of the forked child: never returns."""
    code = 0
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        sys.stdout = sys.stderr = _CappedText(0)
        for call in calls:
            _send(fd, call_once(func, call))
    except BaseException:  # noqa: BLE001 (the child must reach os._exit)
        code = 1
    finally:
        os._exit(code)


def _read_exactly(fd: int, size: int, deadline: float) -> bytes | None:
    chunks, left = [], size
    while left:
        wait = deadline - time.monotonic()
        if wait <= 0 or not select.select([fd], [], [], wait)[0]:
            return None
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return b""
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _stop(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _fork_and_collect(
    func: Callable[..., Any], calls: Sequence[Call], budget: float
) -> Iterator[Outcome]:
    """Outcomes of ``calls`` from one child, ending with a timeout or crash if it stops early."""
    read_fd, write_fd = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork in a threaded kernel
        pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(func, calls, write_fd)
    os.close(write_fd)
    end = time.monotonic() + budget
    try:
        for call in calls:
            deadline = min(end, time.monotonic() + call.timeout + 0.5)
            header = _read_exactly(read_fd, _LENGTH.size, deadline)
            body = _read_exactly(read_fd, _LENGTH.unpack(header)[0], deadline) if header else header
            if body is None or header is None:
                yield Outcome(
                    "timeout", reason=f"did not return within {call.timeout:g} s (stopped)"
                )
                return
            if not body:
                yield Outcome("crashed", reason="ended the Python process (os._exit or a crash)")
                return
            yield pickle.loads(body)
    finally:
        os.close(read_fd)
        _stop(pid)


def run_calls(
    func: Callable[..., Any], calls: Sequence[Call], budget: float = 30.0, max_timeouts: int = 2
) -> list[Outcome]:
    """Run every call of ``func``; a call that hangs or crashes does not stop the others.

    ``budget`` bounds the total seconds spent; calls left when it runs out, or after
    ``max_timeouts`` calls hung, are ``"skipped"``.
    """
    if not hasattr(os, "fork"):
        return [call_once(func, call) for call in calls]
    outcomes: list[Outcome] = []
    end = time.monotonic() + budget
    while len(outcomes) < len(calls):
        left = end - time.monotonic()
        hangs = sum(o.status == "timeout" for o in outcomes)
        if left <= 0 or hangs >= max_timeouts:
            skipped = Outcome("skipped", reason="not run: earlier calls hung")
            outcomes += [skipped] * (len(calls) - len(outcomes))
            break
        outcomes += _fork_and_collect(func, calls[len(outcomes) :], left)
    return outcomes
