/// A fully connected network f(x) = W_L·σ_{L−1}(… σ_1(W_1·x + b_1) …) + b_L
/// with an activation σ_l per hidden layer, a linear output layer, a bias in
/// every layer but the bias-free ones (`hasBias`), and a loss on its
/// outputs. Parameters are flat in the order of `ParameterLayout`, with the
/// missing biases held at 0 (see `MLP+BiasFree.swift`).
public struct MLP: Equatable, Sendable {
    /// Where each parameter sits in θ.
    public let layout: ParameterLayout
    /// σ_l of each hidden layer (one entry per hidden layer; one entry for
    /// a network without hidden layers, where it is not used).
    public let activations: Activations
    /// The loss on the outputs.
    public let loss: Loss
    /// θ in the full layout (`layout.count` values, a bias-free layer's
    /// bias entries 0).
    public var parameters: [Double]
    /// Whether layer l (1…L) has a bias, at index l − 1; a layer without one
    /// (PyTorch's `bias=False`) has no bias parameters.
    public let hasBias: [Bool]
    /// λ of the weight decay (λ/2)‖θ‖² added to the training objective
    /// (so λθ to its gradient and λ·I to its Hessian; `SpectrumEngine`
    /// adds λ to every eigenvalue of H and G, the curvature types give the
    /// data loss's). 0 by default; `evaluate(on:)` reports the data loss.
    public var weightDecay: Double = 0

    /// A network with the given parameters in the full layout (zeros at
    /// the bias entries of the layers whose `hasBias` is false; nil: every
    /// layer has a bias).
    public init(sizes: [Int], activations: Activations, loss: Loss, parameters: [Double], hasBias: [Bool]? = nil) throws {
        guard sizes.count >= 2 else { throw ModelError.invalid("a network needs at least an input and an output size") }
        guard sizes.allSatisfy({ $0 > 0 }) else { throw ModelError.invalid("layer sizes must be positive, got \(sizes.map(String.init).joined(separator: ","))") }
        if loss == .logistic, sizes.last != 1 {
            throw ModelError.invalid("the logistic loss reads one output, but the layers \(sizes.map(String.init).joined(separator: "-")) end in \(sizes.last ?? 0)")
        }
        let layout = ParameterLayout(sizes: sizes)
        guard parameters.count == layout.count else {
            throw ModelError.invalid("layers \(sizes.map(String.init).joined(separator: "-")) need \(layout.count) parameters, got \(parameters.count)")
        }
        if let bad = parameters.firstIndex(where: { !$0.isFinite }) {
            throw ModelError.invalid("parameter \(bad) is \(parameters[bad]), not a finite number")
        }
        let hasBias = hasBias ?? Array(repeating: true, count: sizes.count - 1)
        guard hasBias.count == sizes.count - 1 else {
            throw ModelError.invalid("\(hasBias.count) bias flags for \(sizes.count - 1) layers")
        }
        for (l, present) in zip(1..., hasBias) where !present {
            let start = layout.biasOffset(l)
            if parameters[start..<(start + sizes[l])].contains(where: { $0 != 0 }) {
                throw ModelError.invalid("layer \(l) has no bias, but its bias entries are not 0")
            }
        }
        self.hasBias = hasBias
        self.layout = layout
        self.activations = try activations.expanded(hiddenLayers: sizes.count - 2)
        self.loss = loss
        self.parameters = parameters
    }

    /// A network whose every weight and bias is drawn from N(0, scale²) by a
    /// generator seeded with `seed`, in parameter order.
    public init(sizes: [Int], activations: Activations, loss: Loss, initScale scale: Double, seed: UInt64) throws {
        guard sizes.count >= 2, sizes.allSatisfy({ $0 > 0 }) else {
            throw ModelError.invalid("layer sizes must be positive, got \(sizes.map(String.init).joined(separator: ","))")
        }
        var random = RandomSource(seed: seed)
        let m = ParameterLayout.parameterCount(sizes)
        let parameters = (0..<m).map { _ in scale * random.normal() }
        try self.init(sizes: sizes, activations: activations, loss: loss, parameters: parameters)
    }

    /// A network with the same σ in every hidden layer.
    public init(sizes: [Int], activation: Activation, loss: Loss, parameters: [Double]) throws {
        try self.init(sizes: sizes, activations: Activations(activation), loss: loss, parameters: parameters)
    }

