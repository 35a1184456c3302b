/// The per-example loss ℓ(f, y) of the network output f ∈ ℝ^C and label y,
/// by name; the training loss is its mean over examples. Each case is
/// carried out by one `LossFunction` type.
public enum Loss: String, CaseIterable, Codable, Sendable {
    /// Softmax cross-entropy (`SoftmaxCrossEntropy`).
    case nll
    /// Squared error to the one-hot target (`SquaredError`).
    case mse
    /// One sigmoid output with binary cross-entropy, two classes
    /// (`BinaryCrossEntropy`): logistic regression with no hidden layer.
    case logistic

    /// The type that computes this loss and its derivatives.
    public var function: any LossFunction {
        switch self {
        case .nll: return SoftmaxCrossEntropy()
        case .mse: return SquaredError()
        case .logistic: return BinaryCrossEntropy()
        }
    }
}
