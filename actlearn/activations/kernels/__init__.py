"""The NumPy kernels: forward passes and derivatives of every activation, grouped by family
(:mod:`.piecewise`, :mod:`.sigmoidal`, :mod:`.exponential`, :mod:`.gated`, :mod:`.periodic`,
:mod:`.vector`), with :mod:`.special` (erf, erfc, Φ) and :mod:`._util` (shared pieces).

These are raw formulas; :mod:`actlearn.activations.registry` binds parameters, validates input
and is the one place the rest of the package reads them from.
"""
