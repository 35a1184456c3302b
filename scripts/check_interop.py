#!/usr/bin/env python3
"""Cross-check of the model/data formats, eigenvectors, trace and gradient
overlap against an independent Hessian (autograd, float64).

Writes a PyTorch-named state dict with `safetensors` (float32, tanh, nll,
metadata in __metadata__) and a Flax-style `.npz` ((in, out) kernels, ReLU,
mse, one hidden layer), NumPy `.npz` training data, runs
`hessian-spectrum spectrum --top 4 --bottom 2 --save-eigenvectors … --summary …`
with each method that applies, and prints for each: the largest eigenvalue
difference, the smallest |<v_tool, v_autograd>| over the rows, the largest
residual_norm, and the trace and overlap differences. Needs
`pip install numpy safetensors autograd`.

    scripts/check_interop.py [path/to/hessian-spectrum]
"""
import csv
import io
import subprocess
import sys
import tempfile
from pathlib import Path

import autograd.numpy as anp
import numpy as np
from autograd import grad, hessian
from safetensors.numpy import save_file

BINARY = sys.argv[1] if len(sys.argv) > 1 else ".build/release/hessian-spectrum"


def mlp_loss(shapes, x, y, activation, loss):
    classes = shapes[-1][0]

    def f(theta):
        offset, params = 0, []
        for shape in shapes:
            size = int(np.prod(shape))
            params.append(anp.reshape(theta[offset:offset + size], shape))
            offset += size
        a = x
        layers = len(shapes) // 2
        for l in range(layers):
            z = anp.dot(a, params[2 * l].T) + params[2 * l + 1]
            a = activation(z) if l < layers - 1 else z
        if loss == "nll":
            top = anp.max(a, axis=1, keepdims=True)
            lse = top[:, 0] + anp.log(anp.sum(anp.exp(a - top), axis=1))
            return anp.mean(lse - a[np.arange(len(y)), y])
        return anp.mean(0.5 * anp.sum((a - np.eye(classes)[y]) ** 2, axis=1))
    return f


def compare(folder, name, model_args, data, theta, loss_fn, methods, classes):
    h = hessian(loss_fn)(theta)
    g = grad(loss_fn)(theta)
    values, vectors = np.linalg.eigh(h)
    top = vectors[:, -classes:]
    overlap = np.sum((top.T @ g) ** 2) / np.sum(g ** 2)
    for method in methods:
        npy, summary = folder / f"{name}_{method}.npy", folder / f"{name}_{method}.csv"
        out = subprocess.run([BINARY, "spectrum", *model_args, "--data", str(data), "--method", method,
                              "--top", "4", "--bottom", "2", "--lanczos-tol", "1e-12",
                              "--save-eigenvectors", str(npy), "--summary", str(summary), "--quiet"],
                             capture_output=True, text=True, check=True).stdout
        rows = list(csv.DictReader(io.StringIO(out)))
        index = [int(r["index"]) for r in rows]
        tool = np.array([float(r["eigenvalue"]) for r in rows])
        tool_vectors = np.load(npy)
        s = list(csv.DictReader(open(summary)))[0]
        print(f"{name} {method}: M = {len(theta)}, max|dλ| = {np.abs(tool - values[index]).max():.2e} "
              f"(max|λ| = {np.abs(values).max():.3g}), min|<v, v_autograd>| = "
              f"{np.abs(np.sum(tool_vectors * vectors[:, index].T, axis=1)).min():.16f}, "
              f"max residual_norm = {max(float(r['residual_norm']) for r in rows):.2e}, "
              f"trace diff = {float(s['trace']) - np.trace(h):.2e}, "
              f"overlap diff = {float(s['gradient_overlap']) - overlap:.2e}")


def main():
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        # PyTorch nn.Sequential(Linear(5,7), Tanh(), Linear(7,6), Tanh(), Linear(6,3)), float32.
        sizes = [5, 7, 6, 3]
        state, shapes = {}, []
        for l in range(1, len(sizes)):
            state[f"{2 * (l - 1)}.weight"] = (rng.standard_normal((sizes[l], sizes[l - 1])) * 0.6).astype(np.float32)
            state[f"{2 * (l - 1)}.bias"] = (rng.standard_normal(sizes[l]) * 0.3).astype(np.float32)
            shapes += [(sizes[l], sizes[l - 1]), (sizes[l],)]
        save_file(state, str(folder / "torch.safetensors"), metadata={"activation": "tanh", "loss": "nll"})
        x = rng.standard_normal((25, sizes[0])).astype(np.float32)
        y = rng.integers(0, 3, 25)
        np.savez_compressed(folder / "train.npz", x=x, y=y)
        theta = np.concatenate([state[k].astype(np.float64).ravel() for k in state])
        compare(folder, "torch", ["--model", str(folder / "torch.safetensors")], folder / "train.npz", theta,
                mlp_loss(shapes, x.astype(np.float64), y, anp.tanh, "nll"), ["dense", "lanczos"], 3)

        # Flax Dense kernels (in, out), ReLU, mse, one hidden layer: the factored form applies.
        d, hidden, classes, n = 12, 8, 3, 6
        w1, b1 = rng.standard_normal((hidden, d)) * 0.5, rng.standard_normal(hidden) * 0.2
        w2, b2 = rng.standard_normal((classes, hidden)) * 0.5, rng.standard_normal(classes) * 0.2
        np.savez(folder / "flax.npz", **{"params/Dense_0/kernel": w1.T, "params/Dense_0/bias": b1,
                                         "params/Dense_1/kernel": w2.T, "params/Dense_1/bias": b2})
        x2 = rng.standard_normal((n, d))
        y2 = rng.integers(0, classes, n)
        np.savez(folder / "train2.npz", x=x2, y=y2)
        theta2 = np.concatenate([w1.ravel(), b1, w2.ravel(), b2])
        compare(folder, "flax", ["--model", str(folder / "flax.npz"), "--weight-layout", "in-out",
                                 "--activation", "relu", "--loss", "mse"], folder / "train2.npz", theta2,
                mlp_loss([(hidden, d), (hidden,), (classes, hidden), (classes,)], x2, y2,
                         lambda z: anp.maximum(z, 0), "mse"), ["dense", "factored", "lanczos"], classes)


if __name__ == "__main__":
    main()
