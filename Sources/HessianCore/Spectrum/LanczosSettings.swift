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
    /// Most basis vectors alive at a time (the run restarts, keeping the
    /// Ritz vectors nearest the wanted ends, when the steps would need
    /// more); nil: `defaultBasisVectors`.
    public var basisVectors: Int?

    /// Settings; at least one of `top` and `bottom` must be positive to run.
    public init(top: Int = 0, bottom: Int = 0, tolerance: Double = 1e-8, maxIterations: Int? = nil, seed: UInt64 = 0,
                basisVectors: Int? = nil) {
        self.basisVectors = basisVectors
        self.top = top
        self.bottom = bottom
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.seed = seed
    }

    /// The iteration limit for an operator of order n.
    public func iterationLimit(order n: Int) -> Int { max(1, min(n, stepBudget)) }

    /// The steps a restarted run may take (`maxIterations`, default 1000),
    /// which may exceed the order: its Krylov space never fills it.
    public var stepBudget: Int { max(1, maxIterations ?? 1000) }

    /// The basis vectors of a run of at most `iterationLimit(order: n)`
    /// steps for `wanted` eigenvalues: `basisVectors` or the default, never
    /// fewer than wanted + 3 (a restart keeps the wanted Ritz vectors and
    /// must leave room to grow), never more than the steps.
    public func basisLimit(order n: Int, wanted: Int) -> Int {
        let steps = iterationLimit(order: n)
        let asked = basisVectors ?? Self.defaultBasisVectors(order: n, wanted: wanted)
        return min(steps, max(asked, wanted + 3))
    }

    /// Bytes the default basis may take before restarts bound it: 512 MiB.
    public static let defaultBasisBytes = 1 << 29

    /// The default basis: as many vectors as fit in `defaultBasisBytes`,
    /// and at least 2·wanted + 30, so that a network of a few thousand
    /// parameters keeps its whole Krylov space (no restart) and one of
    /// millions keeps O(wanted) vectors of length n.
    public static func defaultBasisVectors(order n: Int, wanted: Int) -> Int {
        max(2 * wanted + 30, defaultBasisBytes / (8 * max(1, n)))
    }
}
