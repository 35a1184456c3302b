import Foundation

/// The Marchenko–Pastur law: the limiting eigenvalue density of a sample
/// covariance (1/N)·XᵀX of an N × M matrix X with independent entries of
/// mean 0 and variance σ², as N, M → ∞ with M/N → q (Appendix B of the
/// paper: logistic regression on one Gaussian blob).
///
///     ρ(x) = √((λ₊ − x)(x − λ₋)) / (2π·σ²·q·x)   for λ₋ ≤ x ≤ λ₊,
///     λ± = σ²·(1 ± √q)²,
///
/// plus a point mass 1 − 1/q at zero when q > 1 (the continuous part then
/// holds 1/q). Its mean is σ², so σ² can be fitted as the mean eigenvalue.
public struct MarchenkoPastur: Sendable, Equatable {
    /// q = M/N.
    public var ratio: Double
    /// σ².
    public var variance: Double

    /// The law with q = `ratio` and σ² = `variance`.
    public init(ratio: Double, variance: Double) {
        self.ratio = ratio
        self.variance = variance
    }

    /// λ₋ = σ²·(1 − √q)².
    public var lowerEdge: Double { variance * pow(1 - ratio.squareRoot(), 2) }
    /// λ₊ = σ²·(1 + √q)².
    public var upperEdge: Double { variance * pow(1 + ratio.squareRoot(), 2) }

    /// The continuous density at x (0 outside [λ₋, λ₊]).
    public func density(at x: Double) -> Double {
        let a = lowerEdge, b = upperEdge
        guard x > 0, x >= a, x <= b else { return 0 }
        return ((b - x) * (x - a)).squareRoot() / (2 * Double.pi * variance * ratio * x)
    }
}
