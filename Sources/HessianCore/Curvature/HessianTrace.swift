/// The exact trace of H, G or R = H − G, without forming the M × M matrix
/// and without an eigensolve.
///
/// A weight (W̃_l)_{ij} of the augmented W̃_l = [W_l | b_l] enters only
/// z_l,i, linearly, and ã_{l−1} does not depend on it, so its diagonal entry is
///
///     ∂²L/∂(W̃_l)_{ij}² = (1/N)·Σ_s H_l(s)_{ii}·ã_{l−1,s,j}²
///
/// with H_l(s) = ∂²ℓ_s/∂z_l² (the diagonal blocks of `ExactHessian`, from
/// its recursion; for G without σ'' terms, for R without ∇²ℓ). Summing over
/// j gives
///
///     tr = (1/N)·Σ_s Σ_l Σ_i H_l(s)_{ii}·(1 + ‖a_{l−1,s}‖²).
///
/// Examples are taken in chunks that keep the per-example blocks within
/// `memoryBudget`; the trace is the example-weighted sum of the chunks'.
/// - Complexity: O(N·Σ_{l≤m} h_l·h_m·h_{m+1}) flops, no M × M storage.
public enum HessianTrace {
    /// tr(`part`) of `model`'s mean loss on `data`, with the per-example
    /// blocks of at most `memoryBudget` bytes alive at a time.
    public static func trace(of part: HessianPart, model: MLP, data: Dataset, memoryBudget: Int = 1 << 28) -> Double {
        let sizes = model.sizes
        var blockValues = 0
        for l in 1..<sizes.count { for m in l..<sizes.count { blockValues += sizes[l] * sizes[m] } }
        let perExample = 8 * (2 * blockValues + sizes.reduce(0, +))
        let chunk = max(1, min(data.count, memoryBudget / max(1, perExample)))
        var total = 0.0
        var start = 0
        while start < data.count {
            let end = min(data.count, start + chunk)
            let slice = chunk == data.count ? data : data.subset(Array(start..<end))
            total += Double(end - start) * ExactHessian(model: model, data: slice).meanTrace(part)
            start = end
        }
        return total / Double(data.count)
    }
}

extension ExactHessian {
    /// The trace of `part` for this data: (1/N)·Σ_s Σ_l Σ_i H_l(s)_{ii}·(1 + ‖a_{l−1,s}‖²).
    func meanTrace(_ part: HessianPart) -> Double {
        let layout = state.layout
        let n = state.count
        let blocks = curvatureBlocks(part)
        var total = 0.0
        for l in 1...layout.depth {
            let width = layout.sizes[l], fanIn = layout.sizes[l - 1]
            // 1 + ‖a_{l−1,s}‖² for each example.
            var weight = [Double](repeating: 1, count: n)
            let input = state.pass.inputs[l - 1]
            for j in 0..<fanIn {
                for s in 0..<n {
                    let a = input[j * n + s]
                    weight[s] += a * a
                }
            }
            let block = blocks[l, l]
            for i in 0..<width {
                let diagonal = (i * width + i) * n
                for s in 0..<n { total += block[diagonal + s] * weight[s] }
            }
        }
        return total / Double(n)
    }
}
