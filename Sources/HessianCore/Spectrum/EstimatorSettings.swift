/// The settings of the estimators that work from products alone: stochastic
/// Lanczos quadrature (`StochasticLanczosQuadrature`), power iteration
/// (`PowerIteration`) and the trace estimators (`TraceEstimator`).
public struct EstimatorSettings: Sendable, Equatable {
    /// SLQ: the number of Rademacher probe vectors P.
    public var probes: Int
    /// SLQ: Lanczos steps m per probe; nil: min(M, 80).
    public var lanczosSteps: Int?
    /// Power iteration: most iterations per eigenvalue (PyHessian: 100).
    public var powerIterations: Int
    /// Power iteration stops when |λ_t − λ_{t−1}| ≤ tolerance·(|λ_{t−1}| +
    /// 1e-6) (PyHessian's rule and default, 1e-3).
    public var powerTolerance: Double
    /// Seed of every probe and start vector.
    public var seed: UInt64

    /// Settings; the defaults are those of hessian-eigenthings and Ghorbani
    /// et al.'s spectral-density code for SLQ (10 probes × 80 steps), and of
    /// PyHessian for power iteration (100 iterations, tolerance 1e-3).
    public init(probes: Int = 10, lanczosSteps: Int? = nil, powerIterations: Int = 100, powerTolerance: Double = 1e-3,
                seed: UInt64 = 0) {
        self.probes = probes
        self.lanczosSteps = lanczosSteps
        self.powerIterations = powerIterations
        self.powerTolerance = powerTolerance
        self.seed = seed
    }

    /// The default number of SLQ steps.
    public static let defaultLanczosSteps = 80

    /// SLQ steps per probe for an operator of order n.
    public func steps(order n: Int) -> Int { lanczosSteps ?? min(n, Self.defaultLanczosSteps) }
}

/// An estimate that cannot be trusted.
public enum EstimatorError: Error, CustomStringConvertible, Equatable {
    /// A product of the operator had NaN or Inf entries.
    case nonFinite(what: String)

    /// One line for a human.
    public var description: String {
        switch self {
        case .nonFinite(let what): return "\(what): a product had NaN or Inf entries; the model's outputs overflow"
        }
    }
}
