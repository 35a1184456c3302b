import Foundation

/// Exact matrix-free products H·v, G·v and R·v for an `MLP` on a data set,
/// in float64, by Pearlmutter's R-operator R{·} = ∂/∂t (·)(θ + t·v) at t = 0
/// over the whole batch: a forward R-pass, then a backward R-pass, every
/// step a DGEMM over all N examples.
///
/// With v = (V_l, c_l) per layer, ã = (a, 1), D_l = σ'(z_l) and
/// e_l = δ_{l+1}·W_{l+1} (so δ_l = D_l ⊙ e_l):
///
///     forward:  R{z_l} = R{a_{l−1}}·W_lᵀ + a_{l−1}·V_lᵀ + c_l,   R{a_0} = 0
///               R{a_l} = D_l ⊙ R{z_l}
///     output:   R{δ_L} = ∇²ℓ·R{z_L}        (nll: p ⊙ u − p·(pᵀu); mse: u)
///     backward: R{e_l} = R{δ_{l+1}}·W_{l+1} + δ_{l+1}·V_{l+1}
///               R{δ_l} = D_l ⊙ R{e_l} + σ''(z_l) ⊙ e_l ⊙ R{z_l}
///     product:  (H·v)_{W_l} = (1/N)·(R{δ_l}ᵀ·a_{l−1} + δ_lᵀ·R{a_{l−1}}),
///               (H·v)_{b_l} = (1/N)·Σ_s R{δ_l}.
///
/// G·v = (1/N)·Σ_s J_sᵀ∇²ℓ_sJ_s·v keeps only the output term and drops the
/// terms through δ (δ·V, δ·R{a}, σ''): a linearised backward pass of
/// ∇²ℓ·J·v. R·v keeps those δ terms and drops the output term. The
/// recursion is linear in the two, so H·v = G·v + R·v; each part is
/// computed on its own.
public struct HessianVectorProduct {
    let core: ExactHessian

    /// Runs the forward and backward passes over all of `data` once; each
    /// product then reuses them.
    /// - Complexity: O(N·M).
    public init(model: MLP, data: Dataset) {
        core = ExactHessian(model: model, data: data)
    }

    public var model: MLP { core.model }

    /// M, the length of v.
    public var order: Int { core.order }

    /// Bytes a product needs besides the passes kept by `init`: R{z_l},
    /// R{a_l}, R{δ_l} for every layer.
    public static func workspaceBytes(sizes: [Int], examples n: Int) -> Int {
        8 * n * 4 * sizes.dropFirst().reduce(0, +)
    }

    /// Bytes kept by `init` (the forward pass, δ, σ' and σ''·e per layer).
    public static func stateBytes(sizes: [Int], examples n: Int) -> Int {
        8 * n * (sizes[0] + 5 * sizes.dropFirst().reduce(0, +))
    }

