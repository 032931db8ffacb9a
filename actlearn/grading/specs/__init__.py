"""The exercise specifications, one module per lesson topic (the names of :mod:`actlearn.labs`).

Each module holds an ``EXERCISES`` tuple of :class:`~actlearn.grading.spec.Exercise`; the table
in :mod:`actlearn.grading.exercises` finds every module here by name, so adding an exercise
changes nothing else.
"""
