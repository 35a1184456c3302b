import Foundation

extension FactoredSpectrum {
    /// The `bottom` smallest and `top` largest eigenvalues of each of
    /// `parts` (H or G) with unit eigenvectors (`PartSpectrum.eigenvectors`),
    /// carried back through the factor from the small core's eigenvectors.
    /// - Throws: `FactoredError.unsupported` for R, for a structure the
    ///   factored form does not cover, and for positions among the zero
    ///   eigenvalues outside the core (the factor gives no vector for
    ///   them); `MemoryError`, `LAPACKError`, `SpectrumError.nonFinite`.
    public static func extremeEigenpairs(model: MLP, data: Dataset, parts: [HessianPart], bottom: Int, top: Int,
                                         resources: ComputeResources = ComputeResources()) throws -> [PartSpectrum] {
        let m = model.parameterCount
        for part in parts {
            if let reason = unsupportedReason(model: model, part: part) { throw FactoredError.unsupported(reason) }
        }
        if let reason = vectorsUnsupportedReason(parts: parts, bottom: bottom) { throw FactoredError.unsupported(reason) }
        let need = parts.map { requiredBytes(sizes: model.sizes, examples: data.count, loss: model.loss, part: $0) }.max() ?? 0
        try MemoryBudget.require(need + 8 * m * (bottom + top), for: "the factored eigenvectors of the \(m)-parameter model",
                                 available: resources.availableBytes)
        let factors = FactoredGram(model: model, data: data, resources: resources)
        return try parts.map { part in
            var timing = (assemble: 0.0, eigen: 0.0)
            let pairs = part == .hessian
                ? try factors.hessianEigenpairs(bottom: bottom, top: top, timing: &timing)
                : try factors.gaussNewtonEigenpairs(bottom: bottom, top: top, timing: &timing)
            if pairs.values.contains(where: { !$0.isFinite }) || pairs.vectors.contains(where: { !$0.isFinite }) {
                throw SpectrumError.nonFinite(part: part)
            }
            return PartSpectrum(part: part, eigenvalues: pairs.values, assembleSeconds: timing.assemble, eigenSeconds: timing.eigen,
                                indices: pairs.indices, eigenvectors: pairs.vectors)
        }
    }
}

extension FactoredGram {
    /// The `bottom` smallest and `top` largest eigenpairs of H = Y·A·Yᵀ: A's
    /// eigenpairs at those ends (index-range LAPACK), each vector w carried
    /// back as Y·w = (V·P)[:, ..<r′]·L₁₁⁻ᵀ·w (from V·P = Y·Lᵀ), then
    /// normalised. A wanted position among the M − r′ zeros outside the
    /// core has no vector here: refused.
    /// - Complexity: that of the eigenvalues, plus r′² and O(N·c′·M) per vector.
    func hessianEigenpairs(bottom: Int, top: Int, timing: inout (assemble: Double, eigen: Double)) throws -> SymmetricEigensolver.Eigenpairs {
        let t0 = DispatchTime.now()
        var hessian = hessianGram()
        let r = hessian.order, m = model.parameterCount
        let t1 = DispatchTime.now()
        let (rr, position, factor) = try reduce(&hessian.gram, order: r, pairs: hessian.live.count, keepFactor: true)
        let ranges = SymmetricEigensolver.extremeRanges(order: rr, bottom: bottom, top: top)
        let pairs = try SymmetricEigensolver.eigenpairs(lowerOf: &hessian.gram, order: rr, leadingDimension: r, ranges: ranges, backend: lapack)
        // The column of V at each pivot position.
        var columnAt = [Int](repeating: 0, count: r)
        for (column, p) in position.enumerated() { columnAt[p] = column }
        var result = SymmetricEigensolver.Eigenpairs(values: [], indices: [], vectors: [])
        for (c, j) in pairs.indices.enumerated() {
            let value = pairs.values[c]
            let global: Int
            if j < bottom && value < 0 {
                global = j
            } else if j >= rr - top && value > 0 {
                global = m - (rr - j)
            } else {
                throw FactoredError.unsupported("an eigenvector was asked for among the \(m - rr) zero eigenvalues outside the rank-\(rr) core, which the factor does not give")
            }
            // L₁₁ᵀ·t = w by back substitution (L₁₁[q, p] at factor[p·r′ + q]).
            var t = Array(pairs.vectors[(c * rr)..<((c + 1) * rr)])
            for p in stride(from: rr - 1, through: 0, by: -1) {
                var total = t[p]
                for q in (p + 1)..<max(p + 1, rr) { total -= factor[p * rr + q] * t[q] }
                t[p] = total / factor[p * rr + p]
            }
            var coefficients = [Double](repeating: 0, count: r)
            for p in 0..<rr { coefficients[columnAt[p]] = t[p] }
            var v = factorColumnsTimes(coefficients, live: hessian.live, blocks: hessian.blocks)
            let norm = BLAS.norm(v, count: v.count)
            if norm > 0 { BLAS.scale(1 / norm, &v) }
            result.values.append(value)
            result.indices.append(global)
            result.vectors += v
        }
        timing = (elapsedSeconds(t0, t1), elapsedSeconds(t1, DispatchTime.now()))
        return result
    }

