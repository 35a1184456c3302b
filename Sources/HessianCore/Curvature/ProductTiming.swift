import Foundation

/// Seconds per exact product H·v (or G·v, R·v) and the GEMM floor beside
/// them, for the benchmark: what one product costs against what its
/// matrix-matrix products alone would cost at this machine's DGEMM rate.
public enum ProductTiming {
    /// The flops in the DGEMMs of one `HessianVectorProduct.apply`: per
    /// layer l, 2·N·h_l·h_{l−1} for each of R{a_{l−1}}·W_lᵀ, a_{l−1}·V_lᵀ,
    /// R{δ_l}ᵀ·a_{l−1} and R{δ_l}·W_l, and for H and R also δ_lᵀ·R{a_{l−1}}
    /// and δ_l·V_l (layer 1 has no R{a_0} and nothing to carry back: two).
    public static func flops(sizes: [Int], examples n: Int, part: HessianPart) -> Double {
        var total = 0.0
        for l in 1..<sizes.count {
            let gemms = l == 1 ? 2 : (part.includesNetworkCurvature ? 6 : 4)
            total += Double(gemms) * 2 * Double(n) * Double(sizes[l] * sizes[l - 1])
        }
        return total
    }

    /// What `measure` found.
    public struct Measurement: Sendable {
        /// Seconds of the passes every product reuses (`HessianVectorProduct.init`).
        public var setupSeconds: Double
        /// Seconds of each timed product.
        public var productSeconds: [Double]
    }

    /// Times `count` products with `part` of `model` on `data`, after one
    /// untimed product, each with a fresh seeded standard normal vector.
    public static func measure(model: MLP, data: Dataset, part: HessianPart, count: Int, seed: UInt64 = 1) -> Measurement {
        let t0 = DispatchTime.now()
        let products = HessianVectorProduct(model: model, data: data)
        let setup = elapsedSeconds(t0, DispatchTime.now())
        var random = RandomSource(seed: seed)
        var v = (0..<products.order).map { _ in random.normal() }
        let workspace = HessianVectorProduct.Workspace(products)
        _ = products.apply(part, to: v, workspace: workspace)
        var seconds: [Double] = []
        for _ in 0..<count {
            for i in v.indices { v[i] = random.normal() }
            let t = DispatchTime.now()
            _ = products.apply(part, to: v, workspace: workspace)
            seconds.append(elapsedSeconds(t, DispatchTime.now()))
        }
        return Measurement(setupSeconds: setup, productSeconds: seconds)
    }

    /// DGEMM's rate (flops per second), the best of `repeats`, on an
    /// m × k by k × n product with standard normal entries.
    public static func gemmRate(m: Int, n: Int, k: Int, repeats: Int = 5, seed: UInt64 = 2) -> Double {
        var random = RandomSource(seed: seed)
        let a = (0..<(m * k)).map { _ in random.normal() }, b = (0..<(k * n)).map { _ in random.normal() }
        var c = [Double](repeating: 0, count: m * n)
        var best = Double.infinity
        for _ in 0..<max(1, repeats) {
            let t = DispatchTime.now()
            BLAS.gemm(m: m, n: n, k: k, a: a, lda: m, b: b, ldb: k, beta: 0, c: &c, ldc: m)
            best = min(best, elapsedSeconds(t, DispatchTime.now()))
        }
        return 2 * Double(m) * Double(n) * Double(k) / best
    }
}
