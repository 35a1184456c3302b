import Foundation

/// Every eigenvalue of H, G or R without the dense M × M matrix, from a
/// low-rank factorisation H = V·S·Vᵀ (V is M × r, r ≪ M; S is r × r).
///
/// **Gauss–Newton part.** Write the loss curvature of example s as
/// ∇²ℓ_s = L_s·L_sᵀ, L_s of size C × c′: for mse L_s = I (c′ = C); for nll,
/// ∇²ℓ = diag p − p·pᵀ = B·Bᵀ with B = diag √p − p·√pᵀ, whose null vector
/// √p is mapped to e_m by a Householder reflector P, so that the C − 1
/// columns j ≠ m of B·P, √p_j·[(e_j − p) − √p_m/(1 + √p_m)·(e_m − p)],
/// form L_s (c′ = C − 1). Then G = V_G·V_Gᵀ with the N·c′ columns
/// V_G[:, (a, s)] = J_sᵀ·L_s[:, a]/√N, and the nonzero eigenvalues of G are
/// those of the Gram matrix K_GG = V_GᵀV_G. It is formed without V_G:
/// with ψ_{l,s,a} = ∂(L_s[:, a]ᵀ·f_s)/∂z_l (one backward pass of the N·c′
/// vectors, ψ_L = L_s[:, a], ψ_l = σ'(z_l) ⊙ W_{l+1}ᵀψ_{l+1}),
///
///     K_GG[(a,s),(b,t)] = (1/N)·Σ_l (ψ_{l,s,a}·ψ_{l,t,b})·(ã_{l−1,s}·ã_{l−1,t}),
///
/// an N·c′ × N·c′ kernel costing about N²·c′²·Σ_l h_l flops.
///
/// **Residual, one hidden layer, piecewise-linear σ** (ReLU, linear):
/// σ'' = 0 and the output is linear in W_2, so the only second derivative
/// of f is across layers, ∂²f_k/∂(W̃_1)_{ij}∂(W_2)_{ki} = σ'(z_{1,i})·x̃_j, and
///
///     R[(1,i,j),(2,k,i)] = Q_i[j,k] = (1/N)·Σ_s δ_{2,k,s}·σ'(z_{1,i,s})·x̃_{s,j},
///
/// zero elsewhere (x̃ = (x, 1), δ_2 = ∂ℓ/∂f). Each neuron i contributes the
/// block [0 Q_i; Q_iᵀ 0] on its own parameters (row i of W̃_1, column i of
/// W_2), whose eigenvalues are ±σ_k(Q_i): R's spectrum is the singular
/// values of h small (d+1) × C matrices with both signs, and zeros.
///
/// **Hessian.** H = G + R = V·S·Vᵀ with V = [V_G | u_{ik}, e_{ik}], where
/// u_{ik} = Q_i[:, k]/ρ_i on row i of W̃_1, e_{ik} = ρ_i·(unit vector of
/// (W_2)_{ki}), ρ_i² = ‖Q_i‖_F/√C (balancing the two), and S = I on V_G and
/// [0 I; I 0] on each neuron's (u, e) pair; r = N·c′ + 2·C·h′ for the h′
/// neurons with Q_i ≠ 0. With the Gram K = VᵀV (its G–R and R–R blocks are
/// products of ψ_1, x̃·Q_i, L_s and a_1), a pivoted Cholesky factor
/// PᵀKP = L·Lᵀ of numerical rank r′ (LAPACK DPSTRF) gives V = Y·(P·L)ᵀ with
/// YᵀY = I, so H = Y·(LᵀPᵀ S P L)·Yᵀ: its eigenvalues are those of the
/// r′ × r′ matrix A = LᵀL − Z·Zᵀ (DLAUUM, DSYRK; Z's column for pair (u, e)
/// is the difference of the rows of P·L for u and e, since S = I − Σ ww ᵀ
/// over the pairs' w = e_u − e_e) and M − r′ zeros.
public enum FactoredSpectrum {
    /// Why the factored form does not apply to `part` of `model`, or nil
    /// when it does. G always factors; R and H need a piecewise-linear
    /// activation and at most one hidden layer.
    public static func unsupportedReason(model: MLP, part: HessianPart) -> String? {
        unsupportedReason(sizes: model.sizes, activation: model.activation, part: part)
    }

