import Foundation

/// How the eigenvalues are computed.
public enum SpectrumMethod: String, CaseIterable, Sendable {
    /// The cheapest exact method that fits (see `SpectrumEngine.plan`).
    case auto
    /// Assemble the M × M matrix, then LAPACK: all M eigenvalues.
    case dense
    /// The low-rank factorisation (`FactoredSpectrum`): all M eigenvalues.
    case factored
    /// Matrix-free Lanczos (`Lanczos`): the --top/--bottom extremes only.
    case lanczos
    /// The dense matrix in tiles over MPI processes (`DistributedSolver`):
    /// all M eigenvalues; only under an MPI launcher with hessian-spectrum-mpi.
    case distributed
}

/// What to compute, and with which method.
public struct SpectrumRequest: Sendable, Equatable {
    public var parts: [HessianPart]
    public var method: SpectrumMethod
    /// Keep only the K largest eigenvalues (with `bottom`: both ends).
    public var top: Int?
    /// Keep only the K smallest eigenvalues.
    public var bottom: Int?
    /// LAPACK driver of the dense path.
    public var driver: EigenDriver
    /// Tolerance, iteration limit and seed of Lanczos (`top`/`bottom` are
    /// taken from this request).
    public var lanczosTolerance: Double
    public var lanczosMaxIterations: Int?
    public var lanczosSeed: UInt64
    /// Grid, block and eigensolver of `--method distributed`.
    public var distributed: DistributedSettings

    public init(parts: [HessianPart] = [.hessian], method: SpectrumMethod = .auto, top: Int? = nil, bottom: Int? = nil,
                driver: EigenDriver = .divideAndConquer, lanczosTolerance: Double = 1e-8,
                lanczosMaxIterations: Int? = nil, lanczosSeed: UInt64 = 0, distributed: DistributedSettings = DistributedSettings()) {
        self.distributed = distributed
        self.parts = parts
        self.method = method
        self.top = top
        self.bottom = bottom
        self.driver = driver
        self.lanczosTolerance = lanczosTolerance
        self.lanczosMaxIterations = lanczosMaxIterations
        self.lanczosSeed = lanczosSeed
    }

    /// Whether only the extremes are wanted.
    public var isPartial: Bool { (top ?? 0) > 0 || (bottom ?? 0) > 0 }
}

/// The method chosen for a model, with what it will cost.
public struct SpectrumPlan: Sendable, Equatable {
    /// Never `.auto`.
    public var method: SpectrumMethod
    /// One line for stderr: why this method.
    public var reason: String
    /// The cost model's flop count for all requested parts.
    public var estimatedFlops: Double
    /// Peak bytes the method will allocate.
    public var requiredBytes: Int
}

/// Spectra with the method that produced them.
public struct SpectrumComputation: Sendable {
    public var spectra: [PartSpectrum]
    public var plan: SpectrumPlan
    /// Lines for stderr, e.g. a Lanczos run that stopped before its tolerance.
    public var warnings: [String]

    public var method: SpectrumMethod { plan.method }
    public var reason: String { plan.reason }
}

public enum SpectrumEngineError: Error, CustomStringConvertible, Equatable {
    case noMethod(String)
    case invalid(String)
    public var description: String {
        switch self {
        case .noMethod(let message), .invalid(let message): return message
        }
    }
}

