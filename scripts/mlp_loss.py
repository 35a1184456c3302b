"""The tool's mean training loss as a function of the flat parameter vector,
in JAX and in PyTorch, for the comparison and benchmark scripts.

Conventions (those of `hessian-spectrum`): z = a W^T + b per layer, W stored
out x in row-major then b, hidden activation, linear output; nll = softmax
cross-entropy, mse = 1/2 ||f - onehot(y)||^2; mean over the examples.
"""
import numpy as np


def _forward(theta, xs, sizes, activation):
    a, offset = xs, 0
    for l in range(1, len(sizes)):
        fan_in, fan_out = sizes[l - 1], sizes[l]
        w = theta[offset:offset + fan_out * fan_in].reshape(fan_out, fan_in)
        offset += fan_out * fan_in
        b = theta[offset:offset + fan_out]
        offset += fan_out
        z = a @ w.T + b
        a = activation(z) if l < len(sizes) - 1 else z
    return a


def jax_loss(model, x, labels):
    """loss(theta) in JAX (float64: call after enabling jax_enable_x64)."""
    import jax
    import jax.numpy as jnp
    sizes = model["layers"]
    activation = {
        "relu": jax.nn.relu, "tanh": jnp.tanh, "sigmoid": jax.nn.sigmoid, "linear": lambda z: z,
    }[model["activation"]]
    onehot = jnp.asarray(np.eye(sizes[-1])[labels])
    xs = jnp.asarray(x)

    def loss(theta):
        f = _forward(theta, xs, sizes, activation)
        if model["loss"] == "nll":
            per = jax.nn.logsumexp(f, axis=1) - jnp.sum(f * onehot, axis=1)
        else:
            per = 0.5 * jnp.sum((f - onehot) ** 2, axis=1)
        return jnp.mean(per)
    return loss


def torch_loss(model, x, labels):
    """loss(theta) in PyTorch, float64."""
    import torch
    sizes = model["layers"]
    activation = {
        "relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "linear": lambda z: z,
    }[model["activation"]]
    xs = torch.from_numpy(x).to(torch.float64)
    onehot = torch.from_numpy(np.eye(sizes[-1])[labels]).to(torch.float64)

    def loss(theta):
        f = _forward(theta, xs, sizes, activation)
        if model["loss"] == "nll":
            per = torch.logsumexp(f, dim=1) - torch.sum(f * onehot, dim=1)
        else:
            per = 0.5 * torch.sum((f - onehot) ** 2, dim=1)
        return torch.mean(per)
    return loss
