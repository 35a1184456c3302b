/// Which level each outlier comes from: the top eigenvalues of H and G beside
/// those of G_class and G_cross, and how much of each top eigenvector of H
/// lies in the span of the class means and of the cross-class means.
public struct ClassSplitMeasures: Sendable, Equatable {
    /// H's largest T = C·K eigenvalues (C + C(C−1) for softmax), descending.
    public var hessian: [Double]
    /// G's largest T, descending.
    public var gaussNewton: [Double]
    /// G_class's nonzero-rank eigenvalues (one per mean), descending.
    public var classMeans: [Double]
    /// G_cross's, descending.
    public var crossClass: [Double]
    /// For each of `hessian`'s unit eigenvectors v: ‖Π_class·v‖², its
    /// squared length in span{δ_{c,c}}, in [0, 1].
    public var classSpanFraction: [Double]
    /// ‖Π_cross·v‖², its squared length in span{δ_{c,c′} : c ≠ c′}.
    public var crossSpanFraction: [Double]

    /// Measures from their parts.
    public init(hessian: [Double], gaussNewton: [Double], classMeans: [Double], crossClass: [Double],
                classSpanFraction: [Double], crossSpanFraction: [Double]) {
        self.hessian = hessian
        self.gaussNewton = gaussNewton
        self.classMeans = classMeans
        self.crossClass = crossClass
        self.classSpanFraction = classSpanFraction
        self.crossSpanFraction = crossSpanFraction
    }
}

extension GaussNewtonClassSplit {
    /// T = C·K, the eigenvalues the measures compare: as many as there are
    /// class and cross-class means.
    public var outlierCount: Int { trueClasses * classes }

    /// Relative size below which a direction of a span is dropped: a
    /// singular value of the means' factor under 10⁻⁵ of the largest.
    static let spanTolerance = 1e-10

    /// ‖Π·v‖² for each of the `count` unit vectors in `vectors` (row-major,
    /// M per row), Π the orthogonal projection onto the span of `level`'s
    /// means. With FᵀF = U·Λ·Uᵀ (the Gram of `factor([level])`, DSYEVD) the
    /// columns F·u_j/√λ_j are an orthonormal basis, so
    /// ‖Π·v‖² = Σ_j (u_jᵀ·Fᵀv)²/λ_j over λ_j > 10⁻¹⁰·λ_max.
    /// - Complexity: 2·M·k·count + (4/3)·k³ flops.
    public func spanFractions(of vectors: [Double], count: Int, level: ClassLevel) throws -> [Double] {
        let m = parameterCount
        let (f, k) = factor([level])
        guard k > 0, count > 0 else { return [Double](repeating: 0, count: count) }
        var gram = [Double](repeating: 0, count: k * k)
        BLAS.gemm(transA: true, m: k, n: k, k: m, a: f, lda: m, b: f, ldb: m, c: &gram, ldc: k)
        let lambda = try SymmetricEigensolver.decomposition(&gram, order: k)
        let floor = (lambda.last ?? 0) * Self.spanTolerance
        // Fᵀ·V (k × count): V's rows are the vectors, so V is M × count column-major.
        var y = [Double](repeating: 0, count: k * count)
        BLAS.gemm(transA: true, m: k, n: count, k: m, a: f, lda: m, b: vectors, ldb: m, c: &y, ldc: k)
        var z = [Double](repeating: 0, count: k * count)
        BLAS.gemm(transA: true, m: k, n: count, k: k, a: gram, lda: k, b: y, ldb: k, c: &z, ldc: k)
        return (0..<count).map { v in
            var total = 0.0
            for j in 0..<k where lambda[j] > floor { total += z[v * k + j] * z[v * k + j] / lambda[j] }
            return min(1, max(0, total))
        }
    }

    /// The measures from H's and G's top spectra with H's eigenvectors (as
    /// `SpectrumEngine` returns them for `top` = `outlierCount`, `vectors`).
    public func measures(hessian: PartSpectrum, gaussNewton: PartSpectrum) throws -> ClassSplitMeasures {
        let m = parameterCount
        let vectors = hessian.eigenvectors ?? []
        let count = vectors.count / max(1, m)
        var descending: [Double] = []
        for v in stride(from: count - 1, through: 0, by: -1) { descending += vectors[(v * m)..<((v + 1) * m)] }
        func nonzero(_ level: ClassLevel) throws -> [Double] {
            Array(try meanEigenvalues(level).reversed().prefix(pairs(level).count))
        }
        return ClassSplitMeasures(
            hessian: hessian.eigenvalues.reversed(), gaussNewton: gaussNewton.eigenvalues.reversed(),
            classMeans: try nonzero(.classMeans), crossClass: try nonzero(.crossClass),
            classSpanFraction: try spanFractions(of: descending, count: count, level: .classMeans),
            crossSpanFraction: try spanFractions(of: descending, count: count, level: .crossClass))
    }
}

extension GaussNewtonClassSplit {
    /// The names of the two span fractions in an eigenvector's anatomy.
    public static let classSpanName = "class_span", crossSpanName = "cross_span"

    /// Appends to each eigenvector's anatomy (one list per spectrum of
    /// `spectra`, one anatomy per vector) its fractions in the spans of the
    /// class means (`class_span`) and of the cross-class means (`cross_span`).
    public func addSpanFractions(to anatomies: inout [[EigenvectorAnatomy]], of spectra: [PartSpectrum]) throws {
        let m = parameterCount
        for (s, spectrum) in spectra.enumerated() {
            guard let vectors = spectrum.eigenvectors, !vectors.isEmpty, s < anatomies.count else { continue }
            let count = vectors.count / m
            let inClass = try spanFractions(of: vectors, count: count, level: .classMeans)
            let inCross = try spanFractions(of: vectors, count: count, level: .crossClass)
            for v in 0..<min(count, anatomies[s].count) {
                anatomies[s][v].fractions += [EigenvectorAnatomy.Fraction(subspace: Self.classSpanName, value: inClass[v]),
                                              EigenvectorAnatomy.Fraction(subspace: Self.crossSpanName, value: inCross[v])]
            }
        }
    }
}
