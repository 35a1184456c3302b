/// The per-example loss ℓ(f, y) of the network output f ∈ ℝ^C and label y,
/// by name; the training loss is its mean over examples. Each case is
/// carried out by one `LossFunction` type.
///
/// | name (aliases) | mean over examples equals |
/// |---|---|
/// | `nll` (`cross_entropy`, `CrossEntropyLoss`) | `nn.CrossEntropyLoss()(f, y)` |
/// | `mse` (`half_squared_error`) | ½‖f − onehot‖² per example: C/2 × `nn.MSELoss()` |
/// | `mse_mean` (`MSELoss`) | `nn.MSELoss()(f, onehot)`, the mean over N·C elements |
/// | `mse_sum` | `nn.MSELoss(reduction='sum')(f, onehot) / N`: ‖f − onehot‖² per example |
/// | `logistic` (`BCEWithLogitsLoss`) | `nn.BCEWithLogitsLoss()(f, y)`, one output |
public enum Loss: String, CaseIterable, Codable, Sendable {
    /// Softmax cross-entropy (`SoftmaxCrossEntropy`).
    case nll
    /// ½‖f − e_y‖² (`SquaredError`, `.half`).
    case mse
    /// ‖f − e_y‖²/C, PyTorch's `MSELoss()` (`SquaredError`, `.mean`).
    case mseMean = "mse_mean"
    /// ‖f − e_y‖², PyTorch's `MSELoss(reduction='sum')` divided by N (`SquaredError`, `.sum`).
    case mseSum = "mse_sum"
    /// One sigmoid output with binary cross-entropy, two classes
    /// (`BinaryCrossEntropy`): logistic regression with no hidden layer.
    case logistic

    /// The type that computes this loss and its derivatives.
    public var function: any LossFunction {
        switch self {
        case .nll: return SoftmaxCrossEntropy()
        case .mse: return SquaredError(reduction: .half)
        case .mseMean: return SquaredError(reduction: .mean)
        case .mseSum: return SquaredError(reduction: .sum)
        case .logistic: return BinaryCrossEntropy()
        }
    }

    /// The loss a name or alias denotes, matched without regard to case or
    /// underscores: the raw values, `cross_entropy`/`CrossEntropyLoss`,
    /// `half_squared_error`, `MSELoss`, `BCEWithLogitsLoss`.
    public init?(name: String) {
        let key = name.lowercased().filter { $0 != "_" && $0 != " " }
        switch key {
        case "nll", "crossentropy", "crossentropyloss": self = .nll
        case "mse", "halfsquarederror": self = .mse
        case "msemean", "mseloss": self = .mseMean
        case "msesum": self = .mseSum
        case "logistic", "bcewithlogits", "bcewithlogitsloss": self = .logistic
        default: return nil
        }
    }

    /// The names for messages and help, aliases in parentheses.
    public static var names: String {
        "nll (cross_entropy), mse (half_squared_error: ½‖f − onehot‖²), mse_mean (PyTorch MSELoss()), mse_sum (‖f − onehot‖²: MSELoss(reduction='sum')/N), logistic"
    }
}
