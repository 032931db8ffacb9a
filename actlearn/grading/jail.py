"""Enter the sandbox, then become the learner's process: ``python -I -S jail.py SPEC_JSON``.

Run by the grader (through ``unshare`` when namespaces are available), with the standard
library only. In order: with ``spec["root"]``, build a new root on a tmpfs holding a private
``/tmp`` and ``/proc``, then read-only binds of the system and Python folders and the library
copy, and the job folder (a bind under /tmp lands inside the private one), and ``chroot``
into it; set the resource limits; drop every capability (and the bounding set, so no
``exec`` regains them); switch to ``spec["uid"]`` when given; die with the process that
started it (``PR_SET_PDEATHSIG``, which the uid change resets); ``exec`` the worker with a
scrubbed environment. Any failure before the exec exits with status 111 and one line on
stderr.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import sys

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 1, 24, 38
SETUP_FAILED = 111
_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int,
           data: str | None = None) -> None:
    def raw(text: str | None) -> bytes | None:
        return text.encode() if text is not None else None

    _check(_libc.mount(raw(source), raw(target), raw(fstype), ctypes.c_ulong(flags), raw(data)),
           f"mount {source} on {target}")


def _bind(root: str, source: str, target: str, writable: bool) -> None:
    inside = root + target
    if os.path.islink(source) and not writable:
        os.makedirs(os.path.dirname(inside), exist_ok=True)
        os.symlink(os.readlink(source), inside)
        return
    if os.path.isdir(source):
        os.makedirs(inside, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(inside), exist_ok=True)
        open(inside, "a").close()  # noqa: SIM115 (a mount point)
    _mount(source, inside, None, MS_BIND | MS_REC)
    if not writable:
        kept = os.statvfs(source).f_flag & (MS_NOSUID | MS_NODEV | MS_NOEXEC)
        _mount(None, inside, None, MS_REMOUNT | MS_BIND | MS_RDONLY | kept)


def build_root(root: str, binds: list[list]) -> None:
    """A tmpfs at ``root`` with ``binds`` ([source, target, writable]), /proc and /tmp."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=16m")
    # /tmp and /proc first: a bind whose path lies under /tmp (a checkout or virtual
    # environment in /tmp) is then mounted inside the private /tmp instead of hidden by it.
    os.makedirs(root + "/proc", exist_ok=True)
    _mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    os.makedirs(root + "/tmp", exist_ok=True)
    _mount("tmpfs", root + "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777,size=64m")
    for source, target, writable in binds:
        if os.path.lexists(source):
            _bind(root, source, target, writable)
    os.chroot(root)


def set_limits(limits: dict[str, int]) -> None:
    """``resource.setrlimit`` for each ``RLIMIT_<NAME>: value`` (soft and hard)."""
    for name, value in limits.items():
        resource.setrlimit(getattr(resource, f"RLIMIT_{name}"), (value, value))


def drop_privileges(uid: int | None, gid: int | None) -> None:
    """No capability can come back (bounding set emptied, no new privileges); then the uid."""
    if uid is not None:
        os.setgroups([])
        os.setgid(gid if gid is not None else uid)
    for cap in range(64):
        _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)  # fails harmlessly past the last cap
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    if uid is not None:
        os.setuid(uid)
    _check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "pdeathsig")  # reset by setuid


def main(spec: dict) -> None:
    """Enter the sandbox that ``spec`` describes and exec ``spec["argv"]``."""
    try:
        if spec.get("root"):
            build_root(spec["root"], spec["binds"])
        os.chdir(spec["cwd"])
        os.umask(0o077)
        set_limits(spec["limits"])
        drop_privileges(spec.get("uid"), spec.get("gid"))
    except Exception as exc:  # noqa: BLE001 (report and stop: never run unconfined)
        print(f"sandbox setup failed: {exc}", file=sys.stderr, flush=True)
        os._exit(SETUP_FAILED)
    os.execve(spec["argv"][0], spec["argv"], spec["env"])


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
