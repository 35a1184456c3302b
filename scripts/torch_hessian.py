#!/usr/bin/env python3
"""The same Hessian spectrum through PyTorch, for the benchmark's side-by-side.

Reads a model file written by `hessian-spectrum train --save-model` and the
training set written by `--save-data` (CSV: label,x0,...,x{d-1}), builds the
mean training loss with the tool's conventions (as scripts/jax_hessian.py:
z = a W^T + b per layer, W out x in row-major then b, hidden activation,
linear output; nll = softmax cross-entropy, mse = 1/2 ||f - onehot(y)||^2),
then times `torch.func.hessian` (float64, CPU) and `torch.linalg.eigvalsh`.
Prints one CSV row:

    params,examples,threads,hessian_seconds,eigvalsh_seconds,compute_seconds,max_abs_diff

`max_abs_diff` is max_i |lambda_i(torch) - lambda_i(tool)| against a spectrum
CSV given with --compare (the `hessian` rows), or empty. Exits with status 3
and a message on stderr when the dense Hessian would not fit in memory.
"""
import argparse
import os
import time

import numpy as np

import mlp_loss
import reference_problem


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--compare", help="spectrum CSV of the tool for the same model and data")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()

    model, theta0, x, labels = reference_problem.load(args.model, args.data)
    m = theta0.size
    n = x.shape[0]

    reference_problem.require_memory(m, "torch.func.hessian + eigvalsh")

    import torch
    torch.set_num_threads(args.threads)
    loss = mlp_loss.torch_loss(model, x, labels)

    theta = torch.from_numpy(theta0)
    t1 = time.perf_counter()
    h = torch.func.hessian(loss)(theta)
    t2 = time.perf_counter()
    values = torch.linalg.eigvalsh(h).numpy()
    t3 = time.perf_counter()

    diff = reference_problem.max_abs_diff(values, args.compare, m)
    print("params,examples,threads,hessian_seconds,eigvalsh_seconds,compute_seconds,max_abs_diff")
    print(f"{m},{n},{args.threads},{t2 - t1:.3f},{t3 - t2:.3f},{t3 - t1:.3f},{diff}")


if __name__ == "__main__":
    main()
