import ArgumentParser
import Foundation
import HessianKit
import HessianRuntime

/// The estimators peers publish with, measured against the exact spectrum.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the estimators of PyHessian, hessian-eigenthings and spectral-density on exact products and measure their error against the exact spectrum.",
        discussion: """
        Reads a saved model and data set as spectrum does, computes every \
        eigenvalue once by the cheapest exact method, then runs each estimator at \
        the settings its peer ships with — PyHessian: SLQ 1 probe × 100 steps, power \
        iteration 100 iterations tol 1e-3, Hutchinson 100 probes; \
        hessian-eigenthings and spectral-density: SLQ 10 × 80, Hutch++ 100 products — \
        and at --probes/--lanczos-steps/--matvecs when given (setting 'given'). \
        One CSV row per run: estimator,setting,matrix,probes,steps,matvecs,seconds,\
        w1,ks,top1_rel_err,topk_rel_err,trace_rel_err,negative_mass_err,\
        outliers_exact,outliers_estimated (empty where a figure does not apply). \
        A network too big for an exact method is refused before any work.
        """
    )

    @Option(help: "Model file: JSON (from --save-model), safetensors or .npz.")
    var model: String

    @Option(help: "Data file: CSV label,x0,…,x{d-1}, or .npz with x (N × d) and y (N labels).")
    var data: String

    @OptionGroup(title: "Model file") var modelInput: ModelInputOptions

    @Flag(help: "Also audit the Gauss-Newton part G and the residual R = H − G.")
    var decompose = false

    @Option(help: "K of power iteration and of topk_rel_err (default: the number of classes).")
    var top: Int?

    @Option(help: "Run each estimator with R seeds (--seed, --seed + 1, …) so the spread shows.")
    var repeats: Int = 1

    @Option(help: "Seed of the first repeat's probes and start vectors.")
    var seed: UInt64 = 0

    @Option(help: "Also run SLQ with P probes (setting 'given'; with --lanczos-steps, default 10).")
    var probes: Int?

    @Option(name: .customLong("lanczos-steps"), help: "Also run SLQ with m steps per probe (setting 'given'; with --probes, default min(M, 80)).")
    var lanczosSteps: Int?

    @Option(help: "Also run Hutchinson and Hutch++ with K products (setting 'given').")
    var matvecs: Int?

    @Option(help: ArgumentHelp("Write error against products here: W1 of SLQ over its first p probes, the trace estimators' relative error at K = 3, 6, 12, … (columns estimator,matrix,repeat,matvecs,metric,value).", valueName: "file"))
    var convergence: String?

    @Option(help: ArgumentHelp("Draw the exact histogram with each SLQ density over it (Gaussian smoothing) as SVG here.", valueName: "file.svg"))
    var figure: String?

    @OptionGroup(title: "Output") var output: OutputOptions

    func validate() throws {
        if repeats <= 0 { throw ValidationError("--repeats must be positive, got \(repeats)") }
        if let top, top <= 0 { throw ValidationError("--top must be positive, got \(top)") }
        if let probes, probes <= 0 { throw ValidationError("--probes must be positive, got \(probes)") }
        if let lanczosSteps, lanczosSteps <= 0 { throw ValidationError("--lanczos-steps must be positive, got \(lanczosSteps)") }
        if let matvecs, matvecs < 3 { throw ValidationError("--matvecs must be at least 3 (Hutch++ needs 3), got \(matvecs)") }
    }

    func run() throws {
        let report = Report(quiet: output.quiet)
        try FileRoles(inputs: [("--model", model), ("--data", data)],
                      outputs: output.files + [("--convergence", convergence), ("--figure", figure)].filter { $0.1 != nil }).check()
        let record = try modelInput.read(model)
        let network = record.model
        let train = try DataFile.read(path: data)
        try network.checkCompatible(with: train, name: data)
        try modelInput.checkData(record, path: model, data: train, dataName: data)
        let m = network.parameterCount
        if let lanczosSteps, lanczosSteps > m { throw ValidationError("--lanczos-steps \(lanczosSteps) is more than M = \(m), the order of the matrix") }
        if let top, top > m { throw ValidationError("--top \(top) is more than the \(m) eigenvalues of this network (M = \(m))") }
        let parts: [HessianPart] = decompose ? [.hessian, .gaussNewton, .residual] : [.hessian]
        let request = SpectrumRequest(parts: parts)
        let plan: SpectrumPlan
        let engine = SpectrumEngine()
        do {
            plan = try engine.plan(sizes: network.sizes, activations: network.activations, loss: network.loss,
                                   examples: train.count, request: request, hasBias: network.hasBias)
        } catch let error as SpectrumEngineError {
            throw ValidationError("audit compares with every exact eigenvalue, which no exact method can give here: \(error)")
        } catch let error as MemoryError {
            throw ValidationError("audit compares with every exact eigenvalue, which no exact method can give here: \(error)")
        }
        report.line("network \(network.sizes.map(String.init).joined(separator: "-")) (\(network.activations.description), \(network.loss.rawValue)), M = \(m), N = \(train.count); exact spectrum: \(plan.reason)")

        let exactRun = try engine.compute(model: network, data: train, request: request)
        var exact: [HessianPart: [Double]] = [:]
        for s in exactRun.spectra { exact[s.part] = s.eigenvalues }
        for part in parts where EstimatorAudit.Exact(eigenvalues: exact[part] ?? []).traceIsZero {
            report.line("note: trace_rel_err is left empty for \(part.rawValue): its exact trace is 0 to rounding (|tr| ≤ 1e-8·Σ|λ|)")
        }
        var settings = EstimatorAudit.peerSettings
        if probes != nil || lanczosSteps != nil {
            settings.append(.init(estimator: .slq, name: "given", probes: probes ?? 10, steps: lanczosSteps ?? min(m, 80)))
        }
        if let matvecs {
            settings.append(.init(estimator: .hutchinson, name: "given", matvecs: matvecs))
            settings.append(.init(estimator: .hutchPlusPlus, name: "given", matvecs: matvecs))
        }
        let k = top ?? min(m, network.layout.outputDimension)
        report.line("estimates: \(settings.count) settings × \(parts.count) matrices × \(repeats) repeats; power iteration and topk_rel_err for the top \(k)")
        let products = HessianVectorProduct(model: network, data: train)
        let records = try EstimatorAudit.run(products: products, exact: exact, parts: parts, settings: settings, top: k,
                                             repeats: repeats, seed: seed)
        let table = EstimatorAudit.recordSchema.table(records)
        if let convergence {
            let points = try EstimatorAudit.convergence(products: products, exact: exact, parts: parts, records: records,
                                                        matvecs: matvecs ?? 100, repeats: repeats, seed: seed)
            try AtomicFile.write(EstimatorAudit.convergenceSchema.table(points).text, to: convergence)
        }
        if let figure {
            let estimates = records.filter { $0.part == .hessian && $0.repetition == 0 }.compactMap { r in
                r.quadrature.map { (label: "SLQ \(r.setting.name) (\(r.probes ?? 0) × \(r.steps ?? 0))", quadrature: $0) }
            }
            try AtomicFile.write(AuditFigure.svg(exact: exact[.hessian] ?? [], estimates: estimates), to: figure)
        }
        report.line("\(records.count) estimator runs measured against the exact spectrum")
        try OutputPaths.emit(table.text, to: output.output)
    }
}
