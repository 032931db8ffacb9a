"""Lesson 05, the ReLU family: :mod:`.family` (sparsity, dead units, scale invariance) and
:mod:`.training` (PReLU learning its slope, the dying-ReLU runs)."""
