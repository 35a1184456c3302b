/// What is measured of computed eigenvectors, independently of the method
/// that produced them.
public enum EigenvectorMeasures {
    /// ‖A·v_i − λ_i·v_i‖ for each row v_i of the row-major k × M `vectors`,
    /// with A·v_i an exact matrix-free product (`HessianVectorProduct`), not
    /// a quantity of the eigensolver. M counts the real parameters (no
    /// missing biases).
    /// - Complexity: k products, each about 6·N·M flops.
    public static func residualNorms(of part: HessianPart, products: HessianVectorProduct, values: [Double], vectors: [Double]) -> [Double] {
        let model = products.model, m = model.parameterCount
        precondition(vectors.count == values.count * m, "one vector of length M per value")
        return values.indices.map { i in
            let v = Array(vectors[(i * m)..<((i + 1) * m)])
            let av = model.restricted(products.apply(part, to: model.embedded(v)))
            var total = 0.0
            for j in 0..<m {
                let r = av[j] - values[i] * v[j]
                total += r * r
            }
            return total.squareRoot()
        }
    }

    /// ‖P·g‖² / ‖g‖², the fraction of `gradient` in the span of the rows
    /// `rows` of the row-major `vectors` (orthonormal), P the projector
    /// Σ_i v_i·v_iᵀ; 0 for a zero gradient.
    /// - Complexity: 2·M·|rows| flops.
    public static func overlap(of gradient: [Double], withRows rows: Range<Int>, of vectors: [Double]) -> Double {
        let m = gradient.count
        let squaredNorm = gradient.reduce(0) { $0 + $1 * $1 }
        guard squaredNorm > 0 else { return 0 }
        var projected = 0.0
        for i in rows {
            var dot = 0.0
            for j in 0..<m { dot += vectors[i * m + j] * gradient[j] }
            projected += dot * dot
        }
        return projected / squaredNorm
    }
}
