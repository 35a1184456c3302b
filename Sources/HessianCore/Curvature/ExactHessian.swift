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
    let state: BackPropagation
    /// Threads filling the panel columns.
    let threads: Int

    /// Runs the forward and backward passes over all of `data`; the
    /// assembly fills its panels on `threads` threads.
    /// - Complexity: O(N·M).
    public init(model: MLP, data: Dataset, threads: Int = 1) {
        state = BackPropagation(model: model, data: data)
        self.threads = max(1, threads)
    }

    /// The network whose Hessian this is.
    public var model: MLP { state.model }

    /// M, the order of the matrix.
    public var order: Int { state.order }

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
        let layout = state.layout
        let m = layout.count
        precondition(matrix.count == m * m, "the Hessian buffer must hold M² values")
        let blocks = curvatureBlocks(part)
        let transfers = part.includesNetworkCurvature ? activationJacobians() : BlockTable(depth: layout.depth)
        var panel = [Double](repeating: 0, count: state.count * m)
        for l in 1...layout.depth {
            for i in 0..<layout.sizes[l] {
                assembleRows(layer: l, neuron: i, part: part, blocks: blocks, transfers: transfers,
                             panel: &panel, into: &matrix)
            }
            mirrorLayer(l, in: &matrix)
        }
    }

    /// The rows of H for neuron i of layer l, from column (W_l)_{i,0} on:
    /// the panel Z of their columns, then one DGEMM for the weight rows and
    /// one DGEMV (Z's column sums) for the bias row.
    private func assembleRows(
        layer l: Int, neuron i: Int, part: HessianPart, blocks: BlockTable, transfers: BlockTable,
        panel: inout [Double], into matrix: inout [Double]
    ) {
        let layout = state.layout
        let sizes = layout.sizes
        let m = layout.count
        let n = state.count
        let fanIn = sizes[l - 1]
        let first = layout.weightOffset(l) + i * fanIn
        // Work items: (layer mm, neuron k) pairs, each filling its own panel columns.
        var items: [(Int, Int)] = []
        for mm in l...layout.depth { for k in 0..<sizes[mm] { items.append((mm, k)) } }
        let threads = self.threads
        panel.withUnsafeMutableBufferPointer { buffer in
            guard let z = buffer.baseAddress else { return }
            DispatchQueue.concurrentPerform(iterations: min(threads, items.count)) { worker in
                for t in stride(from: worker, to: items.count, by: threads) {
                    let (mm, k) = items[t]
                    fillPanel(PanelColumns(base: z, examples: n, first: first), layer: l, neuron: i,
                              columnLayer: mm, columnNeuron: k, part: part, blocks: blocks, transfers: transfers)
                }
            }
        }
        let scale = 1 / Double(n)
        // Rows of (W_l)_{i,·}: contiguous in θ, so one DGEMM writes them in place.
        BLAS.gemm(transA: true, m: fanIn, n: m - first, k: n, alpha: scale, a: state.pass.inputs[l - 1], lda: n,
                  b: panel, ldb: n, c: &matrix, cOffset: first * m + first, ldc: m)
        // Row of (b_l)_i: the column sums of Z.
        BLAS.gemv(trans: true, m: n, n: m - first, alpha: scale, a: panel, lda: n,
                  x: [Double](repeating: 1, count: n), y: &matrix, yOffset: first * m + layout.biasOffset(l) + i, incy: m)
    }

    /// Fills the panel columns of the parameters of neuron k in layer mm for
    /// the rows of neuron i in layer l: A⁽ˡᵐ⁾_{ik}·ã_{m−1,n}, plus
    /// δ_{m,k}·K⁽ˡᵐ⁾_{ni} for the network-curvature term. In the diagonal
    /// block (mm = l) weight columns of k < i are skipped; so is every column
    /// `panel` does not keep.
    func fillPanel(
        _ panel: PanelColumns, layer l: Int, neuron i: Int,
        columnLayer mm: Int, columnNeuron k: Int, part: HessianPart, blocks: BlockTable, transfers: BlockTable
    ) {
        let layout = state.layout
        let n = state.count
        let widthL = layout.sizes[l]
        let fanIn = layout.sizes[mm - 1]
        let weightBase = layout.weightOffset(mm) + k * fanIn
        let a = blocks[l, mm], ak = (k * widthL + i) * n
        if let z = panel.column(layout.biasOffset(mm) + k) {
            for s in 0..<n { z[s] = a[ak + s] }
        }
        guard mm > l || k >= i else { return }
        let u = state.pass.inputs[mm - 1]
        for j in 0..<fanIn {
            guard let z = panel.column(weightBase + j) else { continue }
            for s in 0..<n { z[s] = a[ak + s] * u[j * n + s] }
        }
        guard part.includesNetworkCurvature && l < mm else { return }
        let delta = state.deltas[mm - 1], dk = k * n
        if mm - 1 > l {
            let transfer = transfers[l, mm - 1]
            for j in 0..<fanIn {
                guard let z = panel.column(weightBase + j) else { continue }
                let kj = (j * widthL + i) * n
                for s in 0..<n { z[s] += delta[dk + s] * transfer[kj + s] }
            }
        } else if let z = panel.column(weightBase + i) {
            // K = ∂a_l/∂z_l = diag σ'(z_l): only column j = i.
            let slope = state.slopes[l - 1]
            for s in 0..<n { z[s] += delta[dk + s] * slope[i * n + s] }
        }
    }

    /// Mirrors what assembling layer l's rows skipped: in the diagonal
    /// block, the rows of neurons i > k in the columns of neuron k's
    /// weights; then the whole block row into the block column below it.
    private func mirrorLayer(_ l: Int, in matrix: inout [Double]) {
        let layout = state.layout
        let m = layout.count
        let width = layout.sizes[l], fanIn = layout.sizes[l - 1]
        let start = layout.weightOffset(l), bias = layout.biasOffset(l)
        let end = start + layout.layerCount(l)
        for k in 0..<width {
            let columns = (start + k * fanIn)..<(start + (k + 1) * fanIn)
            Self.mirror(&matrix, order: m, columns: columns, rows: (start + (k + 1) * fanIn)..<bias)
            Self.mirror(&matrix, order: m, columns: columns, rows: (bias + k + 1)..<(bias + width))
        }
        Self.mirror(&matrix, order: m, columns: start..<end, rows: end..<m)
    }

    /// H[r, c] = H[c, r] for c in `columns` and r in `rows`, in tiles.
    private static func mirror(_ h: inout [Double], order m: Int, columns: Range<Int>, rows: Range<Int>) {
        guard !rows.isEmpty else { return }
        let tile = 64
        for c0 in stride(from: columns.lowerBound, to: columns.upperBound, by: tile) {
            let c1 = min(c0 + tile, columns.upperBound)
            for r0 in stride(from: rows.lowerBound, to: rows.upperBound, by: tile) {
                let r1 = min(r0 + tile, rows.upperBound)
                for c in c0..<c1 {
                    for r in r0..<r1 { h[c * m + r] = h[r * m + c] }
                }
            }
        }
    }
}

/// Where the panel Z of a row neuron keeps the column of parameter c ≥
/// `first` (N values each): every column from `first` on, in order, or
/// (`owned`) only the columns one process owns, packed in their local order
/// from the local index `start` of the first owned column ≥ `first`.
struct PanelColumns {
    let base: UnsafeMutablePointer<Double>
    let examples: Int
    let first: Int
    var owned: (side: BlockCyclicLayout.Side, start: Int)? = nil

    /// The column of parameter c, or nil when the panel does not keep it.
    @inline(__always)
    func column(_ c: Int) -> UnsafeMutablePointer<Double>? {
        guard let owned else { return base + (c - first) * examples }
        guard owned.side.owns(c) else { return nil }
        return base + (owned.side.local(c) - owned.start) * examples
    }
}