/// The one entry point for spectra: picks dense, factored or Lanczos,
/// checks the memory it needs before any work, and runs it.
///
/// Cost model, in flops, for M parameters, N examples, C classes, c′ = C−1
/// (nll) or C (mse), hidden widths h_l, and r the factor's columns
/// (N·c′ for G; N·c′ + 2·C·h for H with one hidden layer):
/// - dense, per matrix: 2·N·M² (assembly) + (4/3)·M³ (eigensolve); 8·M² bytes.
/// - factored, per matrix: Σ_l c′²·N²·h_l (Gram kernel) + 2·r³ for H or
///   (4/3)·r³ for G; 8·r² bytes. Applies to G always, and to H and R for
///   ReLU/linear with at most one hidden layer.
/// - Lanczos, per matrix: k·6·N·M (products) + 4·k²·M (reorthogonalisation)
///   for k steps (the iteration limit); 8·M·k bytes. Only the extremes.
///
/// `auto` takes the cheaper of dense and factored among those that apply
/// and fit in memory; when neither does, Lanczos if `top` or `bottom` was
/// asked for; otherwise it throws, saying what each would need.
public enum SpectrumEngine {
    /// Chooses the method for a model of these `sizes` on `examples`
    /// examples, without doing any work.
    /// - Throws: `SpectrumEngineError` when the requested (or no) method can
    ///   run, `MemoryError` when a forced method does not fit.
    public static func plan(
        sizes: [Int], activation: Activation, loss: Loss, examples n: Int, request: SpectrumRequest,
        available: Int? = MemoryBudget.availableBytes()
    ) throws -> SpectrumPlan {
        let distributed = DistributedSolver.installed
        // Under an MPI launcher every method has one process's share of the memory.
        let available = distributed.map { $0.availableBytesPerProcess } ?? available
        guard !request.parts.isEmpty else { throw SpectrumEngineError.invalid("no matrix to solve") }
        if let top = request.top, top < 0 { throw SpectrumEngineError.invalid("--top must not be negative, got \(top)") }
        if let bottom = request.bottom, bottom < 0 { throw SpectrumEngineError.invalid("--bottom must not be negative, got \(bottom)") }
        let m = ParameterLayout.parameterCount(sizes)
        let fits: (Int) -> Bool = { bytes in available.map { bytes <= $0 } ?? true }
        let room = available.map { ", \(MemoryBudget.format($0)) available" } ?? ""

        let denseFlops = Double(request.parts.count) * (2 * Double(n) * Double(m) * Double(m) + 4.0 / 3.0 * pow(Double(m), 3))
        let denseBytes = ExactSpectrum.requiredBytes(sizes: sizes, examples: n)
        let dense = SpectrumPlan(method: .dense, reason: "", estimatedFlops: denseFlops, requiredBytes: denseBytes)

        var factoredProblem: String?
        for part in request.parts {
            if let why = FactoredSpectrum.unsupportedReason(sizes: sizes, activation: activation, part: part) {
                factoredProblem = why
                break
            }
            let r = FactoredSpectrum.columns(sizes: sizes, examples: n, loss: loss, part: part)
            if part != .residual && r >= m {
                factoredProblem = "its factor has r = \(r) columns, not fewer than M = \(m)"
                break
            }
        }
        let factoredFlops = request.parts.reduce(0.0) { $0 + FactoredSpectrum.estimatedFlops(sizes: sizes, examples: n, loss: loss, part: $1) }
        let factoredBytes = request.parts.map { FactoredSpectrum.requiredBytes(sizes: sizes, examples: n, loss: loss, part: $0) }.max() ?? 0
        let factored = SpectrumPlan(method: .factored, reason: "", estimatedFlops: factoredFlops, requiredBytes: factoredBytes)
        let rText = "r = " + request.parts.map { part -> String in
            let r = FactoredSpectrum.columns(sizes: sizes, examples: n, loss: loss, part: part)
            return request.parts.count == 1 ? String(r) : "\(r) (\(part.rawValue))"
        }.joined(separator: ", ")

        let settings = lanczosSettings(request)
        let k = settings.iterationLimit(order: m)
        let lanczosFlops = Double(request.parts.count) * (Double(k) * 6 * Double(n) * Double(m) + 4 * Double(k) * Double(k) * Double(m))
        let lanczosBytes = Lanczos.requiredBytes(order: m, iterations: k, wanted: (request.top ?? 0) + (request.bottom ?? 0))
            + HessianVectorProduct.stateBytes(sizes: sizes, examples: n) + HessianVectorProduct.workspaceBytes(sizes: sizes, examples: n)
        let lanczos = SpectrumPlan(method: .lanczos, reason: "", estimatedFlops: lanczosFlops, requiredBytes: lanczosBytes)

        func flops(_ x: Double) -> String { String(format: "%.2g", x) }
        func described(_ plan: SpectrumPlan, _ why: String) -> SpectrumPlan {
            var p = plan
            p.reason = why
            return p
        }
        func requireFits(_ plan: SpectrumPlan, _ purpose: String) throws {
            try MemoryBudget.require(plan.requiredBytes, for: purpose, available: available)
        }

        switch request.method {
        case .dense:
            try requireFits(dense, "the dense \(m)×\(m) matrix")
            return described(dense, "dense forced by --method: M = \(m), ~\(flops(denseFlops)) flops, \(MemoryBudget.format(denseBytes))")
        case .factored:
            if let factoredProblem { throw FactoredError.unsupported(factoredProblem) }
            try requireFits(factored, "the factored form (\(rText))")
            return described(factored, "factored forced by --method: \(rText) for M = \(m), ~\(flops(factoredFlops)) flops, \(MemoryBudget.format(factoredBytes))")
        case .lanczos:
            guard request.isPartial else {
                throw SpectrumEngineError.invalid("Lanczos computes only the extremes: give --top K and/or --bottom K")
            }
            try requireFits(lanczos, "Lanczos with \(k) vectors of length \(m)")
            return described(lanczos, "lanczos forced by --method: up to \(k) steps on M = \(m), ~\(flops(lanczosFlops)) flops, \(MemoryBudget.format(lanczosBytes))")
        case .distributed:
            guard let distributed else {
                throw SpectrumEngineError.invalid("--method distributed runs only as hessian-spectrum-mpi under an MPI launcher (mpirun, srun)")
            }
            return try distributed.plan(sizes: sizes, examples: n, request: request)
        case .auto:
            let denseFits = fits(denseBytes)
            let factoredFits = factoredProblem == nil && fits(factoredBytes)
            let denseNote = denseFits
                ? "dense ~\(flops(denseFlops)) flops"
                : "dense needs \(MemoryBudget.format(denseBytes))\(room)"
            let factoredNote = factoredProblem.map { "factored does not apply (\($0))" }
                ?? (factoredFits ? "factored ~\(flops(factoredFlops)) flops (\(rText))" : "factored needs \(MemoryBudget.format(factoredBytes))\(room)")
            if factoredFits && (!denseFits || factoredFlops < denseFlops) {
                return described(factored, "auto chose factored: \(factoredNote) for M = \(m) vs \(denseNote)")
            }
            if denseFits {
                return described(dense, "auto chose dense: \(denseNote) for M = \(m) vs \(factoredNote)")
            }
            if let distributed, distributed.processes > 1, let plan = try? distributed.plan(sizes: sizes, examples: n, request: request) {
                return described(plan, "auto chose distributed: \(denseNote); \(factoredNote); \(plan.reason)")
            }
            if request.isPartial {
                guard fits(lanczosBytes) else {
                    throw SpectrumEngineError.noMethod("no method fits in memory for M = \(m): \(denseNote); \(factoredNote); Lanczos needs \(MemoryBudget.format(lanczosBytes)) (lower --lanczos-max-iter)")
                }
                return described(lanczos, "auto chose lanczos: \(denseNote); \(factoredNote); Lanczos ~\(flops(lanczosFlops)) flops in \(MemoryBudget.format(lanczosBytes))")
            }
            throw SpectrumEngineError.noMethod("no exact method can give all \(m) eigenvalues here: \(denseNote); \(factoredNote). Ask for the extremes with --top K and/or --bottom K (Lanczos), or use fewer parameters or examples")
        }
    }

