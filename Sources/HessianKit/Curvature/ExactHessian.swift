import Foundation

/// Assembles the exact M × M Hessian of the mean training loss of an `MLP`
/// (or its Gauss–Newton part G, or the residual R = H − G) analytically in
/// float64, from BLAS-3 calls over the whole batch.
///
/// Write ã = (a, 1) for a layer input with its bias entry, δ_l = ∂ℓ/∂z_l, and
/// H_m = ∂²ℓ/∂z_m² for the loss Hessian with respect to the pre-activations
/// of layer m (H_L = ∇²ℓ; H_m = D_m·W_{m+1}ᵀ·H_{m+1}·W_{m+1}·D_m +
/// diag(σ''(z_m) ⊙ W_{m+1}ᵀδ_{m+1}), D_m = diag σ'(z_m)). For layers l ≤ m and
/// the parameters (W̃_l)_{ij}, (W̃_m)_{kn} of the augmented weights W̃ = [W | b]:
///
///     ∂²ℓ/∂(W̃_l)_{ij}∂(W̃_m)_{kn} = A⁽ˡᵐ⁾_{ik}·ã_{l−1,j}·ã_{m−1,n}
///                                   + [l < m]·δ_{m,k}·K⁽ˡᵐ⁾_{ni}·ã_{l−1,j},
///
/// with A⁽ˡᵐ⁾ = J_{m←l}ᵀ·H_m (J_{m←l} = ∂z_m/∂z_l) and K⁽ˡᵐ⁾ = ∂a_{m−1}/∂z_l
/// (zero in the bias column n). Both are small per-example matrices built by
/// backward recursions (A⁽ˡᵐ⁾ = D_l·W_{l+1}ᵀ·A⁽ˡ⁺¹ᵐ⁾). For each layer l and
/// neuron i, the rows of H for (W̃_l)_{i·} over all columns of layers ≥ l are
/// then one DGEMM: ã_{l−1}ᵀ (h_{l−1}+1 × N) times a panel Z (N × Σ_{m≥l} M_m)
/// whose columns are the products above, so the whole matrix costs about
/// 2·N·M² flops; the lower block triangle is mirrored from the upper.
///
/// G keeps only the first term with H_m from the Gauss–Newton recursion (no
/// σ'' term); R keeps the σ'' terms and the second term. Each part is
/// assembled on its own, so that H = G + R is a check and not an identity.
public struct ExactHessian {
    public let model: MLP
    let data: Dataset
    let pass: ForwardPass
    /// δ_m = ∂ℓ/∂z_m, N × h_m, for m = 1…L (index m − 1).
    let deltas: [[Double]]
    /// σ'(z_l), N × h_l, for the hidden layers l = 1…L−1 (index l − 1).
    let slopes: [[Double]]
    /// σ''(z_l) ⊙ (δ_{l+1}·W_{l+1}), N × h_l, for l = 1…L−1 (index l − 1).
    let curvatures: [[Double]]

    /// Runs the forward and backward passes over all of `data`.
    /// - Complexity: O(N·M).
    public init(model: MLP, data: Dataset) {
        self.model = model
        self.data = data
        let pass = ForwardPass(model: model, data: data)
        self.pass = pass
        let layout = model.layout
        let n = data.count
        let depth = layout.depth
        var deltas = [[Double]](repeating: [], count: depth)
        var slopes = [[Double]](repeating: [], count: max(0, depth - 1))
        var curvatures = [[Double]](repeating: [], count: max(0, depth - 1))
        deltas[depth - 1] = pass.outputGradient
        for l in stride(from: depth - 1, through: 1, by: -1) {
            let back = model.backThroughWeights(deltas[l], rows: n, layer: l + 1)
            let z = pass.preactivations[l - 1]
            let sigma = model.activation
            slopes[l - 1] = z.map { sigma.firstDerivative($0) }
            var curvature = [Double](repeating: 0, count: z.count)
            var delta = [Double](repeating: 0, count: z.count)
            for t in 0..<z.count {
                curvature[t] = sigma.secondDerivative(z[t]) * back[t]
                delta[t] = slopes[l - 1][t] * back[t]
            }
            curvatures[l - 1] = curvature
            deltas[l - 1] = delta
        }
        self.deltas = deltas
        self.slopes = slopes
        self.curvatures = curvatures
    }

