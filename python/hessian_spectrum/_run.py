"""Running the hessian-spectrum binary on a PyTorch model."""

import csv
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ._export import export
from ._files import read_npy


class HessianSpectrumError(RuntimeError):
    """The binary is missing or failed; ``status`` is its exit status (64:
    a usage error, 1: a run-time failure) and the message its error line."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


@dataclass
class SpectrumResult:
    """The Hessian's spectrum: ``eigenvalues`` ascending (all M, or the
    requested extremes), ``indices`` their positions among all M,
    ``eigenvectors`` (K, M) rows in the order of
    ``torch.cat([p.flatten() for p in model.parameters()])`` when asked,
    ``summary`` the summary row, and ``trace`` the exact tr(H)."""
    eigenvalues: np.ndarray
    indices: np.ndarray
    eigenvectors: "np.ndarray | None"
    summary: dict = field(default_factory=dict)
    trace: float = float("nan")
    stderr: str = ""


def find_binary():
    """The hessian-spectrum executable: $HESSIAN_SPECTRUM, else on PATH,
    else a build in this repository's .build (release, then debug)."""
    given = os.environ.get("HESSIAN_SPECTRUM")
    if given:
        if not os.access(given, os.X_OK):
            raise HessianSpectrumError(f"HESSIAN_SPECTRUM={given} is not an executable file")
        return given
    found = shutil.which("hessian-spectrum")
    if found:
        return found
    repository = Path(__file__).resolve().parents[2]
    for configuration in ("release", "debug"):
        candidate = repository / ".build" / configuration / "hessian-spectrum"
        if os.access(candidate, os.X_OK):
            return str(candidate)
    raise HessianSpectrumError(
        "hessian-spectrum not found: set HESSIAN_SPECTRUM to the binary, put it on PATH, or build the repository (swift build -c release)")


def _number(text):
    try:
        return float(text)
    except ValueError:
        return text


def _flags(flags):
    out = []
    for key, value in flags.items():
        flag = "--" + key.replace("_", "-")
        if value is True:
            out.append(flag)
        elif value is not False and value is not None:
            out += [flag, str(value)]
    return out


def spectrum(model, x, y, loss="cross_entropy", top=None, bottom=None, eigenvectors=False,
             weight_decay=0.0, method="auto", **flags):
    """The exact spectrum of the Hessian of ``model``'s mean loss on (x, y)
    (plus ``weight_decay``/2·‖θ‖²), by the hessian-spectrum binary.

    ``top``/``bottom``: only the largest/smallest eigenvalues (and, with
    ``eigenvectors=True``, their vectors); other keyword arguments are
    passed as flags (``threads=2`` → ``--threads 2``).
    """
    binary = find_binary()
    if eigenvectors and not (top or bottom):
        raise ValueError("eigenvectors=True needs top and/or bottom")
    with tempfile.TemporaryDirectory(prefix="hessian-spectrum-") as folder:
        model_path, data_path = export(model, x, y, os.path.join(folder, "model"), loss=loss, weight_decay=weight_decay)
        summary_path = os.path.join(folder, "summary.csv")
        vectors_path = os.path.join(folder, "vectors.npy")
        arguments = [binary, "spectrum", "--model", model_path, "--data", data_path, "--quiet", "--summary", summary_path]
        if method != "auto":
            arguments += ["--method", method]
        if top:
            arguments += ["--top", str(top)]
        if bottom:
            arguments += ["--bottom", str(bottom)]
        if eigenvectors:
            arguments += ["--save-eigenvectors", vectors_path]
        arguments += _flags(flags)
        run = subprocess.run(arguments, capture_output=True, text=True)
        if run.returncode != 0:
            lines = [line for line in run.stderr.splitlines() if line.startswith("error:")]
            raise HessianSpectrumError(lines[-1] if lines else run.stderr.strip() or f"exit status {run.returncode}", run.returncode)
        rows = list(csv.DictReader(io.StringIO(run.stdout)))
        chosen = [(int(row["index"]), float(row["eigenvalue"]), position) for position, row in enumerate(rows) if row["matrix"] == "hessian"]
        chosen.sort()
        vectors = None
        if eigenvectors:
            stacked = read_npy(vectors_path)
            vectors = np.stack([stacked[position] for _, _, position in chosen]) if chosen else np.zeros((0, stacked.shape[1]))
        with open(summary_path, newline="") as handle:
            summaries = list(csv.DictReader(handle))
        summary = {key: _number(value) for key, value in summaries[0].items()} if summaries else {}
        trace = float(summary.get("trace", "nan")) if summary else float("nan")
        return SpectrumResult(eigenvalues=np.array([value for _, value, _ in chosen]),
                              indices=np.array([index for index, _, _ in chosen], dtype=np.int64),
                              eigenvectors=vectors, summary=summary, trace=trace, stderr=run.stderr)