    static func unsupportedReason(sizes: [Int], activation: Activation, part: HessianPart) -> String? {
        guard part.includesNetworkCurvature else { return nil }
        let depth = sizes.count - 1
        if depth >= 2 && !activation.isPiecewiseLinear {
            return "\(activation.rawValue) has σ'' ≠ 0, so R has a full-rank block in every layer (only ReLU and linear factor)"
        }
        if depth >= 3 {
            return "with \(depth - 1) hidden layers R has blocks of rank up to N·h between non-adjacent layers (the factored form covers one hidden layer)"
        }
        return nil
    }

    /// c′, the columns of each example's loss-curvature factor L_s.
    static func curvatureRank(loss: Loss, classes: Int) -> Int { loss == .nll ? classes - 1 : classes }

    /// r, the columns of V for `part` before dead neurons are dropped:
    /// N·c′ for G, 2·C·h for R, their sum for H (R is 0 without a hidden layer).
    public static func columns(sizes: [Int], examples n: Int, loss: Loss, part: HessianPart) -> Int {
        let classes = sizes[sizes.count - 1]
        let gauss = part.includesOutputCurvature ? n * curvatureRank(loss: loss, classes: classes) : 0
        let residual = part.includesNetworkCurvature && sizes.count == 3 ? 2 * classes * sizes[1] : 0
        return gauss + residual
    }

    /// Flops of the factored path for `part`, the cost model of
    /// `SpectrumEngine`: the Gram kernel Σ_l (c′²·N²·h_l + 2·N²·(h_{l−1}+1)),
    /// the R products 4·N·(d+1)·h·C, and then (4/3)·r³ for G's eigensolve,
    /// 2·r³ for H (r³/3 pivoted Cholesky, r³/3 LᵀL, (4/3)·r³ eigensolve); R
    /// alone needs only h small SVDs.
    public static func estimatedFlops(sizes: [Int], examples n: Int, loss: Loss, part: HessianPart) -> Double {
        let classes = sizes[sizes.count - 1]
        let c = Double(curvatureRank(loss: loss, classes: classes))
        let nn = Double(n)
        var gram = 0.0
        if part.includesOutputCurvature {
            for l in 1..<sizes.count { gram += c * c * nn * nn * Double(sizes[l]) + 2 * nn * nn * Double(sizes[l - 1] + 1) }
        }
        if part.includesNetworkCurvature && sizes.count == 3 {
            gram += 4 * nn * Double((sizes[0] + 1) * sizes[1] * classes)
        }
        let r = Double(columns(sizes: sizes, examples: n, loss: loss, part: part))
        switch part {
        case .gaussNewton: return gram + 4.0 / 3.0 * r * r * r
        case .hessian: return gram + 2 * r * r * r
        case .residual: return gram + Double(sizes.count == 3 ? sizes[1] : 0) * 8 * Double((sizes[0] + 1) * classes * classes)
        }
    }

    /// Peak bytes for `part`: the r × r Gram matrix, two N × N work
    /// matrices, ψ_l for every layer, the R products and the passes.
    public static func requiredBytes(sizes: [Int], examples n: Int, loss: Loss, part: HessianPart) -> Int {
        let classes = sizes[sizes.count - 1]
        let c = curvatureRank(loss: loss, classes: classes)
        let r = columns(sizes: sizes, examples: n, loss: loss, part: part)
        let hidden = sizes.dropFirst().reduce(0, +)
        var bytes = 8 * r * r + 8 * r * 8
        if part.includesOutputCurvature { bytes += 8 * (2 * n * n + n * c * hidden) }
        if part.includesNetworkCurvature && sizes.count == 3 {
            let hc = sizes[1] * classes
            bytes += 8 * (2 * n * hc + (sizes[0] + 1) * hc + r * hc)
        }
        return bytes + HessianVectorProduct.stateBytes(sizes: sizes, examples: n)
    }

