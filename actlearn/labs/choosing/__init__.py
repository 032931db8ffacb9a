"""Lesson 13, choosing an activation: :mod:`.comparison` (the property table from the registry),
:mod:`.cost` (measured cost per call), :mod:`.saturation` (blocked gradients against input
scale) and :mod:`.gated_ffn` (GLU-family feed-forward blocks)."""
