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
    /// The passes every product reuses.
    let state: BackPropagation

    /// Runs the forward and backward passes over all of `data` once.
    /// - Complexity: about 4·N·M flops.
    public init(model: MLP, data: Dataset) { state = BackPropagation(model: model, data: data) }

    /// Bytes a product needs besides the passes kept by `init`: R{z_l},
    /// R{a_l}, R{δ_l} for every layer.
    public static func workspaceBytes(sizes: [Int], examples n: Int) -> Int {
        8 * n * 4 * sizes.dropFirst().reduce(0, +)
    }

    /// Bytes kept by `init` (the forward pass, δ, σ' and σ''·e per layer).
    public static func stateBytes(sizes: [Int], examples n: Int) -> Int {
        8 * n * (sizes[0] + 5 * sizes.dropFirst().reduce(0, +))
    }

    /// The network whose curvature this is.
    public var model: MLP { state.model }

    /// M, the length of v.
    public var order: Int { state.order }

    /// The product of the matrix `part` with `vector` (M values, parameter
    /// order). With a `workspace` (one per sequence of products, such as a
    /// Lanczos run) the N × h buffers of the passes are reused, not
    /// allocated per product.
    /// - Complexity: about 4·N·M flops for G·v (two passes), about 6·N·M
    ///   for H·v and R·v, all in DGEMMs (`ProductTiming.flops`).
    public func apply(_ part: HessianPart, to vector: [Double], workspace: Workspace? = nil) -> [Double] {
        precondition(vector.count == order, "the vector must have M = \(order) values")
        let buffers = workspace ?? Workspace(self)
        var rz = buffers.rz, ra = buffers.ra, carried = buffers.carried
        buffers.rz = []
        buffers.ra = []
        buffers.carried = []
        defer {
            buffers.rz = rz
            buffers.ra = ra
            buffers.carried = carried
        }
        forwardR(vector, rz: &rz, ra: &ra)
        let top = outputR(rz, part: part)
        return backwardR(top, vector: vector, rz: rz, ra: ra, carried: &carried, part: part)
    }

    /// The N × h buffers one product fills: R{z_l}, R{a_l} and the carried
    /// R{δ_l}, kept between products so that a sequence of them allocates
    /// none of these.
    public final class Workspace {
        /// R{z_l}, N × h_l, l = 1…L (index l − 1).
        var rz: [[Double]]
        /// R{a_l}, N × h_l (index l; entry 0 is unused, R{a_0} = 0).
        var ra: [[Double]]
        /// R{δ_l} carried back into the hidden layer l, N × h_l (index l − 1).
        var carried: [[Double]]

        /// Buffers for products of `products`.
        public init(_ products: HessianVectorProduct) {
            let sizes = products.state.layout.sizes, n = products.state.count
            rz = sizes.dropFirst().map { [Double](repeating: 0, count: n * $0) }
            ra = sizes.dropLast().indices.map { l in l == 0 ? [] : [Double](repeating: 0, count: n * sizes[l]) }
            carried = sizes.dropFirst().dropLast().map { [Double](repeating: 0, count: n * $0) }
        }
    }

    /// The forward R-pass into R{z_l} (`rz[l − 1]`) and R{a_l} (`ra[l]`).
    private func forwardR(_ v: [Double], rz: inout [[Double]], ra: inout [[Double]]) {
        let layout = state.layout
        let depth = layout.depth
        let n = state.count
        for l in 1...depth {
            let layer = layout.layer(l)
            layer.forward(state.pass.inputs[l - 1], rows: n, weights: v, into: &rz[l - 1])
            if l > 1 { layer.forward(ra[l - 1], rows: n, weights: state.model.parameters, into: &rz[l - 1], accumulate: true) }
            layer.addBias(from: v, to: &rz[l - 1], rows: n)
            if l < depth {
                let slope = state.slopes[l - 1], z = rz[l - 1]
                ra[l].withUnsafeMutableBufferPointer { a in
                    for t in 0..<a.count { a[t] = z[t] * slope[t] }
                }
            }
        }
    }

    /// R{δ_L} = ∇²ℓ·R{f}, or 0 when `part` leaves the output curvature out.
    private func outputR(_ rz: [[Double]], part: HessianPart) -> [Double] {
        let n = state.count
        let classes = state.layout.outputDimension
        guard part.includesOutputCurvature else { return [Double](repeating: 0, count: n * classes) }
        return state.model.loss.function.curvatureProduct(state.pass.output, rz[rz.count - 1], count: n, classes: classes)
    }

    /// The backward R-pass from R{δ_L} = `top`, writing each layer's block
    /// of the product; R{δ_{l−1}} goes into `carried[l − 2]`.
    private func backwardR(_ top: [Double], vector v: [Double], rz: [[Double]], ra: [[Double]], carried: inout [[Double]],
                           part: HessianPart) -> [Double] {
        let layout = state.layout
        var out = [Double](repeating: 0, count: layout.count)
        var none: [Double] = []
        for l in stride(from: layout.depth, through: 1, by: -1) {
            let rdelta = l == layout.depth ? top : carried[l - 1]
            if l > 1 {
                backwardStep(l, rdelta: rdelta, vector: v, rz: rz, ra: ra, part: part, out: &out, next: &carried[l - 2])
            } else {
                backwardStep(l, rdelta: rdelta, vector: v, rz: rz, ra: ra, part: part, out: &out, next: &none)
            }
        }
        return out
    }

    /// Layer l's block of the product from R{δ_l} = `rdelta`, and for l > 1
    /// R{δ_{l−1}} = σ'(z_{l−1}) ⊙ R{e_{l−1}} (+ σ''(z_{l−1}) ⊙ e_{l−1} ⊙ R{z_{l−1}}
    /// with the network curvature) into `next`.
    private func backwardStep(_ l: Int, rdelta: [Double], vector v: [Double], rz: [[Double]], ra: [[Double]],
                              part: HessianPart, out: inout [Double], next: inout [Double]) {
        let layer = state.layout.layer(l)
        let n = state.count
        let scale = 1 / Double(n)
        let network = part.includesNetworkCurvature
        let theta = state.model.parameters
        layer.weightGradient(inputs: state.pass.inputs[l - 1], deltas: rdelta, rows: n, scale: scale, into: &out)
        if network && l > 1 {
            layer.weightGradient(inputs: ra[l - 1], deltas: state.deltas[l - 1], rows: n, scale: scale, into: &out, accumulate: true)
        }
        layer.biasGradient(deltas: rdelta, rows: n, scale: scale, into: &out)
        guard l > 1 else { return }
        // R{e_{l−1}} = R{δ_l}·W_l + δ_l·V_l, then R{δ_{l−1}}.
        layer.backward(rdelta, rows: n, weights: theta, into: &next)
        if network { layer.backward(state.deltas[l - 1], rows: n, weights: v, into: &next, accumulate: true) }
        let slopes = state.slopes[l - 2]
        next.withUnsafeMutableBufferPointer { back in
            if network {
                let curvature = state.curvatures[l - 2], z = rz[l - 2]
                for t in 0..<back.count { back[t] = slopes[t] * back[t] + curvature[t] * z[t] }
            } else {
                for t in 0..<back.count { back[t] *= slopes[t] }
            }
        }
    }
}
