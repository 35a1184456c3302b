#!/usr/bin/env python3
"""The same Hessian spectrum through JAX, for the benchmark's side-by-side.

Reads a model file written by `hessian-spectrum train --save-model` and the
training set written by `--save-data` (CSV: label,x0,...,x{d-1}), builds the
mean training loss with the tool's conventions (z = a W^T + b per layer, W
out x in row-major then b, hidden activation, linear output; nll = softmax
cross-entropy, mse = 1/2 ||f - onehot(y)||^2), then times
`jax.hessian` (float64, jitted; the compile is timed apart) and
`numpy.linalg.eigvalsh`. Prints one CSV row:

    params,examples,compile_seconds,hessian_seconds,eigvalsh_seconds,compute_seconds,max_abs_diff

`max_abs_diff` is max_i |lambda_i(jax) - lambda_i(tool)| against a spectrum
CSV given with --compare (the `hessian` rows), or empty. Exits with status 3
and a message on stderr when the dense Hessian would not fit in memory.
"""
import argparse
import time

import numpy as np

import mlp_loss
import reference_problem


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--compare", help="spectrum CSV of the tool for the same model and data")
    args = parser.parse_args()

    model, theta0, x, labels = reference_problem.load(args.model, args.data)
    m = theta0.size
    n = x.shape[0]

    reference_problem.require_memory(m, "jax.hessian + eigvalsh")

    import jax
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp

    loss = mlp_loss.jax_loss(model, x, labels)

    hessian = jax.jit(jax.hessian(loss))
    theta = jnp.asarray(theta0)
    t0 = time.perf_counter()
    hessian.lower(theta).compile()
    t1 = time.perf_counter()
    h = np.asarray(hessian(theta).block_until_ready())
    t2 = time.perf_counter()
    values = np.linalg.eigvalsh(h)
    t3 = time.perf_counter()

    diff = reference_problem.max_abs_diff(values, args.compare, m)
    print("params,examples,compile_seconds,hessian_seconds,eigvalsh_seconds,compute_seconds,max_abs_diff")
    print(f"{m},{n},{t1 - t0:.3f},{t2 - t1:.3f},{t3 - t2:.3f},{t3 - t1:.3f},{diff}")


if __name__ == "__main__":
    main()