    /// M, the order of the matrix.
    public var order: Int { model.layout.count }

    /// Bytes the assembly needs besides the M × M result: the panel Z and
    /// the per-example blocks A⁽ˡᵐ⁾ and K⁽ˡᵐ⁾.
    public static func workspaceBytes(sizes: [Int], examples n: Int) -> Int {
        let m = ParameterLayout.parameterCount(sizes)
        var blocks = 0
        for l in 1..<sizes.count { for q in l..<sizes.count { blocks += sizes[l] * sizes[q] } }
        return 8 * n * (m + 2 * blocks)
    }

    /// The matrix `part` as a new M × M column-major buffer (both triangles).
    /// - Complexity: about 2·N·M² flops, O(M² + N·M) memory.
    public func assemble(_ part: HessianPart) -> [Double] {
        let m = order
        var matrix = [Double](repeating: 0, count: m * m)
        assemble(part, into: &matrix)
        return matrix
    }

    /// Writes the matrix `part` into `matrix` (M × M column-major, both
    /// triangles), overwriting it.
    ///
    /// Within a layer's diagonal block only the columns of neurons k ≥ i are
    /// formed for neuron i's rows; the rest, like every block below the
    /// diagonal, is mirrored afterwards.
    public func assemble(_ part: HessianPart, into matrix: inout [Double]) {
        let layout = model.layout
        let depth = layout.depth
        let m = layout.count
        precondition(matrix.count == m * m, "the Hessian buffer must hold M² values")
        let blocks = curvatureBlocks(part)
        let transfers = part.includesNetworkCurvature ? activationJacobians() : [:]
        let n = data.count
        let sizes = layout.sizes
        var panel = [Double](repeating: 0, count: n * m)
        let ones = [Double](repeating: 1, count: n)
        let scale = 1 / Double(n)
        let threads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))

        matrix.withUnsafeMutableBufferPointer { hBuffer in
            let h = hBuffer.baseAddress!
            panel.withUnsafeMutableBufferPointer { zBuffer in
                let z = zBuffer.baseAddress!
                for l in 1...depth {
                    let widthL = sizes[l], fanInL = sizes[l - 1]
                    let start = layout.weightOffset(l)
                    for i in 0..<widthL {
                        let first = start + i * fanInL
                        let columns = m - first
                        // Work items: (layer mm, neuron k) pairs, each filling its own panel columns.
                        var items: [(Int, Int)] = []
                        for mm in l...depth { for k in 0..<sizes[mm] { items.append((mm, k)) } }
                        DispatchQueue.concurrentPerform(iterations: min(threads, items.count)) { worker in
                            var t = worker
                            while t < items.count {
                                let (mm, k) = items[t]
                                t += threads
                                fillPanel(z: z, first: first, layer: l, neuron: i, columnLayer: mm, columnNeuron: k,
                                          part: part, blocks: blocks, transfers: transfers)
                            }
                        }
                        // Rows of (W_l)_{i,·}: contiguous in θ, so one DGEMM writes them in place.
                        pass.inputs[l - 1].withUnsafeBufferPointer { u in
                            BLAS.gemm(transA: true, transB: false, m: fanInL, n: columns, k: n,
                                      alpha: scale, a: u.baseAddress!, lda: n, b: z, ldb: n,
                                      beta: 0, c: h + first * m + first, ldc: m)
                        }
                        // Row of (b_l)_i: the column sums of Z.
                        let biasRow = layout.biasOffset(l) + i
                        ones.withUnsafeBufferPointer { one in
                            BLAS.gemv(trans: true, m: n, n: columns, alpha: scale, a: z, lda: n,
                                      x: one.baseAddress!, beta: 0, y: h + first * m + biasRow, incy: m)
                        }
                    }
                    // Mirror what was skipped in the diagonal block: rows of neurons i > k
                    // in the columns of neuron k's weights.
                    let bias = layout.biasOffset(l)
                    for k in 0..<widthL {
                        let columns = (start + k * fanInL)..<(start + (k + 1) * fanInL)
                        mirror(h, order: m, columns: columns, rows: (start + (k + 1) * fanInL)..<bias)
                        mirror(h, order: m, columns: columns, rows: (bias + k + 1)..<(bias + widthL))
                    }
                    // Mirror the block row of layer l into the block column below the diagonal.
                    let end = start + layout.layerCount(l)
                    mirror(h, order: m, columns: start..<end, rows: end..<m)
                }
            }
        }
    }

    /// Fills the panel columns of the parameters of neuron k in layer mm for
    /// the rows of neuron i in layer l (columns numbered from θ index `first`):
    /// A⁽ˡᵐ⁾_{ik}·ã_{m−1,n}, plus δ_{m,k}·K⁽ˡᵐ⁾_{ni} for the network-curvature
    /// term. In the diagonal block (mm = l) weight columns of k < i are skipped.
    func fillPanel(
        z: UnsafeMutablePointer<Double>, first: Int, layer l: Int, neuron i: Int,
        columnLayer mm: Int, columnNeuron k: Int, part: HessianPart,
        blocks: [BlockKey: [Double]], transfers: [BlockKey: [Double]]
    ) {
        let layout = model.layout
        let sizes = layout.sizes
        let n = data.count
        let widthL = sizes[l]
        let fanIn = sizes[mm - 1]
        let weightBase = layout.weightOffset(mm) + k * fanIn - first
        let biasColumn = z + (layout.biasOffset(mm) + k - first) * n
        blocks[BlockKey(l, mm)]!.withUnsafeBufferPointer { aBuffer in
            let ak = aBuffer.baseAddress! + (k * widthL + i) * n
            biasColumn.update(from: ak, count: n)
            guard mm > l || k >= i else { return }
            pass.inputs[mm - 1].withUnsafeBufferPointer { uBuffer in
                for j in 0..<fanIn {
                    let column = z + (weightBase + j) * n
                    let u = uBuffer.baseAddress! + j * n
                    for s in 0..<n { column[s] = ak[s] * u[s] }
                }
            }
            guard part.includesNetworkCurvature && l < mm else { return }
            deltas[mm - 1].withUnsafeBufferPointer { dBuffer in
                let dk = dBuffer.baseAddress! + k * n
                if mm - 1 > l {
                    transfers[BlockKey(l, mm - 1)]!.withUnsafeBufferPointer { kBuffer in
                        for j in 0..<fanIn {
                            let column = z + (weightBase + j) * n
                            let kj = kBuffer.baseAddress! + (j * widthL + i) * n
                            for s in 0..<n { column[s] += dk[s] * kj[s] }
                        }
                    }
                } else {
                    // K = ∂a_l/∂z_l = diag σ'(z_l): only column j = i.
                    let column = z + (weightBase + i) * n
                    slopes[l - 1].withUnsafeBufferPointer { sBuffer in
                        let si = sBuffer.baseAddress! + i * n
                        for s in 0..<n { column[s] += dk[s] * si[s] }
                    }
                }
            }
        }
    }

    /// H[r, c] = H[c, r] for c in `columns` and r in `rows`, in tiles.
    private func mirror(_ h: UnsafeMutablePointer<Double>, order m: Int, columns: Range<Int>, rows: Range<Int>) {
        guard !rows.isEmpty else { return }
        let tile = 64
        var c0 = columns.lowerBound
        while c0 < columns.upperBound {
            let c1 = min(c0 + tile, columns.upperBound)
            var r0 = rows.lowerBound
            while r0 < rows.upperBound {
                let r1 = min(r0 + tile, rows.upperBound)
                for c in c0..<c1 {
                    for r in r0..<r1 { h[c * m + r] = h[r * m + c] }
                }
                r0 = r1
            }
            c0 = c1
        }
    }

    struct BlockKey: Hashable {
        let l: Int, m: Int
        init(_ l: Int, _ m: Int) { self.l = l; self.m = m }
    }

    /// A⁽ˡᵐ⁾ = J_{m←l}ᵀ·H_m for 1 ≤ l ≤ m ≤ L, each stored as [k][i][s]:
    /// entry (i ∈ layer l, k ∈ layer m) of example s at (k·h_l + i)·N + s.
    func curvatureBlocks(_ part: HessianPart) -> [BlockKey: [Double]] {
        let layout = model.layout
        let sizes = layout.sizes
        let depth = layout.depth
        let n = data.count
        var blocks: [BlockKey: [Double]] = [:]
        for mm in stride(from: depth, through: 1, by: -1) {
            let width = sizes[mm]
            var top = [Double](repeating: 0, count: width * width * n)
            if mm == depth {
                if part.includesOutputCurvature {
                    fillOutputCurvature(&top, width: width, count: n)
                }
            } else {
                // H_m[i, k] = Σ_q A⁽ᵐ·ᵐ⁺¹⁾[i, q]·W_{m+1}[q, k]·σ'(z_m)_k.
                let above = blocks[BlockKey(mm, mm + 1)]!
                let next = sizes[mm + 1]
                above.withUnsafeBufferPointer { x in
                    model.parameters.withUnsafeBufferPointer { theta in
                        top.withUnsafeMutableBufferPointer { y in
                            BLAS.gemm(transA: false, transB: true, m: n * width, n: width, k: next,
                                      alpha: 1, a: x.baseAddress!, lda: n * width,
                                      b: theta.baseAddress! + layout.weightOffset(mm + 1), ldb: width,
                                      beta: 0, c: y.baseAddress!, ldc: n * width)
                        }
                    }
                }
                scale(&top, outer: width, inner: width, count: n, by: slopes[mm - 1], outerIndex: true)
                if part.includesNetworkCurvature {
                    curvatures[mm - 1].withUnsafeBufferPointer { c in
                        top.withUnsafeMutableBufferPointer { t in
                            for i in 0..<width {
                                let row = t.baseAddress! + (i * width + i) * n
                                let ci = c.baseAddress! + i * n
                                for s in 0..<n { row[s] += ci[s] }
                            }
                        }
                    }
                }
            }
            blocks[BlockKey(mm, mm)] = top
            // A⁽ˡᵐ⁾[i, k] = σ'(z_l)_i·Σ_p W_{l+1}[p, i]·A⁽ˡ⁺¹ᵐ⁾[p, k].
            for l in stride(from: mm - 1, through: 1, by: -1) {
                let below = sizes[l], upper = sizes[l + 1]
                let source = blocks[BlockKey(l + 1, mm)]!
                var target = [Double](repeating: 0, count: width * below * n)
                source.withUnsafeBufferPointer { x in
                    model.parameters.withUnsafeBufferPointer { theta in
                        target.withUnsafeMutableBufferPointer { y in
                            for k in 0..<width {
                                BLAS.gemm(transA: false, transB: true, m: n, n: below, k: upper,
                                          alpha: 1, a: x.baseAddress! + k * upper * n, lda: n,
                                          b: theta.baseAddress! + layout.weightOffset(l + 1), ldb: below,
                                          beta: 0, c: y.baseAddress! + k * below * n, ldc: n)
                            }
                        }
                    }
                }
                scale(&target, outer: width, inner: below, count: n, by: slopes[l - 1], outerIndex: false)
                blocks[BlockKey(l, mm)] = target
            }
        }
        return blocks
    }

    /// K⁽ˡ·q⁾ = ∂a_q/∂z_l for hidden layers l < q ≤ L − 1, stored as [n][i][s]:
    /// entry (n ∈ layer q, i ∈ layer l) of example s at (n·h_l + i)·N + s.
    /// (For q = l it is diag σ'(z_l) and is not stored.)
    func activationJacobians() -> [BlockKey: [Double]] {
        let layout = model.layout
        let sizes = layout.sizes
        let depth = layout.depth
        let n = data.count
        var jacobians: [BlockKey: [Double]] = [:]
        guard depth >= 3 else { return jacobians }
        for l in 1...(depth - 2) {
            let width = sizes[l]
            // K⁽ˡ·ˡ⁺¹⁾[n, i] = σ'(z_{l+1})_n·W_{l+1}[n, i]·σ'(z_l)_i.
            let q1 = l + 1, widthQ = sizes[q1]
            var first = [Double](repeating: 0, count: widthQ * width * n)
            let w = layout.weightOffset(q1)
            slopes[q1 - 1].withUnsafeBufferPointer { outer in
                slopes[l - 1].withUnsafeBufferPointer { inner in
                    first.withUnsafeMutableBufferPointer { f in
                        for row in 0..<widthQ {
                            for i in 0..<width {
                                let weight = model.parameters[w + row * width + i]
                                let target = f.baseAddress! + (row * width + i) * n
                                let a = outer.baseAddress! + row * n, b = inner.baseAddress! + i * n
                                for s in 0..<n { target[s] = a[s] * weight * b[s] }
                            }
                        }
                    }
                }
            }
            jacobians[BlockKey(l, q1)] = first
            var previous = first
            if q1 + 1 <= depth - 1 {
                for q in (q1 + 1)...(depth - 1) {
                    let widthQ = sizes[q], fanIn = sizes[q - 1]
                    var next = [Double](repeating: 0, count: widthQ * width * n)
                    previous.withUnsafeBufferPointer { x in
                        model.parameters.withUnsafeBufferPointer { theta in
                            next.withUnsafeMutableBufferPointer { y in
                                BLAS.gemm(transA: false, transB: false, m: n * width, n: widthQ, k: fanIn,
                                          alpha: 1, a: x.baseAddress!, lda: n * width,
                                          b: theta.baseAddress! + layout.weightOffset(q), ldb: fanIn,
                                          beta: 0, c: y.baseAddress!, ldc: n * width)
                            }
                        }
                    }
                    scale(&next, outer: widthQ, inner: width, count: n, by: slopes[q - 1], outerIndex: true)
                    jacobians[BlockKey(l, q)] = next
                    previous = next
                }
            }
        }
        return jacobians
    }

    /// x[o][i][s] *= d[o][s] (outerIndex) or d[i][s], for the [outer][inner][s] layout.
    private func scale(_ x: inout [Double], outer: Int, inner: Int, count n: Int, by d: [Double], outerIndex: Bool) {
        d.withUnsafeBufferPointer { dBuffer in
            x.withUnsafeMutableBufferPointer { xBuffer in
                for o in 0..<outer {
                    for i in 0..<inner {
                        let row = xBuffer.baseAddress! + (o * inner + i) * n
                        let factor = dBuffer.baseAddress! + (outerIndex ? o : i) * n
                        for s in 0..<n { row[s] *= factor[s] }
                    }
                }
            }
        }
    }

    /// ∇²ℓ in the [k][i][s] layout: p_k·(δ_ki − p_i) for nll, δ_ki for mse.
    private func fillOutputCurvature(_ top: inout [Double], width: Int, count n: Int) {
        pass.probabilities.withUnsafeBufferPointer { pBuffer in
            top.withUnsafeMutableBufferPointer { tBuffer in
                let p = pBuffer.baseAddress!
                for k in 0..<width {
                    for i in 0..<width {
                        let target = tBuffer.baseAddress! + (k * width + i) * n
                        switch model.loss {
                        case .nll:
                            let pk = p + k * n, pi = p + i * n
                            if k == i {
                                for s in 0..<n { target[s] = pk[s] * (1 - pk[s]) }
                            } else {
                                for s in 0..<n { target[s] = -pk[s] * pi[s] }
                            }
                        case .mse:
                            if k == i { for s in 0..<n { target[s] = 1 } }
                        }
                    }
                }
            }
        }
    }
}
