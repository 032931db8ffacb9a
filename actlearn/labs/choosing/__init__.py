"""Lesson 13, choosing an activation: :mod:`.comparison` (the property table from the registry),
:mod:`.cost` (measured cost per call), :mod:`.saturation` (blocked gradients against input
scale), :mod:`.gated_ffn` (GLU-family feed-forward blocks) and :mod:`.data_size` (accuracy
against training-set size on the digits, and a small regression)."""
