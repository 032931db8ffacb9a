"""``Table``: a loaded dataset with its features, labels, names and provenance."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False, repr=False)
class Table:
    """A labelled dataset: ``data[i]`` holds the features of sample ``i``, ``target[i]`` its class.

    Attributes:
        name: short name of the dataset, e.g. ``"iris"``.
        data: float64 array ``(n_samples, n_features)``.
        target: int64 array ``(n_samples,)`` of class indices ``0 .. len(target_names) - 1``.
        feature_names: one name per column of ``data``.
        target_names: ``target_names[k]`` names class ``k``.
        description: where the data comes from, its authors and its licence.
        images: for image datasets, ``data`` reshaped to ``(n_samples, height, width)``.

    The fields cannot be reassigned; each loader call returns fresh arrays, so changing
    one loaded copy never changes another.
    """

    name: str
    data: np.ndarray
    target: np.ndarray
    feature_names: tuple[str, ...]
    target_names: tuple[str, ...]
    description: str
    images: np.ndarray | None = None

    def __post_init__(self) -> None:
        n_samples = self.data.shape[0]
        if self.data.ndim != 2 or self.data.shape[1] != len(self.feature_names):
            raise ValueError(
                f"Table {self.name!r}: data must have shape (n_samples, "
                f"{len(self.feature_names)}), got {self.data.shape}"
            )
        if self.target.shape != (n_samples,):
            raise ValueError(
                f"Table {self.name!r}: target must have shape ({n_samples},), "
                f"got {self.target.shape}"
            )
        if self.images is not None and self.images.shape[0] != n_samples:
            raise ValueError(
                f"Table {self.name!r}: images must have {n_samples} rows, "
                f"got shape {self.images.shape}"
            )

    def __len__(self) -> int:
        return self.data.shape[0]

    def __repr__(self) -> str:
        return (
            f"Table(name={self.name!r}, samples={len(self)}, "
            f"features={len(self.feature_names)}, classes={len(self.target_names)})"
        )

    def columns(self, *names: str) -> np.ndarray:
        """The named feature columns, as a float64 array ``(n_samples, len(names))``.

        >>> from actlearn.data import iris
        >>> iris().columns("sepal_length", "sepal_width").shape
        (150, 2)
        """
        if not names:
            raise ValueError(f"columns: name at least one of {list(self.feature_names)}")
        unknown = [name for name in names if name not in self.feature_names]
        if unknown:
            raise ValueError(
                f"columns: unknown feature names {unknown} for {self.name!r}; "
                f"valid names: {list(self.feature_names)}"
            )
        return self.data[:, [self.feature_names.index(name) for name in names]]
