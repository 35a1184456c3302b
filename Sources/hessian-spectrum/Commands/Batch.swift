import ArgumentParser
import Foundation
import HessianKit

/// Fig 4 / Fig 6: small batch against large batch.
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train from one initial point with a small and a large batch (same learning rate and steps); write both spectra (Fig 4, Fig 6).",
        discussion: "The spectra have batch_size,params columns; --curves writes loss and accuracy every --every steps."
    )

    @Option(help: "Small batch size.") var small: Int = 10
    @Option(help: "Large batch size.") var large: Int = 512
    @Option(help: "Constant learning rate, shared by both runs.") var lr: Double = 0.1
    @Option(help: "Updates per run.") var steps: Int = 1000
    @Option(help: "Measure the curves every K steps.") var every: Int = 50

    @OptionGroup(title: "Model") var architecture: ArchitectureOptions
    @OptionGroup(title: "Model") var network: NetworkOptions
    @OptionGroup(title: "Data") var data: DataOptions
    @OptionGroup(title: "Spectrum") var spectrum: SpectrumOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    @Option(help: "Write the training curves (phase,batch_size,step,train_loss,…) here.") var curves: String?
    @Option(name: .customLong("save-small"), help: "Write the small-batch model here.") var saveSmall: String?
    @Option(name: .customLong("save-large"), help: "Write the large-batch model here.") var saveLarge: String?

    func validate() throws {
        if small <= 0 { throw ValidationError("--small must be positive, got \(small)") }
        if small >= large { throw ValidationError("--small (\(small)) must be less than --large (\(large))") }
        guard lr > 0, lr.isFinite else { throw ValidationError("--lr must be a positive number, got \(lr)") }
        if steps < 0 { throw ValidationError("--steps must not be negative, got \(steps)") }
        if every <= 0 { throw ValidationError("--every must be positive, got \(every)") }
    }

    func run() throws {
        spectrum.applyThreads()
        let report = Report(quiet: output.quiet)
        try OutputPaths.checkFolders([output.output, curves, saveSmall, saveLarge])
        let split = try data.load()
        if large > split.train.count {
            report.line("note: --large \(large) exceeds the \(split.train.count) training examples; its batches are the full set")
        }
        let spec = network.spec(hidden: try architecture.hiddenWidths())
        try spectrum.checkMemory(parameterCounts: [ParameterLayout.parameterCount(spec.sizes(inputs: split.train.dimension, outputs: split.train.classCount))],
                                 examples: split.train.count)
        let initial = try spec.make(inputs: split.train.dimension, outputs: split.train.classCount)
        let comparison = try BatchComparison(smallBatch: small, largeBatch: large, learningRate: lr, steps: steps,
                                             shuffleSeed: network.seed, every: every, spectrum: spectrum.settings())
        let results = try comparison.run(from: initial, on: split) { r in
            report.line("batch \(r.batchSize): \(r.training.steps) steps, train loss \(r.training.train.loss), accuracy \(r.training.train.accuracy); largest eigenvalue \(r.snapshot.spectra[0].eigenvalues.last ?? .nan)")
        }
        if let path = saveSmall { try AtomicFile.write(ModelFile.encode(results[0].model), to: path) }
        if let path = saveLarge { try AtomicFile.write(ModelFile.encode(results[1].model), to: path) }
        if let path = curves { try AtomicFile.write(BatchComparison.curveTable(results).text, to: path) }
        try OutputPaths.emit(BatchComparison.spectrumTable(results).text, to: output.output)
    }
}
