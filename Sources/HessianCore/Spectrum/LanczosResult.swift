/// The extreme eigenvalues Lanczos found.
public struct LanczosResult: Sendable {
    /// Ritz values, ascending.
    public var values: [Double]
    /// For each value, its 0-based position in the ascending order of all n
    /// eigenvalues: the bottom K are 0…K−1, the top K are n−K…n−1.
    public var indices: [Int]
    /// ‖A·x − θ·x‖ for each Ritz pair, from one extra product with the
    /// Ritz vector x (‖x‖ = 1), not from the Lanczos recurrence.
    public var residualNorms: [Double]
    /// The unit Ritz vector x of each value.
    public var vectors: [[Double]]
    /// Lanczos steps taken (the Krylov dimension).
    public var iterations: Int
    /// Products with A, including those for the residuals.
    public var products: Int
    /// Whether every residual met the tolerance.
    public var converged: Bool
    /// Whether the last deflation run converged, confirming that no copy of
    /// a repeated eigenvalue was missed (see `Lanczos`).
    public var verified: Bool
    /// Lanczos runs: the first, then one per deflation check.
    public var runs: Int
    /// max|θ|, the scale of the tolerance.
    public var scale: Double
}

/// A Lanczos request that cannot be carried out.
public enum LanczosError: Error, CustomStringConvertible, Equatable {
    case invalid(String)
    /// Neither the largest nor the smallest eigenvalues were asked for.
    case nothingRequested
    /// One line for a human.
    public var description: String {
        switch self {
        case .invalid(let message): return message
        case .nothingRequested: return "ask for at least one of the largest or smallest eigenvalues"
        }
    }
}
