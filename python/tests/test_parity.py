"""hessian-spectrum against real PyTorch: float64 torch.func.hessian and
eigvalsh as the independent oracle.

Skipped with the reason when torch (or the binary) is not available.
"""

import os
import subprocess
import tempfile

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="torch is not installed: the PyTorch parity tests need it (pip install torch)")
nn = torch.nn

import hessian_spectrum as hs  # noqa: E402

try:
    BINARY = hs.find_binary()
except hs.HessianSpectrumError as error:  # pragma: no cover - depends on the machine
    pytest.skip(f"no hessian-spectrum binary: {error}", allow_module_level=True)

N, D, C = 24, 4, 3


def mixed_network(outputs=C, seed=0):
    """Three hidden layers mixing GELU, Tanh and SiLU."""
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(D, 6), nn.GELU(), nn.Linear(6, 5), nn.Tanh(),
                         nn.Linear(5, 4), nn.SiLU(), nn.Linear(4, outputs)).double()


def data(seed=1):
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(N, D, generator=generator, dtype=torch.float64)
    y = torch.arange(N) % C
    return x, y


def pytorch_hessian(model, x, y, loss, weight_decay=0.0):
    """H of loss(model(x), y) + weight_decay/2·‖θ‖² by torch.func.hessian, in
    the order of torch.cat([p.flatten() for p in model.parameters()])."""
    names = [name for name, _ in model.named_parameters()]
    shapes = [p.shape for p in model.parameters()]
    theta = torch.cat([p.detach().flatten() for p in model.parameters()])

    def objective(flat):
        parameters, start = {}, 0
        for name, shape in zip(names, shapes):
            count = int(np.prod(shape))
            parameters[name] = flat[start:start + count].reshape(shape)
            start += count
        output = torch.func.functional_call(model, parameters, (x,))
        return loss(output, y) + 0.5 * weight_decay * (flat * flat).sum()

    return torch.func.hessian(objective)(theta)


def cross_entropy(f, y):
    return nn.CrossEntropyLoss()(f, y)


def mse_on_one_hot(f, y):
    return nn.MSELoss()(f, nn.functional.one_hot(y, f.shape[1]).double())


CASES = [("cross_entropy", cross_entropy), ("mse_mean", mse_on_one_hot)]


@pytest.mark.parametrize("weight_decay", [0.0, 1e-3])
@pytest.mark.parametrize("loss,reference", CASES, ids=[name for name, _ in CASES])
def test_full_spectrum_matches_pytorch(loss, reference, weight_decay):
    model, (x, y) = mixed_network(), data()
    expected = torch.linalg.eigvalsh(pytorch_hessian(model, x, y, reference, weight_decay)).numpy()
    result = hs.spectrum(model, x, y, loss=loss, weight_decay=weight_decay)
    scale = np.abs(expected).max()
    assert result.eigenvalues.shape == expected.shape
    assert np.abs(result.eigenvalues - expected).max() <= 1e-10 * scale
    assert abs(result.trace - expected.sum()) <= 1e-10 * np.abs(expected).sum()


@pytest.mark.parametrize("loss,reference", CASES, ids=[name for name, _ in CASES])
def test_eigenvectors_are_eigenvectors_of_pytorchs_hessian(loss, reference):
    model, (x, y) = mixed_network(seed=3), data(seed=4)
    h = pytorch_hessian(model, x, y, reference, 1e-3).numpy()
    result = hs.spectrum(model, x, y, loss=loss, weight_decay=1e-3, top=3, bottom=2, eigenvectors=True)
    scale = np.abs(np.linalg.eigvalsh(h)).max()
    assert result.eigenvectors.shape == (5, h.shape[0])
    for value, vector in zip(result.eigenvalues, result.eigenvectors):
        assert np.linalg.norm(h @ vector - value * vector) <= 1e-8 * scale
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "v.npy")
        np.save(path, result.eigenvectors)
        loaded = hs.load_eigenvectors(path, model)
    for tensors, vector in zip(loaded, result.eigenvectors):
        assert [tuple(t.shape) for t in tensors] == [tuple(p.shape) for p in model.parameters()]
        flat = torch.cat([t.flatten() for t in tensors]).numpy()
        assert np.array_equal(flat, vector)


def bias_free_network(seed=0):
    """The three-hidden-layer GELU/Tanh/SiLU net with its second Linear bias-free."""
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(D, 6), nn.GELU(), nn.Linear(6, 5, bias=False), nn.Tanh(),
                         nn.Linear(5, 4), nn.SiLU(), nn.Linear(4, C)).double()


@pytest.mark.parametrize("loss,reference", CASES, ids=[name for name, _ in CASES])
def test_bias_free_linear_matches_pytorch(loss, reference):
    model, (x, y) = bias_free_network(seed=11), data(seed=12)
    h = pytorch_hessian(model, x, y, reference).numpy()
    expected = np.linalg.eigvalsh(h)
    assert h.shape[0] == sum(p.numel() for p in model.parameters()) == 6 * D + 6 + 5 * 6 + 4 * 5 + 4 + C * 4 + C
    result = hs.spectrum(model, x, y, loss=loss)
    scale = np.abs(expected).max()
    assert result.eigenvalues.shape == expected.shape
    assert np.abs(result.eigenvalues - expected).max() <= 1e-10 * scale
    assert abs(result.trace - expected.sum()) <= 1e-10 * np.abs(expected).sum()
    paired = hs.spectrum(model, x, y, loss=loss, top=2, bottom=1, eigenvectors=True)
    assert paired.eigenvectors.shape == (3, h.shape[0])
    for value, vector in zip(paired.eigenvalues, paired.eigenvectors):
        assert np.linalg.norm(h @ vector - value * vector) <= 1e-8 * scale
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "v.npy")
        np.save(path, paired.eigenvectors)
        loaded = hs.load_eigenvectors(path, model)
    assert [[tuple(t.shape) for t in tensors] for tensors in loaded] == [[(6, D), (6,), (5, 6), (4, 5), (4,), (C, 4), (C,)]] * 3


