"""Lesson 11, NALU: :mod:`.models` (training NAC/NALU/NAU/NMU and MLPs, one by one or stacked),
:mod:`.bench` (the arithmetic extrapolation benchmark) and :mod:`.extrapolation` (an MLP
learning the identity, per activation)."""
