import ArgumentParser
import HessianKit

extension Activation: ExpressibleByArgument {}
extension Loss: ExpressibleByArgument {}
extension EigenDriver: ExpressibleByArgument {}

/// The network: its hidden widths, activation, loss and initialisation.
struct ModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Hidden layer widths, comma separated (e.g. 30,30).", valueName: "widths"))
    var hidden: String?

    @Option(help: "Width of every hidden layer, with --depth (default 30 when --hidden is not given).")
    var width: Int?

    @Option(help: "Number of hidden layers, with --width.")
    var depth: Int = 2

    @Option(help: "Hidden activation: \(Activation.allCases.map(\.rawValue).joined(separator: "|")).")
    var activation: Activation = .relu

    @Option(help: "Loss: nll (softmax cross-entropy) or mse (½‖f − onehot‖²), mean over examples.")
    var loss: Loss = .nll

    @Option(name: .customLong("init-scale"), help: "Every weight and bias starts from N(0, s²).")
    var initScale: Double = 0.1

    @Option(help: "Seed of the initialisation and of the SGD shuffle.")
    var seed: UInt64 = 0

    func validate() throws {
        if hidden != nil && width != nil { throw ValidationError("give either --hidden or --width/--depth, not both") }
        if let width, width <= 0 { throw ValidationError("--width must be positive, got \(width)") }
        if depth < 0 { throw ValidationError("--depth must not be negative, got \(depth)") }
        guard initScale >= 0, initScale.isFinite else { throw ValidationError("--init-scale must be a non-negative number, got \(initScale)") }
        _ = try hiddenWidths()
    }

    /// h_1, …, h_{L−1}.
    func hiddenWidths() throws -> [Int] {
        if let hidden {
            let trimmed = hidden.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return [] }
            let parts = trimmed.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            return try parts.map { part in
                guard let w = Int(part), w > 0 else { throw ValidationError("--hidden takes positive whole numbers separated by commas, got '\(hidden)'") }
                return w
            }
        }
        return Array(repeating: width ?? 30, count: depth)
    }

    /// A freshly initialised network for `inputs` features and `outputs` classes.
    func makeModel(inputs: Int, outputs: Int) throws -> MLP {
        try MLP(sizes: [inputs] + hiddenWidths() + [outputs], activation: activation, loss: loss, initScale: initScale, seed: seed)
    }
}
