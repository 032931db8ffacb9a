"""actlearn.plots.training: the dashboards draw exactly the recorded numbers."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from actlearn.labs.training.experiments import Config, run
from actlearn.plots import training as plots
from tests.figure_summary import assert_labelled, lines

SHORT = Config(steps=30, record_every=10, depth=3, width=16)


def test_the_dashboard_shows_the_loss_histograms_fractions_and_ratios_of_its_run() -> None:
    fig = plots.dashboard_plot("tanh", "3 × gain-aware", "none", 0.1)
    assert_labelled(fig, 4)
    result = run(Config(init="3 × gain-aware"))
    record = result.run
    loss = lines(fig, 0)
    x, y = loss[result.config.label()]
    np.testing.assert_allclose(y, np.convolve(record.loss, np.ones(10) / 10, mode="valid"))
    np.testing.assert_allclose(loss["log C = log 10"][1], math.log(10))
    spans_a_decade = max(y.max(), math.log(10)) > plots.LOG_SPAN * min(y.min(), math.log(10))
    assert fig.axes[0].get_yscale() == ("log" if spans_a_decade else "linear")
    fractions = lines(fig, 2)
    for i, layer in enumerate(record.layers):
        np.testing.assert_array_equal(fractions[f"layer {i + 1}"][1], layer.saturated)
    ratios = lines(fig, 3)
    assert len(ratios) == record.update_ratio.shape[1]
    np.testing.assert_allclose(ratios["W1"][1][0], record.update_ratio[:10, 0].mean())
    assert fig.get_suptitle() == (f"tanh, 3 × gain-aware, lr 0.1: test accuracy "
                                  f"{result.test_accuracy:.0%}")


def test_histograms_are_per_layer_densities_on_shared_bins() -> None:
    record = run(SHORT).run
    fig = plots.histograms_plot(record)
    assert_labelled(fig, 6)
    assert fig.axes[1].get_title() == "activation f(z) at step 0"
    assert fig.axes[4].get_title() == "activation f(z) at step 20"
    edges, counts = record.histograms("act", record=-1, bins=40)
    drawn = lines(fig, 4)
    for i in range(len(record.layers)):
        np.testing.assert_allclose(drawn[f"layer {i + 1}"][1], counts[i] / counts[i].sum())
    np.testing.assert_allclose(drawn["layer 1"][0], (edges[:-1] + edges[1:]) / 2)


def test_a_relu_run_draws_its_dead_fractions() -> None:
    record = run(replace(SHORT, activation="relu", bias=-1.0)).run
    fig = plots.fractions_plot([record], ["biases −1"])
    assert fig.axes[0].get_title() == "biases −1"
    drawn = lines(fig, 0)
    np.testing.assert_array_equal(drawn["layer 3"][1], record.layers[2].dead)
    assert drawn["layer 3"][1][0] > 0.5


def test_ratios_side_by_side_and_a_diverged_run_says_so() -> None:
    results = [run(replace(SHORT, lr=lr)) for lr in (0.01, 0.1)]
    fig = plots.ratios_plot(results)
    assert [ax.get_title() for ax in fig.axes] == ["lr = 0.01", "lr = 0.1"]
    low, high = lines(fig, 0)["W1"][1], lines(fig, 1)["W1"][1]
    assert np.all(high > low)
    assert fig.axes[0].get_ylim() == fig.axes[1].get_ylim()
    diverged = plots.dashboard_plot("relu", "3 × gain-aware", "none", 1.0)
    assert "diverged" in diverged.get_suptitle()
    assert any("diverged" in t.get_text() for t in diverged.axes[1].texts)


def test_fixes_plot_draws_one_loss_curve_and_one_bar_per_run() -> None:
    results = [run(SHORT), run(replace(SHORT, norm="batch"))]
    fig = plots.fixes_plot(results, ["plain", "batch norm"])
    assert_labelled(fig, 2)
    assert set(lines(fig, 0)) == {"plain", "batch norm", "log C = log 10"}
    heights = [p.get_height() for p in fig.axes[1].patches]
    np.testing.assert_allclose(heights, [100 * r.test_accuracy for r in results])


def test_fixes_plot_smooths_only_when_asked() -> None:
    result = run(SHORT)
    raw = lines(plots.fixes_plot([result], ["plain"], smooth=1), 0)["plain"][1]
    np.testing.assert_array_equal(raw, result.run.loss)


def test_the_loss_axis_is_logarithmic_only_when_the_curves_span_a_wide_range() -> None:
    stuck = plots.dashboard_plot("sigmoid", "gain-aware", "none", 0.1)  # loss stays near log 10
    assert stuck.axes[0].get_yscale() == "linear"
    assert stuck.axes[0].get_ylabel() == "cross-entropy"
    learning = plots.dashboard_plot("tanh", "gain-aware", "none", 0.1)  # falls well below 1
    assert learning.axes[0].get_yscale() == "log"
    assert learning.axes[0].get_ylabel() == "cross-entropy (log scale)"
