/// A discrete estimate of a spectral measure: Gauss quadrature nodes θ and
/// weights τ, one Gauss rule per probe vector, as stochastic Lanczos
/// quadrature (`StochasticLanczosQuadrature`) produces.
///
/// With P probes the weights of each probe sum to 1/P, so all weights sum
/// to 1 and Σ τ·f(θ) estimates (1/M)·tr f(A) = ∫ f dμ for the spectral
/// measure μ = (1/M)·Σ_i δ_{λ_i}.
public struct SpectralQuadrature: Sendable, Equatable {
    /// The nodes θ (Ritz values), probe by probe, ascending within a probe.
    public var nodes: [Double]
    /// The weight τ of each node.
    public var weights: [Double]
    /// The 0-based probe of each node.
    public var probes: [Int]
    /// Lanczos steps taken by each probe (fewer than asked when the Krylov
    /// space of the probe was invariant).
    public var steps: [Int]

    /// A quadrature from its parts (all of `nodes`' length but `steps`).
    public init(nodes: [Double], weights: [Double], probes: [Int], steps: [Int]) {
        self.nodes = nodes
        self.weights = weights
        self.probes = probes
        self.steps = steps
    }

    /// The number of probes P.
    public var probeCount: Int { steps.count }

    /// Products with the operator: one per step.
    public var products: Int { steps.reduce(0, +) }

    /// The nodes and weights of the first `count` probes, reweighted so
    /// that they sum to 1 (each probe 1/count).
    public func prefix(probes count: Int) -> SpectralQuadrature {
        let keep = nodes.indices.filter { probes[$0] < count }
        let factor = Double(probeCount) / Double(max(1, count))
        return SpectralQuadrature(nodes: keep.map { nodes[$0] }, weights: keep.map { weights[$0] * factor },
                                  probes: keep.map { probes[$0] }, steps: Array(steps.prefix(count)))
    }
}
