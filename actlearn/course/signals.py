"""Only the person running the grader may stop it: signals from learners' code are ignored.

While grading, SIGINT and SIGTERM are blocked in every thread and collected by a watcher:
one from the terminal (Ctrl-C, sent by the kernel) or from a process that is neither a
sandbox user nor a descendant of the grader (the shell, ``make``, ``kill`` typed by the
instructor) interrupts the run as Ctrl-C would; one sent by a learner's process is counted
and ignored. (In the sandbox's ``namespaces`` and ``user`` levels a learner's process cannot
signal the grader at all; this also covers the weaker ``process`` level, except SIGKILL,
which nothing can catch.)
"""

from __future__ import annotations

import _thread
import contextlib
import os
import signal
import threading
from collections.abc import Iterator

from actlearn.grading.isolation import UID_BASE

WATCHED = {signal.SIGINT, signal.SIGTERM}
ignored: list[tuple[int, int]] = []
"""(signal, sender pid) of every signal ignored so far."""


def _descends_from_me(pid: int) -> bool:
    me = os.getpid()
    for _ in range(64):
        try:
            with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return False
        if parent == me:
            return True
        if parent <= 1:
            return False
        pid = parent
    return False


def from_the_user(pid: int, uid: int) -> bool:
    """Whether a signal sent by ``pid`` (0: the kernel, i.e. the terminal) as ``uid`` is the
    instructor's."""
    if pid == 0:
        return True
    return uid < UID_BASE and not _descends_from_me(pid)


@contextlib.contextmanager
def only_the_user_interrupts() -> Iterator[None]:
    """Inside: a learner's SIGINT/SIGTERM is ignored; the user's raises KeyboardInterrupt."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
            signal, "sigtimedwait"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, WATCHED)
    # A thread started before this (a BLAS pool) may still receive them: stop cleanly then.
    handlers = {sig: signal.signal(sig, _interrupt) for sig in WATCHED}
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            info = signal.sigtimedwait(WATCHED, 0.2)
            if info is None:
                continue
            if from_the_user(info.si_pid, info.si_uid):
                _thread.interrupt_main()
            else:
                ignored.append((info.si_signo, info.si_pid))

    watcher = threading.Thread(target=watch, name="actlearn-signals", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        stop.set()
        watcher.join()
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
