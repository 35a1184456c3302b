import HessianCore

/// Loss and accuracy on the training and test sets at one step: one row of
/// a training-curves table.
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

    /// A point.
    public init(phase: String, batchSize: Int, step: Int, train: Evaluation, test: Evaluation?) {
        self.phase = phase
        self.batchSize = batchSize
        self.step = step
        self.train = train
        self.test = test
    }

    /// The columns of a curves table: `phase` marks a row (a figure draws
    /// the switches, not one line per phase), `batch_size` names its line.
    public static let schema = TableSchema<CurvePoint>([
        TableColumn("phase", .measure, \.phase), TableColumn("batch_size", .group, \.batchSize), TableColumn("step", .measure, \.step),
        TableColumn("train_loss", .measure, \.train.loss), TableColumn("train_accuracy", .measure, \.train.accuracy),
        TableColumn("test_loss", .measure, get: { $0.test?.loss }, set: { point, loss in
            point.test = loss.map { Evaluation(loss: $0, accuracy: point.test?.accuracy ?? .nan) } }),
        TableColumn("test_accuracy", .measure, get: { $0.test?.accuracy }, set: { point, accuracy in
            point.test = accuracy.map { Evaluation(loss: point.test?.loss ?? .nan, accuracy: $0) } }),
    ], blank: CurvePoint(phase: "", batchSize: 0, step: 0, train: Evaluation(loss: .nan, accuracy: .nan), test: nil))

    /// The CSV header of `fields`.
    public static let columns = schema.names

    /// The point as CSV fields, in the order of `columns`.
    public var fields: [String] { Self.schema.fields(self) }
}
