"""fit(): batching, history, divergence, callbacks and progress display."""

import numpy as np
import pytest

from actlearn import Tensor, nn
from actlearn.data import xor
from actlearn.losses import binary_cross_entropy_with_logits, mse
from actlearn.optim import SGD, Adam
from actlearn.progress import Progress
from actlearn.training import DivergenceError, fit


def regression(n=100, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    y = X @ np.array([[1.0], [-2.0], [0.5]]) + 0.3
    return X, y


def test_fit_learns_a_linear_map_and_records_history():
    X, y = regression()
    model = nn.Linear(3, 1, rng=np.random.default_rng(1))
    history = fit(model, mse, X, y, SGD(model.parameters(), lr=0.1), epochs=30, batch_size=32,
                  rng=np.random.default_rng(2), progress=False)
    assert history.steps == 30 * 4 == len(history.epoch)
    assert history.epoch[:5] == [0, 0, 0, 0, 1]
    assert len(history.epoch_loss()) == 30
    assert history.loss[-1] < 1e-6 < history.loss[0]
    np.testing.assert_allclose(model.weight.data.ravel(), [1.0, -2.0, 0.5], atol=1e-3)
    assert history.seconds > 0


def test_steps_and_full_batch():
    X, y = regression(20)
    model = nn.Linear(3, 1, rng=np.random.default_rng(1))
    history = fit(model, mse, X, y, SGD(model.parameters(), lr=0.05), steps=7, progress=False)
    assert history.steps == 7 and set(history.epoch) == set(range(7))


def test_same_seed_same_run():
    X, y = regression()
    runs = []
    for _ in range(2):
        model = nn.Linear(3, 1, rng=np.random.default_rng(1))
        runs.append(fit(model, mse, X, y, SGD(model.parameters(), lr=0.05), epochs=2,
                        batch_size=10, rng=np.random.default_rng(5), progress=False).loss)
    assert runs[0] == runs[1]


def test_fit_solves_xor():
    X, y = xor()
    y = np.asarray(y, dtype=float).reshape(-1, 1)
    net = nn.MLP([2, 8, 1], activation="tanh", init="xavier", rng=np.random.default_rng(0))
    fit(net, binary_cross_entropy_with_logits, X, y, Adam(net.parameters(), lr=0.05),
        steps=500, progress=False)
    np.testing.assert_array_equal(net(X).data > 0, y > 0.5)


def test_divergence_stops_with_the_step_and_advice():
    X, y = regression()
    X = X * 1e3
    model = nn.Linear(3, 1, rng=np.random.default_rng(1))
    with pytest.raises(DivergenceError, match=r"step \d+ of 50.*smaller learning rate \(lr=10"):
        fit(model, mse, X, y, SGD(model.parameters(), lr=10.0), steps=50, progress=False)
    assert np.all(np.isfinite(model.weight.data))


def test_callback_records_and_progress_callable():
    X, y = regression(16)
    act = nn.PReLU()
    model = nn.Linear(3, 1, rng=np.random.default_rng(1))
    seen = []
    history = fit(
        lambda x: act(model(x)), mse, X, y, SGD(model.parameters() + act.parameters(), lr=0.01),
        steps=4, batch_size=8,
        callback=lambda step, loss: {"slope": act.weight.item()} if step % 2 == 0 else None,
        progress=lambda step, total, loss: seen.append((step, total, loss)),
    )
    assert [r["step"] for r in history.records] == [2, 4]
    assert "slope" in history.records[0]
    assert [s[:2] for s in seen] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert [s[2] for s in seen] == history.loss


def test_progress_text_bar_and_silence(capsys):
    X, y = regression(8)
    model = nn.Linear(3, 1)
    fit(model, mse, X, y, SGD(model.parameters(), lr=0.01), steps=3, progress=None)
    assert capsys.readouterr().err == ""  # automatic: nothing outside notebooks
    fit(model, mse, X, y, SGD(model.parameters(), lr=0.01), steps=3, progress=True)
    err = capsys.readouterr().err
    assert "step 3/3" in err and err.endswith("\n")


def test_widget_bar_in_a_notebook(monkeypatch):
    import actlearn.progress as progress

    monkeypatch.setattr(progress, "in_notebook", lambda: True)
    monkeypatch.setattr("IPython.display.display", lambda *args, **kwargs: None)
    bar = Progress(True, total=5)
    for step in range(1, 6):
        bar.update(step, 0.5)
    assert bar.bar.bar.value == 5 and "step 5/5" in bar.bar.label.value
    assert bar.bar.bar.bar_style == "success"


def test_bad_arguments():
    X, y = regression(10)
    model = nn.Linear(3, 1)
    opt = SGD(model.parameters(), lr=0.1)
    with pytest.raises(ValueError, match="exactly one of epochs= or steps="):
        fit(model, mse, X, y, opt)
    with pytest.raises(ValueError, match="batch_size"):
        fit(model, mse, X, y, opt, steps=1, batch_size=0)
    with pytest.raises(ValueError, match="10 rows but y has 9"):
        fit(model, mse, X, y[:9], opt, steps=1)
    with pytest.raises(TypeError, match="progress"):
        fit(model, mse, X, y, opt, steps=1, progress="yes")
    with pytest.raises(ValueError, match="positive int"):
        fit(model, mse, Tensor(X), y, opt, epochs=0)
