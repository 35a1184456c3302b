import ArgumentParser
import Foundation
import HessianKit
import HessianRuntime

/// Fig 3 / Fig 5: vary the width on fixed data.
struct Widths: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Vary the hidden width on fixed data; write every spectrum and a per-width summary (Fig 3, Fig 5).",
        discussion: """
        Every width trains on the same data from the same seeds, at the same learning rate for \
        the same number of steps. The spectra have width,params columns. --summary writes, per \
        width, the --summary-top largest eigenvalues and every negative one with its rank as a \
        percentage of M (the axis of Fig 5): width,params,matrix,series,rank,rank_percent,\
        eigenvalue, series being top or negative. With --seeds both start with a seed column, \
        and --tag columns come first.
        """
    )

    @Option(help: ArgumentHelp("Hidden widths to compare, comma separated.", valueName: "widths"))
    var widths: String = "10,30,50,70"

    @Option(help: "Hidden layers per network, each of the width (Fig 3: 1).")
    var depth: Int = 2

    @OptionGroup(title: "Model") var network: NetworkOptions
    @OptionGroup(title: "Data") var data: DataOptions
    @OptionGroup(title: "Training") var training: TrainingOptions
    @OptionGroup(title: "Spectrum") var spectrum: SpectrumOptions
    @OptionGroup(title: "Spectrum") var classTable: ClassTableOptions
    @OptionGroup(title: "Sweeps") var sweeps: SweepOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Output") var tags: TagOptions

    @Option(help: ArgumentHelp("Write the per-width summary (columns above) here.", valueName: "file"))
    var summary: String?

    @Option(name: .customLong("summary-top"), help: ArgumentHelp("How many of the largest eigenvalues --summary keeps per width.", valueName: "K"))
    var summaryTop: Int = 120

    func validate() throws {
        _ = try IntegerList.parse(widths, flag: "--widths")
        if depth < 1 { throw ValidationError("--depth must be at least 1, got \(depth)") }
        _ = try network.spec(hidden: Array(repeating: 1, count: depth))
        if summaryTop < 0 { throw ValidationError("--summary-top must not be negative, got \(summaryTop)") }
    }

    mutating func run() throws {
        let report = Report(quiet: output.quiet)
        try classTable.check(spectrum)
        let seedNames = sweeps.seedColumn(0).names
        try tags.refuseClashes(with: [seedNames + WidthSweep.spectrumTable([]).columns,
                                summary == nil ? [] : seedNames + WidthSweep.summaryTable([], top: 0).columns,
                                classTable.path == nil ? [] : seedNames + ["width", "params"] + ClassesTable.columns])
        try spectrum.setUpLinearAlgebra(report: report, order: nil)
        try FileRoles(inputs: data.inputFiles, outputs: output.files + [("--summary", summary)].filter { $0.1 != nil } + classTable.files).check()
        let split = try data.load()
        training.warnAboutBatch(examples: split.train.count, report: report)
        let all = try IntegerList.parse(widths, flag: "--widths")
        let classLog = classTable.path.map { _ in ClassMeasureLog() }
        func sweep(_ widths: [Int], seed: UInt64) throws -> WidthSweep {
            var sweep = try WidthSweep(
                widths: widths, depth: depth,
                activations: network.activation, loss: network.loss, initScale: network.initScale, seed: seed,
                optimizer: try training.optimizer(seed: seed), spectrum: try spectrum.settings(report: report, classLog: classLog))
            sweep.weightDecay = network.weightDecay
            return sweep
        }
        let whole = try sweep(all, seed: network.seed)
        var parameterCounts: [Int] = []
        for width in all {
            parameterCounts += [try SizeChecks.network(whole.network(width: width).sizes(inputs: split.train.dimension, outputs: split.train.classCount),
                                   examples: split.train.count, flag: "--widths")]
        }
        let seedCount = try sweeps.seedList()?.count ?? 1
        try SizeChecks.spectrumTable(snapshots: seedCount, parts: spectrum.parts.count + (spectrum.classes ? ClassLevel.allCases.count : 0), rows: SizeChecks.sum(parameterCounts), flag: "--widths")
        try spectrum.checkPlans(sizes: all.map { whole.network(width: $0).sizes(inputs: split.train.dimension, outputs: split.train.classCount) },
                                activations: network.activation, loss: network.loss, examples: split.train.count)
        let progress = SweepProgress(quiet: output.quiet, steps: training.steps)
        var spectra = TableCollector(), summaries = TableCollector(), classes = TableCollector()
        for (seed, chosen) in SweepOptions.bySeed(try sweeps.configurations(all, seed: network.seed)) {
            let start = classLog?.entries.count ?? 0
            let results = try sweep(chosen, seed: seed).run(on: split, progress: progress.step) { r in
                let values = r.snapshot.spectra[0].eigenvalues
                progress.finish("width \(r.width)", "seed \(seed), M = \(r.parameterCount), \(r.training.steps) steps, train loss \(r.training.train.loss), accuracy \(r.training.train.accuracy); largest eigenvalue \(values.last ?? .nan), \(negativeCount(values)) negative")
            }
            spectra.add(WidthSweep.spectrumTable(results), columns: sweeps.seedColumn(seed))
            summaries.add(WidthSweep.summaryTable(results, top: summaryTop), columns: sweeps.seedColumn(seed))
            if let classLog {
                classes.add(classLog.table(from: start, snapshots: results.map(\.snapshot), groupColumns: ["width", "params"]) {
                    [String(results[$0].width), String(results[$0].parameterCount)]
                }, columns: sweeps.seedColumn(seed))
            }
        }
        let seedHeader = sweeps.seedColumn(0)
        if let path = classTable.path {
            try AtomicFile.write(tags.text(classes.result(emptyHeader: ["width", "params"] + ClassesTable.columns, columns: seedHeader)), to: path)
        }
        if let path = summary {
            try AtomicFile.write(tags.text(summaries.result(emptyHeader: WidthSweep.summaryTable([], top: 0).columns, columns: seedHeader)), to: path)
        }
        try OutputPaths.emit(tags.text(spectra.result(emptyHeader: WidthSweep.spectrumTable([]).columns, columns: seedHeader)), to: output.output)
    }
}
