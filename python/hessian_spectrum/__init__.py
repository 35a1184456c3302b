"""Exact Hessian spectra of PyTorch MLPs with the hessian-spectrum tool.

``export`` writes an ``nn.Sequential`` of ``Linear`` layers and activations
with its data as the files the tool reads; ``spectrum`` runs the tool and
returns eigenvalues (and eigenvectors in the order of
``torch.cat([p.flatten() for p in model.parameters()])``);
``load_eigenvectors`` reads saved eigenvectors back as tensors shaped like
``model.parameters()``. Only numpy is required; torch is imported when a
model is given.
"""

from ._export import export, network_description, UnsupportedModelError
from ._run import spectrum, find_binary, SpectrumResult, HessianSpectrumError
from ._vectors import load_eigenvectors, split_vector

__all__ = [
    "export", "network_description", "UnsupportedModelError",
    "spectrum", "find_binary", "SpectrumResult", "HessianSpectrumError",
    "load_eigenvectors", "split_vector",
]
