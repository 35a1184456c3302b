/// The numbers that describe one spectrum in the paper's terms: how many
/// outliers by each method, how many negative eigenvalues, how much of it is
/// the bulk at zero, and its extremes.
public struct SpectrumSummary: Sendable, Equatable {
    /// Number of finite eigenvalues, M for a full spectrum.
    public var count: Int
    /// The outlier count of every method (see `OutlierMethod`).
    public var outliers: [OutlierMethod: Int]
    /// Eigenvalues below −zeroTolerance · max|λ| (see `negativeCount`).
    public var negatives: Int
    /// Fraction with |λ| ≤ zeroTolerance · max|λ| (see `nearZeroFraction`).
    public var nearZeroFraction: Double
    /// The largest and smallest eigenvalue; NaN when there is none.
    public var maxEigenvalue: Double
    /// The smallest eigenvalue.
    public var minEigenvalue: Double

    /// Summarises `eigenvalues`, in any order; non-finite values are ignored.
    /// The zero tolerance of `counting` also sets the negatives and the
    /// near-zero fraction, so one level decides what counts as zero.
    /// - Complexity: O(n log n) for n eigenvalues.
    public init(eigenvalues: [Double], counting: OutlierCounting = OutlierCounting()) {
        let finite = eigenvalues.filter(\.isFinite)
        count = finite.count
        outliers = counting.counts(finite)
        negatives = negativeCount(finite, tolerance: counting.zeroTolerance)
        nearZeroFraction = HessianCore.nearZeroFraction(finite, tolerance: counting.zeroTolerance)
        maxEigenvalue = finite.max() ?? .nan
        minEigenvalue = finite.min() ?? .nan
    }

    /// The count by one method.
    public func outliers(by method: OutlierMethod) -> Int { outliers[method] ?? 0 }
}