    /// All M eigenvalues, ascending, of each of `parts`.
    /// - Complexity: see `estimatedFlops`; memory `requiredBytes`.
    /// - Throws: `FactoredError.unsupported` when the structure does not
    ///   hold or r ≥ M, `MemoryError`, `LAPACKError`,
    ///   `SpectrumError.nonFinite`.
    public static func compute(model: MLP, data: Dataset, parts: [HessianPart]) throws -> [PartSpectrum] {
        let m = model.parameterCount
        for part in parts {
            if let reason = unsupportedReason(model: model, part: part) { throw FactoredError.unsupported(reason) }
            let r = columns(sizes: model.sizes, examples: data.count, loss: model.loss, part: part)
            if r >= m && part != .residual {
                throw FactoredError.unsupported("the factor of \(part.rawValue) has r = \(r) columns, not fewer than M = \(m)")
            }
        }
        let need = parts.map { requiredBytes(sizes: model.sizes, examples: data.count, loss: model.loss, part: $0) }.max() ?? 0
        try MemoryBudget.require(need, for: "the factored spectrum of the \(m)-parameter model")
        let factors = Factors(model: model, data: data)
        var results: [PartSpectrum] = []
        for part in parts {
            let t0 = DispatchTime.now()
            var timing = (assemble: 0.0, eigen: 0.0)
            var nonzero: [Double]
            switch part {
            case .gaussNewton: nonzero = try factors.gaussNewtonEigenvalues(timing: &timing)
            case .residual: nonzero = try factors.residualEigenvalues()
            case .hessian: nonzero = try factors.hessianEigenvalues(timing: &timing)
            }
            if nonzero.contains(where: { !$0.isFinite }) { throw SpectrumError.nonFinite(part: part) }
            guard nonzero.count <= m else {
                throw FactoredError.unsupported("the factored \(part.rawValue) has numerical rank \(nonzero.count) > M = \(m)")
            }
            nonzero.append(contentsOf: repeatElement(0, count: m - nonzero.count))
            nonzero.sort()
            if part == .residual { timing.assemble = ExactSpectrum.seconds(t0, DispatchTime.now()) }
            results.append(PartSpectrum(part: part, eigenvalues: nonzero, assembleSeconds: timing.assemble, eigenSeconds: timing.eigen))
        }
        return results
    }
}

public enum FactoredError: Error, CustomStringConvertible, Equatable {
    case unsupported(String)
    public var description: String {
        switch self {
        case .unsupported(let reason): return "the factored method does not apply: \(reason); use --method dense or lanczos"
        }
    }
}

/// The per-example quantities of the factorisation, shared by the parts.
private struct Factors {
    let model: MLP
    let data: Dataset
    let core: ExactHessian
    let n: Int
    let classes: Int
    /// c′.
    let rank: Int
    /// ψ_l, (N·c′) × h_l column-major for l = 1…L (index l − 1); row a·N + s.
    let psi: [[Double]]
    let threads: Int

    init(model: MLP, data: Dataset) {
        self.model = model
        self.data = data
        core = ExactHessian(model: model, data: data)
        n = data.count
        let sizes = model.sizes
        let depth = sizes.count - 1
        classes = sizes[depth]
        rank = FactoredSpectrum.curvatureRank(loss: model.loss, classes: classes)
        threads = max(1, min(OpenBLASRuntime.threads, ProcessInfo.processInfo.activeProcessorCount))
        let rows = n * rank
        var top = [Double](repeating: 0, count: rows * classes)
        switch model.loss {
        case .mse:
            for a in 0..<classes { for s in 0..<n { top[a * rows + a * n + s] = 1 } }
        case .nll:
            let p = core.pass.probabilities
            for s in 0..<n {
                var peak = 0
                for k in 1..<classes where p[k * n + s] > p[peak * n + s] { peak = k }
                let rootPeak = p[peak * n + s].squareRoot()
                let t = rootPeak / (1 + rootPeak)
                var a = 0
                for j in 0..<classes where j != peak {
                    let rootJ = p[j * n + s].squareRoot()
                    for k in 0..<classes {
                        let pk = p[k * n + s]
                        let ej = k == j ? 1.0 : 0.0, em = k == peak ? 1.0 : 0.0
                        top[k * rows + a * n + s] = rootJ * ((ej - pk) - t * (em - pk))
                    }
                    a += 1
                }
            }
        }
        var psi = [[Double]](repeating: [], count: depth)
        psi[depth - 1] = top
        for l in stride(from: depth - 1, through: 1, by: -1) {
            let width = sizes[l]
            var back = model.backThroughWeights(psi[l], rows: rows, layer: l + 1)
            let slopes = core.slopes[l - 1]
            for i in 0..<width {
                for a in 0..<rank {
                    let row = i * rows + a * n
                    for s in 0..<n { back[row + s] *= slopes[i * n + s] }
                }
            }
            psi[l - 1] = back
        }
        self.psi = psi
    }

    var gaussColumns: Int { n * rank }

