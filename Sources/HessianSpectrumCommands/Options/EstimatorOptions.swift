import ArgumentParser
import HessianKit

/// The settings of `--method slq` and `--method power`.
struct EstimatorOptions: ParsableArguments {
    @Option(help: "With --method slq: Rademacher probe vectors P (seeded by --seed); each probe's weights sum to 1/P.")
    var probes: Int?

    @Option(name: .customLong("lanczos-steps"), help: "With --method slq: Lanczos steps m per probe, 1 … M (default: min(M, 80)).")
    var lanczosSteps: Int?

    @Option(name: .customLong("power-iter"), help: "With --method power: most iterations per eigenvalue (default: 100, as PyHessian).")
    var powerIterations: Int?

    @Option(name: .customLong("power-tol"), help: "With --method power: stop when |λ_t − λ_{t−1}| < tol·(|λ_{t−1}| + 1e-6) (default: 1e-3, as PyHessian).")
    var powerTolerance: Double?

    func validate() throws {
        if let probes, probes <= 0 { throw ValidationError("--probes must be positive, got \(probes)") }
        if let lanczosSteps, lanczosSteps <= 0 { throw ValidationError("--lanczos-steps must be positive, got \(lanczosSteps)") }
        if let powerIterations, powerIterations <= 0 { throw ValidationError("--power-iter must be positive, got \(powerIterations)") }
        if let powerTolerance, !(powerTolerance > 0) || !powerTolerance.isFinite {
            throw ValidationError("--power-tol must be a positive number, got \(powerTolerance)")
        }
    }

    /// The flags given that only `method` reads, checked against the method.
    func check(method: SpectrumMethod) throws {
        let slqFlags = [("--probes", probes != nil), ("--lanczos-steps", lanczosSteps != nil)].filter(\.1).map(\.0)
        let powerFlags = [("--power-iter", powerIterations != nil), ("--power-tol", powerTolerance != nil)].filter(\.1).map(\.0)
        if method != .slq, let flag = slqFlags.first { throw ValidationError("\(flag) applies to --method slq only") }
        if method != .power, let flag = powerFlags.first { throw ValidationError("\(flag) applies to --method power only") }
    }

    /// The library's settings, seeded by `seed`.
    func settings(seed: UInt64) -> EstimatorSettings {
        let defaults = EstimatorSettings()
        return EstimatorSettings(probes: probes ?? defaults.probes, lanczosSteps: lanczosSteps,
                                 powerIterations: powerIterations ?? defaults.powerIterations,
                                 powerTolerance: powerTolerance ?? defaults.powerTolerance, seed: seed)
    }

    /// Rows of the SLQ CSV per matrix and point: P·m at most (Int.max when
    /// that overflows, for the size check to refuse).
    func nodesPerMatrix(order m: Int) -> Int {
        let settings = settings(seed: 0)
        let rows = settings.probes.multipliedReportingOverflow(by: settings.steps(order: m))
        return rows.overflow ? Int.max : rows.partialValue
    }

    /// What `--method slq`/`power` cannot do, refused before any work: one
    /// line naming the flags.
    static func checkRequest(method: SpectrumMethod, steps: Int?, top: Int?, bottom: Int?, vectors: Bool, parameters m: Int) throws {
        switch method {
        case .slq:
            if vectors { throw ValidationError("--method slq estimates a spectral density and has no eigenvectors: drop --save-eigenvectors") }
            if top != nil || bottom != nil {
                throw ValidationError("--method slq estimates the density of all eigenvalues: drop --top/--bottom (--method lanczos or power give the extremes)")
            }
            if let steps, steps > m { throw ValidationError("--lanczos-steps \(steps) is more than M = \(m), the order of the matrix") }
        case .power:
            if bottom != nil { throw ValidationError("--method power finds the largest eigenvalues only: drop --bottom (--method lanczos gives the smallest)") }
            if top == nil { throw ValidationError("--method power needs --top K") }
        default:
            break
        }
    }
}

extension TraceEstimator: ExpressibleByArgument {}

/// `--trace-estimator` and `--matvecs`: an estimate of tr(H) beside the
/// spectrum, with any method.
struct TraceEstimatorOptions: ParsableArguments {
    @Option(name: .customLong("trace-estimator"), help: ArgumentHelp(
        "Also estimate tr(H) from --matvecs Hessian-vector products, seeded by --seed: hutchinson or hutch++.",
        discussion: "Written to --summary as trace_estimate, trace_estimator and trace_matvecs, beside the exact trace, and on stderr."))
    var estimator: TraceEstimator?

    @Option(help: "Products for --trace-estimator (default: 100; hutch++ needs at least 3).")
    var matvecs: Int?

    func validate() throws {
        if let matvecs, matvecs <= 0 { throw ValidationError("--matvecs must be positive, got \(matvecs)") }
        if matvecs != nil && estimator == nil { throw ValidationError("--matvecs applies to --trace-estimator: give --trace-estimator hutchinson or hutch++") }
        if let estimator, let matvecs, matvecs < estimator.minimumProducts {
            throw ValidationError("--trace-estimator \(estimator.rawValue) needs --matvecs \(estimator.minimumProducts) or more, got \(matvecs)")
        }
    }

    /// The default number of products.
    static let defaultProducts = 100

    /// The estimate of tr(H) of `model`'s objective on `data` (weight decay's
    /// λ·I included, as in the exact trace), with a line on stderr
    /// through `report`; nil without --trace-estimator.
    func estimate(_ model: MLP, _ data: Dataset, seed: UInt64, report: Report) throws -> TraceEstimate? {
        guard let estimator else { return nil }
        let products = HessianVectorProduct(model: model, data: data)
        let estimate = try estimator.estimate(of: .objectiveCurvature(products, part: .hessian), products: matvecs ?? Self.defaultProducts, seed: seed)
        let spread = estimate.standardError.map { String(format: " (standard error %.3g)", $0) } ?? ""
        report.line("trace estimate (\(estimator.rawValue), \(estimate.products) products): \(estimate.value)\(spread); an estimate, not the exact trace")
        return estimate
    }
}
