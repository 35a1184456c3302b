extension MLP {
    /// Σ_i A_ii over the missing bias entries i of the full-layout matrix
    /// `part` (0 when every layer has a bias): what the full-layout trace
    /// has beyond the trace of the principal submatrix on the real
    /// parameters. Each A_ii = e_iᵀ·(A·e_i) by an exact product.
    /// - Complexity: one product (about 6·N·M flops) per missing bias.
    public func missingBiasDiagonalSum(of part: HessianPart, on data: Dataset) -> Double {
        guard hasMissingBiases else { return 0 }
        let products = HessianVectorProduct(model: self, data: data)
        let workspace = HessianVectorProduct.Workspace(products)
        var total = 0.0
        var unit = [Double](repeating: 0, count: layout.count)
        for (l, present) in zip(1..., hasBias) where !present {
            let start = layout.biasOffset(l)
            for i in start..<(start + layout.sizes[l]) {
                unit[i] = 1
                total += products.apply(part, to: unit, workspace: workspace)[i]
                unit[i] = 0
            }
        }
        return total
    }
}
