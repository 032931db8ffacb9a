"""Lesson 12, SIREN: :mod:`.init` (the initialisation bound, layer-by-layer statistics),
:mod:`.fit` (fitting a signal and its derivative, the ω₀ sweep) and :mod:`.image` (fitting a digit
image and reading it between pixels)."""
