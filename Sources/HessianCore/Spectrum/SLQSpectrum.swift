import Foundation

/// `--method slq`: the spectral density of H, G or R estimated by
/// stochastic Lanczos quadrature (`StochasticLanczosQuadrature`) over
/// exact Hessian-vector products (`HessianVectorProduct`). An estimate:
/// never chosen by `auto`.
///
/// Cost per matrix: P·m products of about 6·N·M flops, plus 4·P·m²·M of
/// reorthogonalisation; 8·M·(m + 3) bytes for the basis besides the
/// products' state.
public struct SLQSpectrum: SpectrumSolver {
    /// The memory its basis may take.
    public var resources: ComputeResources

    /// The solver with the resources it may use.
    public init(resources: ComputeResources = ComputeResources()) {
        self.resources = resources
    }

    /// The method this solver carries out.
    public var method: SpectrumMethod { .slq }
    /// It gives a density, not eigenvalues.
    public var givesAllEigenvalues: Bool { false }
    /// An estimate.
    public var isEstimator: Bool { true }

    /// SLQ estimates the whole density: no extremes, no eigenvectors, and
    /// at most M steps.
    public func unsupportedReason(for problem: SpectrumProblem) -> String? {
        let request = problem.request, m = problem.parameterCount
        if request.isPartial { return "SLQ estimates the density of all eigenvalues, not the extremes (use lanczos or power for those)" }
        if request.vectors { return "SLQ estimates a density and gives no eigenvectors" }
        if request.estimators.probes < 1 { return "SLQ needs at least one probe, got \(request.estimators.probes)" }
        let steps = request.estimators.steps(order: m)
        if steps < 1 || steps > m { return "SLQ takes between 1 and M = \(m) Lanczos steps, got \(steps)" }
        return nil
    }

    /// The cost model's flops and the peak bytes (see the type's summary).
    public func cost(of problem: SpectrumProblem) -> CostEstimate {
        let e = problem.request.estimators
        let k = e.steps(order: problem.parameterCount)
        let steps = Double(k), m = Double(problem.parameterCount)
        return CostEstimate(
            flops: Double(problem.request.parts.count) * Double(e.probes) * (steps * 6 * Double(problem.examples) * m + 4 * steps * steps * m),
            bytes: StochasticLanczosQuadrature.requiredBytes(order: problem.parameterCount, steps: k)
                + HessianVectorProduct.stateBytes(sizes: problem.sizes, examples: problem.examples)
                + HessianVectorProduct.workspaceBytes(sizes: problem.sizes, examples: problem.examples),
            scope: .slq(parameters: problem.parameterCount, probes: e.probes, steps: k))
    }

    /// The quadrature of each of `request.parts`, in `PartSpectrum.quadrature`.
    public func compute(model: MLP, data: Dataset, request: SpectrumRequest) throws -> SolverOutput {
        let t0 = DispatchTime.now()
        let products = HessianVectorProduct(model: model, data: data)
        let setup = elapsedSeconds(t0, DispatchTime.now())
        var output = SolverOutput(spectra: [])
        for part in request.parts {
            let t1 = DispatchTime.now()
            let quadrature = try StochasticLanczosQuadrature.density(of: .curvature(products, part: part), settings: request.estimators,
                                                                    available: resources.availableBytes)
            var spectrum = PartSpectrum(part: part, eigenvalues: [], assembleSeconds: setup,
                                        eigenSeconds: elapsedSeconds(t1, DispatchTime.now()), indices: [])
            spectrum.quadrature = quadrature
            output.spectra.append(spectrum)
        }
        return output
    }
}