    /// The `top` largest eigenpairs of G = V_G·V_Gᵀ: for K_GG·u = λ·u with
    /// λ > 0, G·(V_G·u) = λ·(V_G·u) and ‖V_G·u‖ = √λ, so v = V_G·u/√λ.
    /// G's smallest eigenvalues are zeros outside the factor: refused.
    func gaussNewtonEigenpairs(bottom: Int, top: Int, timing: inout (assemble: Double, eigen: Double)) throws -> SymmetricEigensolver.Eigenpairs {
        let r = gaussColumns, m = model.parameterCount
        let t0 = DispatchTime.now()
        var gram = [Double](repeating: 0, count: r * r)
        fillGaussNewtonGram(&gram, leadingDimension: r)
        let t1 = DispatchTime.now()
        let ranges = SymmetricEigensolver.extremeRanges(order: r, bottom: 0, top: top)
        let pairs = try SymmetricEigensolver.eigenpairs(lowerOf: &gram, order: r, leadingDimension: r, ranges: ranges, backend: lapack)
        let largest = pairs.values.last ?? 0
        var result = SymmetricEigensolver.Eigenpairs(values: [], indices: [], vectors: [])
        for (c, j) in pairs.indices.enumerated() {
            let value = pairs.values[c]
            guard value > 1e-12 * largest else {
                throw FactoredError.unsupported("an eigenvector was asked for among G's zero eigenvalues (its rank is below \(top)), which the factor does not give")
            }
            let scale = 1 / value.squareRoot()
            let u = pairs.vectors[(c * r)..<((c + 1) * r)].map { $0 * scale }
            result.values.append(value)
            result.indices.append(m - (r - j))
            result.vectors += factorColumnsTimes(u, live: [], blocks: [])
        }
        timing = (elapsedSeconds(t0, t1), elapsedSeconds(t1, DispatchTime.now()))
        return result
    }

    /// V·t for the columns of V = [V_G | u, e] (t of length r), an M-vector:
    /// V_G[(l,i,j),(a,s)] = ψ_{l,s,a,i}·ã_{l−1,s,j}/√N; u_{ik} holds
    /// Q_i[:, k]/ρ_i on row i of W̃_1; e_{ik} holds ρ_i at (W_2)_{ki}.
    /// V itself (M × r) is never formed.
    /// - Complexity: O(N·c′·Σ_l h_l + N·Σ_l h_l·h_{l−1}) flops.
    func factorColumnsTimes(_ t: [Double], live: [LiveNeuron], blocks q: [Double]) -> [Double] {
        let layout = model.layout
        let rows = gaussColumns
        let scale = 1 / Double(n).squareRoot()
        var out = [Double](repeating: 0, count: layout.count)
        for l in 1...layout.depth {
            let width = layout.sizes[l], fanIn = layout.sizes[l - 1]
            // B[s, i] = Σ_a t_{(a,s)}·ψ_{l,s,a,i}, N × h_l column-major.
            var b = [Double](repeating: 0, count: n * width)
            let psiL = psi[l - 1]
            for i in 0..<width {
                for a in 0..<rank {
                    for s in 0..<n { b[i * n + s] += t[a * n + s] * psiL[i * rows + a * n + s] }
                }
            }
            // Row-major W̃_l's weights (h_l × h_{l−1}) are column-major Wᵀ = (1/√N)·aᵀ·B.
            BLAS.gemm(transA: true, m: fanIn, n: width, k: n, alpha: scale, a: state.pass.inputs[l - 1], lda: n,
                      b: b, ldb: n, c: &out, cOffset: layout.weightOffset(l), ldc: fanIn)
            let biasStart = layout.biasOffset(l)
            for i in 0..<width {
                var total = 0.0
                for s in 0..<n { total += b[i * n + s] }
                out[biasStart + i] = scale * total
            }
        }
        guard !live.isEmpty else { return out }
        let d = layout.sizes[0]
        let block = (d + 1) * classes
        for (index, (i, rho)) in live.enumerated() {
            let base = rows + index * 2 * classes
            for c in 0..<classes {
                let tu = t[base + c], te = t[base + classes + c]
                for j in 0..<d { out[layout.weightOffset(1) + i * d + j] += tu * q[i * block + c * (d + 1) + j] / rho }
                out[layout.biasOffset(1) + i] += tu * q[i * block + c * (d + 1) + d] / rho
                out[layout.weightOffset(2) + c * layout.sizes[1] + i] += te * rho
            }
        }
        return out
    }
}
