extension MLP {
    /// x·W_l for a column-major `rows` × h_l matrix x: the step of every
    /// backward recursion (gradients, curvature factors, R-products) that
    /// carries a quantity from layer l's outputs to its inputs. Returns the
    /// `rows` × h_{l−1} product.
    /// - Complexity: 2·rows·h_l·h_{l−1} flops in one DGEMM.
    func backThroughWeights(_ x: UnsafePointer<Double>, rows: Int, layer l: Int) -> [Double] {
        let fanIn = layout.sizes[l - 1], fanOut = layout.sizes[l]
        var product = [Double](repeating: 0, count: rows * fanIn)
        parameters.withUnsafeBufferPointer { theta in
            product.withUnsafeMutableBufferPointer { y in
                // W_l is fanOut × fanIn row-major, i.e. Wᵀ column-major: use its transpose.
                BLAS.gemm(transA: false, transB: true, m: rows, n: fanIn, k: fanOut,
                          alpha: 1, a: x, lda: rows, b: theta.baseAddress! + layout.weightOffset(l), ldb: fanIn,
                          beta: 0, c: y.baseAddress!, ldc: rows)
            }
        }
        return product
    }

    func backThroughWeights(_ x: [Double], rows: Int, layer l: Int) -> [Double] {
        x.withUnsafeBufferPointer { backThroughWeights($0.baseAddress!, rows: rows, layer: l) }
    }
}
