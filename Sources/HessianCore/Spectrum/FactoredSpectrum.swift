import Foundation

/// Every eigenvalue of H, G or R without the dense M × M matrix, from a
/// low-rank factorisation H = V·S·Vᵀ (V is M × r, r ≪ M; S is r × r).
///
/// **Gauss–Newton part.** Write the loss curvature of example s as
/// ∇²ℓ_s = L_s·L_sᵀ, L_s of size C × c′, as the loss provides it
/// (`LossFunction.curvatureFactor`: L_s = I for mse, c′ = C; a reflected
/// square root of diag p − p·pᵀ for nll, c′ = C − 1). Then G = V_G·V_Gᵀ with the N·c′ columns
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
public struct FactoredSpectrum: SpectrumSolver {
    /// The memory its own check allows and the threads of its assembly.
    public var resources: ComputeResources

    /// The solver with the resources it may use.
    public init(resources: ComputeResources = ComputeResources()) {
        self.resources = resources
    }

    /// The method this solver carries out.
    public var method: SpectrumMethod { .factored }
    /// Whether it gives all M eigenvalues.
    public var givesAllEigenvalues: Bool { true }

    /// Why it does not apply to `problem`, or nil.
    public func unsupportedReason(for problem: SpectrumProblem) -> String? {
        if problem.hasMissingBiases { return Self.biasFreeReason }
        let m = problem.parameterCount
        for part in problem.request.parts {
            if let why = Self.unsupportedReason(sizes: problem.sizes, activations: problem.activations, part: part) { return why }
            let r = Self.columns(sizes: problem.sizes, examples: problem.examples, loss: problem.loss, part: part)
            if part != .residual && r >= m { return "its factor has r = \(r) columns, not fewer than M = \(m)" }
        }
        if problem.request.vectors, let why = Self.vectorsUnsupportedReason(parts: problem.request.parts, bottom: problem.request.bottom ?? 0) {
            return why
        }
        return nil
    }

    /// Why eigenvectors of `parts` cannot come through the factor, or nil:
    /// R's are not carried through it, and G's smallest eigenvalues are
    /// zeros outside it. (H's smallest can be too; that shows only once
    /// the core is solved.)
    static func vectorsUnsupportedReason(parts: [HessianPart], bottom: Int) -> String? {
        if parts.contains(.residual) { return "R's eigenvectors are not carried through its factor" }
        if bottom > 0 && parts.contains(.gaussNewton) {
            return "the smallest eigenvalues of G are zeros outside its factor, which gives no eigenvectors for them"
        }
        return nil
    }

    /// The cost model's flops for all requested parts and the peak bytes
    /// of the largest (see the type's summary), with each part's r.
    public func cost(of problem: SpectrumProblem) -> CostEstimate {
        let (sizes, n, loss, parts) = (problem.sizes, problem.examples, problem.loss, problem.request.parts)
        return CostEstimate(
            flops: parts.reduce(0.0) { $0 + Self.estimatedFlops(sizes: sizes, examples: n, loss: loss, part: $1) },
            bytes: parts.map { Self.requiredBytes(sizes: sizes, examples: n, loss: loss, part: $0) }.max() ?? 0,
            scope: .factored(parameters: problem.parameterCount, columns: parts.map {
                CostEstimate.FactorColumns(part: $0, columns: Self.columns(sizes: sizes, examples: n, loss: loss, part: $0))
            }))
    }

    /// The spectra of `request.parts` of `model` on `data`.
    public func compute(model: MLP, data: Dataset, request: SpectrumRequest) throws -> SolverOutput {
        if request.vectors {
            return SolverOutput(spectra: try Self.extremeEigenpairs(model: model, data: data, parts: request.parts,
                                                                    bottom: request.bottom ?? 0, top: request.top ?? 0,
                                                                    resources: resources))
        }
        return SolverOutput(spectra: try Self.compute(model: model, data: data, parts: request.parts,
                                                      driver: request.driver ?? .twoStage, resources: resources))
    }

    /// Why the factored form does not apply to `part` of `model`, or nil
    /// when it does. G always factors; R and H need a piecewise-linear
    /// activation (ReLU, LeakyReLU, linear) and at most one hidden layer;
    /// no part of a network with bias-free layers factors here.
    public static func unsupportedReason(model: MLP, part: HessianPart) -> String? {
        if model.hasMissingBiases { return biasFreeReason }
        return unsupportedReason(sizes: model.sizes, activations: model.activations, part: part)
    }

    /// Why bias-free layers are refused: the factors' columns include every bias.
    static let biasFreeReason = "its factors keep every bias column, and this network has bias-free layers (dense and lanczos handle them)"


    static func unsupportedReason(sizes: [Int], activations: Activations, part: HessianPart) -> String? {
        guard part.includesNetworkCurvature else { return nil }
        let depth = sizes.count - 1
        if depth >= 2, let curved = activations.firstCurved {
            return "\(curved.rawValue) has σ'' ≠ 0, so R has a full-rank block in every layer (only ReLU, LeakyReLU and linear factor)"
        }
        if depth >= 3 {
            return "with \(depth - 1) hidden layers R has blocks of rank up to N·h between non-adjacent layers (the factored form covers one hidden layer)"
        }
        return nil
    }

    /// c′, the columns of each example's loss-curvature factor L_s.
    static func curvatureRank(loss: Loss, classes: Int) -> Int { loss.function.curvatureRank(classes: classes) }

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

    /// All M eigenvalues, ascending, of each of `parts`; `driver` solves the
    /// r × r Gram matrices (the two-stage reduction is BLAS-3 at that size).
    /// - Complexity: see `estimatedFlops`; memory `requiredBytes`.
    /// - Throws: `FactoredError.unsupported` when the structure does not
    ///   hold or r ≥ M, `MemoryError`, `LAPACKError`,
    ///   `SpectrumError.nonFinite`.
    public static func compute(model: MLP, data: Dataset, parts: [HessianPart], driver: EigenDriver = .twoStage,
                               resources: ComputeResources = ComputeResources()) throws -> [PartSpectrum] {
        let m = model.parameterCount
        for part in parts {
            if let reason = unsupportedReason(model: model, part: part) { throw FactoredError.unsupported(reason) }
            let r = columns(sizes: model.sizes, examples: data.count, loss: model.loss, part: part)
            if r >= m && part != .residual {
                throw FactoredError.unsupported("the factor of \(part.rawValue) has r = \(r) columns, not fewer than M = \(m)")
            }
        }
        let need = parts.map { requiredBytes(sizes: model.sizes, examples: data.count, loss: model.loss, part: $0) }.max() ?? 0
        try MemoryBudget.require(need, for: "the factored spectrum of the \(m)-parameter model", available: resources.availableBytes)
        let factors = FactoredGram(model: model, data: data, driver: driver, resources: resources)
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
            if part == .residual { timing.assemble = elapsedSeconds(t0, DispatchTime.now()) }
            results.append(PartSpectrum(part: part, eigenvalues: nonzero, assembleSeconds: timing.assemble, eigenSeconds: timing.eigen))
        }
        return results
    }
}

/// The factored form does not apply to a model.
public enum FactoredError: Error, CustomStringConvertible, Equatable {
    case unsupported(String)
    /// One line for a human.
    public var description: String {
        switch self {
        case .unsupported(let reason): return "the factored method does not apply: \(reason)"
        }
    }
}
