import ArgumentParser
import Foundation
import HessianKit
import HessianRuntime

/// Train a network, then write the exact Hessian spectrum.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train an MLP by GD/SGD and write every eigenvalue of the exact Hessian as CSV.",
        discussion: """
        The network is d-h1-…-C with the hidden widths of --hidden (or --width \
        and --depth), trained on the training set at a constant learning rate. \
        Spectra are written at --at points and every --every steps, one row per \
        eigenvalue: matrix,point,step,index,eigenvalue.
        """
    )

    @OptionGroup(title: "Model") var architecture: ArchitectureOptions
    @OptionGroup(title: "Model") var network: NetworkOptions
    @OptionGroup(title: "Data") var data: DataOptions
    @OptionGroup(title: "Training") var training: TrainingOptions
    @OptionGroup(title: "Spectrum") var spectrum: SpectrumOptions
    @OptionGroup(title: "Spectrum") var extremes: ExtremesOptions
    @OptionGroup(title: "Spectrum") var exactTrace: TraceOptions
    @OptionGroup(title: "Trace estimate") var trace: TraceEstimatorOptions
    @OptionGroup(title: "Spectrum") var classTable: ClassTableOptions
    @OptionGroup(title: "Eigenvectors") var eigenvectors: EigenvectorOptions
    @OptionGroup(title: "Blocks and anatomy") var blocks: BlockOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Output") var tags: TagOptions

    @Option(name: .customLong("no-bias"), help: ArgumentHelp("Layers without a bias (PyTorch bias=False), numbered 1…L from the input, comma separated (e.g. 2 or 1,3); they have no bias parameters and M leaves them out.", valueName: "layers"))
    var noBias: String?

    @OptionGroup(title: "Spectrum") var snapshots: SnapshotOptions
    @OptionGroup(title: "Output") var files: TrainFileOptions

    mutating func run() throws {
        let report = Report(quiet: output.quiet)
        try classTable.check(spectrum)
        try tags.refuseClashes(with: [TagOptions.spectrumColumns(spectrum.method, blocks: blocks), files.summary == nil ? [] : RunSummary.columns,
                                      classTable.path == nil ? [] : ClassesTable.columns]
                                     + blocks.headers)
        try FileRoles(inputs: data.inputFiles, outputs: output.files + classTable.files + [("--summary", files.summary), ("--save-model", files.saveModel), ("--save-data", files.saveData), ("--save-eigenvectors", eigenvectors.path)].filter { $0.1 != nil } + blocks.files).check()
        let split = try data.load()
        if spectrum.classes && split.train.targets != nil {
            throw ValidationError(CommandLineText.message(for: ClassSplitError.regressionTargets))
        }
        var spec = try network.spec(hidden: try architecture.hiddenWidths())
        let sizes = spec.sizes(inputs: split.train.dimension, outputs: split.train.classCount)
        spec.biasFreeLayers = try biasFreeLayers(depth: sizes.count - 1)
        let hasBias = (1..<sizes.count).map { !spec.biasFreeLayers.contains($0) }
        let m = try SizeChecks.network(sizes, examples: split.train.count, flag: architecture.flag)
            - spec.biasFreeLayers.reduce(0) { $0 + sizes[$1] }
        try SizeChecks.extremes(top: extremes.top, bottom: extremes.bottom, parameters: m)
        let (atInit, atFinal) = try snapshots.points()
        // Saturated: --steps near Int.max with --every 1 is a size error, not an overflow.
        let periodic = (snapshots.every.map { training.steps / $0 } ?? 0).addingReportingOverflow((atInit ? 1 : 0) + (atFinal ? 1 : 0))
        try SizeChecks.spectrumTable(snapshots: periodic.overflow ? Int.max : periodic.partialValue,
                                     parts: spectrum.parts.count + (spectrum.classes ? ClassLevel.allCases.count : 0),
                                     rows: spectrum.method == .slq ? spectrum.estimators.nodesPerMatrix(order: m)
                                        : extremes.top == nil && extremes.bottom == nil ? m : (extremes.top ?? 0) + (extremes.bottom ?? 0),
                                     flag: snapshots.every.map { "--every \($0) with --steps \(training.steps)" }
                                        ?? (spectrum.method == .slq ? "--probes" : "--at"))
        training.warnAboutBatch(examples: split.train.count, report: report)
        let plan = try spectrum.checkPlans(sizes: [sizes], activations: spec.activations, loss: spec.loss, examples: split.train.count,
                                           top: extremes.top, bottom: extremes.bottom, vectors: eigenvectors.path != nil,
                                           estimates: true, hasBias: hasBias)[0]
        try blocks.check(vectors: eigenvectors.path != nil, method: plan.method, sizes: sizes, examples: split.train.count,
                         resources: spectrum.engine.resources)
        let lapack = try spectrum.setUpLinearAlgebra(report: nil, order: spectrum.eigensolveOrder(
            plans: [plan], sizes: [sizes], examples: split.train.count, loss: spec.loss, vectors: eigenvectors.path != nil))
        let overlapK = try eigenvectors.overlapDimension(top: extremes.top, bottom: extremes.bottom, classes: split.train.classCount)
        let initial = try spec.make(inputs: split.train.dimension, outputs: split.train.classCount)
        report.line("network \(initial.sizes.map(String.init).joined(separator: "-")) (\(initial.activations.description), \(initial.loss.rawValue)), M = \(initial.parameterCount) parameters, N = \(split.train.count) examples; BLAS kernel \(OpenBLASRuntime.coreName), \(OpenBLASRuntime.threads) threads; LAPACK \(LAPACKOptions.describe(lapack))")

        let (wantInit, wantFinal) = try snapshots.points()
        report.line("spectrum method: \(CommandLineText.reason(plan))")
        if spectrum.classes {
            let classPlan = try spectrum.classPlan(sizes: sizes, loss: spec.loss, examples: split.train.count, hasBias: hasBias)
            report.line("gn_within: \(CommandLineText.reason(classPlan))")
        }
        if spectrum.estimates { report.line(SpectrumOptions.estimateNote(plan.method)) }
        let tracePlan = files.summary == nil ? nil
            : exactTrace.plan(sizes: sizes, activations: spec.activations, loss: spec.loss, examples: split.train.count,
                              method: plan, report: report)
        let bar = ProgressReporter(label: "train", total: training.steps, quiet: output.quiet)
        // Each measured model with its gradient norm and figures, in the order of the snapshots.
        var measured: [(model: MLP, gradientNorm: Double, figures: SpectrumFigures?)] = []
        var traceEstimates: [TraceEstimate?] = []
        // The block spectra and anatomies of each snapshot, in the same order.
        var blockSpectra: [[BlockSpectrum]] = []
        var anatomies: [[[EigenvectorAnatomy]]] = []
        let command = self
        let classLog = classTable.path.map { _ in ClassMeasureLog() }
        let request = spectrum.request(top: extremes.top, bottom: extremes.bottom, vectors: eigenvectors.path != nil, seed: network.seed)
        let measurements = SpectrumSettings(engine: spectrum.engine, request: request) { computation, model, data in
            let more = try command.spectrum.observe(computation, model, data, top: command.extremes.top, bottom: command.extremes.bottom,
                                                    report: report, announce: false, classLog: classLog)
            let spectra = computation.spectra + more
            Self.report(spectra, report)
            traceEstimates.append(try command.trace.estimate(model, data, seed: command.network.seed, report: report))
            let blocks = try command.blocks.solve(model, data, parts: command.spectrum.parts, driver: command.spectrum.driver,
                                                  resources: command.spectrum.engine.resources, report: report)
            blockSpectra.append(blocks)
            anatomies.append(try command.blocks.anatomies(spectra, model: model, data: data, classes: command.spectrum.classes))
            if command.files.summary != nil {
                // The figures (the trace's cost stated by its plan above) only for a summary.
                let figures = spectra.first { $0.part == .hessian }.map {
                    SpectrumFigures.measure(model: model, data: data, spectrum: $0, overlapDimension: overlapK, trace: tracePlan)
                }
                measured.append((model, HessianCore.norm(model.lossAndGradient(on: data).gradient),
                                 BlockOptions.compared(figures, spectra: spectra, blocks: blocks)))
            }
            return more
        }
        let run = TrainingRun(optimizer: try training.optimizer(seed: network.seed), atStart: wantInit, atEnd: wantFinal,
                              every: snapshots.every, spectrum: measurements)
        let result = try run.run(from: initial, on: split.train, progress: bar.update(step:))
        let outcome = result.outcome
        let trained = outcome.model
        bar.finish("\(outcome.steps) steps (\(outcome.stop == .gradientTolerance ? "gradient norm below --grad-tol" : "step limit")), gradient norm \(outcome.gradientNorm)")
        var table = plan.method == .slq ? QuadratureTable.empty()
            : blocks.spectrumTable(residuals: [.lanczos, .power].contains(plan.method) || eigenvectors.path != nil)
        for (snapshot, blocks) in zip(result.snapshots, blockSpectra) {
            if plan.method == .slq { QuadratureTable.append(snapshot, to: &table) } else { SpectrumTable.append(snapshot, to: &table) }
            if !blocks.isEmpty { SpectrumTable.append(blocks: blocks, point: snapshot.point, step: snapshot.step, to: &table) }
        }
        var points = zip(zip(result.snapshots, measured), traceEstimates).map { pair, estimate in
            let (snapshot, m) = pair
            var point = SummaryPoint(point: snapshot.point, step: snapshot.step, model: m.model, gradientNorm: m.gradientNorm, figures: m.figures)
            point.traceEstimate = estimate
            return point
        }
        if !wantFinal {
            points.append(SummaryPoint(point: "final", step: outcome.steps, model: trained, gradientNorm: outcome.gradientNorm, figures: nil))
        }
        let summary = RunSummary(split: split, points: points, timing: result.timing)
        report.line(summary.humanReadable)

        if let path = eigenvectors.path {
            try AtomicFile.write(EigenvectorOptions.npy(result.snapshots.last?.spectra ?? [], order: trained.parameterCount), to: path)
        }
        if let path = classTable.path, let classLog {
            let rows = zip(result.snapshots, classLog.entries).flatMap {
                ClassesTable.rows($1.measures, point: $0.point, step: $0.step)
            }
            try AtomicFile.write(tags.text(ClassesTable.schema.table(rows)), to: path)
        }
        try blocks.write(result.snapshots, blocks: blockSpectra, anatomies: anatomies, tags: tags)
        if let path = files.saveModel { try ModelFile.write(trained, to: path, data: DataFingerprint(split.train), through: AtomicFile()) }
        if let path = files.saveData { try DataFile.write(split.train, to: path, through: AtomicFile()) }
        if let path = files.summary { try AtomicFile.write(tags.text(summary.table, extra: configuration(plan, samples: split.train.count)), to: path) }
        try OutputPaths.emit(tags.text(table), to: output.output)
    }

    /// The summary's configuration columns.
    private func configuration(_ plan: SpectrumPlan, samples: Int) -> ConstantColumns {
        ConstantColumns(names: ["seed", "lr", "batch_size", "samples", "dataset", "method"],
                        values: [String(network.seed), CSVField.number(training.lr), String(training.batchSize),
                                 String(samples), data.dataset.rawValue, plan.method.rawValue])
    }

    /// What each spectrum at one point cost, and its extremes, on stderr.
    private static func report(_ spectra: [PartSpectrum], _ report: Report) {
        for s in spectra {
            if let q = s.quadrature {
                report.line("\(s.part.rawValue): SLQ \(q.probeCount) probes, \(q.products) products in \(Report.seconds(s.eigenSeconds)); nodes from \(q.nodes.min() ?? .nan) to \(q.nodes.max() ?? .nan)")
                continue
            }
            report.line("\(s.matrix): assembled in \(Report.seconds(s.assembleSeconds)), eigenvalues in \(Report.seconds(s.eigenSeconds)); largest \(s.eigenvalues.last ?? .nan), smallest \(s.eigenvalues.first ?? .nan)")
        }
    }
}
