"""Lesson 15, design your own activation: :mod:`.members` (classifiers with one activation
each, trained side by side as one stack), :mod:`.flow` (a defined activation beside ReLU, GELU
and SiLU: gradient flow, training on digits, cost), :mod:`.candidates` and :mod:`.search` (a
small search for activation functions in the spirit of Ramachandran, Zoph & Le, 2017)."""
