"""nnlib.landscape and nnlib.training_run: directions, the vectorised grid, the PCA path and the cached asset.

The scenes drawn from it are tested in test_real_cost_surface."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import Network, NNLibError
from nnlib.landscape import (checkpoint_costs, compute_landscape, costs_in_span, filter_normalized_direction,
                             grid_costs, interpolation_costs, load_landscape, save_landscape, train_with_checkpoints,
                             trajectory_plane)

SIZES = (784, 16, 16, 10)


@pytest.fixture(scope="module")
def data():
    """400 seeded random 'images' with labels: enough to test the maths without MNIST."""
    rng = np.random.default_rng(7)
    return rng.random((400, 784)), rng.integers(0, 10, 400)


@pytest.fixture(scope="module")
def run(data):
    """A short real training run (3 epochs, 4 checkpoints each) on the fake data."""
    X, y = data
    return train_with_checkpoints(X, y, seed=3, epochs=3, per_epoch=4, learning_rate=1.0)


def test_surface_at_origin_is_the_trained_cost(run, data):
    X, y = data
    plane = trajectory_plane(run.checkpoints)
    alphas = np.array([-1.0, 0.0, 2.0])
    betas = np.array([0.0, 0.5])
    surface = grid_costs(run.net, plane.directions, alphas, betas, X, y)
    assert surface.shape == (2, 3)
    assert surface[0, 1] == pytest.approx(run.net.cost(X, y), rel=1e-12)


def test_grid_matches_networks_built_one_by_one(run, data):
    """The stacked einsum evaluation gives the same cost as building each network and calling Network.cost."""
    X, y = data
    rng = np.random.default_rng(0)
    directions = np.stack([filter_normalized_direction(run.net, rng) for _ in range(2)])
    alphas, betas = np.array([-0.7, 0.3]), np.array([0.2, -1.1, 0.9])
    surface = grid_costs(run.net, directions, alphas, betas, X, y)
    theta = run.net.parameters_vector()
    for i, b in enumerate(betas):
        for j, a in enumerate(alphas):
            expected = run.net.with_parameters(theta + a * directions[0] + b * directions[1]).cost(X, y)
            assert surface[i, j] == pytest.approx(expected, rel=1e-10)


def test_pca_path_ends_at_origin_and_directions_are_orthonormal(run):
    plane = trajectory_plane(run.checkpoints)
    assert len(plane.coordinates) == len(run.checkpoints) == 13
    np.testing.assert_allclose(plane.coordinates[-1], [0.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(plane.directions @ plane.directions.T, np.eye(2), atol=1e-10)
    assert np.all(plane.coordinates[0] <= 0)          # sign convention: the start is at lower left
    assert 0 < plane.explained.sum() <= 1 + 1e-12
    assert plane.explained[0] >= plane.explained[1]


def test_filter_normalised_rows_have_the_norms_of_the_weight_rows(shipped_net):
    d = filter_normalized_direction(shipped_net, np.random.default_rng(1))
    weights, biases = shipped_net.with_parameters(d).weights, shipped_net.with_parameters(d).biases
    for w_dir, b_dir, w in zip(weights, biases, shipped_net.weights):
        np.testing.assert_allclose(np.linalg.norm(w_dir, axis=1), np.linalg.norm(w, axis=1), rtol=1e-12)
        assert not np.allclose(w_dir, w)               # a random direction, not the weights themselves
        assert np.all(b_dir == 0)                      # Li et al.: no bias direction


def test_filter_normalisation_with_biases_rescales_whole_neurons(shipped_net):
    d = filter_normalized_direction(shipped_net, np.random.default_rng(2), biases="with_weights")
    net_d = shipped_net.with_parameters(d)
    for w_dir, b_dir, w, b in zip(net_d.weights, net_d.biases, shipped_net.weights, shipped_net.biases):
        np.testing.assert_allclose(np.hypot(np.linalg.norm(w_dir, axis=1), b_dir),
                                   np.hypot(np.linalg.norm(w, axis=1), b), rtol=1e-12)
    with pytest.raises(NNLibError, match="bias"):
        filter_normalized_direction(shipped_net, np.random.default_rng(0), biases="sometimes")


def test_interpolation_ends_are_the_two_networks_costs(run, data):
    X, y = data
    start, end = run.checkpoints[0], run.checkpoints[-1]
    costs = interpolation_costs(run.net, start, end, np.linspace(0, 1, 5), X, y)
    assert costs[0] == pytest.approx(Network(SIZES, seed=3).cost(X, y), rel=1e-12)
    assert costs[-1] == pytest.approx(run.net.cost(X, y), rel=1e-10)
    np.testing.assert_allclose(checkpoint_costs(run.net, run.checkpoints[[0, -1]], X, y), costs[[0, -1]], rtol=1e-10)


def test_training_run_is_reproducible_and_ends_at_the_network(data, run):
    X, y = data
    again = train_with_checkpoints(X, y, seed=3, epochs=3, per_epoch=4, learning_rate=1.0)
    np.testing.assert_array_equal(again.checkpoints, run.checkpoints)
    np.testing.assert_array_equal(run.checkpoints[-1], run.net.parameters_vector())
    np.testing.assert_allclose(run.epochs, np.arange(13) / 4)


def test_bad_coefficients_are_one_line_errors(run, data):
    X, y = data
    with pytest.raises(NNLibError, match="coefficients"):
        costs_in_span(SIZES, run.checkpoints[-1], run.checkpoints[:2], np.zeros((4, 3)), X, y)
    with pytest.raises(NNLibError, match="checkpoints"):
        trajectory_plane(run.checkpoints[:2])


def test_compute_save_load_round_trip(tmp_path, data):
    X, y = data
    land = compute_landscape(X, y, seed=1, epochs=1, per_epoch=4, examples=50, resolution=5, progress=False)
    out = tmp_path / "landscape.npz"
    save_landscape(land, out)
    back = load_landscape(out)
    np.testing.assert_array_equal(back.costs, land.costs)
    assert back.metadata["seed"] == 1 and back.metadata["examples"] == 50
    assert back.path_costs[-1] == pytest.approx(back.interp_costs[-1], rel=1e-9)
    assert back.path_costs[0] == pytest.approx(back.interp_costs[0], rel=1e-9)
    out.write_bytes(b"not a zip")
    with pytest.raises(NNLibError, match="not a readable landscape"):
        load_landscape(out)
    with pytest.raises(NNLibError, match="not found"):
        load_landscape(tmp_path / "missing.npz")


def test_command_line_rejects_bad_options_in_one_line(tmp_path, capsys):
    from nnlib.landscape import main

    assert main(["--out", str(tmp_path / "missing" / "x.npz")]) == 2
    assert main(["--out", str(tmp_path / "x.npz"), "--resolution", "1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "does not exist" in err[0] and "--resolution" in err[1]
    assert not list(tmp_path.iterdir())                # nothing half-written


def test_shipped_landscape_is_consistent():
    """The cached asset: small, records its command and seed, and its surface, path and line agree."""
    from nnlib.landscape import default_landscape_path

    path = default_landscape_path()
    assert path.stat().st_size < 1_000_000
    land = load_landscape(path)
    assert land.metadata["command"].startswith("python -m nnlib.landscape")
    assert isinstance(land.metadata["seed"], int)
    assert land.costs.shape == (41, 41) and land.metadata["examples"] == 1000
    np.testing.assert_allclose(land.path[-1], [0, 0], atol=1e-9)
    # the trained network lies on the slice: its shadow's height is its own cost
    assert land.path_plane_costs[-1] == pytest.approx(land.trained_cost, rel=1e-9)
    assert land.interp_costs[0] == pytest.approx(land.start_cost, rel=1e-9)
    assert land.interp_costs[-1] == pytest.approx(land.trained_cost, rel=1e-9)
    assert land.trained_cost < land.start_cost
    assert land.path_length >= land.straight_distance