    /// The product of the matrix `part` with `vector` (M values, parameter order).
    /// - Complexity: about 4·N·M flops for G·v (two passes), about 6·N·M
    ///   for H·v and R·v, all in DGEMMs.
    public func apply(_ part: HessianPart, to vector: [Double]) -> [Double] {
        precondition(vector.count == order, "the vector must have M = \(order) values")
        var out = [Double](repeating: 0, count: order)
        vector.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { o in
                apply(part, to: v.baseAddress!, into: o.baseAddress!)
            }
        }
        return out
    }

    /// Writes the product of the matrix `part` with the M values at `v` into
    /// the M values at `out` (which must not overlap `v`).
    public func apply(_ part: HessianPart, to v: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        let model = core.model
        let layout = model.layout
        let sizes = layout.sizes
        let depth = layout.depth
        let pass = core.pass
        let n = pass.count
        let scale = 1 / Double(n)
        let network = part.includesNetworkCurvature

        // Forward R-pass: rz[l − 1] = R{z_l}, ra[l] = R{a_l} (ra[0] unused: R{a_0} = 0).
        var rz = [[Double]](repeating: [], count: depth)
        var ra = [[Double]](repeating: [], count: depth)
        model.parameters.withUnsafeBufferPointer { thetaBuffer in
            let theta = thetaBuffer.baseAddress!
            for l in 1...depth {
                let fanIn = sizes[l - 1], fanOut = sizes[l]
                var z = [Double](repeating: 0, count: n * fanOut)
                z.withUnsafeMutableBufferPointer { zBuffer in
                    let zp = zBuffer.baseAddress!
                    pass.inputs[l - 1].withUnsafeBufferPointer { a in
                        BLAS.gemm(transA: false, transB: false, m: n, n: fanOut, k: fanIn,
                                  alpha: 1, a: a.baseAddress!, lda: n, b: v + layout.weightOffset(l), ldb: fanIn,
                                  beta: 0, c: zp, ldc: n)
                    }
                    if l > 1 {
                        ra[l - 1].withUnsafeBufferPointer { r in
                            BLAS.gemm(transA: false, transB: false, m: n, n: fanOut, k: fanIn,
                                      alpha: 1, a: r.baseAddress!, lda: n, b: theta + layout.weightOffset(l), ldb: fanIn,
                                      beta: 1, c: zp, ldc: n)
                        }
                    }
                    let c = v + layout.biasOffset(l)
                    for i in 0..<fanOut {
                        let ci = c[i]
                        let column = zp + i * n
                        for s in 0..<n { column[s] += ci }
                    }
                }
                if l < depth {
                    var a = z
                    core.slopes[l - 1].withUnsafeBufferPointer { d in
                        for t in 0..<a.count { a[t] *= d[t] }
                    }
                    ra[l] = a
                }
                rz[l - 1] = z
            }
        }

        // Output: R{δ_L} = ∇²ℓ·R{f}, or 0 for R alone.
        let classes = sizes[depth]
        var rdelta = [Double](repeating: 0, count: n * classes)
        if part.includesOutputCurvature {
            let u = rz[depth - 1]
            switch model.loss {
            case .mse:
                rdelta = u
            case .nll:
                pass.probabilities.withUnsafeBufferPointer { p in
                    for s in 0..<n {
                        var pu = 0.0
                        for k in 0..<classes { pu += p[k * n + s] * u[k * n + s] }
                        for k in 0..<classes { rdelta[k * n + s] = p[k * n + s] * (u[k * n + s] - pu) }
                    }
                }
            }
        }

        // Backward R-pass, writing each layer's block of the product.
        model.parameters.withUnsafeBufferPointer { thetaBuffer in
            let theta = thetaBuffer.baseAddress!
            for l in stride(from: depth, through: 1, by: -1) {
                let fanIn = sizes[l - 1], fanOut = sizes[l]
                let w = out + layout.weightOffset(l)
                rdelta.withUnsafeBufferPointer { rd in
                    pass.inputs[l - 1].withUnsafeBufferPointer { a in
                        // (∂/∂W)ᵀ = aᵀ·R{δ}, fanIn × fanOut column-major = W's row-major layout.
                        BLAS.gemm(transA: true, transB: false, m: fanIn, n: fanOut, k: n,
                                  alpha: scale, a: a.baseAddress!, lda: n, b: rd.baseAddress!, ldb: n,
                                  beta: 0, c: w, ldc: fanIn)
                    }
                    if network && l > 1 {
                        ra[l - 1].withUnsafeBufferPointer { r in
                            core.deltas[l - 1].withUnsafeBufferPointer { d in
                                BLAS.gemm(transA: true, transB: false, m: fanIn, n: fanOut, k: n,
                                          alpha: scale, a: r.baseAddress!, lda: n, b: d.baseAddress!, ldb: n,
                                          beta: 1, c: w, ldc: fanIn)
                            }
                        }
                    }
                    let b = out + layout.biasOffset(l)
                    for i in 0..<fanOut {
                        var total = 0.0
                        let column = rd.baseAddress! + i * n
                        for s in 0..<n { total += column[s] }
                        b[i] = total * scale
                    }
                }
                guard l > 1 else { break }
                // R{e_{l−1}} = R{δ_l}·W_l + δ_l·V_l, then R{δ_{l−1}}.
                var back = [Double](repeating: 0, count: n * fanIn)
                back.withUnsafeMutableBufferPointer { e in
                    rdelta.withUnsafeBufferPointer { rd in
                        BLAS.gemm(transA: false, transB: true, m: n, n: fanIn, k: fanOut,
                                  alpha: 1, a: rd.baseAddress!, lda: n, b: theta + layout.weightOffset(l), ldb: fanIn,
                                  beta: 0, c: e.baseAddress!, ldc: n)
                    }
                    if network {
                        core.deltas[l - 1].withUnsafeBufferPointer { d in
                            BLAS.gemm(transA: false, transB: true, m: n, n: fanIn, k: fanOut,
                                      alpha: 1, a: d.baseAddress!, lda: n, b: v + layout.weightOffset(l), ldb: fanIn,
                                      beta: 1, c: e.baseAddress!, ldc: n)
                        }
                    }
                }
                let slopes = core.slopes[l - 2]
                if network {
                    let curvature = core.curvatures[l - 2], z = rz[l - 2]
                    for t in 0..<back.count { back[t] = slopes[t] * back[t] + curvature[t] * z[t] }
                } else {
                    for t in 0..<back.count { back[t] *= slopes[t] }
                }
                rdelta = back
            }
        }
    }
}
