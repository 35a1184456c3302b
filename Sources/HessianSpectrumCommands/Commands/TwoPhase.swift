import ArgumentParser
import Foundation
import HessianKit
import HessianRuntime

/// Fig 7: large batch, then small batch.
struct TwoPhase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "two-phase",
        abstract: "Train with a large batch, then continue with a small batch at the same learning rate; write the curves (Fig 7).",
        discussion: "Writes phase,batch_size,step,train_loss,train_accuracy,test_loss,test_accuracy every --every steps; --save-large and --save-small keep both endpoints for interpolate."
    )

    @OptionGroup(title: "Batches") var batches: BatchPairOptions
    @Option(name: .customLong("large-steps"), help: "Updates in the first phase.") var largeSteps: Int = 1000
    @Option(name: .customLong("small-steps"), help: "Updates in the second phase.") var smallSteps: Int = 1000

    @OptionGroup(title: "Model") var architecture: ArchitectureOptions
    @OptionGroup(title: "Model") var network: NetworkOptions
    @OptionGroup(title: "Data") var data: DataOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Output") var tags: TagOptions

    @Option(name: .customLong("save-large"), help: "Write the model at the switch here (.safetensors, .npz, else JSON).") var saveLarge: String?
    @Option(name: .customLong("save-small"), help: "Write the final model here (.safetensors, .npz, else JSON).") var saveSmall: String?

    func validate() throws {
        if largeSteps < 0 || smallSteps < 0 { throw ValidationError("--large-steps and --small-steps must not be negative") }
    }

    func run() throws {
        try tags.refuseClashes(with: [CurvePoint.columns])
        try FileRoles(inputs: data.inputFiles, outputs: [("--output", output.output)] + [("--save-large", saveLarge), ("--save-small", saveSmall)].filter { $0.1 != nil }).check()
        let split = try data.load()
        let spec = try network.spec(hidden: try architecture.hiddenWidths())
        try SizeChecks.network(spec.sizes(inputs: split.train.dimension, outputs: split.train.classCount), examples: split.train.count, flag: architecture.flag)
        let initial = try spec.make(inputs: split.train.dimension, outputs: split.train.classCount)
        let training = try TwoPhaseTraining(largeBatch: batches.large, smallBatch: batches.small, largeSteps: largeSteps, smallSteps: smallSteps,
                                            learningRate: batches.lr, every: batches.every, shuffleSeed: network.seed)
        let progress = SweepProgress(quiet: output.quiet, steps: largeSteps + smallSteps)
        let result = try training.run(from: initial, on: split, progress: progress.step)
        if let switchPoint = result.curve.last(where: { $0.phase == "large" }), let end = result.curve.last {
            progress.finish("two-phase", "switch at step \(switchPoint.step): train loss \(switchPoint.train.loss); end at step \(end.step): train loss \(end.train.loss)")
        }
        if let path = saveLarge { try ModelFile.write(result.largeEnd, to: path, data: DataFingerprint(split.train), through: AtomicFile()) }
        if let path = saveSmall { try ModelFile.write(result.smallEnd, to: path, data: DataFingerprint(split.train), through: AtomicFile()) }
        try OutputPaths.emit(tags.text(TwoPhaseTraining.curveTable(result)), to: output.output)
    }
}
