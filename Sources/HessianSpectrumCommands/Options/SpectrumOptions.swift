import ArgumentParser
import HessianKit

extension SpectrumMethod: ExpressibleByArgument {}

/// Which matrices to solve, and how.
struct SpectrumOptions: ParsableArguments {
    @Option(defaultAsFlag: Decomposition.split, parsing: .next, help: ArgumentHelp(
        "Also write the spectra of parts of H: gauss-newton (alone: --decompose) the Gauss-Newton part G and the residual R = H − G; classes the class means gn_class, cross-class means gn_cross and within-class rest gn_within of G (nll, mse or logistic); or both, comma separated.",
        valueName: "parts"))
    var decompose: Decomposition?

    @Option(help: ArgumentHelp(
        "How to get the eigenvalues: auto, dense, factored, lanczos or distributed; or estimate them (train and spectrum only): slq or power.",
        discussion: "auto takes the cheaper exact method that fits in memory (dense: 2·N·M² + (4/3)·M³ flops, 8·M² bytes; factored, for ReLU/linear with one hidden layer: about 2·r³ flops, 8·r² bytes, r = N·(C−1) + 2·C·h), and for --top/--bottom Lanczos when even its iteration limit costs less, or when neither fits. distributed spreads the dense matrix over MPI processes (hessian-spectrum-mpi under mpirun or srun); there auto takes it when dense does not fit in one process's share. slq estimates the spectral density by stochastic Lanczos quadrature (--probes, --lanczos-steps; CSV matrix,point,step,probe,node,weight), power the --top K largest eigenvalues by power iteration with deflation (--power-iter, --power-tol); auto never chooses them."))
    var method: SpectrumMethod = .auto

    @Option(name: .customLong("lanczos-tol"), help: "Lanczos stops when every wanted ‖Hx − λx‖ ≤ tol · max|λ|.")
    var lanczosTolerance: Double = 1e-8

    @Option(name: .customLong("lanczos-max-iter"), help: "Most Lanczos steps per run (default: min(M, 1000)).")
    var lanczosMaxIterations: Int?

    @Option(help: "LAPACK driver: syevd (divide and conquer), syevd_2stage (two-stage, eigenvalues only), syevr (MRRR) or syev (QR) (default: syevd; syevd_2stage for the factored method's Gram matrices).")
    var driver: EigenDriver?

    @Option(help: "BLAS threads, also used by the factored and Lanczos paths and by the LAPACK library (default: all cores; more than OpenBLAS can run is a warning).")
    var threads: Int?

    @OptionGroup var distributed: DistributedOptions

    @OptionGroup var lapackOptions: LAPACKOptions

    @OptionGroup var estimators: EstimatorOptions

    /// The LAPACK library `setUpLinearAlgebra` loaded; nil (the linked
    /// OpenBLAS) before.
    @Unparsed var lapack: LAPACKBackend?

    func validate() throws {
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, got \(threads)") }
        if !(lanczosTolerance > 0) || !lanczosTolerance.isFinite {
            throw ValidationError("--lanczos-tol must be a positive number, got \(lanczosTolerance)")
        }
        if let lanczosMaxIterations, lanczosMaxIterations <= 0 {
            throw ValidationError("--lanczos-max-iter must be positive, got \(lanczosMaxIterations)")
        }
        try estimators.check(method: method)
    }

    /// Whether the method estimates (slq, power) rather than computes.
    var estimates: Bool { method == .slq || method == .power }

    /// Refuses an estimating method where only exact spectra are written.
    func requireExactMethod() throws {
        if estimates { throw ValidationError("--method \(method.rawValue) runs on train and spectrum only; use an exact method here") }
    }

    var parts: [HessianPart] { decompose?.contains(.gaussNewton) == true ? [.hessian, .gaussNewton, .residual] : [.hessian] }

    /// Whether G's class levels are asked for (`--decompose classes`).
    var classes: Bool { decompose?.contains(.classes) == true }

    /// Sets the BLAS threads (a count OpenBLAS cannot run is a warning
    /// naming the count it runs), then chooses and loads the LAPACK library
    /// that `engine` gives the solvers, and without --driver takes the driver the choice
    /// measured fastest; names both on stderr through `report` unless they
    /// are the linked OpenBLAS with the methods' own drivers. `order`: the
    /// run's largest dense eigensolve (`eigensolveOrder`), nil when unknown.
    @discardableResult
    mutating func setUpLinearAlgebra(report: Report?, order: Int?) throws -> LAPACKSetup {
        if let threads {
            AddressSpaceLimit.setThreads(threads)
            if OpenBLASRuntime.threads < threads {
                Report.warning("--threads \(threads): OpenBLAS runs at most \(OpenBLASRuntime.threads) threads here; using \(OpenBLASRuntime.threads)")
            }
        }
        let setup = try lapackOptions.load(threads: threads, driver: driver, order: order)
        lapack = setup.backend
        if driver == nil { driver = setup.driver }
        if setup.backend.path != nil || setup.driver != nil { report?.line("LAPACK: \(LAPACKOptions.describe(setup))") }
        return setup
    }

    /// The order of the largest dense eigensolve `plans` make for networks
    /// of `sizes` on `examples` examples: M for the dense method, the
    /// factor's columns r for the factored one, nil when none makes one
    /// (Lanczos, distributed, eigenvectors by index range).
    func eigensolveOrder(plans: [SpectrumPlan], sizes: [[Int]], examples: Int, loss: Loss, vectors: Bool = false) -> Int {
        guard !vectors else { return 0 }
        return zip(plans, sizes).map { plan, sizes -> Int in
            switch plan.method {
            case .dense: return ParameterLayout.parameterCount(sizes)
            case .factored: return parts.map { FactoredSpectrum.columns(sizes: sizes, examples: examples, loss: loss, part: $0) }.max() ?? 0
            default: return 0
            }
        }.max() ?? 0
    }

