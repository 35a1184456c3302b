import ArgumentParser
import HessianKit

/// How to train: learning rate, batch size, stopping rule.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Constant learning rate η. Training stops with an error when the loss is not finite or exceeds 1000 × max(its start, 1).")
    var lr: Double = 0.1

    @Option(name: .customLong("batch-size"), help: "Mini-batch size for SGD; 0 or omitted for full-batch GD (more than N: GD, with a warning).")
    var batchSize: Int = 0

    @Option(help: "Most parameter updates to make.")
    var steps: Int = 1000

    @Option(name: .customLong("grad-tol"), help: "Stop once the full-batch gradient norm is below this (0: never).")
    var gradTol: Double = 1e-4

    func validate() throws {
        guard lr > 0, lr.isFinite else { throw ValidationError("--lr must be a positive number, got \(lr)") }
        if batchSize < 0 { throw ValidationError("--batch-size must not be negative, got \(batchSize)") }
        if steps < 0 { throw ValidationError("--steps must not be negative, got \(steps)") }
        guard gradTol >= 0, gradTol.isFinite else { throw ValidationError("--grad-tol must be a non-negative number, got \(gradTol)") }
    }

    /// A batch larger than the training set is full-batch GD: said on stderr.
    func warnAboutBatch(examples: Int, report: Report) {
        if batchSize > examples {
            Report.warning("--batch-size \(batchSize) is more than the \(examples) training examples; every step uses all of them (GD)")
        }
    }

    func optimizer(seed: UInt64) throws -> GradientDescent {
        try GradientDescent(learningRate: lr, batchSize: batchSize == 0 ? nil : batchSize, steps: steps, gradientTolerance: gradTol, seed: seed)
    }
}
