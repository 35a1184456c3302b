import Foundation

/// Why no plan could be made.
public enum SpectrumEngineError: Error, CustomStringConvertible, Equatable {
    /// The request names no matrix.
    case noMatrix
    /// The method asked for does not apply to this problem.
    case unsupported(method: SpectrumMethod, reason: String)
    /// Only the extremes could be computed (by `method`), but they need
    /// `bytes`, more than are available; `alternatives` say why each method
    /// of all eigenvalues could not run.
    case nothingFits(parameters: Int, alternatives: [SpectrumPlan.Alternative], method: SpectrumMethod, bytes: Int)
    /// No method gives all eigenvalues here and no extremes were asked for.
    case allEigenvaluesOutOfReach(parameters: Int, alternatives: [SpectrumPlan.Alternative])
    /// Eigenvectors were asked for without `top` or `bottom`.
    case vectorsNeedExtremes
    /// The distributed method was asked for, but the engine has no
    /// distributed solver (`SpectrumEngine(distributed:)`).
    case noDistributedSolver

    /// One line for a human.
    public var description: String {
        switch self {
        case .noMatrix: return "no matrix to solve"
        case .unsupported(let method, let reason): return "the \(method.rawValue) method does not apply: \(reason)"
        case .nothingFits(let m, let alternatives, let method, let bytes):
            return "no method fits in memory for M = \(m): \(alternatives.map(\.note).joined(separator: "; ")); \(method.displayName) needs \(MemoryBudget.format(bytes))"
        case .allEigenvaluesOutOfReach(let m, let alternatives):
            return "no exact method can give all \(m) eigenvalues here: \(alternatives.map(\.note).joined(separator: "; "))"
        case .vectorsNeedExtremes: return "eigenvectors are computed for the largest and smallest eigenvalues only: ask for some"
        case .noDistributedSolver: return "the distributed method does not apply: no distributed solver was given"
        }
    }
}

/// The one entry point for spectra: picks dense, factored or Lanczos,
/// checks the memory it needs before any work, and runs it.
///
/// Each method is a `SpectrumSolver` with its own cost model (flops and
/// bytes; see `DenseSpectrum`, `FactoredSpectrum`, `LanczosSpectrum`).
/// `auto` takes the cheapest of the solvers that give every eigenvalue,
/// apply and fit in memory; when only `top`/`bottom` extremes are asked
/// for, a solver of the extremes whenever its cost at its iteration limit
/// is lower still, or when none of the others can run; otherwise it
/// throws, saying what each would need.
///
/// An engine is a value: what it may use (`resources`) and the distributed
/// solver, if any, are given to it, never read from the process.
public struct SpectrumEngine: Sendable {
    /// The memory plans are checked against and the threads of the
    /// solvers' parallel loops.
    public var resources: ComputeResources
    /// The solver over several processes (`hessian-spectrum-mpi` gives one);
    /// with it every method has one process's share of the memory.
    public var distributed: (any DistributedSpectrumSolver)?

    /// An engine with these resources (by default this machine's) and,
    /// optionally, a distributed solver.
    public init(resources: ComputeResources = .detected(), distributed: (any DistributedSpectrumSolver)? = nil) {
        self.resources = resources
        self.distributed = distributed
    }

    /// The solvers `plan` considers, in order of preference on equal cost;
    /// the distributed one last, when the engine has it (with the engine's
    /// LAPACK library).
    public var solvers: [any SpectrumSolver] {
        [DenseSpectrum(resources: resources), FactoredSpectrum(resources: resources), LanczosSpectrum(resources: resources),
         SLQSpectrum(resources: resources), PowerSpectrum()] + (distributed.map { [$0.using(lapack: resources.lapack)] } ?? [])
    }

    /// The solver of a method (not `.auto`).
    func solver(for method: SpectrumMethod) -> (any SpectrumSolver)? {
        solvers.first { $0.method == method }
    }

    /// Chooses the method for a model of these `sizes` (and `hasBias`, nil:
    /// every layer has one) on `examples` examples, without doing any work, against `resources.availableBytes`
    /// (or the distributed solver's share per process).
    /// - Throws: `SpectrumEngineError` when the requested (or no) method can
    ///   run, `MemoryError` when a forced method does not fit.
    public func plan(
        sizes: [Int], activations: Activations, loss: Loss, examples n: Int, request: SpectrumRequest, hasBias: [Bool]? = nil
    ) throws -> SpectrumPlan {
        guard !request.parts.isEmpty else { throw SpectrumEngineError.noMatrix }
        if let top = request.top, top < 0 { throw SettingError(.top, .nonNegative, got: top) }
        if let bottom = request.bottom, bottom < 0 { throw SettingError(.bottom, .nonNegative, got: bottom) }
        let problem = SpectrumProblem(sizes: sizes, activations: activations, loss: loss, examples: n, request: request, hasBias: hasBias)
        // Over several processes every method has one process's share of the memory.
        let available = distributed.map { $0.availableBytesPerProcess } ?? resources.availableBytes
        if request.method == .distributed && distributed == nil {
            throw SpectrumEngineError.noDistributedSolver
        }
        if let forced = solver(for: request.method) {
            return try plan(forced, problem, available: available)
        }
        return try automaticPlan(problem, available: available)
    }

    /// The plan of a method forced by the request.
    private func plan(_ solver: any SpectrumSolver, _ problem: SpectrumProblem, available: Int?) throws -> SpectrumPlan {
        if let reason = solver.unsupportedReason(for: problem) {
            throw SpectrumEngineError.unsupported(method: solver.method, reason: reason)
        }
        let cost = solver.cost(of: problem)
        try MemoryBudget.require(cost.bytes, for: cost.purpose, available: available)
        return SpectrumPlan(method: solver.method, basis: .requested, cost: cost)
    }