    /// The spectra of `request.parts` of `model` on `data` by the planned
    /// method; with `top`/`bottom`, only those extremes, each with its
    /// position among all M eigenvalues.
    /// - Complexity: see the cost model above.
    /// - Throws: as `plan`, then `LAPACKError`, `SpectrumError`,
    ///   `FactoredError`, `LanczosError`.
    public static func compute(model: MLP, data: Dataset, request: SpectrumRequest) throws -> SpectrumComputation {
        let plan = try self.plan(sizes: model.sizes, activation: model.activation, loss: model.loss,
                                 examples: data.count, request: request)
        var warnings: [String] = []
        var spectra: [PartSpectrum]
        switch plan.method {
        case .dense, .auto:
            spectra = try ExactSpectrum.compute(model: model, data: data, parts: request.parts, driver: request.driver)
        case .factored:
            spectra = try FactoredSpectrum.compute(model: model, data: data, parts: request.parts)
        case .distributed:
            guard let distributed = DistributedSolver.installed else {
                throw SpectrumEngineError.invalid("--method distributed runs only as hessian-spectrum-mpi under an MPI launcher (mpirun, srun)")
            }
            spectra = try distributed.compute(model: model, data: data, request: request)
        case .lanczos:
            let t0 = DispatchTime.now()
            let products = HessianVectorProduct(model: model, data: data)
            let setup = ExactSpectrum.seconds(t0, DispatchTime.now())
            spectra = []
            for part in request.parts {
                let t1 = DispatchTime.now()
                let result = try Lanczos.extremeEigenvalues(of: .curvature(products, part: part), settings: lanczosSettings(request))
                if result.values.contains(where: { !$0.isFinite }) { throw SpectrumError.nonFinite(part: part) }
                if !result.converged {
                    let worst = result.residualNorms.max() ?? .nan
                    warnings.append("\(part.rawValue): Lanczos stopped after \(result.iterations) steps with a largest residual \(worst) above \(request.lanczosTolerance) × \(result.scale); raise --lanczos-max-iter")
                } else if !result.verified {
                    warnings.append("\(part.rawValue): the check for missed copies of repeated eigenvalues stopped at the step limit (\(result.runs) runs, \(result.iterations) steps); raise --lanczos-max-iter to complete it")
                }
                spectra.append(PartSpectrum(part: part, eigenvalues: result.values, assembleSeconds: setup,
                                            eigenSeconds: ExactSpectrum.seconds(t1, DispatchTime.now()),
                                            indices: result.indices, residualNorms: result.residualNorms))
            }
        }
        if (plan.method == .dense || plan.method == .factored) && request.isPartial {
            spectra = spectra.map { extremes(of: $0, top: request.top ?? 0, bottom: request.bottom ?? 0) }
        }
        return SpectrumComputation(spectra: spectra, plan: plan, warnings: warnings)
    }

    /// `compute(model:data:request:)` with the request spelled out.
    public static func compute(
        model: MLP, data: Dataset, parts: [HessianPart], method: SpectrumMethod = .auto, top: Int? = nil, bottom: Int? = nil,
        driver: EigenDriver = .divideAndConquer
    ) throws -> SpectrumComputation {
        try compute(model: model, data: data,
                    request: SpectrumRequest(parts: parts, method: method, top: top, bottom: bottom, driver: driver))
    }

    static func lanczosSettings(_ request: SpectrumRequest) -> LanczosSettings {
        LanczosSettings(top: request.top ?? 0, bottom: request.bottom ?? 0, tolerance: request.lanczosTolerance,
                        maxIterations: request.lanczosMaxIterations, seed: request.lanczosSeed)
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
