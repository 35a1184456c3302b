import HessianCore

/// The line between two solutions at one α (Fig 8): one row of an
/// interpolation table.
public struct InterpolationPoint: Equatable, Sendable {
    /// α.
    public var alpha: Double
    /// Loss and accuracy on the training set.
    public var train: Evaluation
    /// Loss and accuracy on the test set, when there is one.
    public var test: Evaluation?
    /// Largest first.
    public var topEigenvalues: [Double]

    /// A point.
    public init(alpha: Double, train: Evaluation, test: Evaluation?, topEigenvalues: [Double] = []) {
        self.alpha = alpha
        self.train = train
        self.test = test
        self.topEigenvalues = topEigenvalues
    }

    /// `alpha,train_loss,train_accuracy,test_loss,test_accuracy`, then
    /// `top_1…top_k` (the k-th largest eigenvalue, empty when a point has
    /// fewer). Every column is measured: the rows of one file are one line.
    public static func schema(top: Int) -> TableSchema<InterpolationPoint> {
        TableSchema([
            TableColumn("alpha", .measure, \.alpha),
            TableColumn("train_loss", .measure, \.train.loss), TableColumn("train_accuracy", .measure, \.train.accuracy),
            TableColumn("test_loss", .measure, get: { $0.test?.loss }, set: { point, loss in
                point.test = loss.map { Evaluation(loss: $0, accuracy: point.test?.accuracy ?? .nan) } }),
            TableColumn("test_accuracy", .measure, get: { $0.test?.accuracy }, set: { point, accuracy in
                point.test = accuracy.map { Evaluation(loss: point.test?.loss ?? .nan, accuracy: $0) } }),
        ] + (0..<top).map { k in
            TableColumn(topColumn(k + 1), .measure, get: { k < $0.topEigenvalues.count ? $0.topEigenvalues[k] : nil }, set: { point, value in
                guard let value else { return }
                while point.topEigenvalues.count <= k { point.topEigenvalues.append(.nan) }
                point.topEigenvalues[k] = value
            })
        }, blank: InterpolationPoint(alpha: .nan, train: Evaluation(loss: .nan, accuracy: .nan), test: nil))
    }

    /// The name of the k-th largest eigenvalue's column, `top_k`.
    public static func topColumn(_ k: Int) -> String { "top_\(k)" }

    /// k of a `top_k` column, or nil for another column.
    public static func topRank(_ column: String) -> Int? {
        guard column.hasPrefix("top_"), let k = Int(column.dropFirst(4)), k >= 1 else { return nil }
        return k
    }
}
