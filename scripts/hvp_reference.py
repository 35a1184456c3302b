#!/usr/bin/env python3
"""Seconds per exact Hessian-vector product in JAX or PyTorch, for `make bench`.

Reads a model file written by `hessian-spectrum train --save-model` and the
training set written by `--save-data`, builds the mean training loss with the
tool's conventions (mlp_loss.py), and times H v as forward-over-reverse:
`jax.jvp(jax.grad(loss))` under `jax.jit` (the compile and first call are timed
apart), or `torch.func.jvp(torch.func.grad(loss))`, all float64, each product
with a fresh standard normal v. Prints one CSV row:

    framework,params,examples,threads,compile_seconds,seconds_median,seconds_min

With --top-eigenvalue it instead prints the largest eigenvalue of H by
SciPy's ARPACK (eigsh, which='LA', tol=1e-12) over these products: an
independent Lanczos for the tool's `--method lanczos --top 1`:

    framework,params,examples,top_eigenvalue,products,seconds
"""
import argparse
import os
import time

import numpy as np

import mlp_loss
import reference_problem


def products(framework, model, x, labels, threads):
    """(hvp(v) -> numpy array, seconds to compile and make the first product)."""
    m = len(model["parameters"])
    probe = np.random.default_rng(0).standard_normal(m)
    t0 = time.perf_counter()
    if framework == "jax":
        import jax
        jax.config.update("jax_enable_x64", True)
        import jax.numpy as jnp
        loss = mlp_loss.jax_loss(model, x, labels)
        theta = jnp.asarray(np.asarray(model["parameters"], dtype=np.float64))
        # θ is an argument, not a constant of the trace: XLA would otherwise
        # fold the forward pass into the compiled program (minutes to
        # compile, and a product that skips work a Lanczos step must do).
        jitted = jax.jit(lambda t, v: jax.jvp(jax.grad(loss), (t,), (v,))[1])

        def hvp(v):
            return np.asarray(jitted(theta, jnp.asarray(v)).block_until_ready())
    else:
        import torch
        torch.set_num_threads(threads)
        loss = mlp_loss.torch_loss(model, x, labels)
        theta = torch.tensor(model["parameters"], dtype=torch.float64)

        def hvp(v):
            with torch.no_grad():
                return torch.func.jvp(torch.func.grad(loss), (theta,), (torch.from_numpy(v),))[1].numpy()
    hvp(probe)
    return hvp, time.perf_counter() - t0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--framework", choices=["jax", "torch"], required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--count", type=int, default=10, help="timed products")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--top-eigenvalue", action="store_true")
    args = parser.parse_args()

    model, theta0, x, labels = reference_problem.load(args.model, args.data)
    m, n = theta0.size, x.shape[0]
    hvp, compile_seconds = products(args.framework, model, x, labels, args.threads)

    if args.top_eigenvalue:
        from scipy.sparse.linalg import LinearOperator, eigsh
        count = [0]

        def matvec(v):
            count[0] += 1
            return hvp(np.ascontiguousarray(v, dtype=np.float64).ravel())
        t0 = time.perf_counter()
        value = eigsh(LinearOperator((m, m), matvec=matvec, dtype=np.float64), k=1, which="LA", tol=1e-12,
                      v0=np.random.default_rng(1).standard_normal(m), return_eigenvectors=False)[0]
        print("framework,params,examples,top_eigenvalue,products,seconds")
        print(f"{args.framework},{m},{n},{float(value)!r},{count[0]},{time.perf_counter() - t0:.3f}")
        return

    rng = np.random.default_rng(2)
    seconds = []
    for _ in range(args.count):
        v = rng.standard_normal(m)
        t0 = time.perf_counter()
        hvp(v)
        seconds.append(time.perf_counter() - t0)
    seconds.sort()
    print("framework,params,examples,threads,compile_seconds,seconds_median,seconds_min")
    print(f"{args.framework},{m},{n},{args.threads},{compile_seconds:.3f},{seconds[len(seconds) // 2]:.4f},{seconds[0]:.4f}")


if __name__ == "__main__":
    main()
