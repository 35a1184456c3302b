/// Which matrix of the generalised Gauss–Newton split H = G + R.
///
/// With per-example output f_s and loss ℓ_s,
/// H = (1/N)·Σ_s J_sᵀ·∇²ℓ_s·J_s + (1/N)·Σ_s Σ_c (∂ℓ_s/∂f_c)·∇²f_{s,c} = G + R.
public enum HessianPart: String, CaseIterable, Codable, Sendable {
    /// H, the Hessian of the mean training loss.
    case hessian
    /// G, the generalised Gauss–Newton matrix: positive semi-definite for a
    /// convex loss, rank ≤ N·C.
    case gaussNewton = "gauss_newton"
    /// R = H − G, the part weighted by the loss gradient: small near a minimum.
    case residual

    /// Whether the output-curvature term J_sᵀ∇²ℓ_sJ_s is part of it.
    var includesOutputCurvature: Bool { self != .residual }
    /// Whether the terms through σ'' and through the dependence of a layer's
    /// input on earlier weights (both weighted by ∂ℓ/∂f) are part of it.
    var includesNetworkCurvature: Bool { self != .gaussNewton }
}
