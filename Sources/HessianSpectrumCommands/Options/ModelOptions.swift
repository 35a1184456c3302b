import ArgumentParser
import HessianKit

extension Activations: ExpressibleByArgument {
    /// One name for every hidden layer, or one per hidden layer, comma-separated.
    public init?(argument: String) { self.init(text: argument) }
}
extension Loss: ExpressibleByArgument {
    /// A name or alias (`cross_entropy`, `MSELoss`, …), any case.
    public init?(argument: String) { self.init(name: argument) }
}
extension EigenDriver: ExpressibleByArgument {}

/// The network apart from its widths: activation, loss, initialisation.
struct NetworkOptions: ParsableArguments {
    @Option(help: "Hidden activation: one for every hidden layer or one per hidden layer, comma-separated (relu,tanh); \(Activation.names.joined(separator: "|")), case-insensitive, PyTorch class names accepted (GELU, SiLU, LeakyReLU).")
    var activation: Activations = Activations(.relu)

    @Option(help: "Loss, mean over examples: nll (= cross_entropy, PyTorch CrossEntropyLoss()), mse (= half_squared_error, ½‖f − onehot‖², C/2 × PyTorch MSELoss()), mse_mean (PyTorch MSELoss(): mean over N·C elements), mse_sum (‖f − onehot‖², = MSELoss(reduction='sum')/N) or logistic (one sigmoid output, binary cross-entropy; two classes; with --hidden '' logistic regression).")
    var loss: Loss = .nll

    @Option(name: .customLong("weight-decay"), help: "λ: add (λ/2)‖θ‖² to the training loss (λθ to its gradient, λ·I to H and G); recorded by --save-model.")
    var weightDecay: Double = 0

    @Option(name: .customLong("init-scale"), help: "Every weight and bias starts from N(0, s²).")
    var initScale: Double = 0.1

    @Option(help: "Seed of the initialisation and of the SGD shuffle; also of the SLQ probes, power-iteration start vectors and trace-estimator probes.")
    var seed: UInt64 = 0

    func validate() throws {
        guard initScale >= 0, initScale.isFinite else { throw ValidationError("--init-scale must be a non-negative number, got \(initScale)") }
        guard weightDecay >= 0, weightDecay.isFinite else { throw ValidationError("--weight-decay must be a non-negative number, got \(weightDecay)") }
    }

    /// The network for these hidden widths.
    /// - Throws: `ValidationError` when --activation lists another number
    ///   of activations than there are hidden layers.
    func spec(hidden: [Int]) throws -> NetworkSpec {
        if activation.layers.count > 1 && activation.layers.count != hidden.count {
            throw ValidationError("--activation lists \(activation.layers.count) activations (\(activation)) for \(hidden.count) hidden layer\(hidden.count == 1 ? "" : "s"): give one name for all or one per hidden layer")
        }
        var spec = NetworkSpec(hidden: hidden, activations: activation, loss: loss, initScale: initScale, seed: seed)
        spec.weightDecay = weightDecay
        return spec
    }
}

/// The hidden widths: --hidden 30,30, or --width N with --depth L.
struct ArchitectureOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Hidden layer widths, comma separated (e.g. 30,30; empty for none).", valueName: "widths"))
    var hidden: String?

    @Option(help: "Width of every hidden layer, with --depth (default 30 when --hidden is not given).")
    var width: Int?

    @Option(help: "Number of hidden layers, with --width (default 2).")
    var depth: Int?

    func validate() throws {
        if hidden != nil && (width != nil || depth != nil) { throw ValidationError("give either --hidden or --width/--depth, not both") }
        if let width, width <= 0 { throw ValidationError("--width must be positive, got \(width)") }
        if let depth, depth < 0 { throw ValidationError("--depth must not be negative, got \(depth)") }
        if let depth, depth > 1000 { throw ValidationError("--depth must be at most 1000, got \(depth)") }
        _ = try hiddenWidths()
    }

    /// h_1, …, h_{L−1}.
    func hiddenWidths() throws -> [Int] {
        if let hidden {
            if hidden.trimmingCharacters(in: .whitespaces).isEmpty { return [] }
            return try IntegerList.parse(hidden, flag: "--hidden")
        }
        return Array(repeating: width ?? 30, count: depth ?? 2)
    }

    /// The flag that set the widths, for messages.
    var flag: String { hidden != nil ? "--hidden" : "--width" }
}

/// Comma-separated positive whole numbers.
enum IntegerList {
    static func parse(_ text: String, flag: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("\(flag) needs at least one value") }
        return try parts.map { part in
            guard let value = Int(part), value > 0 else {
                throw ValidationError("\(flag) takes positive whole numbers separated by commas, got '\(text)'")
            }
            return value
        }
    }
}
