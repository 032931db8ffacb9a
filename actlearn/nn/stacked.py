r"""Many copies of one network as one: a *stack* of B members trained side by side.

Members share a structure (one model per seed, say) but not their values. In the stack each
parameter gets a leading member axis, after being read as a matrix the way it broadcasts
against a member's activations of shape (N, features):

=====================  ==================  ==========================
member parameter       shape               in the stack
=====================  ==================  ==========================
weight matrix          (n_in, n_out)       (B, n_in, n_out)
bias / slope vector    (n,)                (B, 1, n)
scalar                 ()                  (B, 1, 1)
=====================  ==================  ==========================

Fed inputs of shape (B, N, n_in), the stack runs every member on its own inputs: matrix
products are batched over the member axis and elementwise operations broadcast, so member b's
output depends on member b's parameters alone. Hence, for the summed loss
:math:`L = \sum_b L_b`,

.. math:: \frac{\partial L}{\partial \theta_b} = \frac{\partial L_b}{\partial \theta_b},

each member gets exactly its own gradient, and an elementwise optimizer (SGD, Adam) takes
exactly its own step. A small model's time goes to the fixed cost of each NumPy call, which a
stack pays once for all its members: ``benchmarks/stacks.py`` measures 5 NALUs trained as a
stack in about the time of one, and 20 in about twice that.

The layers of :mod:`actlearn.nn` accept stacked parameters (:class:`~actlearn.nn.Linear`,
:class:`~actlearn.nn.MLP`, :class:`~actlearn.nn.PReLU`, the arithmetic units). Their
regularisers then return one value per member.

>>> from actlearn import nn
>>> nets = [nn.Linear(3, 2, rng=np.random.default_rng(seed)) for seed in range(4)]
>>> stack = stack_models(nets)
>>> stack.weight.shape, stack.bias.shape
((4, 3, 2), (4, 1, 2))
>>> x = np.random.default_rng(9).normal(size=(4, 5, 3))
>>> bool(np.array_equal(stack(x).data[2], nets[2](x[2]).data))
True
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import numpy as np

from actlearn.engine import Tensor
from actlearn.nn.module import Module


def member_shape(shape: tuple[int, ...]) -> tuple[int, ...]:
    """A member parameter's shape read as a matrix: () → (1, 1), (n,) → (1, n), (a, b) kept.

    >>> member_shape(()), member_shape((5,)), member_shape((2, 3))
    ((1, 1), (1, 5), (2, 3))
    """
    if len(shape) > 2:
        raise ValueError(f"stack_models: parameters of shape {shape} cannot be stacked (at most "
                         "2 axes: a member's activations are (N, features))")
    return (1,) * (2 - len(shape)) + tuple(shape)


def stack_models(models: Sequence[Module]) -> Module:
    """One module holding ``models`` as members (see the module docstring).

    The models must share their structure: the same parameters with the same shapes, in the
    same order. Everything that is not a parameter (an activation, ``eps``) is taken from the
    first model, so it must be the same in all. The models are not changed;
    :func:`unstack_into` copies trained values back.
    """
    models = list(models)
    if not models:
        raise ValueError("stack_models: give at least one model")
    for i, model in enumerate(models):
        if not isinstance(model, Module):
            raise TypeError(f"stack_models: model {i} must be an nn.Module, got "
                            f"{type(model).__name__}")
    first = models[0].named_parameters()
    layout = [(name, p.data.shape) for name, p in first]
    for i, model in enumerate(models[1:], start=1):
        other = [(name, p.data.shape) for name, p in model.named_parameters()]
        if other != layout:
            raise ValueError(f"stack_models: model {i} has parameters {other}, model 0 has "
                             f"{layout}; a stack needs one structure")
    stack = _clone(models[0], {})
    columns = zip(*(model.parameters() for model in models), strict=True)
    for target, members in zip(stack.parameters(), columns, strict=True):
        shape = member_shape(target.data.shape)
        target.data = np.stack([p.data.reshape(shape) for p in members])  # dtype kept
        target.grad = None
    return stack


def _clone(item: Any, memo: dict[int, Any]) -> Any:
    """A copy of ``item`` with new modules and new parameter tensors (each shared tensor
    copied once); everything else, such as bound activation functions, is shared."""
    if id(item) in memo:
        return memo[id(item)]
    if isinstance(item, Tensor) and item.requires_grad:
        clone: Any = Tensor(item.data.copy(), requires_grad=True)
    elif isinstance(item, Module):
        clone = copy.copy(item)
        memo[id(item)] = clone
        for name, value in vars(item).items():
            setattr(clone, name, _clone(value, memo))
    elif isinstance(item, (list, tuple)):
        clone = type(item)(_clone(value, memo) for value in item)
    else:
        return item
    memo[id(item)] = clone
    return clone


def unstack_into(stack: Module, models: Sequence[Module]) -> None:
    """Copy each member's parameters from ``stack`` back into ``models`` (in place)."""
    models = list(models)
    for target, members in zip(stack.parameters(), zip(*(m.parameters() for m in models),
                                                       strict=True), strict=True):
        if target.data.shape[0] != len(models):
            raise ValueError(f"unstack_into: the stack has {target.data.shape[0]} members, "
                             f"got {len(models)} models")
        for b, p in enumerate(members):
            p.data[...] = target.data[b].reshape(p.data.shape)
