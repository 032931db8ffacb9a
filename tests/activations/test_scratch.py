"""The kernels that keep scratch rows per thread (Φ's, the sine's) give each thread's calls
their own: the same values from four threads at once as from one, and from calls of every
size in between (a small call after a large one reads none of the large one's rows)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from actlearn.activations.kernels import periodic, special

KERNELS = [special.x_normal_cdf, special.normal_cdf_slope, special.erfc_positive,
           lambda x: special.x_normal_cdf_and_slope(x)[1], lambda x: periodic.sin(x, 30.0),
           lambda x: periodic.sin_and_grad(x, 30.0)[1]]


def _inputs() -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    return [np.abs(rng.standard_normal(n)) * 4 for n in (70_000, 1, 5000, 2, 30_000, 17)]


def test_threads_at_once_give_the_values_of_one_thread() -> None:
    inputs = _inputs()
    for kernel in KERNELS:
        alone = [kernel(x) for x in inputs]
        with ThreadPoolExecutor(4) as pool:
            together = list(pool.map(kernel, inputs * 4))
        for i, got in enumerate(together):
            np.testing.assert_array_equal(got, alone[i % len(inputs)])


def test_a_small_call_after_a_large_one_is_its_own() -> None:
    x = np.abs(np.random.default_rng(1).standard_normal(3)) * 4
    for kernel in KERNELS:
        before = kernel(x)
        kernel(np.full(60_000, 7.5))  # fills the kept rows with other values
        np.testing.assert_array_equal(kernel(x), before)
