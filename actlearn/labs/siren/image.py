r"""Fitting a small image from pixel coordinates, for lesson 12.

The image is a shipped 8×8 digit (:func:`actlearn.data.digits`), bilinearly upsampled: a
smooth function of (x, y) that can be sampled at any resolution, so a network trained on one
grid can be checked *between* its training pixels against the same function.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from actlearn.data import digits
from actlearn.labs.siren.fit import input_gradient, make_model, predict, train
from actlearn.parallel import run_tasks


def upsample(image: np.ndarray, size: int) -> np.ndarray:
    """Bilinear interpolation of a square image onto ``size × size`` points spanning the same
    pixel centres (corners map to corners).

    >>> upsample(np.array([[0.0, 1.0], [2.0, 3.0]]), 3)
    array([[0. , 0.5, 1. ],
           [1. , 1.5, 2. ],
           [2. , 2.5, 3. ]])
    """
    n = image.shape[0]
    if image.ndim != 2 or image.shape[1] != n:
        raise ValueError(f"upsample expects a square 2-D image, got shape {image.shape}")
    t = np.linspace(0.0, n - 1.0, size)
    low = np.clip(np.floor(t).astype(int), 0, n - 2)
    frac = t - low
    rows = image[low] * (1 - frac)[:, None] + image[low + 1] * frac[:, None]
    return rows[:, low] * (1 - frac) + rows[:, low + 1] * frac


def digit_image(index: int = 0, size: int = 32) -> np.ndarray:
    """Shipped 8×8 digit number ``index``, upsampled to ``size × size``, scaled to [−1, 1]."""
    table = digits()
    image = table.data[index].reshape(8, 8) / 16.0
    return 2.0 * upsample(image, size) - 1.0


def pixel_grid(size: int) -> np.ndarray:
    """(size², 2) coordinates (x, y) in [−1, 1]², row by row (y down the rows)."""
    axis = np.linspace(-1.0, 1.0, size)
    ys, xs = np.meshgrid(axis, axis, indexing="ij")
    return np.stack([xs.ravel(), ys.ravel()], axis=1)


@dataclass(frozen=True)
class ImageFit:
    """A network fitted to an image's pixels, looked at on a finer grid: its reconstruction,
    the size of its spatial gradient |∇f| from the engine, the error at the training pixels
    and the error between them (against the same smooth image sampled finely)."""

    name: str
    reconstruction: np.ndarray
    gradient_norm: np.ndarray
    train_mse: float
    fine_mse: float


ImageTask = tuple[str, str, int, tuple[int, ...], float, int, int, float]


def image_task(task: ImageTask) -> ImageFit:
    """``(name, kind, size, hidden, omega_0, seed, steps, lr)``: fit digit 0 of the shipped
    set (:func:`digit_image`, size × size) from pixel coordinates, then evaluate on a grid
    twice as fine."""
    name, kind, size, hidden, omega_0, seed, steps, lr = task
    target, fine = digit_image(0, size), digit_image(0, 2 * size)
    model = make_model(kind, (2, *hidden, 1), omega_0, seed)
    train(model, pixel_grid(size), target.reshape(-1, 1), steps, lr)
    X_fine = pixel_grid(2 * size)
    image = predict(model, X_fine).reshape(fine.shape)
    grad = np.linalg.norm(input_gradient(model, X_fine), axis=1).reshape(fine.shape)
    train_mse = float(np.mean((predict(model, pixel_grid(size))[:, 0] - target.ravel()) ** 2))
    return ImageFit(name, image, grad, train_mse, float(np.mean((image - fine) ** 2)))


def fit_images(tasks: list[ImageTask], workers: int | None = None,
               progress: bool | None = None) -> list[ImageFit]:
    """:func:`image_task` for every task, on ``workers`` processes (results in task order)."""
    return run_tasks(image_task, tasks, workers, progress, loss_of=lambda fit: fit.train_mse)


def gradient_error(fit: ImageFit, target: np.ndarray) -> float:
    """How far a fit's gradient map is from the target's: rms(|∇f| − |∇t|) / rms(|∇t|), with
    |∇t| from central differences of ``target`` on the fit's grid (spacing 2/(n − 1) on
    [−1, 1]), as the lesson's figure draws it. 0 is a perfect match.

    >>> t = digit_image(0, 16)
    >>> rows, cols = np.gradient(t, 2.0 / 15)
    >>> exact = ImageFit("exact", t, np.hypot(rows, cols), 0.0, 0.0)
    >>> gradient_error(exact, t)
    0.0
    """
    if fit.gradient_norm.shape != target.shape:
        raise ValueError(f"gradient_error: fit's grid {fit.gradient_norm.shape} differs from "
                         f"the target's {target.shape}")
    rows, cols = np.gradient(target, 2.0 / (target.shape[0] - 1))
    norm = np.hypot(rows, cols)
    return float(np.sqrt(np.mean((fit.gradient_norm - norm) ** 2) / np.mean(norm**2)))
