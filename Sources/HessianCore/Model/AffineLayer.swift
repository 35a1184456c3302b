/// Layer l of a fully connected network, z = a·W_lᵀ + b_l, as the steps
/// every pass over a batch takes through it: forward through the weights,
/// add the bias, back through the weights, and the two parts of a gradient.
/// The weights are read from (and gradients written to) any flat vector in
/// the order of `ParameterLayout` — θ itself, a direction v, a product H·v.
///
/// Batches are column-major with the example index fastest: a is N × h_{l−1},
/// z and δ are N × h_l. W_l is h_l × h_{l−1} row-major in θ, which is W_lᵀ
/// column-major, so each step is one DGEMM with no copy.
struct AffineLayer {
    /// h_{l−1}.
    let fanIn: Int
    /// h_l.
    let fanOut: Int
    /// Where W_l starts in a parameter vector.
    let weightOffset: Int
    /// Where b_l starts in a parameter vector.
    let biasOffset: Int

    /// z ← a·Wᵀ (or z += a·Wᵀ when `accumulate`), W read from `weights`.
    /// - Complexity: 2·N·h_l·h_{l−1} flops.
    func forward(_ a: [Double], rows n: Int, weights: [Double], into z: inout [Double], accumulate: Bool = false) {
        BLAS.gemm(m: n, n: fanOut, k: fanIn, a: a, lda: n, b: weights, bOffset: weightOffset, ldb: fanIn,
                  beta: accumulate ? 1 : 0, c: &z, ldc: n)
    }

    /// z[:, i] += b_i for every neuron i, b read from `parameters`.
    func addBias(from parameters: [Double], to z: inout [Double], rows n: Int) {
        for i in 0..<fanOut {
            let bi = parameters[biasOffset + i]
            let column = i * n
            for s in 0..<n { z[column + s] += bi }
        }
    }

    /// e ← δ·W (or e += δ·W), the step that carries a quantity from the
    /// layer's outputs back to its inputs; W read from `weights`.
    /// - Complexity: 2·rows·h_l·h_{l−1} flops.
    func backward(_ delta: [Double], rows: Int, weights: [Double], into e: inout [Double], accumulate: Bool = false) {
        BLAS.gemm(transB: true, m: rows, n: fanIn, k: fanOut, a: delta, lda: rows, b: weights, bOffset: weightOffset, ldb: fanIn,
                  beta: accumulate ? 1 : 0, c: &e, ldc: rows)
    }

    /// δ·W as a new `rows` × h_{l−1} matrix.
    func backward(_ delta: [Double], rows: Int, weights: [Double]) -> [Double] {
        var e = [Double](repeating: 0, count: rows * fanIn)
        backward(delta, rows: rows, weights: weights, into: &e)
        return e
    }

    /// The weight block of a gradient: g[W_l] ← scale·δᵀ·a (or +=), written
    /// as aᵀ·δ, which is h_{l−1} × h_l column-major = W's row-major layout.
    /// - Complexity: 2·N·h_l·h_{l−1} flops.
    func weightGradient(inputs a: [Double], deltas delta: [Double], rows n: Int, scale: Double,
                        into g: inout [Double], accumulate: Bool = false) {
        BLAS.gemm(transA: true, m: fanIn, n: fanOut, k: n, alpha: scale, a: a, lda: n, b: delta, ldb: n,
                  beta: accumulate ? 1 : 0, c: &g, cOffset: weightOffset, ldc: fanIn)
    }

    /// The bias block of a gradient: g[b_l]_i ← scale·Σ_s δ[s, i].
    func biasGradient(deltas delta: [Double], rows n: Int, scale: Double, into g: inout [Double]) {
        for i in 0..<fanOut {
            var total = 0.0
            let column = i * n
            for s in 0..<n { total += delta[column + s] }
            g[biasOffset + i] = total * scale
        }
    }
}

extension ParameterLayout {
    /// Layer l, 1 ≤ l ≤ L.
    func layer(_ l: Int) -> AffineLayer {
        AffineLayer(fanIn: sizes[l - 1], fanOut: sizes[l], weightOffset: weightOffset(l), biasOffset: biasOffset(l))
    }
}