    /// `auto`: the cheapest usable solver of all eigenvalues, else one of
    /// the extremes when they were asked for.
    private func automaticPlan(_ problem: SpectrumProblem, available: Int?) throws -> SpectrumPlan {
        let m = problem.parameterCount
        let candidates = solvers.filter { !$0.isEstimator }.map { solver -> (solver: any SpectrumSolver, judged: SpectrumPlan.Alternative) in
            let cost = solver.cost(of: problem)
            let verdict: SpectrumPlan.Alternative.Verdict
            if let reason = solver.unsupportedReason(for: problem) {
                verdict = .doesNotApply(reason: reason)
            } else if let available, cost.bytes > available {
                verdict = .doesNotFit(available: available)
            } else {
                verdict = .usable
            }
            return (solver, SpectrumPlan.Alternative(method: solver.method, cost: cost, verdict: verdict))
        }
        let full = candidates.filter { $0.solver.givesAllEigenvalues }.map(\.judged)
        let partial = candidates.filter { !$0.solver.givesAllEigenvalues }.map(\.judged).filter {
            if case .doesNotApply = $0.verdict { return false }
            return true
        }
        let usable = full.filter { $0.verdict == .usable }
        // For a few extremes Lanczos is exact too (to its residual
        // tolerance): it wins when even its iteration limit costs less than
        // the cheapest solver of all M eigenvalues.
        if problem.request.isPartial, let extremes = partial.first(where: { $0.verdict == .usable }),
           let cheapest = usable.map(\.cost.flops).min(), extremes.cost.flops < cheapest {
            return SpectrumPlan(method: extremes.method, basis: .extremesAreCheaper, cost: extremes.cost, alternatives: full)
        }
        if let best = usable.min(by: { $0.cost.flops < $1.cost.flops }) {
            return SpectrumPlan(method: best.method, basis: .cheapest, cost: best.cost, alternatives: full)
        }
        if problem.request.isPartial, let extremes = partial.first {
            guard extremes.verdict == .usable else {
                throw SpectrumEngineError.nothingFits(parameters: m, alternatives: full, method: extremes.method, bytes: extremes.cost.bytes)
            }
            return SpectrumPlan(method: extremes.method, basis: .onlyExtremesFit, cost: extremes.cost, alternatives: full)
        }
        throw SpectrumEngineError.allEigenvaluesOutOfReach(parameters: m, alternatives: full)
    }

    /// The spectra of `request.parts` of `model` on `data` by the planned
    /// method; with `top`/`bottom`, only those extremes, each with its
    /// position among all M eigenvalues.
    /// - Complexity: see the cost models of the solvers.
    /// - Throws: as `plan`, then `LAPACKError`, `SpectrumError`,
    ///   `FactoredError`, `LanczosError`.
    public func compute(model: MLP, data: Dataset, request: SpectrumRequest) throws -> SpectrumComputation {
        let plan = try self.plan(sizes: model.sizes, activations: model.activations, loss: model.loss,
                                 examples: data.count, request: request, hasBias: model.hasBias)
        guard let solver = solver(for: plan.method) else {
            throw SpectrumEngineError.unsupported(method: plan.method, reason: "no solver carries it out")
        }
        if request.vectors && !request.isPartial { throw SpectrumEngineError.vectorsNeedExtremes }
        let output = try solver.compute(model: model, data: data, request: request)
        var spectra = output.spectra
        if solver.givesAllEigenvalues && request.isPartial {
            spectra = spectra.map { $0.indices == nil ? Self.extremes(of: $0, top: request.top ?? 0, bottom: request.bottom ?? 0) : $0 }
        }
        if request.vectors {
            // Every method's vectors checked the same way: ‖A·v − λ·v‖ with an exact product.
            let products = HessianVectorProduct(model: model, data: data)
            for index in spectra.indices {
                let s = spectra[index]
                spectra[index].residualNorms = EigenvectorMeasures.residualNorms(
                    of: s.part, products: products, values: s.eigenvalues, vectors: s.eigenvectors ?? [])
            }
        }
        // Weight decay adds λ·I to H and G: the same eigenvectors, every eigenvalue
        // (and every SLQ node) + λ.
        if model.weightDecay != 0 {
            for index in spectra.indices where spectra[index].part != .residual {
                spectra[index].eigenvalues = spectra[index].eigenvalues.map { $0 + model.weightDecay }
                if var quadrature = spectra[index].quadrature {
                    quadrature.nodes = quadrature.nodes.map { $0 + model.weightDecay }
                    spectra[index].quadrature = quadrature
                }
            }
        }
        return SpectrumComputation(spectra: spectra, plan: plan, warnings: output.warnings)
    }

    /// `compute(model:data:request:)` with the request spelled out.
    public func compute(
        model: MLP, data: Dataset, parts: [HessianPart], method: SpectrumMethod = .auto, top: Int? = nil, bottom: Int? = nil,
        driver: EigenDriver? = nil
    ) throws -> SpectrumComputation {
        try compute(model: model, data: data,
                    request: SpectrumRequest(parts: parts, method: method, top: top, bottom: bottom, driver: driver))
    }

    /// The `bottom` smallest and `top` largest of a full ascending spectrum,
    /// with their indices.
    static func extremes(of spectrum: PartSpectrum, top: Int, bottom: Int) -> PartSpectrum {
        let m = spectrum.eigenvalues.count
        var keep = Array(0..<min(bottom, m))
        for i in max(0, m - top)..<m where i >= keep.count { keep.append(i) }
        var out = spectrum
        out.eigenvalues = keep.map { spectrum.eigenvalues[$0] }
        out.indices = keep
        return out
    }
}
