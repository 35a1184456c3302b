import ArgumentParser
import Foundation
import HessianKit
import HessianRuntime

/// The spectrum of a saved model on saved data.
struct Spectrum: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every eigenvalue of the exact Hessian of a saved model on a saved data set.",
        discussion: """
        Reads a model file — the tool's JSON, safetensors or NumPy .npz \
        (a PyTorch nn.Sequential state dict, or a Flax/NumPy parameter dict with \
        --weight-layout in-out), recognised by content — and a data set (CSV \
        label,x0,… as written by --save-data, or .npz with arrays x and y), and \
        writes the same CSV as train, with point 'final' and an empty step. \
        With --top/--bottom, --save-eigenvectors writes their eigenvectors as .npy.
        """
    )

    @Option(help: "Model file: JSON (from --save-model), safetensors or .npz.")
    var model: String

    @Option(help: "Data file: CSV label,x0,…,x{d-1}, or .npz with x (N × d) and y (N labels).")
    var data: String

    @Option(help: "Use N examples of --data: a stratified random subset by --data-seed, or the first N with --first (the subset train --dataset csv takes with the same flags).")
    var samples: Int?

    @Flag(help: "With --samples, take the first N examples instead of a stratified random subset.")
    var first = false

    @Option(name: .customLong("data-seed"), help: "With --samples, the seed of the stratified subset.")
    var dataSeed: UInt64?

    @Option(help: ArgumentHelp(
        "Write a CSV summary here: one row with samples and method, then the summary columns of train (params, layers, activation, loss, train_loss, …, point, trace, max_eigenvalue, min_eigenvalue, gradient_overlap, negatives, trace_estimate, trace_estimator, trace_matvecs).",
        valueName: "file"))
    var summary: String?

    @OptionGroup(title: "Model file") var modelInput: ModelInputOptions

    @OptionGroup(title: "Spectrum") var spectrum: SpectrumOptions
    @OptionGroup(title: "Spectrum") var extremes: ExtremesOptions
    @OptionGroup(title: "Spectrum") var exactTrace: TraceOptions
    @OptionGroup(title: "Trace estimate") var trace: TraceEstimatorOptions

    @Option(help: "Seed of the SLQ probes, the power-iteration start vectors and the trace estimator's probes.")
    var seed: UInt64 = 0
    @OptionGroup(title: "Spectrum") var classTable: ClassTableOptions
    @OptionGroup(title: "Eigenvectors") var eigenvectors: EigenvectorOptions
    @OptionGroup(title: "Blocks and anatomy") var blocks: BlockOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Output") var tags: TagOptions

    func validate() throws {
        if let samples, samples <= 0 { throw ValidationError("--samples must be positive, got \(samples)") }
        if samples == nil && (first || dataSeed != nil) {
            throw ValidationError("\(first ? "--first" : "--data-seed") chooses a subset: give --samples N too")
        }
    }

    mutating func run() throws {
        let report = Report(quiet: output.quiet)
        try classTable.check(spectrum)
        try tags.refuseClashes(with: [TagOptions.spectrumColumns(spectrum.method, blocks: blocks), summary == nil ? [] : RunSummary.columns,
                                      classTable.path == nil ? [] : ClassesTable.columns]
                                     + blocks.headers)
        try FileRoles(inputs: [("--model", model), ("--data", data)],
                      outputs: output.files + classTable.files + [("--summary", summary), ("--save-eigenvectors", eigenvectors.path)].filter { $0.1 != nil } + blocks.files).check()
        let record = try modelInput.read(model)
        let network = record.model
        let selection = DataSelection(samples: samples, testSamples: 0, first: first, seed: dataSeed ?? 0)
        let train = try DataSource.csv(train: data, test: nil).load(selection).train
        try network.checkCompatible(with: train, name: data)
        try modelInput.checkData(record, path: model, data: train, dataName: data)
        try SizeChecks.extremes(top: extremes.top, bottom: extremes.bottom, parameters: network.parameterCount)
        if spectrum.method == .slq {
            try SizeChecks.spectrumTable(snapshots: 1, parts: spectrum.parts.count, rows: spectrum.estimators.nodesPerMatrix(order: network.parameterCount),
                                         flag: "--probes")
        }
        try EstimatorOptions.checkRequest(method: spectrum.method, steps: spectrum.estimators.lanczosSteps, top: extremes.top,
                                          bottom: extremes.bottom, vectors: eigenvectors.path != nil, parameters: network.parameterCount)
        let plans = try spectrum.checkPlans(sizes: [network.sizes], activations: network.activations, loss: network.loss,
                                            examples: train.count, top: extremes.top, bottom: extremes.bottom,
                                            vectors: eigenvectors.path != nil, estimates: true, hasBias: network.hasBias)
        try blocks.check(vectors: eigenvectors.path != nil, method: plans[0].method, sizes: network.sizes, examples: train.count,
                         resources: spectrum.engine.resources)
        try spectrum.setUpLinearAlgebra(report: report, order: spectrum.eigensolveOrder(
            plans: plans, sizes: [network.sizes], examples: train.count, loss: network.loss, vectors: eigenvectors.path != nil))
        report.line("network \(network.sizes.map(String.init).joined(separator: "-")) (\(network.activations.description), \(network.loss.rawValue)), M = \(network.parameterCount), N = \(train.count)")
        let overlapK = try eigenvectors.overlapDimension(top: extremes.top, bottom: extremes.bottom, classes: network.layout.outputDimension)
        let plan = plans[0]
        let tracePlan = exactTrace.plan(sizes: network.sizes, activations: network.activations, loss: network.loss,
                                        examples: train.count, method: plan, report: report)
        let classLog = classTable.path.map { _ in ClassMeasureLog() }
        let spectra = try spectrum.solve(network, train, top: extremes.top, bottom: extremes.bottom,
                                         vectors: eigenvectors.path != nil, seed: seed, report: report, classLog: classLog)
        let traceEstimate = try trace.estimate(network, train, seed: seed, report: report)
        let blockSpectra = try blocks.solve(network, train, parts: spectrum.parts, driver: spectrum.driver,
                                            resources: spectrum.engine.resources, report: report)
        var timing = SpectrumTiming()
        timing.add(spectra)
        let snapshot = SpectrumSnapshot(point: "final", step: nil, spectra: spectra)
        var table = spectrum.method == .slq ? QuadratureTable.empty() : blocks.spectrumTable(residuals: spectra.contains { $0.residualNorms != nil })
        if spectrum.method == .slq { QuadratureTable.append(snapshot, to: &table) } else { SpectrumTable.append(snapshot, to: &table) }
        if !blockSpectra.isEmpty { SpectrumTable.append(blocks: blockSpectra, point: snapshot.point, step: snapshot.step, to: &table) }
        let gradientNorm = norm(network.lossAndGradient(on: train).gradient)
        let figures = spectra.first { $0.part == .hessian }.map {
            SpectrumFigures.measure(model: network, data: train, spectrum: $0, overlapDimension: overlapK, trace: tracePlan)
        }
        var point = SummaryPoint(point: "final", step: nil, model: network, gradientNorm: gradientNorm,
                                 figures: BlockOptions.compared(figures, spectra: spectra, blocks: blockSpectra))
        point.traceEstimate = traceEstimate
        let summary = RunSummary(split: DataSplit(train: train, test: nil), points: [point], timing: timing)
        report.line(summary.humanReadable)
        if let path = classTable.path, let entry = classLog?.entries.first {
            try AtomicFile.write(tags.text(ClassesTable.schema.table(ClassesTable.rows(entry.measures, point: "final", step: nil))), to: path)
        }
        if let path = eigenvectors.path { try AtomicFile.write(EigenvectorOptions.npy(spectra, order: network.parameterCount), to: path) }
        try blocks.write([snapshot], blocks: [blockSpectra], anatomies: [try blocks.anatomies(spectra, model: network, data: train, classes: spectrum.classes)], tags: tags)
        if let path = self.summary {
            let configuration = ConstantColumns(names: ["samples", "method"], values: [String(train.count), plan.method.rawValue])
            try AtomicFile.write(tags.text(summary.table, extra: configuration), to: path)
        }
        try OutputPaths.emit(tags.text(table), to: output.output)
    }
}
