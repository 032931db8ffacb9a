"""The experiments behind each lesson, one module or sub-package per topic.

The topic names are the lessons' (``neuron`` 01, ``linear`` 02, ``sigmoid`` 03, ``gradients`` 04,
``relu`` 05, ``smooth`` 06, ``softmax`` 07, ``boundaries`` 08, ``engine`` 09, ``attention`` 10,
``nalu`` 11, ``siren`` 12, ``choosing`` 13); :mod:`actlearn.plots`, :mod:`actlearn.widgets` and
:mod:`actlearn.grading.specs` use the same names. A lab computes; it never draws or prints.
"""
