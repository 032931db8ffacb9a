"""Network parts on the engine: layers, normalisation, initialisers and attention.

>>> import numpy as np
>>> from actlearn import nn
>>> net = nn.MLP([4, 16, 3], activation="relu", rng=np.random.default_rng(0))
>>> len(net.parameters())
4
"""

from actlearn.nn import init
from actlearn.nn.attention import scaled_dot_product_attention
from actlearn.nn.batchnorm import BatchNorm1d
from actlearn.nn.layernorm import LayerNorm
from actlearn.nn.linear import Linear
from actlearn.nn.mlp import MLP
from actlearn.nn.module import Module
from actlearn.nn.nalu import NAC, NALU, NAU, NMU
from actlearn.nn.prelu import PReLU
from actlearn.nn.siren import Siren

__all__ = [
    "MLP",
    "NAC",
    "NALU",
    "NAU",
    "NMU",
    "BatchNorm1d",
    "LayerNorm",
    "Linear",
    "Module",
    "PReLU",
    "Siren",
    "init",
    "scaled_dot_product_attention",
]
