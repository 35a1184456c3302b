import ArgumentParser
import Foundation
import HessianKit
import HessianRuntime

/// Fig 4 / Fig 6: small batch against large batch.
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train from one initial point with a small and a large batch (same learning rate and steps); write both spectra (Fig 4, Fig 6).",
        discussion: "The spectra have batch_size,params columns; --curves writes phase,batch_size,step,train_loss,train_accuracy,test_loss,test_accuracy every --every steps. With --seeds (one configuration per seed) both start with a seed column, and --tag columns come first."
    )

    @OptionGroup(title: "Batches") var batches: BatchPairOptions
    @Option(help: "Updates per run.") var steps: Int = 1000

    @OptionGroup(title: "Model") var architecture: ArchitectureOptions
    @OptionGroup(title: "Model") var network: NetworkOptions
    @OptionGroup(title: "Data") var data: DataOptions
    @OptionGroup(title: "Spectrum") var spectrum: SpectrumOptions
    @OptionGroup(title: "Sweeps") var sweeps: SweepOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Output") var tags: TagOptions

    @Option(help: "Write the training curves (phase,batch_size,step,train_loss,…) here.") var curves: String?
    @Option(name: .customLong("save-small"), help: "Write the small-batch model here (.safetensors, .npz, else JSON).") var saveSmall: String?
    @Option(name: .customLong("save-large"), help: "Write the large-batch model here (.safetensors, .npz, else JSON).") var saveLarge: String?

    func validate() throws {
        if steps < 0 { throw ValidationError("--steps must not be negative, got \(steps)") }
        if (saveSmall != nil || saveLarge != nil), let seeds = try sweeps.seedList(), seeds.count > 1 {
            throw ValidationError("--save-small and --save-large keep one pair of models; run one seed at a time to save them")
        }
    }

    mutating func run() throws {
        let report = Report(quiet: output.quiet)
        let seedNames = sweeps.seedColumn(0).names
        try tags.refuseClashes(with: [seedNames + BatchComparison.spectrumTable([]).columns,
                                curves == nil ? [] : seedNames + BatchComparison.curveTable([]).columns])
        try spectrum.setUpLinearAlgebra(report: report, order: nil)
        try FileRoles(inputs: data.inputFiles, outputs: [("--output", output.output), ("--curves", curves), ("--save-small", saveSmall), ("--save-large", saveLarge)].filter { $0.0 == "--output" || $0.1 != nil }).check()
        let split = try data.load()
        if batches.large > split.train.count {
            Report.warning("--large \(batches.large) exceeds the \(split.train.count) training examples; its batches are the full set")
        }
        let spec = try network.spec(hidden: try architecture.hiddenWidths())
        try SizeChecks.network(spec.sizes(inputs: split.train.dimension, outputs: split.train.classCount), examples: split.train.count, flag: architecture.flag)
        try spectrum.checkPlans(sizes: [spec.sizes(inputs: split.train.dimension, outputs: split.train.classCount)],
                                activations: spec.activations, loss: spec.loss, examples: split.train.count)
        let progress = SweepProgress(quiet: output.quiet, steps: steps)
        var spectra = TableCollector(), curveTables = TableCollector()
        var saved: [BatchComparison.Result] = []
        for (seed, _) in try sweeps.configurations([()], seed: network.seed) {
            var seeded = spec
            seeded.seed = seed
            let initial = try seeded.make(inputs: split.train.dimension, outputs: split.train.classCount)
            let comparison = try BatchComparison(smallBatch: batches.small, largeBatch: batches.large, learningRate: batches.lr, steps: steps,
                                                 shuffleSeed: seed, every: batches.every, spectrum: try spectrum.settings())
            let results = try comparison.run(from: initial, on: split, progress: progress.step) { r in
                progress.finish("batch \(r.batchSize)", "seed \(seed), \(r.training.steps) steps, train loss \(r.training.train.loss), accuracy \(r.training.train.accuracy); largest eigenvalue \(r.snapshot.spectra[0].eigenvalues.last ?? .nan)")
            }
            spectra.add(BatchComparison.spectrumTable(results), columns: sweeps.seedColumn(seed))
            curveTables.add(BatchComparison.curveTable(results), columns: sweeps.seedColumn(seed))
            saved = results
        }
        if saved.count == 2 {
            if let path = saveSmall { try ModelFile.write(saved[0].model, to: path, data: DataFingerprint(split.train), through: AtomicFile()) }
            if let path = saveLarge { try ModelFile.write(saved[1].model, to: path, data: DataFingerprint(split.train), through: AtomicFile()) }
        }
        let seedHeader = sweeps.seedColumn(0)
        if let path = curves { try AtomicFile.write(tags.text(curveTables.result(emptyHeader: BatchComparison.curveTable([]).columns, columns: seedHeader)), to: path) }
        try OutputPaths.emit(tags.text(spectra.result(emptyHeader: BatchComparison.spectrumTable([]).columns, columns: seedHeader)), to: output.output)
    }
}
