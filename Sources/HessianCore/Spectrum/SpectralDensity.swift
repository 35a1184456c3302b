import Foundation

/// The spectral density of exact eigenvalues smoothed by a Gaussian kernel,
///
///     ρ_σ(x) = (1/M) Σᵢ exp(−(x − λᵢ)²/(2σ²)) / (σ√(2π)),
///
/// the picture stochastic estimators (stochastic Lanczos quadrature) draw,
/// here from all M eigenvalues. It integrates to 1 and its mean is the mean
/// eigenvalue (trace/M).
public struct SpectralDensity: Sendable {
    /// σ, in eigenvalue units.
    public var bandwidth: Double
    /// Ascending.
    let eigenvalues: [Double]

    /// How many bandwidths beyond which a kernel is taken as zero (its value
    /// there is below 1e-17 of its peak).
    package static let cutoff = 9.0

    /// The density of `eigenvalues` (any order) with kernel width `bandwidth`.
    public init(eigenvalues: [Double], bandwidth: Double) {
        self.eigenvalues = eigenvalues.sorted()
        self.bandwidth = bandwidth
    }

    /// The default bandwidth: 1 % of the span of `values` (1 for a single
    /// value, |λ|/100 for equal ones).
    public static func defaultBandwidth(_ values: [Double]) -> Double {
        guard let low = values.min(), let high = values.max() else { return 1 }
        let span = high - low
        if span > 0 { return span / 100 }
        return low == 0 ? 1 : abs(low) / 100
    }

    /// ρ_σ at x.
    /// - Complexity: O(log M + the eigenvalues within `cutoff`·σ of x).
    public func density(at x: Double) -> Double {
        let m = eigenvalues.count
        guard m > 0 else { return 0 }
        let reach = Self.cutoff * bandwidth
        var i = lowerBound(x - reach)
        var sum = 0.0
        while i < m, eigenvalues[i] <= x + reach {
            let u = (x - eigenvalues[i]) / bandwidth
            sum += exp(-0.5 * u * u)
            i += 1
        }
        return sum / (Double(m) * bandwidth * (2 * Double.pi).squareRoot())
    }

    /// The first position whose eigenvalue is ≥ `value`.
    private func lowerBound(_ value: Double) -> Int {
        var low = 0, high = eigenvalues.count
        while low < high {
            let mid = (low + high) / 2
            if eigenvalues[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
