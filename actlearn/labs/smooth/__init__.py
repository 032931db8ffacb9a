"""Lesson 06, smooth and self-normalising activations: :mod:`.approximations` (GELU's and the
hard variants' approximation errors) and :mod:`.selfnorm` (SELU's fixed point, deep statistics)."""
