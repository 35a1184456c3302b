/// One row of a run summary (`--summary`): a measured point of a run, with
/// how well its model fits, what the spectra cost, and the figures of its
/// Hessian spectrum (empty where none was computed).
public struct RunSummaryRow: Equatable, Sendable {
    /// M.
    public var params: Int
    /// The layer sizes, `4-5-3`.
    public var layers: String
    /// The activations (`Activations.csvText`).
    public var activation: String
    /// The loss's name.
    public var loss: String
    /// Loss and accuracy on the training set.
    public var trainLoss: Double
    public var trainAccuracy: Double
    /// Loss and accuracy on the test set, when there is one.
    public var testLoss: Double?
    public var testAccuracy: Double?
    /// Full-batch gradient norm.
    public var gradientNorm: Double
    /// Updates made before this point; nil for a model loaded from a file.
    public var steps: Int?
    /// The whole run's time assembling matrices and in eigensolvers.
    public var assembleSeconds: Double
    public var eigenSeconds: Double
    /// "init", "step" or "final".
    public var point: String
    /// Figures of the Hessian spectrum here.
    public var trace: Double?
    public var maxEigenvalue: Double?
    public var minEigenvalue: Double?
    public var gradientOverlap: Double?
    public var negatives: Int?
    /// A randomised estimate of tr(H), its estimator and its products.
    public var traceEstimate: Double?
    public var traceEstimator: String?
    public var traceMatvecs: Int?
    /// With block spectra (`--blocks`): W₁ between the spectra of H and of
    /// its block-diagonal approximation, and their outlier counts by the
    /// largest gap.
    public var blockDiagonalW1: Double?
    public var outliers: Int?
    public var blockDiagonalOutliers: Int?

    /// A row with every figure of the spectrum empty.
    public init(params: Int, layers: String, activation: String, loss: String, trainLoss: Double, trainAccuracy: Double,
                testLoss: Double?, testAccuracy: Double?, gradientNorm: Double, steps: Int?, assembleSeconds: Double,
                eigenSeconds: Double, point: String) {
        self.params = params
        self.layers = layers
        self.activation = activation
        self.loss = loss
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
        self.gradientNorm = gradientNorm
        self.steps = steps
        self.assembleSeconds = assembleSeconds
        self.eigenSeconds = eigenSeconds
        self.point = point
    }

    /// The columns. The network's description and the trace estimator
    /// group the rows of several runs (with the configuration and tag
    /// columns in front); the rest are measured at each point.
    public static let schema = TableSchema<RunSummaryRow>([
        TableColumn("params", .group, \.params), TableColumn("layers", .group, \.layers),
        TableColumn("activation", .group, \.activation), TableColumn("loss", .group, \.loss),
        TableColumn("train_loss", .measure, \.trainLoss), TableColumn("train_accuracy", .measure, \.trainAccuracy),
        TableColumn("test_loss", .measure, \.testLoss), TableColumn("test_accuracy", .measure, \.testAccuracy),
        TableColumn("grad_norm", .measure, \.gradientNorm), TableColumn("steps", .measure, \.steps),
        TableColumn("assemble_seconds", .measure, \.assembleSeconds), TableColumn("eigen_seconds", .measure, \.eigenSeconds),
        TableColumn("point", .measure, \.point), TableColumn("trace", .measure, \.trace),
        TableColumn("max_eigenvalue", .measure, \.maxEigenvalue), TableColumn("min_eigenvalue", .measure, \.minEigenvalue),
        TableColumn("gradient_overlap", .measure, \.gradientOverlap), TableColumn("negatives", .measure, \.negatives),
        TableColumn("trace_estimate", .measure, \.traceEstimate), TableColumn("trace_estimator", .group, \.traceEstimator),
        TableColumn("trace_matvecs", .measure, \.traceMatvecs),
    ], blank: blank)

    /// The row reading starts from.
    private static let blank = RunSummaryRow(params: 0, layers: "", activation: "", loss: "", trainLoss: .nan, trainAccuracy: .nan,
                                             testLoss: nil, testAccuracy: nil, gradientNorm: .nan, steps: nil, assembleSeconds: 0,
                                             eigenSeconds: 0, point: "")

    /// The columns after `schema`'s when some point has block spectra.
    public static let blockDiagonalColumns: [TableColumn<RunSummaryRow>] = [
        TableColumn("block_diagonal_w1", .measure, \.blockDiagonalW1), TableColumn("outliers", .measure, \.outliers),
        TableColumn("block_diagonal_outliers", .measure, \.blockDiagonalOutliers),
    ]

    /// `schema`, followed by the block-diagonal columns when `blockDiagonal`.
    public static func schema(blockDiagonal: Bool) -> TableSchema<RunSummaryRow> {
        guard blockDiagonal else { return schema }
        return TableSchema(schema.columns + blockDiagonalColumns, blank: blank)
    }
}