@pytest.mark.parametrize("weight_decay", [0.0, 1e-3])
def test_regression_with_float_targets_matches_pytorch(weight_decay):
    model, (x, _) = mixed_network(seed=7), data(seed=8)
    targets = torch.randn(N, C, generator=torch.Generator().manual_seed(9), dtype=torch.float64)
    expected = torch.linalg.eigvalsh(pytorch_hessian(model, x, targets, nn.MSELoss(), weight_decay)).numpy()
    result = hs.spectrum(model, x, targets, loss=nn.MSELoss(), weight_decay=weight_decay)
    assert np.abs(result.eigenvalues - expected).max() <= 1e-10 * np.abs(expected).max()
    assert np.isnan(result.summary["train_accuracy"])


def test_leaky_relu_elu_softplus_and_gelu_tanh():
    torch.manual_seed(5)
    model = nn.Sequential(nn.Linear(D, 5), nn.LeakyReLU(0.2), nn.Linear(5, 5), nn.ELU(alpha=0.7),
                          nn.Linear(5, 4), nn.Softplus(), nn.Linear(4, 4), nn.GELU(approximate="tanh"),
                          nn.Linear(4, C)).double()
    x, y = data(seed=6)
    expected = torch.linalg.eigvalsh(pytorch_hessian(model, x, y, cross_entropy)).numpy()
    result = hs.spectrum(model, x, y)
    assert np.abs(result.eigenvalues - expected).max() <= 1e-10 * np.abs(expected).max()


def test_modules_that_cannot_be_represented_are_refused_by_name():
    x, y = data()
    with tempfile.TemporaryDirectory() as folder:
        prefix = os.path.join(folder, "m")
        for model, fragment in [
            (nn.Sequential(nn.Linear(D, 5), nn.BatchNorm1d(5), nn.Linear(5, C)), "BatchNorm1d"),
            (nn.Sequential(nn.Linear(D, 5), nn.LayerNorm(5), nn.Linear(5, C)), "LayerNorm"),
            (nn.Sequential(nn.Linear(D, 5), nn.ReLU(), nn.Dropout(0.5), nn.Linear(5, C)), "model.eval()"),
            (nn.Sequential(nn.Linear(D, 5), nn.ReLU(), nn.Linear(5, C), nn.Tanh()), "ends in an activation"),
            (nn.Sequential(nn.Linear(D, 5), nn.ReLU(), nn.Linear(5, C), nn.Softmax(dim=1)), "Softmax"),
            (nn.Linear(D, C), "nn.Sequential"),
        ]:
            with pytest.raises(hs.UnsupportedModelError, match=fragment):
                hs.export(model, x, y, prefix)
        evaluated = nn.Sequential(nn.Linear(D, 5), nn.ReLU(), nn.Dropout(0.5), nn.Linear(5, C)).eval()
        assert all(os.path.exists(p) for p in hs.export(evaluated, x, y, prefix))


def run(*arguments):
    return subprocess.run([BINARY, *arguments], capture_output=True, text=True)


def test_files_saved_by_pytorch_are_refused_or_flagged_in_one_line():
    safetensors_torch = pytest.importorskip("safetensors.torch", reason="safetensors is not installed")
    model, (x, y) = mixed_network(), data()
    with tempfile.TemporaryDirectory() as folder:
        _, data_path = hs.export(model, x, y, os.path.join(folder, "m"))
        bare = os.path.join(folder, "bare.safetensors")
        safetensors_torch.save_file({k: v.contiguous() for k, v in model.state_dict().items()}, bare)
        warned = run("spectrum", "--model", bare, "--data", data_path, "--activation", "relu,relu,relu", "--loss", "cross_entropy", "--quiet")
        assert warned.returncode == 0, warned.stderr
        assert "warning:" in warned.stderr and "does not record the activation" in warned.stderr

        pickle = os.path.join(folder, "m.pt")
        torch.save(model.state_dict(), pickle)
        refused = run("spectrum", "--model", pickle, "--data", data_path)
        assert refused.returncode != 0 and refused.stdout == ""
        assert refused.stderr.count("error:") == 1 and "safetensors.torch.save_file" in refused.stderr

        norm = nn.Sequential(nn.Linear(D, 5), nn.BatchNorm1d(5), nn.Linear(5, C)).double()
        bn = os.path.join(folder, "bn.safetensors")
        safetensors_torch.save_file({k: v.contiguous() for k, v in norm.state_dict().items()}, bn)
        refused = run("spectrum", "--model", bn, "--data", data_path, "--activation", "relu", "--loss", "nll")
        assert refused.returncode != 0 and refused.stderr.count("error:") == 1
        assert "BatchNorm" in refused.stderr and "not a Linear layer" in refused.stderr
