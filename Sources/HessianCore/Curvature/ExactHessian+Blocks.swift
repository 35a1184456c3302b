/// Per-example matrices indexed by a pair of layers 1 ≤ l ≤ m ≤ L; a pair
/// never filled holds an empty array.
struct BlockTable {
    private var blocks: [[Double]]
    private let depth: Int

    init(depth: Int) {
        self.depth = depth
        blocks = [[Double]](repeating: [], count: depth * depth)
    }

    subscript(l: Int, m: Int) -> [Double] {
        get { blocks[(l - 1) * depth + (m - 1)] }
        set { blocks[(l - 1) * depth + (m - 1)] = newValue }
    }
}

extension ExactHessian {
    /// A⁽ˡᵐ⁾ = J_{m←l}ᵀ·H_m for 1 ≤ l ≤ m ≤ L, each stored as [k][i][s]:
    /// entry (i ∈ layer l, k ∈ layer m) of example s at (k·h_l + i)·N + s.
    /// - Complexity: 2·N·Σ_{l≤m} h_l·h_m·h_{l+1} flops in DGEMMs.
    func curvatureBlocks(_ part: HessianPart) -> BlockTable {
        let layout = state.layout
        var blocks = BlockTable(depth: layout.depth)
        for mm in stride(from: layout.depth, through: 1, by: -1) {
            blocks[mm, mm] = diagonalCurvatureBlock(mm, part: part, above: mm < layout.depth ? blocks[mm, mm + 1] : [])
            // A⁽ˡᵐ⁾[i, k] = σ'(z_l)_i·Σ_p W_{l+1}[p, i]·A⁽ˡ⁺¹ᵐ⁾[p, k].
            for l in stride(from: mm - 1, through: 1, by: -1) {
                blocks[l, mm] = transferredBlock(blocks[l + 1, mm], from: l + 1, to: l, width: layout.sizes[mm])
            }
        }
        return blocks
    }

    /// H_m in the [k][i][s] layout: ∇²ℓ at the output (G and H only);
    /// below it H_m[i, k] = Σ_q A⁽ᵐ·ᵐ⁺¹⁾[i, q]·W_{m+1}[q, k]·σ'(z_m)_k, plus
    /// diag(σ''(z_m) ⊙ e_m) for the network-curvature term.
    private func diagonalCurvatureBlock(_ mm: Int, part: HessianPart, above: [Double]) -> [Double] {
        let layout = state.layout
        let n = state.count
        let width = layout.sizes[mm]
        var top = [Double](repeating: 0, count: width * width * n)
        if mm == layout.depth {
            if part.includesOutputCurvature {
                state.model.loss.function.curvatureEntries(state.pass.output, count: n, classes: width, into: &top)
            }
            return top
        }
        BLAS.gemm(transB: true, m: n * width, n: width, k: layout.sizes[mm + 1], a: above, lda: n * width,
                  b: state.model.parameters, bOffset: layout.weightOffset(mm + 1), ldb: width, c: &top, ldc: n * width)
        Self.scale(&top, outer: width, inner: width, count: n, by: state.slopes[mm - 1], outerIndex: true)
        if part.includesNetworkCurvature {
            let curvature = state.curvatures[mm - 1]
            for i in 0..<width {
                let row = (i * width + i) * n
                for s in 0..<n { top[row + s] += curvature[i * n + s] }
            }
        }
        return top
    }

    /// A⁽ˡᵐ⁾ from A⁽ˡ⁺¹ᵐ⁾ (`source`, layer `upper` = l + 1): one DGEMM per
    /// neuron k of layer m through W_{l+1}, then the σ'(z_l) scaling.
    private func transferredBlock(_ source: [Double], from upper: Int, to l: Int, width: Int) -> [Double] {
        let layout = state.layout
        let n = state.count
        let below = layout.sizes[l], above = layout.sizes[upper]
        var target = [Double](repeating: 0, count: width * below * n)
        for k in 0..<width {
            BLAS.gemm(transB: true, m: n, n: below, k: above, a: source, aOffset: k * above * n, lda: n,
                      b: state.model.parameters, bOffset: layout.weightOffset(upper), ldb: below,
                      c: &target, cOffset: k * below * n, ldc: n)
        }
        Self.scale(&target, outer: width, inner: below, count: n, by: state.slopes[l - 1], outerIndex: false)
        return target
    }

    /// K⁽ˡ·q⁾ = ∂a_q/∂z_l for hidden layers l < q ≤ L − 1, stored as [n][i][s]:
    /// entry (n ∈ layer q, i ∈ layer l) of example s at (n·h_l + i)·N + s.
    /// (For q = l it is diag σ'(z_l) and is not stored.)
    func activationJacobians() -> BlockTable {
        let layout = state.layout
        let sizes = layout.sizes
        let depth = layout.depth
        let n = state.count
        var jacobians = BlockTable(depth: depth)
        guard depth >= 3 else { return jacobians }
        for l in 1...(depth - 2) {
            let width = sizes[l]
            var previous = firstActivationJacobian(l)
            jacobians[l, l + 1] = previous
            for q in stride(from: l + 2, through: depth - 1, by: 1) {
                // K⁽ˡ·q⁾ = σ'(z_q) ⊙ (K⁽ˡ·q⁻¹⁾·W_qᵀ).
                let widthQ = sizes[q], fanIn = sizes[q - 1]
                var next = [Double](repeating: 0, count: widthQ * width * n)
                BLAS.gemm(m: n * width, n: widthQ, k: fanIn, a: previous, lda: n * width,
                          b: state.model.parameters, bOffset: layout.weightOffset(q), ldb: fanIn, c: &next, ldc: n * width)
                Self.scale(&next, outer: widthQ, inner: width, count: n, by: state.slopes[q - 1], outerIndex: true)
                jacobians[l, q] = next
                previous = next
            }
        }
        return jacobians
    }

    /// K⁽ˡ·ˡ⁺¹⁾[n, i] = σ'(z_{l+1})_n·W_{l+1}[n, i]·σ'(z_l)_i.
    private func firstActivationJacobian(_ l: Int) -> [Double] {
        let layout = state.layout
        let n = state.count
        let width = layout.sizes[l], widthQ = layout.sizes[l + 1]
        let w = layout.weightOffset(l + 1)
        let outer = state.slopes[l], inner = state.slopes[l - 1]
        var first = [Double](repeating: 0, count: widthQ * width * n)
        for row in 0..<widthQ {
            for i in 0..<width {
                let weight = state.model.parameters[w + row * width + i]
                let target = (row * width + i) * n
                for s in 0..<n { first[target + s] = outer[row * n + s] * weight * inner[i * n + s] }
            }
        }
        return first
    }

    /// x[o][i][s] *= d[o][s] (outerIndex) or d[i][s], for the [outer][inner][s] layout.
    private static func scale(_ x: inout [Double], outer: Int, inner: Int, count n: Int, by d: [Double], outerIndex: Bool) {
        for o in 0..<outer {
            for i in 0..<inner {
                let row = (o * inner + i) * n
                let factor = (outerIndex ? o : i) * n
                for s in 0..<n { x[row + s] *= d[factor + s] }
            }
        }
    }
}
