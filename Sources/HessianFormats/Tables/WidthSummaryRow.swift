/// One row of a width sweep's summary (Fig 3, Fig 5): an eigenvalue among
/// the largest of its spectrum, or among the negative ones, with its rank.
public struct WidthSummaryRow: Equatable, Sendable {
    /// The hidden width.
    public var width: Int
    /// M.
    public var params: Int
    /// The matrix (`hessian`, …).
    public var matrix: String
    /// `top` (rank 1 = largest) or `negative` (rank 1 = most negative).
    public var series: String
    /// From 1.
    public var rank: Int
    /// 100·rank/M, the axis of Fig 5.
    public var rankPercent: Double
    /// λ.
    public var eigenvalue: Double

    /// A row.
    public init(width: Int, params: Int, matrix: String, series: String, rank: Int, rankPercent: Double, eigenvalue: Double) {
        self.width = width
        self.params = params
        self.matrix = matrix
        self.series = series
        self.rank = rank
        self.rankPercent = rankPercent
        self.eigenvalue = eigenvalue
    }

    /// The columns.
    public static let schema = TableSchema<WidthSummaryRow>([
        TableColumn("width", .group, \.width), TableColumn("params", .group, \.params), TableColumn("matrix", .group, \.matrix),
        TableColumn("series", .measure, \.series), TableColumn("rank", .measure, \.rank),
        TableColumn("rank_percent", .measure, \.rankPercent), TableColumn("eigenvalue", .measure, \.eigenvalue),
    ], blank: WidthSummaryRow(width: 0, params: 0, matrix: "", series: "", rank: 0, rankPercent: .nan, eigenvalue: .nan))
}
