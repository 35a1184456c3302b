import ArgumentParser
import Foundation
import HessianKit

/// Fig 7: large batch, then small batch.
struct TwoPhase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "two-phase",
        abstract: "Train with a large batch, then continue with a small batch at the same learning rate; write the curves (Fig 7).",
        discussion: "Writes phase,batch_size,step,train_loss,train_accuracy,test_loss,test_accuracy every --every steps; --save-large and --save-small keep both endpoints for interpolate."
    )

    @Option(help: "Large batch size (first phase).") var large: Int = 512
    @Option(help: "Small batch size (second phase).") var small: Int = 10
    @Option(name: .customLong("large-steps"), help: "Updates in the first phase.") var largeSteps: Int = 1000
    @Option(name: .customLong("small-steps"), help: "Updates in the second phase.") var smallSteps: Int = 1000
    @Option(help: "Constant learning rate of both phases.") var lr: Double = 0.1
    @Option(help: "Measure every K steps.") var every: Int = 50

    @OptionGroup(title: "Model") var architecture: ArchitectureOptions
    @OptionGroup(title: "Model") var network: NetworkOptions
    @OptionGroup(title: "Data") var data: DataOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    @Option(name: .customLong("save-large"), help: "Write the model at the switch here.") var saveLarge: String?
    @Option(name: .customLong("save-small"), help: "Write the final model here.") var saveSmall: String?

    func validate() throws {
        if small <= 0 { throw ValidationError("--small must be positive, got \(small)") }
        if small >= large { throw ValidationError("--small (\(small)) must be less than --large (\(large))") }
        if largeSteps < 0 || smallSteps < 0 { throw ValidationError("--large-steps and --small-steps must not be negative") }
        guard lr > 0, lr.isFinite else { throw ValidationError("--lr must be a positive number, got \(lr)") }
        if every <= 0 { throw ValidationError("--every must be positive, got \(every)") }
    }

    func run() throws {
        let report = Report(quiet: output.quiet)
        try OutputPaths.checkFolders([output.output, saveLarge, saveSmall])
        let split = try data.load()
        let initial = try network.spec(hidden: try architecture.hiddenWidths()).make(inputs: split.train.dimension, outputs: split.train.classCount)
        let training = try TwoPhaseTraining(largeBatch: large, smallBatch: small, largeSteps: largeSteps, smallSteps: smallSteps,
                                            learningRate: lr, every: every, shuffleSeed: network.seed)
        let result = try training.run(from: initial, on: split)
        if let switchPoint = result.curve.last(where: { $0.phase == "large" }), let end = result.curve.last {
            report.line("switch at step \(switchPoint.step): train loss \(switchPoint.train.loss); end at step \(end.step): train loss \(end.train.loss)")
        }
        if let path = saveLarge { try AtomicFile.write(ModelFile.encode(result.largeEnd), to: path) }
        if let path = saveSmall { try AtomicFile.write(ModelFile.encode(result.smallEnd), to: path) }
        try OutputPaths.emit(TwoPhaseTraining.curveTable(result).text, to: output.output)
    }
}
