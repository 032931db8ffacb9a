"""Lesson 06, smooth and self-normalising activations: :mod:`.approximations` (GELU's and the
hard variants' approximation errors), :mod:`.selfnorm` (SELU's fixed point, deep statistics)
and :mod:`.stochastic` (GELU as an averaged random mask, dropout and alpha-dropout, a SELU unit
reviving where a ReLU unit stays dead)."""
