"""What the PyTorch and JAX comparison scripts share: the model and training
set written by `hessian-spectrum train --save-model/--save-data`, the memory
check before a dense Hessian, and the comparison with the tool's spectrum."""
import csv
import json
import sys

import numpy as np


def available_bytes():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def load(model_path, data_path):
    """The model's JSON, its parameters as float64, the inputs x (N x d) and
    the labels of the CSV data (label,x0,...,x{d-1})."""
    with open(model_path) as f:
        model = json.load(f)
    theta0 = np.asarray(model["parameters"], dtype=np.float64)
    rows = np.loadtxt(data_path, delimiter=",", skiprows=1, ndmin=2)
    return model, theta0, rows[:, 1:], rows[:, 0].astype(np.int64)


def require_memory(m, what):
    """Exits with status 3 when the Hessian, the autodiff intermediates and
    eigvalsh's copy (about 3 * 8 * M^2 bytes) would not fit."""
    need = 3 * 8 * m * m
    avail = available_bytes()
    if avail is not None and need > avail:
        print(f"skipped: M = {m} needs about {need / 1e9:.1f} GB for {what}, "
              f"{avail / 1e9:.1f} GB available", file=sys.stderr)
        sys.exit(3)


def max_abs_diff(values, compare_path, m):
    """max_i |lambda_i - lambda_i(tool)| against the `hessian` rows of a
    spectrum CSV, as text; empty without one or when its count is not M."""
    if not compare_path:
        return ""
    with open(compare_path) as f:
        ours = sorted(float(r["eigenvalue"]) for r in csv.DictReader(f) if r["matrix"] == "hessian")
    return repr(float(np.max(np.abs(np.asarray(values) - np.asarray(ours))))) if len(ours) == m else ""
