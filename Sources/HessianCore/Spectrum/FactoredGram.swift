import Foundation

/// The per-example quantities of the factorisation (see `FactoredSpectrum`),
/// shared by the parts: the passes, the factors L_s and their backward
/// images ψ_l, from which the Gram matrices are formed.
struct FactoredGram {
    let state: BackPropagation
    let n: Int
    let classes: Int
    /// c′.
    let rank: Int
    /// ψ_l, (N·c′) × h_l column-major for l = 1…L (index l − 1); row a·N + s.
    let psi: [[Double]]
    let threads: Int
    /// The LAPACK library and driver of the Gram matrices' factorisations and eigensolves.
    let lapack: LAPACKBackend
    let driver: EigenDriver

    /// - Complexity: one backward pass of the N·c′ vectors, about
    ///   2·N·c′·Σ_l h_l·h_{l−1} flops.
    init(model: MLP, data: Dataset, driver: EigenDriver = .twoStage, resources: ComputeResources) {
        self.init(model: model, data: data, driver: driver, resources: resources, top: nil)
    }

    /// The quantities with `top` in place of the loss's factors L_s: given
    /// the loss evaluated on all N examples, it returns the (N·c′) × C
    /// factor (entry k of column a of example s at row a·N + s, column k)
    /// and its c′; nil: L_s.
    init(model: MLP, data: Dataset, driver: EigenDriver = .twoStage, resources: ComputeResources,
         top: ((LossEvaluation) -> (factor: [Double], rank: Int))?) {
        self.driver = driver
        lapack = resources.lapack
        state = BackPropagation(model: model, data: data)
        n = data.count
        let layout = model.layout
        let depth = layout.depth
        classes = layout.outputDimension
        let loss = model.loss.function
        let given = top?(state.pass.output)
        rank = given?.rank ?? loss.curvatureRank(classes: classes)
        threads = resources.threads
        let rows = n * rank
        var psi = [[Double]](repeating: [], count: depth)
        psi[depth - 1] = given?.factor ?? loss.curvatureFactor(state.pass.output, count: n, classes: classes)
        for l in stride(from: depth - 1, through: 1, by: -1) {
            var back = layout.layer(l + 1).backward(psi[l], rows: rows, weights: model.parameters)
            let slopes = state.slopes[l - 1]
            for i in 0..<layout.sizes[l] {
                for a in 0..<rank {
                    let row = i * rows + a * n
                    for s in 0..<n { back[row + s] *= slopes[i * n + s] }
                }
            }
            psi[l - 1] = back
        }
        self.psi = psi
    }

    var model: MLP { state.model }
    var gaussColumns: Int { n * rank }

    /// Writes K_GG into the lower block triangle of the r × r `gram`
    /// (diagonal blocks in full), r = `leadingDimension`.
    /// - Complexity: about N²·c′²·Σ_l h_l flops.
    func fillGaussNewtonGram(_ gram: inout [Double], leadingDimension ld: Int) {
        let sizes = model.sizes
        let rows = gaussColumns
        let scale = 1 / Double(n)
        var product = [Double](repeating: 0, count: n * n)
        for l in 1..<sizes.count {
            // ã_{l−1,s}·ã_{l−1,t} = a_{l−1,s}·a_{l−1,t} + 1.
            let inputs = state.pass.inputs[l - 1]
            var inputGram = [Double](repeating: 1, count: n * n)
            BLAS.gemm(transB: true, m: n, n: n, k: sizes[l - 1], a: inputs, lda: n, b: inputs, ldb: n,
                      beta: 1, c: &inputGram, ldc: n)
            for a in 0..<rank {
                for b in 0...a {
                    BLAS.gemm(transB: true, m: n, n: n, k: sizes[l], alpha: scale, a: psi[l - 1], aOffset: a * n, lda: rows,
                              b: psi[l - 1], bOffset: b * n, ldb: rows, c: &product, ldc: n)
                    addProduct(product, inputGram, into: &gram, offset: (b * n) * ld + a * n, leadingDimension: ld)
                }
            }
        }
    }