    /// A randomly initialised network with the same σ in every hidden layer.
    public init(sizes: [Int], activation: Activation, loss: Loss, initScale scale: Double, seed: UInt64) throws {
        try self.init(sizes: sizes, activations: Activations(activation), loss: loss, initScale: scale, seed: seed)
    }

    /// Layer sizes d, h_1, …, C.
    public var sizes: [Int] { layout.sizes }
    /// M, the number of real parameters: `layout.count` less the missing
    /// biases.
    public var parameterCount: Int {
        layout.count - zip(sizes.dropFirst(), hasBias).reduce(0) { $0 + ($1.1 ? 0 : $1.0) }
    }
}

/// Loss and accuracy of a model on a data set.
public struct Evaluation: Equatable, Sendable {
    /// Mean loss over the examples.
    public var loss: Double
    /// Fraction of examples whose largest output is the label; NaN for
    /// regression targets.
    public var accuracy: Double

    /// A loss and an accuracy.
    public init(loss: Double, accuracy: Double) {
        self.loss = loss
        self.accuracy = accuracy
    }
}

extension MLP {
    /// Mean loss and accuracy on `data`.
    /// - Complexity: one forward pass, O(N·M).
    public func evaluate(on data: Dataset) -> Evaluation {
        let pass = ForwardPass(model: self, data: data)
        return Evaluation(loss: pass.meanLoss, accuracy: data.targets == nil ? pass.accuracy(labels: data.labels, loss: loss.function) : .nan)
    }

    /// Checks that the network's input and output sizes fit the data.
    public func checkCompatible(with data: Dataset, name: String = "the data") throws {
        guard layout.inputDimension == data.dimension else {
            throw ModelError.inputs(model: layout.inputDimension, features: data.dimension, data: name)
        }
        if data.targets != nil {
            guard loss.function is SquaredError else {
                throw ModelError.regressionTargetsNeedSquaredError(data: name, loss: loss)
            }
            guard layout.outputDimension == data.classCount else {
                throw ModelError.targets(outputs: layout.outputDimension, targetsPerExample: data.classCount, data: name)
            }
            return
        }
        if loss == .logistic {
            guard layout.outputDimension == 1, data.classCount <= 2 else {
                throw ModelError.logisticNeedsBinaryLabels(outputs: layout.outputDimension, largestLabel: data.classCount - 1, data: name)
            }
            return
        }
        guard layout.outputDimension >= data.classCount else {
            throw ModelError.labels(outputs: layout.outputDimension, largestLabel: data.classCount - 1, data: name)
        }
    }
}

/// A network that cannot be built, or does not fit the data.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    case invalid(String)
    /// The model takes `model` inputs, the data set named `data` has `features`.
    case inputs(model: Int, features: Int, data: String)
    /// Float regression targets with a loss other than squared error.
    case regressionTargetsNeedSquaredError(data: String, loss: Loss)
    /// The model has `outputs` outputs, the data `targetsPerExample` regression targets.
    case targets(outputs: Int, targetsPerExample: Int, data: String)
    /// The logistic loss with more than one output or labels above 1.
    case logisticNeedsBinaryLabels(outputs: Int, largestLabel: Int, data: String)
    /// Labels up to `largestLabel` for a model of `outputs` outputs.
    case labels(outputs: Int, largestLabel: Int, data: String)

    /// One line for a human.
    public var description: String {
        switch self {
        case .invalid(let m): return m
        case .inputs(let model, let features, let data): return "the model takes \(model) inputs but \(data) has \(features) features"
        case .regressionTargetsNeedSquaredError(let data, let loss):
            return "\(data) holds float regression targets, which need a squared-error loss (mse_mean, mse_sum or mse), not \(loss.rawValue)"
        case .targets(let outputs, let targets, let data):
            return "the model has \(outputs) outputs but \(data) has \(targets) targets per example"
        case .logisticNeedsBinaryLabels(let outputs, let largest, let data):
            return "the logistic loss needs one output and labels 0 and 1, but the model has \(outputs) outputs and \(data) labels up to \(largest)"
        case .labels(let outputs, let largest, let data):
            return "the model has \(outputs) outputs but \(data) has labels up to \(largest)"
        }
    }
}
