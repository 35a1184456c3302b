import HessianCore
import HessianFormats

/// Loss and accuracy on the training and test sets at one step.
public struct CurvePoint: Equatable, Sendable {
    /// "train" for a single-phase run, or the phase's name ("large", "small").
    public var phase: String
    /// Batch size of the phase.
    public var batchSize: Int
    /// Updates made since the start of the whole run.
    public var step: Int
    /// Loss and accuracy on the training set.
    public var train: Evaluation
    /// Loss and accuracy on the test set, when there is one.
    public var test: Evaluation?

    /// The CSV header of `fields`.
    public static let columns = ["phase", "batch_size", "step", "train_loss", "train_accuracy", "test_loss", "test_accuracy"]

    /// The point as CSV fields, in the order of `columns`.
    public var fields: [String] {
        [phase, String(batchSize), String(step), CSVField.number(train.loss), CSVField.number(train.accuracy),
         test.map { CSVField.number($0.loss) } ?? "", test.map { CSVField.number($0.accuracy) } ?? ""]
    }

    static func measure(_ model: MLP, on split: DataSplit, phase: String, batchSize: Int, step: Int) -> CurvePoint {
        CurvePoint(phase: phase, batchSize: batchSize, step: step,
                   train: model.evaluate(on: split.train), test: split.test.map { model.evaluate(on: $0) })
    }
}
