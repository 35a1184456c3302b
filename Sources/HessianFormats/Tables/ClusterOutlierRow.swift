import HessianCore

/// One row of Table 1 (`clusters --table`): a network trained on k
/// clusters, its outlier counts by every method, and where training ended.
public struct ClusterOutlierRow: Equatable, Sendable {
    /// k.
    public var clusters: Int
    /// M.
    public var params: Int
    /// The activations (`Activations.csvText`).
    public var activation: String
    /// The batch size, 0 for full-batch GD.
    public var batchSize: Int
    /// The clusters' covariance scale.
    public var covScale: Double
    /// The Hessian's outlier count by each method.
    public var counts: [OutlierMethod: Int]
    /// Eigenvalues below −10⁻⁶·max|λ|.
    public var negatives: Int
    /// Loss and accuracy on the training set at the end.
    public var trainLoss: Double
    public var trainAccuracy: Double
    /// Full-batch gradient norm at the end.
    public var gradientNorm: Double
    /// Updates made.
    public var steps: Int

    /// A row.
    public init(clusters: Int, params: Int, activation: String, batchSize: Int, covScale: Double, counts: [OutlierMethod: Int],
                negatives: Int, trainLoss: Double, trainAccuracy: Double, gradientNorm: Double, steps: Int) {
        self.clusters = clusters
        self.params = params
        self.activation = activation
        self.batchSize = batchSize
        self.covScale = covScale
        self.counts = counts
        self.negatives = negatives
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.gradientNorm = gradientNorm
        self.steps = steps
    }

    /// The columns: the configuration, one count per `OutlierMethod` (named
    /// by its raw value), then the outcome.
    public static let schema = TableSchema<ClusterOutlierRow>([
        TableColumn("clusters", .group, \.clusters), TableColumn("params", .group, \.params),
        TableColumn("activation", .group, \.activation), TableColumn("batch_size", .group, \.batchSize),
        TableColumn("cov_scale", .group, \.covScale),
    ] + OutlierMethod.allCases.map { method in
        TableColumn(method.rawValue, .measure, get: { $0.counts[method] ?? 0 }, set: { $0.counts[method] = $1 })
    } + [
        TableColumn("negatives", .measure, \.negatives), TableColumn("train_loss", .measure, \.trainLoss),
        TableColumn("train_accuracy", .measure, \.trainAccuracy), TableColumn("grad_norm", .measure, \.gradientNorm),
        TableColumn("steps", .measure, \.steps),
    ], blank: ClusterOutlierRow(clusters: 0, params: 0, activation: "", batchSize: 0, covScale: .nan, counts: [:], negatives: 0,
                                trainLoss: .nan, trainAccuracy: .nan, gradientNorm: .nan, steps: 0))
}
