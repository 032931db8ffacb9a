"""Which OpenBLAS kernels this machine can run besides the one OpenBLAS picks for its CPU.

A stored notebook output must come out the same whatever BLAS library, kernel, thread count
and CPU a learner's NumPy uses: a training run amplifies the last-bit differences of matrix
products. The notebook tests re-run the lessons with OpenBLAS forced onto other x86-64 kernels
(``OPENBLAS_CORETYPE``, set per subprocess), so an output printed too precisely fails here
instead of on a learner's machine.
"""

from __future__ import annotations

import platform
from functools import cache
from pathlib import Path

import numpy as np

#: Kernels to force, with the CPU flag each needs (forcing one the CPU lacks would crash).
ALTERNATES: dict[str, str] = {"Haswell": "avx2", "Sandybridge": "avx"}


def blas_name() -> str:
    """The BLAS library NumPy was built with, as NumPy names it ("scipy-openblas", "blas", …)."""
    try:
        config = np.show_config(mode="dicts")
        return str(config["Build Dependencies"]["blas"]["name"]).lower()
    except Exception:  # noqa: BLE001 (an unusual NumPy build: say so, do not crash)
        return "unknown"


def _cpu_flags() -> set[str]:
    cpuinfo = Path("/proc/cpuinfo")
    if not cpuinfo.exists():
        return set()
    for line in cpuinfo.read_text().splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


@cache
def alternate_kernels() -> tuple[tuple[str, ...], str]:
    """(the kernels this machine can force, why the others cannot be)."""
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return (), f"OPENBLAS_CORETYPE names x86-64 kernels; this CPU is {platform.machine()}"
    if "openblas" not in blas_name():
        return (), f"NumPy uses {blas_name()}, not OpenBLAS"
    flags = _cpu_flags()
    usable = tuple(k for k, flag in ALTERNATES.items() if flag in flags)
    missing = [k for k in ALTERNATES if k not in usable]
    return usable, (f"this CPU lacks the instructions of {', '.join(missing)}" if missing else "")
