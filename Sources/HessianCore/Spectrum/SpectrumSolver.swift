import Foundation

/// What a spectrum computation will face, known before any work: the
/// network's shape, the number of examples and what was asked for.
public struct SpectrumProblem: Sendable, Equatable {
    /// Layer sizes d, h_1, …, C.
    public var sizes: [Int]
    /// The hidden activations.
    public var activations: Activations
    /// The loss.
    public var loss: Loss
    /// N.
    public var examples: Int
    /// What is asked for.
    public var request: SpectrumRequest

    /// Whether each layer has a bias (`MLP.hasBias`).
    public var hasBias: [Bool]

    /// A problem from the network's shape, N and the request; `hasBias`
    /// nil: every layer has a bias.
    public init(sizes: [Int], activations: Activations, loss: Loss, examples: Int, request: SpectrumRequest, hasBias: [Bool]? = nil) {
        self.hasBias = hasBias ?? Array(repeating: true, count: max(0, sizes.count - 1))
        self.sizes = sizes
        self.activations = activations
        self.loss = loss
        self.examples = examples
        self.request = request
    }

    /// Whether some layer has no bias.
    public var hasMissingBiases: Bool { hasBias.contains(false) }

    /// M, the real parameters (without the missing biases).
    public var parameterCount: Int {
        ParameterLayout.parameterCount(sizes) - zip(sizes.dropFirst(), hasBias).reduce(0) { $0 + ($1.1 ? 0 : $1.0) }
    }
}

/// What a solver returns: the spectra of the requested parts, and lines
/// for a human (e.g. a Lanczos run that stopped before its tolerance).
public struct SolverOutput: Sendable {
    /// One spectrum per requested part, in order.
    public var spectra: [PartSpectrum]
    /// What a human should know about them.
    public var warnings: [SpectrumWarning]

    /// An output.
    public init(spectra: [PartSpectrum], warnings: [SpectrumWarning] = []) {
        self.spectra = spectra
        self.warnings = warnings
    }
}

/// One way of computing the eigenvalues of H, G and R. `SpectrumEngine`
/// plans by asking every solver whether it applies, what it costs and what
/// memory it needs, then runs the one chosen; a new method (a distributed
/// solver, say) is one more conformance added to `SpectrumEngine.solvers`.
public protocol SpectrumSolver: Sendable {
    /// The method this solver carries out (never `.auto`).
    var method: SpectrumMethod { get }
    /// Whether it gives all M eigenvalues, or only the requested extremes.
    var givesAllEigenvalues: Bool { get }
    /// Why the solver does not apply to `problem`, or nil when it does.
    func unsupportedReason(for problem: SpectrumProblem) -> String?
    /// What it will cost on `problem`: the cost model's flops for all
    /// requested parts, the peak bytes it allocates and whose, and the
    /// size of the work.
    func cost(of problem: SpectrumProblem) -> CostEstimate
    /// Whether it estimates (SLQ, power iteration): such a solver runs only
    /// when asked for by name, never by `auto`.
    var isEstimator: Bool { get }
    /// The spectra of `request.parts` of `model` on `data`.
    func compute(model: MLP, data: Dataset, request: SpectrumRequest) throws -> SolverOutput
}

extension SpectrumSolver {
    /// An exact method.
    public var isEstimator: Bool { false }
}

/// Wall-clock seconds between two instants.
package func elapsedSeconds(_ a: DispatchTime, _ b: DispatchTime) -> Double {
    Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e9
}
