r"""Two rules of thumb, measured: "the training data matters more than the activation" and
"tanh is fine for regression".

:func:`digits_learning_curves` trains one small MLP per (activation, training-set size) on the
shipped 8×8 digits and reports its accuracy on a fixed held-out set: how much accuracy moves
when the activation changes, against how much it moves when the data grows.
:func:`regression_fits` fits a smooth 1-D curve with a linear output layer and one hidden
activation each, and reports the test mean squared error.

Every run is seeded. Accuracies are counts of correct test digits divided by the test size,
so they move in steps of 1/450; a rounding difference in a matrix product (another BLAS
kernel) can move a trained network's count by a digit or two, which is why lessons compare
these numbers with generous margins rather than print them to the last digit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from actlearn import losses, nn, optim
from actlearn.data import digits, train_test_split
from actlearn.engine import no_grad
from actlearn.training import fit

#: Grey levels added to each pixel's standard deviation before standardising (as lesson 09).
STD_FLOOR = 1.0


@dataclass(frozen=True)
class LearningCurves:
    """Test accuracy ``accuracy[name][i]`` of a network with activation ``name`` trained on the
    first ``sizes[i]`` training digits; ``n_test`` digits held out."""

    sizes: tuple[int, ...]
    accuracy: dict[str, tuple[float, ...]]
    n_test: int

    def spread_across_activations(self, i: int) -> float:
        """Best minus worst accuracy over the activations at training-set size ``sizes[i]``."""
        column = [acc[i] for acc in self.accuracy.values()]
        return max(column) - min(column)

    def gain_from_data(self, name: str) -> float:
        """Accuracy at the largest training set minus accuracy at the smallest, for ``name``."""
        return self.accuracy[name][-1] - self.accuracy[name][0]


def _standardised_digits(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    table = digits()
    X_train, X_test, y_train, y_test = train_test_split(
        table.data, table.target, test_fraction=0.25, rng=np.random.default_rng(seed))
    mean, std = X_train.mean(axis=0), X_train.std(axis=0) + STD_FLOOR
    return (X_train - mean) / std, (X_test - mean) / std, y_train, y_test


def digits_learning_curves(
    activations: Sequence[str] = ("relu", "tanh", "sigmoid"),
    sizes: Sequence[int] = (50, 150, 450, 1347),
    hidden: int = 32,
    steps: int = 150,
    batch_size: int = 64,
    lr: float = 1e-2,
    seed: int = 0,
) -> LearningCurves:
    """Accuracy on 450 held-out digits of ``MLP([64, hidden, 10])`` trained by Adam for
    ``steps`` mini-batch steps (batches of ``batch_size``, or the whole set if smaller) on the
    first ``n`` of 1347 training digits, for each activation and each ``n`` in ``sizes`` (the
    same initialisation and batch order for every run).

    >>> curves = digits_learning_curves(("relu",), sizes=(50, 400), steps=100)
    >>> curves.n_test, curves.accuracy["relu"][0] < curves.accuracy["relu"][1]
    (450, True)
    """
    X_train, X_test, y_train, y_test = _standardised_digits(seed)
    if not sizes or min(sizes) < 10 or max(sizes) > len(X_train):
        raise ValueError(f"digits_learning_curves: sizes must lie in [10, {len(X_train)}], "
                         f"got {tuple(sizes)}")
    accuracy: dict[str, tuple[float, ...]] = {}
    for name in activations:
        row = []
        for n in sizes:
            net = nn.MLP([64, hidden, 10], activation=name, rng=np.random.default_rng(seed))
            fit(net, losses.cross_entropy, X_train[:n], y_train[:n],
                optim.Adam(net.parameters(), lr=lr), steps=steps, batch_size=min(n, batch_size),
                rng=np.random.default_rng(seed), progress=False)
            with no_grad():
                predicted = net(X_test).data.argmax(axis=1)
            row.append(float(np.mean(predicted == y_test)))
        accuracy[name] = tuple(row)
    return LearningCurves(tuple(sizes), accuracy, len(y_test))


def regression_target(x: np.ndarray) -> np.ndarray:
    r"""The curve to regress: :math:`\sin 2x + 0.3x` on [−2, 2].

    >>> float(regression_target(np.array([0.0]))[0])
    0.0
    """
    return np.sin(2.0 * x) + 0.3 * x


@dataclass(frozen=True)
class RegressionFit:
    """One hidden activation's fit: test MSE on a fine grid and the fitted values there."""

    name: str
    mse: float
    x: np.ndarray
    prediction: np.ndarray


def regression_fits(
    activations: Sequence[str] = ("tanh", "relu", "sigmoid"),
    target: Callable[[np.ndarray], np.ndarray] = regression_target,
    n_train: int = 64,
    noise: float = 0.1,
    hidden: int = 32,
    steps: int = 1000,
    lr: float = 1e-2,
    seed: int = 0,
) -> list[RegressionFit]:
    """Fit ``target`` on [−2, 2] from ``n_train`` noisy samples (Gaussian noise of std
    ``noise``) with ``MLP([1, hidden, hidden, 1])``, one hidden activation each, a linear
    output and squared error, trained by Adam; the MSE is measured against the noiseless curve
    on 401 points.

    >>> [fit.name for fit in regression_fits(("tanh",), steps=20)]
    ['tanh']
    """
    rng = np.random.default_rng(seed)
    x_train = rng.uniform(-2.0, 2.0, n_train)
    y_train = target(x_train) + noise * rng.normal(size=n_train)
    x_test = np.linspace(-2.0, 2.0, 401)
    fits = []
    for name in activations:
        net = nn.MLP([1, hidden, hidden, 1], activation=name, rng=np.random.default_rng(seed))
        fit(net, losses.mse, x_train[:, None], y_train[:, None],
            optim.Adam(net.parameters(), lr=lr), steps=steps, progress=False)
        with no_grad():
            prediction = net(x_test[:, None]).data[:, 0]
        mse = float(np.mean((prediction - target(x_test)) ** 2))
        fits.append(RegressionFit(name, mse, x_test, prediction))
    return fits
