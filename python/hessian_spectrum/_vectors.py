"""Eigenvectors in the layout of ``model.parameters()``."""

import numpy as np


def split_vector(vector, model):
    """One flat vector of M values as tensors shaped like ``model.parameters()``
    (the order of ``torch.cat([p.flatten() for p in model.parameters()])``)."""
    import torch

    parameters = list(model.parameters())
    total = sum(p.numel() for p in parameters)
    vector = np.asarray(vector, dtype=np.float64)
    if vector.shape != (total,):
        raise ValueError(f"a vector of {vector.shape[0] if vector.ndim else 0} values for a model of {total} parameters")
    out, start = [], 0
    for p in parameters:
        out.append(torch.from_numpy(vector[start:start + p.numel()].reshape(tuple(p.shape)).copy()))
        start += p.numel()
    return out


def load_eigenvectors(path, model):
    """The eigenvectors the tool saved in ``path`` (.npy, (K, M)), each as a
    list of tensors shaped like ``model.parameters()``."""
    vectors = np.load(path, allow_pickle=False).astype(np.float64)
    if vectors.ndim != 2:
        raise ValueError(f"{path}: expected a (K, M) array, got shape {vectors.shape}")
    return [split_vector(row, model) for row in vectors]