    /// Writes K_GG into the lower block triangle of the r × r matrix at `k`
    /// (diagonal blocks in full).
    func fillGaussNewtonGram(_ k: UnsafeMutablePointer<Double>, leadingDimension ld: Int) {
        let sizes = model.sizes
        let rows = gaussColumns
        var inputGram = [Double](repeating: 0, count: n * n)
        var product = [Double](repeating: 0, count: n * n)
        let scale = 1 / Double(n)
        let threads = self.threads
        for l in 1..<sizes.count {
            // ã_{l−1,s}·ã_{l−1,t} = a_{l−1,s}·a_{l−1,t} + 1.
            let fanIn = sizes[l - 1]
            inputGram.withUnsafeMutableBufferPointer { g in
                core.pass.inputs[l - 1].withUnsafeBufferPointer { a in
                    for t in 0..<(n * n) { g[t] = 1 }
                    BLAS.gemm(transA: false, transB: true, m: n, n: n, k: fanIn, alpha: 1, a: a.baseAddress!, lda: n,
                              b: a.baseAddress!, ldb: n, beta: 1, c: g.baseAddress!, ldc: n)
                }
            }
            let width = sizes[l]
            for a in 0..<rank {
                for b in 0...a {
                    psi[l - 1].withUnsafeBufferPointer { p in
                        product.withUnsafeMutableBufferPointer { t in
                            BLAS.gemm(transA: false, transB: true, m: n, n: n, k: width, alpha: scale,
                                      a: p.baseAddress! + a * n, lda: rows, b: p.baseAddress! + b * n, ldb: rows,
                                      beta: 0, c: t.baseAddress!, ldc: n)
                        }
                    }
                    let block = k + (b * n) * ld + a * n
                    product.withUnsafeBufferPointer { t in
                        inputGram.withUnsafeBufferPointer { g in
                            let tp = t.baseAddress!, gp = g.baseAddress!
                            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                                var column = worker
                                while column < n {
                                    let target = block + column * ld
                                    let source = column * n
                                    for s in 0..<n { target[s] += tp[source + s] * gp[source + s] }
                                    column += threads
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Nonzero (and some zero) eigenvalues of G: those of K_GG.
    func gaussNewtonEigenvalues(timing: inout (assemble: Double, eigen: Double)) throws -> [Double] {
        let r = gaussColumns
        let t0 = DispatchTime.now()
        var gram = [Double](repeating: 0, count: r * r)
        gram.withUnsafeMutableBufferPointer { fillGaussNewtonGram($0.baseAddress!, leadingDimension: r) }
        let t1 = DispatchTime.now()
        let values = try gram.withUnsafeMutableBufferPointer {
            try SymmetricEigensolver.eigenvalues(lowerOf: $0.baseAddress!, order: r, leadingDimension: r)
        }
        timing = (ExactSpectrum.seconds(t0, t1), ExactSpectrum.seconds(t1, DispatchTime.now()))
        return values
    }

    /// The residual's cross-layer blocks: Q_i = Q[:, i·C ..< (i+1)·C], a
    /// (d+1) × (h·C) column-major matrix (row d is the bias input).
    func residualBlocks() -> [Double] {
        let sizes = model.sizes
        let d = sizes[0], h = sizes[1]
        let hc = h * classes
        var e = [Double](repeating: 0, count: n * hc)
        let delta = core.deltas[1], slopes = core.slopes[0]
        for i in 0..<h {
            for k in 0..<classes {
                let column = (i * classes + k) * n
                for s in 0..<n { e[column + s] = slopes[i * n + s] * delta[k * n + s] }
            }
        }
        var q = [Double](repeating: 0, count: (d + 1) * hc)
        let scale = 1 / Double(n)
        data.features.withUnsafeBufferPointer { x in
            e.withUnsafeBufferPointer { eb in
                q.withUnsafeMutableBufferPointer { qb in
                    BLAS.gemm(transA: true, transB: false, m: d, n: hc, k: n, alpha: scale, a: x.baseAddress!, lda: n,
                              b: eb.baseAddress!, ldb: n, beta: 0, c: qb.baseAddress!, ldc: d + 1)
                }
            }
        }
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

    /// H's eigenvalues through the pivoted Cholesky factor of the full Gram.
    func hessianEigenvalues(timing: inout (assemble: Double, eigen: Double)) throws -> [Double] {
        let sizes = model.sizes
        let t0 = DispatchTime.now()
        let rg = gaussColumns
        // Neurons whose Q_i is nonzero, with their balancing factor ρ_i.
        var live: [(neuron: Int, rho: Double)] = []
        var q: [Double] = []
        if sizes.count == 3 {
            q = residualBlocks()
            let block = (sizes[0] + 1) * classes
            for i in 0..<sizes[1] {
                var norm = 0.0
                for t in 0..<block { norm += q[i * block + t] * q[i * block + t] }
                norm = norm.squareRoot()
                if norm > 0 { live.append((i, (norm / Double(classes).squareRoot()).squareRoot())) }
            }
        }
        let r = rg + 2 * classes * live.count
        var gram = [Double](repeating: 0, count: r * r)
        gram.withUnsafeMutableBufferPointer { fillGaussNewtonGram($0.baseAddress!, leadingDimension: r) }
        if !live.isEmpty { fillResidualGram(&gram, order: r, blocks: q, live: live) }
        let t1 = DispatchTime.now()

        let values: [Double] = try gram.withUnsafeMutableBufferPointer { buffer in
            let k = buffer.baseAddress!
            let (rankFound, position) = try PivotedCholesky.factor(k, order: r, leadingDimension: r)
            let rr = rankFound
            guard rr > 0 else { return [] }
            // Z[:, p] = row of P·L for u_p minus row for e_p (r′ entries each).
            let pairs = classes * live.count
            var z = [Double](repeating: 0, count: rr * pairs)
            for (index, _) in live.enumerated() {
                for c in 0..<classes {
                    let pair = index * classes + c
                    let u = position[rg + index * 2 * classes + c]
                    let e = position[rg + index * 2 * classes + classes + c]
                    for col in 0..<rr {
                        let lu = col <= u ? k[col * r + u] : 0
                        let le = col <= e ? k[col * r + e] : 0
                        z[pair * rr + col] = lu - le
                    }
                }
            }
            try PivotedCholesky.gramOfFactor(k, order: rr, leadingDimension: r)
            if rr < r {
                BLAS.syrkLower(trans: true, n: rr, k: r - rr, alpha: 1, a: k + rr, lda: r, beta: 1, c: k, ldc: r)
            }
            if pairs > 0 {
                z.withUnsafeBufferPointer { zb in
                    BLAS.syrkLower(trans: false, n: rr, k: pairs, alpha: -1, a: zb.baseAddress!, lda: rr, beta: 1, c: k, ldc: r)
                }
            }
            return try SymmetricEigensolver.eigenvalues(lowerOf: k, order: rr, leadingDimension: r)
        }
        timing = (ExactSpectrum.seconds(t0, t1), ExactSpectrum.seconds(t1, DispatchTime.now()))
        return values
    }

    /// The R–R and R–G blocks of the Gram matrix (rows ≥ N·c′), lower part.
    private func fillResidualGram(_ gram: inout [Double], order r: Int, blocks q: [Double], live: [(neuron: Int, rho: Double)]) {
        let sizes = model.sizes
        let d = sizes[0], h = sizes[1]
        let hc = h * classes
        let rg = gaussColumns
        let rootN = Double(n).squareRoot()
        // x̃_s·Q_i[:, k] for all s, (i, k): N × hC.
        var xq = [Double](repeating: 0, count: n * hc)
        data.features.withUnsafeBufferPointer { x in
            q.withUnsafeBufferPointer { qb in
                xq.withUnsafeMutableBufferPointer { out in
                    BLAS.gemm(transA: false, transB: false, m: n, n: hc, k: d, alpha: 1, a: x.baseAddress!, lda: n,
                              b: qb.baseAddress!, ldb: d + 1, beta: 0, c: out.baseAddress!, ldc: n)
                }
            }
        }
        for column in 0..<hc {
            let bias = q[column * (d + 1) + d]
            for s in 0..<n { xq[column * n + s] += bias }
        }
        let psi1 = psi[0], top = psi[psi.count - 1]
        let hidden = core.pass.inputs[1]
        let block = (d + 1) * classes
        let threads = self.threads
        gram.withUnsafeMutableBufferPointer { gb in
            let k = gb.baseAddress!
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                var index = worker
                while index < live.count {
                    let (i, rho) = live[index]
                    let base = rg + index * 2 * classes
                    for c in 0..<classes {
                        let uRow = base + c, eRow = base + classes + c
                        // G–R: columns (a, s) of the Gauss–Newton part.
                        for a in 0..<rank {
                            for s in 0..<n {
                                let col = a * n + s
                                let g = psi1[i * gaussColumns + col]
                                k[col * r + uRow] = g * xq[(i * classes + c) * n + s] / (rootN * rho)
                                k[col * r + eRow] = rho / rootN * top[c * gaussColumns + col] * hidden[i * n + s]
                            }
                        }
                        // R–R: Q_iᵀQ_i/ρ² on the u columns, ρ²·I on the e columns.
                        for c2 in 0..<classes where c2 <= c {
                            var total = 0.0
                            for j in 0...d { total += q[i * block + c * (d + 1) + j] * q[i * block + c2 * (d + 1) + j] }
                            k[(base + c2) * r + uRow] = total / (rho * rho)
                        }
                        k[eRow * r + eRow] = rho * rho
                    }
                    index += threads
                }
            }
        }
    }
}