    /// The n × n block of `gram` at `offset` += x ⊙ y, columns in parallel.
    private func addProduct(_ x: [Double], _ y: [Double], into gram: inout [Double], offset: Int, leadingDimension ld: Int) {
        let n = self.n, threads = self.threads
        gram.withUnsafeMutableBufferPointer { buffer in
            guard let block = buffer.baseAddress.map({ $0 + offset }) else { return }
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                for column in stride(from: worker, to: n, by: threads) {
                    let target = block + column * ld, source = column * n
                    for s in 0..<n { target[s] += x[source + s] * y[source + s] }
                }
            }
        }
    }

    /// Nonzero (and some zero) eigenvalues of G: those of K_GG.
    func gaussNewtonEigenvalues(timing: inout (assemble: Double, eigen: Double)) throws -> [Double] {
        let r = gaussColumns
        let t0 = DispatchTime.now()
        var gram = [Double](repeating: 0, count: r * r)
        fillGaussNewtonGram(&gram, leadingDimension: r)
        let t1 = DispatchTime.now()
        let values = try SymmetricEigensolver.eigenvalues(lowerOf: &gram, order: r, leadingDimension: r, driver: driver, backend: lapack)
        timing = (elapsedSeconds(t0, t1), elapsedSeconds(t1, DispatchTime.now()))
        return values
    }

    /// The residual's cross-layer blocks: Q_i = Q[:, i·C ..< (i+1)·C], a
    /// (d+1) × (h·C) column-major matrix (row d is the bias input).
    func residualBlocks() -> [Double] {
        let sizes = model.sizes
        let d = sizes[0], h = sizes[1]
        let hc = h * classes
        var e = [Double](repeating: 0, count: n * hc)
        let delta = state.deltas[1], slopes = state.slopes[0]
        for i in 0..<h {
            for k in 0..<classes {
                let column = (i * classes + k) * n
                for s in 0..<n { e[column + s] = slopes[i * n + s] * delta[k * n + s] }
            }
        }
        var q = [Double](repeating: 0, count: (d + 1) * hc)
        let scale = 1 / Double(n)
        BLAS.gemm(transA: true, m: d, n: hc, k: n, alpha: scale, a: state.data.features, lda: n, b: e, ldb: n,
                  c: &q, ldc: d + 1)
        for column in 0..<hc {
            var total = 0.0
            for s in 0..<n { total += e[column * n + s] }
            q[column * (d + 1) + d] = total * scale
        }
        return q
    }

    /// R's eigenvalues ±σ_k(Q_i) over the neurons (zeros omitted where
    /// d + 1 < C; the caller pads to M).
    func residualEigenvalues() throws -> [Double] {
        let sizes = model.sizes
        guard sizes.count == 3 else { return [] }
        let d = sizes[0], h = sizes[1]
        let q = residualBlocks()
        let block = (d + 1) * classes
        var values: [Double] = []
        for i in 0..<h {
            let sigma = try SingularValues.of(Array(q[(i * block)..<((i + 1) * block)]), rows: d + 1, columns: classes)
            for value in sigma where value > 0 { values.append(value); values.append(-value) }
        }
        return values
    }

    /// A neuron of the hidden layer whose Q_i is nonzero, with its
    /// balancing factor ρ_i, ρ_i² = ‖Q_i‖_F/√C.
    typealias LiveNeuron = (neuron: Int, rho: Double)

    /// The neurons with Q_i ≠ 0 (one hidden layer only).
    func liveNeurons(_ q: [Double]) -> [LiveNeuron] {
        let block = (model.sizes[0] + 1) * classes
        var live: [LiveNeuron] = []
        for i in 0..<model.sizes[1] {
            var norm = 0.0
            for t in 0..<block { norm += q[i * block + t] * q[i * block + t] }
            norm = norm.squareRoot()
            if norm > 0 { live.append((i, (norm / Double(classes).squareRoot()).squareRoot())) }
        }
        return live
    }

    /// H's eigenvalues through the pivoted Cholesky factor of the full Gram.
    func hessianEigenvalues(timing: inout (assemble: Double, eigen: Double)) throws -> [Double] {
        let t0 = DispatchTime.now()
        // Factored where it lies: a second variable holding the Gram matrix
        // would make the first write copy it (r² values; 0.87 GB at r = 10,400).
        var hessian = hessianGram()
        let t1 = DispatchTime.now()
        let values = try reducedEigenvalues(&hessian.gram, order: hessian.order, pairs: hessian.live.count)
        timing = (elapsedSeconds(t0, t1), elapsedSeconds(t1, DispatchTime.now()))
        return values
    }

    /// The Gram K = VᵀV of H's factor V = [V_G | u, e] (r × r, lower), with
    /// the residual blocks Q_i and the live neurons that define V.
    func hessianGram() -> (gram: [Double], order: Int, blocks: [Double], live: [LiveNeuron]) {
        let q = model.sizes.count == 3 ? residualBlocks() : []
        let live = model.sizes.count == 3 ? liveNeurons(q) : []
        let r = gaussColumns + 2 * classes * live.count
        var gram = [Double](repeating: 0, count: r * r)
        fillGaussNewtonGram(&gram, leadingDimension: r)
        if !live.isEmpty { fillResidualGram(&gram, order: r, blocks: q, live: live) }
        return (gram, r, q, live)
    }

    /// The eigenvalues of V·S·Vᵀ from the Gram K = VᵀV in `gram` (r × r,
    /// lower): PᵀKP = L·Lᵀ, then those of LᵀL − Z·Zᵀ (see `FactoredSpectrum`).
    private func reducedEigenvalues(_ gram: inout [Double], order r: Int, pairs liveCount: Int) throws -> [Double] {
        let (rr, _, _) = try reduce(&gram, order: r, pairs: liveCount)
        guard rr > 0 else { return [] }
        return try SymmetricEigensolver.eigenvalues(lowerOf: &gram, order: rr, leadingDimension: r, driver: driver, backend: lapack)
    }

    /// V·S·Vᵀ = Y·A·Yᵀ with Yᵀ·Y = I: factors the Gram K = VᵀV in `gram`
    /// (PᵀKP = L·Lᵀ, rank r′) and leaves A = LᵀL − Z·Zᵀ in its leading
    /// r′ × r′ lower triangle. Returns r′, the row of P·L for each column
    /// of V, and, when `keepFactor`, L₁₁ (r′ × r′ lower, leading dimension r′).
    func reduce(_ gram: inout [Double], order r: Int, pairs liveCount: Int, keepFactor: Bool = false) throws
        -> (rank: Int, position: [Int], factor: [Double]) {
        let (rr, position) = try PivotedCholesky.factor(&gram, order: r, leadingDimension: r, backend: lapack)
        guard rr > 0 else { return (0, position, []) }
        var factor: [Double] = []
        if keepFactor {
            factor = [Double](repeating: 0, count: rr * rr)
            for col in 0..<rr { for row in col..<rr { factor[col * rr + row] = gram[col * r + row] } }
        }
        // Z[:, p] = row of P·L for u_p minus row for e_p (r′ entries each).
        let rg = gaussColumns
        let pairs = classes * liveCount
        var z = [Double](repeating: 0, count: rr * pairs)
        for index in 0..<liveCount {
            for c in 0..<classes {
                let pair = index * classes + c
                let u = position[rg + index * 2 * classes + c]
                let e = position[rg + index * 2 * classes + classes + c]
                for col in 0..<rr {
                    let lu = col <= u ? gram[col * r + u] : 0
                    let le = col <= e ? gram[col * r + e] : 0
                    z[pair * rr + col] = lu - le
                }
            }
        }
        try PivotedCholesky.gramOfFactor(&gram, order: rr, leadingDimension: r, backend: lapack)
        if rr < r {
            // L₂₁ (rows rr..<r of columns ..<rr) updates the leading rr × rr
            // block: disjoint parts of one buffer, so no copy of it is made.
            gram.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                BLAS.syrkLower(trans: true, n: rr, k: r - rr, alpha: 1, a: UnsafePointer(base + rr), lda: r, beta: 1, c: base, ldc: r)
            }
        }
        if pairs > 0 {
            BLAS.syrkLower(trans: false, n: rr, k: pairs, alpha: -1, a: z, lda: rr, beta: 1, c: &gram, ldc: r)
        }
        return (rr, position, factor)
    }

    /// The R–R and R–G blocks of the Gram matrix (rows ≥ N·c′), lower part.
    private func fillResidualGram(_ gram: inout [Double], order r: Int, blocks q: [Double], live: [LiveNeuron]) {
        let d = model.sizes[0], hc = model.sizes[1] * classes
        // x̃_s·Q_i[:, k] for all s, (i, k): N × hC.
        var xq = [Double](repeating: 0, count: n * hc)
        BLAS.gemm(m: n, n: hc, k: d, a: state.data.features, lda: n, b: q, ldb: d + 1, c: &xq, ldc: n)
        for column in 0..<hc {
            let bias = q[column * (d + 1) + d]
            for s in 0..<n { xq[column * n + s] += bias }
        }
        let threads = self.threads
        gram.withUnsafeMutableBufferPointer { buffer in
            guard let k = buffer.baseAddress else { return }
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                for index in stride(from: worker, to: live.count, by: threads) {
                    fillResidualRows(k, order: r, index: index, neuron: live[index], blocks: q, xq: xq)
                }
            }
        }
    }

    /// The Gram rows of one live neuron's u and e columns.
    private func fillResidualRows(
        _ k: UnsafeMutablePointer<Double>, order r: Int, index: Int, neuron: LiveNeuron, blocks q: [Double], xq: [Double]
    ) {
        let (i, rho) = neuron
        let d = model.sizes[0]
        let rg = gaussColumns
        let rootN = Double(n).squareRoot()
        let psi1 = psi[0], top = psi[psi.count - 1]
        let hidden = state.pass.inputs[1]
        let block = (d + 1) * classes
        let base = rg + index * 2 * classes
        for c in 0..<classes {
            let uRow = base + c, eRow = base + classes + c
            // G–R: columns (a, s) of the Gauss–Newton part.
            for a in 0..<rank {
                for s in 0..<n {
                    let col = a * n + s
                    let g = psi1[i * rg + col]
                    k[col * r + uRow] = g * xq[(i * classes + c) * n + s] / (rootN * rho)
                    k[col * r + eRow] = rho / rootN * top[c * rg + col] * hidden[i * n + s]
                }
            }
            // R–R: Q_iᵀQ_i/ρ² on the u columns, ρ²·I on the e columns.
            for c2 in 0...c {
                var total = 0.0
                for j in 0...d { total += q[i * block + c * (d + 1) + j] * q[i * block + c2 * (d + 1) + j] }
                k[(base + c2) * r + uRow] = total / (rho * rho)
            }
            k[eRow * r + eRow] = rho * rho
        }
    }
}
