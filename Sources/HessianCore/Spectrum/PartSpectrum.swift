/// Eigenvalues of one matrix of the split, with what they cost.
public struct PartSpectrum: Sendable {
    /// Which matrix: H, G or R (G for a level of G's class decomposition).
    public var part: HessianPart
    /// The level of G's class decomposition this is the spectrum of
    /// (`GaussNewtonClassSplit`), or nil for `part` itself.
    public var classLevel: ClassLevel? = nil
    /// Ascending.
    public var eigenvalues: [Double]
    /// Wall-clock seconds to assemble the matrix.
    public var assembleSeconds: Double
    /// Wall-clock seconds in LAPACK.
    public var eigenSeconds: Double
    /// For a partial spectrum (Lanczos, or `top`/`bottom`): each value's
    /// 0-based position in the ascending order of all M eigenvalues. Nil
    /// when `eigenvalues` holds all M of them.
    public var indices: [Int]? = nil
    /// ‖H·x − λ·x‖ for each value's unit vector x: Lanczos's Ritz vectors,
    /// and every method's eigenvectors when they were asked for.
    public var residualNorms: [Double]? = nil
    /// With `SpectrumRequest.vectors`: the unit eigenvector of each value,
    /// row-major (one row of M per value, in the order of `eigenvalues`),
    /// components in `ParameterLayout` order.
    public var eigenvectors: [Double]? = nil
    /// For `--method slq`: the quadrature estimate of the spectral measure
    /// (then `eigenvalues` is empty).
    public var quadrature: SpectralQuadrature? = nil

    /// The matrix's name in a spectrum table: `part`'s, or the class level's.
    public var matrix: String { classLevel?.rawValue ?? part.rawValue }

    /// Position of `eigenvalues[i]` in the ascending order of all M eigenvalues.
    public func index(_ i: Int) -> Int { indices?[i] ?? i }
}

/// A spectrum that cannot be trusted.
public enum SpectrumError: Error, CustomStringConvertible, Equatable {
    /// The matrix (or its factor) has NaN or Inf entries.
    case nonFinite(part: HessianPart)
    /// One line for a human.
    public var description: String {
        switch self {
        case .nonFinite(let part): return "the \(part.rawValue) matrix has NaN or Inf entries; the model's outputs overflow"
        }
    }
}
