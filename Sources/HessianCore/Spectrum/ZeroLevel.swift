/// What counts as a zero eigenvalue: |λ| ≤ z with z = tolerance · max|λ|
/// over the finite eigenvalues of the spectrum. The default tolerance 1e-6
/// lies well above the rounding error of a double-precision eigensolve
/// (about M · 2.2e-16 · max|λ|, 1e-11 · max|λ| for M = 55660) and well
/// below the outliers, so the exact zeros of a rank-deficient Gauss-Newton
/// matrix, which come out of the solver as ±rounding noise, count as zero.
public struct ZeroLevel: Sendable, Equatable {
    /// The tolerance of the paper's counts: 1e-6 of max|λ|.
    public static let defaultTolerance = 1e-6

    /// In [0, 1); values outside are brought to the nearest end, NaN to 0.
    public var tolerance: Double

    /// A zero level; `problem` says whether the tolerance is in range.
    public init(tolerance: Double = ZeroLevel.defaultTolerance) {
        self.tolerance = tolerance
    }

    /// The problem with a tolerance, or nil.
    public static func problem(_ tolerance: Double) -> SettingError? {
        tolerance >= 0 && tolerance < 1 ? nil : SettingError(.zeroTolerance, .unitInterval, got: tolerance)
    }

    /// z = tolerance · max|λ| over the finite values; 0 for no values.
    public func level(of eigenvalues: [Double]) -> Double {
        OutlierCounting.unitInterval(tolerance) * eigenvalues.reduce(0) { $1.isFinite ? max($0, abs($1)) : $0 }
    }
}

/// The number of eigenvalues below −z, z = tolerance · max|λ|: the negative
/// eigenvalues that are not rounding noise around zero. Negatives only
/// (−1, −2, −3) gives 3; an all-zero spectrum 0. Non-finite values are ignored.
/// - Complexity: O(n).
public func negativeCount(_ eigenvalues: [Double], tolerance: Double = ZeroLevel.defaultTolerance) -> Int {
    let z = ZeroLevel(tolerance: tolerance).level(of: eigenvalues)
    return eigenvalues.reduce(0) { $0 + ($1.isFinite && $1 < -z ? 1 : 0) }
}

/// The fraction of the finite eigenvalues with |λ| ≤ z, z = tolerance ·
/// max|λ|: how much of the spectrum is the bulk at zero. An all-zero
/// spectrum gives 1 (z = 0 and every |λ| ≤ 0); an empty one 0.
/// - Complexity: O(n).
public func nearZeroFraction(_ eigenvalues: [Double], tolerance: Double = ZeroLevel.defaultTolerance) -> Double {
    let finite = eigenvalues.filter(\.isFinite)
    guard !finite.isEmpty else { return 0 }
    let z = ZeroLevel(tolerance: tolerance).level(of: finite)
    return Double(finite.reduce(0) { $0 + (abs($1) <= z ? 1 : 0) }) / Double(finite.count)
}
