"""The two file formats written for the tool, with numpy only."""

import json
import struct
import zipfile
import io

import numpy as np


def write_safetensors(path, tensors, metadata):
    """Writes float64 tensors (name -> array, in order) and string metadata
    as a safetensors file."""
    header = {"__metadata__": {str(k): str(v) for k, v in metadata.items()}}
    offset = 0
    blobs = []
    for name, array in tensors:
        data = np.ascontiguousarray(array, dtype="<f8").tobytes()
        header[name] = {"dtype": "F64", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for blob in blobs:
            out.write(blob)


def write_data(path, x, y):
    """Writes features x (N, d) float64 and y as .npz: integer labels (N,)
    as int64, float regression targets (N, k) as float64."""
    y = np.ascontiguousarray(y, dtype=np.float64 if y.ndim == 2 else np.int64)
    with open(path, "wb") as out:
        np.savez(out, x=np.ascontiguousarray(x, dtype=np.float64), y=y)


def read_npy(path):
    """A .npy array as float64."""
    return np.load(path, allow_pickle=False).astype(np.float64)