    /// What the engine is asked for.
    func request(parts: [HessianPart]? = nil, top: Int? = nil, bottom: Int? = nil, vectors: Bool = false,
                 seed: UInt64 = 0) -> SpectrumRequest {
        SpectrumRequest(parts: parts ?? self.parts, method: method, top: top, bottom: bottom, driver: driver,
                        lanczosTolerance: lanczosTolerance, lanczosMaxIterations: lanczosMaxIterations, vectors: vectors,
                        distributed: distributed.settings, estimators: estimators.settings(seed: seed))
    }

    /// Spectra through the engine; the method and why, and any warning, on
    /// stderr through `report`.
    /// With `--decompose classes`, G's class levels follow (`classSpectra`;
    /// `classLog` collects the measures of `--classes-table`).
    func solve(_ model: MLP, _ data: Dataset, parts: [HessianPart]? = nil, top: Int? = nil, bottom: Int? = nil,
               vectors: Bool = false, seed: UInt64 = 0, report: Report?, announce: Bool = true,
               classLog: ClassMeasureLog? = nil) throws -> [PartSpectrum] {
        let run = try engine.compute(model: model, data: data,
                                             request: request(parts: parts, top: top, bottom: bottom, vectors: vectors, seed: seed))
        return run.spectra + (try observe(run, model, data, top: top, bottom: bottom, report: report, announce: announce, classLog: classLog))
    }

    /// After a computation: its method and why (when `announce`) and its
    /// warnings on stderr; returns the class levels of G for `--decompose
    /// classes` (their `top`/`bottom` extremes).
    func observe(_ run: SpectrumComputation, _ model: MLP, _ data: Dataset, top: Int? = nil, bottom: Int? = nil, report: Report?,
                 announce: Bool, classLog: ClassMeasureLog?) throws -> [PartSpectrum] {
        if announce { report?.line("M = \(model.parameterCount): \(CommandLineText.reason(run.plan))") }
        if estimates && announce { report?.line(Self.estimateNote(method)) }
        for warning in run.warnings { Report.warning(CommandLineText.warning(warning)) }
        guard classes else { return [] }
        return try classSpectra(model, data, top: top, bottom: bottom, log: classLog, report: report, announce: announce)
    }

    /// How experiments obtain their spectra (with `classLog`, the measures
    /// of `--classes-table` too): planned by the engine for the options'
    /// request, announced on stderr through `report`.
    func settings(report: Report? = nil, classLog: ClassMeasureLog? = nil) throws -> SpectrumSettings {
        try requireExactMethod()
        let options = self
        return SpectrumSettings(engine: engine, request: request()) { run, model, data in
            try options.observe(run, model, data, report: report, announce: true, classLog: classLog)
        }
    }

    /// Plans every configuration before any work, so that one that cannot
    /// be solved is refused up front; returns the plans.
    @discardableResult
    func checkPlans(sizes: [[Int]], activations: Activations, loss: Loss, examples: Int,
                    top: Int? = nil, bottom: Int? = nil, vectors: Bool = false, estimates: Bool = false,
                    hasBias: [Bool]? = nil) throws -> [SpectrumPlan] {
        if !estimates { try requireExactMethod() }
        if classes {
            for s in sizes { try classPlan(sizes: s, loss: loss, examples: examples, hasBias: hasBias) }
        }
        for m in sizes.map({ SpectrumProblem(sizes: $0, activations: activations, loss: loss, examples: examples, request: request(),
                                             hasBias: hasBias).parameterCount }) {
            try EstimatorOptions.checkRequest(method: method, steps: self.estimators.lanczosSteps, top: top, bottom: bottom,
                                              vectors: vectors, parameters: m)
        }
        return try sizes.map {
            try engine.plan(sizes: $0, activations: activations, loss: loss, examples: examples,
                            request: request(top: top, bottom: bottom, vectors: vectors), hasBias: hasBias)
        }
    }
}

extension SpectrumOptions {
    /// The line on stderr that says an estimate is an estimate.
    static func estimateNote(_ method: SpectrumMethod) -> String {
        switch method {
        case .slq: return "note: SLQ gives an estimate of the spectral density (quadrature nodes and weights), not the eigenvalues"
        case .power: return "note: power iteration gives estimates of the largest-magnitude eigenvalues, converged only to --power-tol"
        default: return ""
        }
    }
}

/// Only the extremes of the spectrum.
struct ExtremesOptions: ParsableArguments {
    @Option(help: "Write only the K largest eigenvalues (any method; Lanczos when it is cheaper or no exact method fits; K > M is an error).")
    var top: Int?

    @Option(help: "Write only the K smallest eigenvalues (any method; Lanczos when it is cheaper or no exact method fits; K > M is an error).")
    var bottom: Int?

    func validate() throws {
        if let top, top <= 0 { throw ValidationError("--top must be positive, got \(top)") }
        if let bottom, bottom <= 0 { throw ValidationError("--bottom must be positive, got \(bottom)") }
    }
}

/// Where results go.
struct OutputOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the command's CSV (see above) here instead of stdout.", valueName: "file"))
    var output: String?

    @Flag(help: "Print nothing on stderr but warnings and errors.")
    var quiet = false

    /// The outputs for `FileRoles`: the command's CSV (nil: stdout); a
    /// command with --summary adds it.
    var files: [(flag: String, path: String?)] { [("--output", output)] }
}
