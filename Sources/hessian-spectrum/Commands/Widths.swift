import ArgumentParser
import Foundation
import HessianKit

/// Fig 3 / Fig 5: vary the width on fixed data.
struct Widths: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Vary the hidden width on fixed data; write every spectrum and a per-width summary (Fig 3, Fig 5).",
        discussion: """
        Every width trains on the same data from the same seeds, at the same learning rate for \
        the same number of steps. The spectra have width,params columns; --summary writes, per \
        width, the --top largest eigenvalues and every negative one with its rank as a \
        percentage of M (the axis of Fig 5).
        """
    )

    @Option(help: ArgumentHelp("Hidden widths to compare, comma separated.", valueName: "widths"))
    var widths: String = "10,30,50,70"

    @Option(help: "Hidden layers per network, each of the width.")
    var depth: Int = 1

    @OptionGroup(title: "Model") var network: NetworkOptions
    @OptionGroup(title: "Data") var data: DataOptions
    @OptionGroup(title: "Training") var training: TrainingOptions
    @OptionGroup(title: "Spectrum") var spectrum: SpectrumOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    @Option(help: "How many of the largest eigenvalues the summary keeps per width.")
    var top: Int = 120

    func validate() throws {
        _ = try IntegerList.parse(widths, flag: "--widths")
        if depth < 1 { throw ValidationError("--depth must be at least 1, got \(depth)") }
        if top < 0 { throw ValidationError("--top must not be negative, got \(top)") }
    }

    func run() throws {
        let report = Report(quiet: output.quiet)
        try spectrum.setUpLinearAlgebra(report: report)
        try FileRoles(inputs: data.inputFiles, outputs: output.files).check()
        let split = try data.load()
        training.warnAboutBatch(examples: split.train.count, report: report)
        let sweep = try WidthSweep(
            widths: try IntegerList.parse(widths, flag: "--widths"), depth: depth,
            activation: network.activation, loss: network.loss, initScale: network.initScale, seed: network.seed,
            optimizer: try training.optimizer(seed: network.seed), spectrum: spectrum.settings(report: report))
        var parameterCounts: [Int] = []
        for width in sweep.widths {
            parameterCounts += [try SizeChecks.network(sweep.network(width: width).sizes(inputs: split.train.dimension, outputs: split.train.classCount),
                                   examples: split.train.count, flag: "--widths")]
        }
        try SizeChecks.spectrumTable(snapshots: 1, parts: spectrum.parts.count, rows: SizeChecks.sum(parameterCounts), flag: "--widths")
        try spectrum.checkPlans(sizes: sweep.widths.map { sweep.network(width: $0).sizes(inputs: split.train.dimension, outputs: split.train.classCount) },
                                activation: network.activation, loss: network.loss, examples: split.train.count)
        let progress = SweepProgress(quiet: output.quiet, steps: training.steps)
        let results = try sweep.run(on: split, progress: progress.step) { r in
            let values = r.snapshot.spectra[0].eigenvalues
            progress.finish("width \(r.width)", "M = \(r.parameterCount), \(r.training.steps) steps, train loss \(r.training.train.loss), accuracy \(r.training.train.accuracy); largest eigenvalue \(values.last ?? .nan), \(negativeCount(values)) negative")
        }
        if let path = output.summary { try AtomicFile.write(WidthSweep.summaryTable(results, top: top).text, to: path) }
        try OutputPaths.emit(WidthSweep.spectrumTable(results).text, to: output.output)
    }
}
