extension SymmetricOperator {
    /// A + λ·I, from the product of A: (A + λ·I)·x = A·x + λ·x.
    /// - Complexity: one product with A plus n flops.
    public func shifted(by lambda: Double) -> SymmetricOperator {
        guard lambda != 0 else { return self }
        let n = order
        let base = product
        return SymmetricOperator(order: n) { x, y in
            try base(x, y)
            for i in 0..<n { y[i] += lambda * x[i] }
        }
    }

    /// The curvature of the training objective: `part` of the data loss's
    /// split H = G + R (`curvature(_:part:)`), plus weight decay's λ·I on H
    /// and G (the objective adds (λ/2)‖θ‖², whose Hessian is λ·I; R, the
    /// model's own curvature term, has none). Estimators that are compared
    /// with, or reported beside, the engine's spectra (which add λ to every
    /// eigenvalue of H and G) take this operator.
    public static func objectiveCurvature(_ products: HessianVectorProduct, part: HessianPart) -> SymmetricOperator {
        let decay = products.model.weightDecay
        return curvature(products, part: part).shifted(by: part == .residual ? 0 : decay)
    }
}
