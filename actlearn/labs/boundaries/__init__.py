"""Lesson 08, decision boundaries: :mod:`.planes` (classifiers on 2-D data sets and their
boundaries) and :mod:`.approximation` (universal approximation by ReLU pieces)."""
