"""Correct answers to every exercise, written as a learner would (NumPy only).

Tests grade them to prove that a right answer passes every check; they never serve as
references (those come from the library).
"""

from __future__ import annotations

import numpy as np

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh_from_sigmoid(x):
    return 2.0 * sigmoid(2.0 * x) - 1.0


def softplus(x):
    return np.logaddexp(0.0, x)


def relu(x):
    return np.maximum(x, 0.0)


def relu_derivative(x):
    return (x > 0).astype(np.float64)


def leaky_relu(x, negative_slope=0.01):
    return np.where(x > 0, x, negative_slope * x)


def elu(x, alpha=1.0):
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def selu(x):
    return SELU_SCALE * elu(x, SELU_ALPHA)


def step(x, threshold=0.0):
    return (x >= threshold).astype(np.float64)


def softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def cross_entropy(logits, targets):
    rows = np.arange(len(targets))
    return -np.mean(log_softmax(logits)[rows, targets])


def collapse_linear(W1, b1, W2, b2):
    return W2 @ W1, W2 @ b1 + b2


def prelu_grad_a(x, a, grad_out):
    return np.sum(grad_out * np.minimum(x, 0.0))


def sigmoid_chain_gradient(x, n):
    grad, h = np.ones_like(x), x
    for _ in range(n):
        s = sigmoid(h)
        grad, h = grad * s * (1.0 - s), s
    return grad


def vanishing_depth(threshold, x=0.0):
    n = 0
    while abs(sigmoid_chain_gradient(np.asarray(x, dtype=float), n)) >= threshold:
        n += 1
    return n


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=0)
    var = ((x - mean) ** 2).mean(axis=0)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def mish_derivative(x):
    t = np.tanh(softplus(x))
    return t + x * (1.0 - t * t) * sigmoid(x)


def log_sigmoid(x):
    return -np.logaddexp(0.0, -x)


def bce_with_logits(logits, targets):
    return float(-np.mean(targets * log_sigmoid(logits) + (1 - targets) * log_sigmoid(-logits)))


def diagnose(run):
    saturated = [layer.saturated[-1] for layer in run.layers if not np.isnan(layer.saturated[-1])]
    ratio = np.median(run.update_ratio)
    if run.initial_loss > run.expected_initial_loss + 1.0:
        return "overconfident initial softmax", "scale down the last layer"
    if max(layer.dead[-1] for layer in run.layers) > 0.5:
        return "dead units", "leaky activation"
    if saturated and max(saturated) > 0.5:
        return "saturation", "gain-aware initialisation"
    if ratio > -2.0:
        return "learning rate too high", "lower the learning rate"
    if ratio < -4.0:
        return "learning rate too low", "raise the learning rate"
    return "healthy", "nothing"


ANSWERS = {
    name: value
    for name, value in dict(globals()).items()
    if callable(value) and not name.startswith("_") and name != "annotations"
}
