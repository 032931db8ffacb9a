"""One header line for every benchmark: which BLAS library and kernel ran, on how many threads.

The kernel matters: OpenBLAS picks one at load time from the CPU (or ``OPENBLAS_CORETYPE``),
and that choice alone changes a float64 matrix product by 1.4x, so two printouts are only
comparable if this line matches. ``threadpoolctl`` (a dependency of actlearn) reads the kernel
from the loaded library.

Import it after the thread-count variables are set (it imports NumPy), and call
``print(_machine.header())`` once NumPy and PyTorch are loaded: it lists the libraries loaded
by then.
"""

from __future__ import annotations

import os
import platform

import numpy as np
from threadpoolctl import threadpool_info

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _blas() -> list[str]:
    lines = []
    for lib in threadpool_info():
        if lib.get("user_api") != "blas":
            continue
        kernel = lib.get("architecture") or "?"
        lines.append(
            f"{lib.get('internal_api')} {lib.get('version')}, kernel {kernel}, "
            f"{lib.get('num_threads')} thread(s) ({os.path.basename(lib.get('filepath', ''))})"
        )
    return lines or ["no BLAS library loaded"]


def header() -> str:
    """Lines naming the CPU, NumPy, the BLAS libraries with their kernels, and thread limits."""
    threads = ", ".join(f"{v}={os.environ.get(v, 'unset')}" for v in THREAD_VARIABLES)
    blas = _blas()
    lines = [f"machine: {_cpu()}, {os.cpu_count()} CPUs; numpy {np.__version__}; {threads}"]
    lines += [f"BLAS: {line}" for line in blas]
    coretype = os.environ.get("OPENBLAS_CORETYPE")
    if coretype:
        lines.append(f"OPENBLAS_CORETYPE={coretype} (forced)")
    return "\n".join(lines)
