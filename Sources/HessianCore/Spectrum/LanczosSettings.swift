/// What Lanczos is asked for and when it stops.
public struct LanczosSettings: Sendable, Equatable {
    /// How many of the largest eigenvalues.
    public var top: Int
    /// How many of the smallest eigenvalues.
    public var bottom: Int
    /// Stop when every wanted Ritz pair (θ, x) has ‖A·x − θ·x‖ ≤
    /// tolerance · max|θ| (max over all Ritz values, an estimate of ‖A‖).
    public var tolerance: Double
    /// Most Lanczos steps (Krylov dimension); nil: min(n, 1000).
    public var maxIterations: Int?
    /// Seed of the start vector (standard normal entries, normalised).
    public var seed: UInt64

    /// Settings; at least one of `top` and `bottom` must be positive to run.
    public init(top: Int = 0, bottom: Int = 0, tolerance: Double = 1e-8, maxIterations: Int? = nil, seed: UInt64 = 0) {
        self.top = top
        self.bottom = bottom
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.seed = seed
    }

    /// The iteration limit for an operator of order n.
    public func iterationLimit(order n: Int) -> Int { max(1, min(n, maxIterations ?? 1000)) }
}
