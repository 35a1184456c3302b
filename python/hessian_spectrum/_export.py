"""From an ``nn.Sequential`` to the tool's safetensors model and .npz data."""

import numpy as np

from ._files import write_safetensors, write_data

_WAY_OUT = "this tool analyses MLPs of Linear layers and activations"


class UnsupportedModelError(ValueError):
    """A module, loss or target the tool cannot represent exactly."""


def _numpy(value, name):
    """A float64 or integer numpy array from a tensor, array or list."""
    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    array = np.asarray(value)
    if array.dtype == object:
        raise UnsupportedModelError(f"{name} is not a numeric array")
    return array


def _activation(module):
    """The tool's name of an activation module, or None if it is not one."""
    kind = type(module).__name__
    if kind in ("ReLU", "Tanh", "Sigmoid", "SiLU"):
        return kind.lower()
    if kind == "GELU":
        approximate = getattr(module, "approximate", "none")
        return "gelu_tanh" if approximate == "tanh" else "gelu"
    if kind == "Softplus":
        if float(module.beta) != 1.0:
            raise UnsupportedModelError(f"Softplus(beta={module.beta}): only beta=1 is supported")
        return "softplus"
    if kind == "ELU":
        return f"elu:{float(module.alpha)!r}"
    if kind == "LeakyReLU":
        return f"leaky_relu:{float(module.negative_slope)!r}"
    return None


def _flatten(model):
    """The leaf modules of nested ``nn.Sequential`` containers, with their
    dotted names."""
    kind = type(model).__name__
    if kind != "Sequential":
        raise UnsupportedModelError(
            f"{kind} is a custom module: pass an nn.Sequential of Linear layers and activations ({_WAY_OUT})")
    leaves = []
    for name, child in model.named_children():
        if type(child).__name__ == "Sequential":
            leaves += [(f"{name}.{inner}", leaf) for inner, leaf in _flatten(child)]
        else:
            leaves.append((name, child))
    return leaves


def network_description(model):
    """The Linear layers and the activation after each hidden one.

    Returns ``(linears, activations)``: a list of ``(name, module)`` and one
    activation name per hidden layer ("linear" where two Linear layers
    follow each other). Raises ``UnsupportedModelError`` naming the first
    module that cannot be represented exactly.
    """
    linears, activations, pending = [], [], None
    for name, module in _flatten(model):
        kind = type(module).__name__
        if kind == "Linear":
            if linears:
                activations.append(pending or "linear")
            linears.append((name, module))
            pending = None
            continue
        if kind in ("Identity", "Flatten"):
            continue
        if kind.startswith("Dropout") or kind == "AlphaDropout":
            if module.training and float(module.p) > 0:
                raise UnsupportedModelError(
                    f"module {name}: {kind}(p={module.p}) in training mode is random; call model.eval() first")
            continue
        activation = _activation(module)
        if activation is None:
            raise UnsupportedModelError(f"module {name} ({kind}) is not a Linear layer or a supported activation: {_WAY_OUT}")
        if not linears:
            raise UnsupportedModelError(f"module {name} ({kind}) comes before the first Linear layer")
        if pending is not None:
            raise UnsupportedModelError(f"module {name} ({kind}) follows another activation; one activation per hidden layer")
        pending = activation
    if not linears:
        raise UnsupportedModelError("the model has no Linear layer")
    if pending is not None:
        raise UnsupportedModelError(
            "the model ends in an activation; the tool's losses take the last Linear layer's outputs "
            "(for CrossEntropyLoss leave out the final Softmax)")
    return linears, activations


_LOSSES = {"crossentropyloss": "cross_entropy", "mseloss": "mse_mean", "bcewithlogitsloss": "logistic"}


def _loss_name(loss):
    """The tool's loss name from a string or a PyTorch loss module."""
    if isinstance(loss, str):
        return loss
    kind = type(loss).__name__
    name = _LOSSES.get(kind.lower())
    if name is None:
        raise UnsupportedModelError(f"{kind} is not one of CrossEntropyLoss, MSELoss, BCEWithLogitsLoss")
    if getattr(loss, "reduction", "mean") != "mean":
        raise UnsupportedModelError(
            f"{kind}(reduction='{loss.reduction}'): pass reduction='mean', or loss='mse_sum' for the sum over outputs averaged over examples")
    if getattr(loss, "weight", None) is not None or float(getattr(loss, "label_smoothing", 0.0)) != 0.0:
        raise UnsupportedModelError(f"{kind} with class weights or label smoothing is not supported")
    return name


def export(model, x, y, prefix, loss="cross_entropy", weight_decay=0.0):
    """Writes ``prefix + ".safetensors"`` (the weights in float64, with
    per-layer activations, loss and weight decay in ``__metadata__``) and
    ``prefix + ".npz"`` (x as float64 (N, d), y as int64 labels (N,)).

    ``loss`` is a name the tool reads (``cross_entropy``, ``mse_mean`` for
    ``MSELoss()``, ``mse_sum``, ``mse``, ``logistic``) or a PyTorch loss
    module. For the MSE losses, integer labels mean one-hot targets and a
    float array of shape (N, k) is the target itself.
    Returns the two paths.
    """
    linears, activations = network_description(model)
    loss = _loss_name(loss)
    weight_decay = float(weight_decay)
    if not weight_decay >= 0 or not np.isfinite(weight_decay):
        raise UnsupportedModelError(f"weight_decay must be a non-negative number, got {weight_decay}")
    x = _numpy(x, "x").astype(np.float64)
    y = _numpy(y, "y")
    if x.ndim != 2:
        raise UnsupportedModelError(f"x must have shape (N, d), got {x.shape}")
    sizes = [linears[0][1].in_features] + [module.out_features for _, module in linears]
    if y.ndim == 2 and y.shape[0] == x.shape[0]:
        if loss not in ("mse_mean", "mse_sum", "mse", "MSELoss"):
            raise UnsupportedModelError(f"float targets y {y.shape} need a squared-error loss (mse_mean for MSELoss()), not {loss}")
        if y.shape[1] != sizes[-1]:
            raise UnsupportedModelError(f"y has {y.shape[1]} targets per example but the model has {sizes[-1]} outputs")
        y = y.astype(np.float64)
    elif y.ndim != 1 or y.shape[0] != x.shape[0]:
        raise UnsupportedModelError(f"y must be N = {x.shape[0]} integer labels or (N, k) float targets, got shape {y.shape}")
    elif not np.issubdtype(y.dtype, np.integer):
        if not np.all(np.equal(np.mod(y, 1), 0)):
            raise UnsupportedModelError("a 1-D y must hold integer class labels; regression targets have shape (N, k)")
        y = y.astype(np.int64)
    if x.shape[1] != sizes[0]:
        raise UnsupportedModelError(f"x has {x.shape[1]} features but the first Linear layer takes {sizes[0]}")
    tensors = []
    for name, module in linears:
        tensors.append((f"{name}.weight", _numpy(module.weight, name).astype(np.float64)))
        if module.bias is not None:  # bias=False: no tensor, the tool reads a bias-free layer
            tensors.append((f"{name}.bias", _numpy(module.bias, name).astype(np.float64)))
    metadata = {"layers": ",".join(map(str, sizes)), "loss": loss,
                "activation": ",".join(activations) if activations else "linear"}
    if weight_decay != 0:
        metadata["weight_decay"] = repr(weight_decay)
    model_path, data_path = prefix + ".safetensors", prefix + ".npz"
    write_safetensors(model_path, tensors, metadata)
    write_data(data_path, x, y)
    return model_path, data_path
