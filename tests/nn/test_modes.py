"""Module.train()/eval(): one flag, set on a module and all of its sub-modules."""

import numpy as np
import pytest

from actlearn import nn


def test_new_modules_train_and_eval_recurses_through_lists():
    bn = nn.BatchNorm1d(4)
    net = nn.MLP([3, 4, 2], activation=[bn], rng=np.random.default_rng(0))
    modules = list(net.modules())
    assert modules[0] is net and bn in modules and len(modules) == 4  # net, 2 Linear, bn
    assert all(m.training for m in modules)
    assert net.eval() is net
    assert not any(m.training for m in modules)
    assert net.train() is net and all(m.training for m in modules)
    net.train(False)
    assert not bn.training


def test_eval_changes_what_a_batchnorm_inside_an_mlp_computes():
    bn = nn.BatchNorm1d(4)
    net = nn.MLP([3, 4, 2], activation=[bn], rng=np.random.default_rng(0))
    x = np.random.default_rng(1).normal(size=(5, 3))
    trained = net(x).data
    net.eval()
    assert not np.allclose(net(x).data, trained)
    net(x[:1])  # one row works in eval mode


def test_subclasses_without_super_init_and_shared_modules():
    class Twice(nn.Module):
        def __init__(self):
            layer = nn.Linear(2, 2)
            self.pair = (layer, layer)

        def forward(self, x):
            return self.pair[1](self.pair[0](x))

    model = Twice()
    assert model.training and len(list(model.modules())) == 2
    model.eval()
    assert not model.pair[0].training


def test_mode_must_be_a_bool():
    with pytest.raises(ValueError, match="mode must be True or False"):
        nn.Linear(2, 2).train("eval")
