import HessianCore

/// One row of the classes table: one measure of one of the top eigenvalues
/// of a matrix at one point.
public struct ClassesRow: Equatable, Sendable {
    /// "init", "final" or "step".
    public var point: String
    /// Updates made before the point; nil when unknown (a loaded model).
    public var step: Int?
    /// `hessian`, `gauss_newton`, `gn_class` or `gn_cross`.
    public var matrix: String
    /// 1 for the largest eigenvalue.
    public var rank: Int
    /// `eigenvalue`, `class_span_fraction` or `cross_span_fraction`.
    public var measure: String
    /// The measure's value.
    public var value: Double

    /// A row.
    public init(point: String, step: Int?, matrix: String, rank: Int, measure: String, value: Double) {
        self.point = point
        self.step = step
        self.matrix = matrix
        self.rank = rank
        self.measure = measure
        self.value = value
    }
}

/// The tidy long CSV of `--decompose classes`'s comparison: for each
/// measured point, the largest T = C·K eigenvalues of H and G beside those of
/// G_class and G_cross, and for each of H's top T unit eigenvectors the
/// fraction of it in the span of the class means and of the cross-class
/// means. Columns `point, step, matrix, rank, measure, value` (after any
/// group columns); `rank` counts from 1 at the largest eigenvalue; `measure`
/// is `eigenvalue`, `class_span_fraction` or `cross_span_fraction` (the last
/// two for `matrix` `hessian` only).
public enum ClassesTable {
    /// The columns.
    public static let schema = TableSchema<ClassesRow>([
        TableColumn("point", .group, \.point), TableColumn("step", .group, \.step), TableColumn("matrix", .group, \.matrix),
        TableColumn("rank", .measure, \.rank), TableColumn("measure", .group, \.measure), TableColumn("value", .measure, \.value),
    ], blank: ClassesRow(point: "", step: nil, matrix: "", rank: 0, measure: "", value: 0))

    /// The CSV header.
    public static let columns = schema.names

    /// The rows of one point's measures.
    public static func rows(_ measures: ClassSplitMeasures, point: String, step: Int?) -> [ClassesRow] {
        let hessian = HessianPart.hessian.rawValue
        let series: [(String, String, [Double])] = [
            (hessian, "eigenvalue", measures.hessian),
            (hessian, "class_span_fraction", measures.classSpanFraction),
            (hessian, "cross_span_fraction", measures.crossSpanFraction),
            (HessianPart.gaussNewton.rawValue, "eigenvalue", measures.gaussNewton),
            (ClassLevel.classMeans.rawValue, "eigenvalue", measures.classMeans),
            (ClassLevel.crossClass.rawValue, "eigenvalue", measures.crossClass),
        ]
        return series.flatMap { matrix, measure, values in
            values.enumerated().map { ClassesRow(point: point, step: step, matrix: matrix, rank: $0.offset + 1, measure: measure, value: $0.element) }
        }
    }
}
