import HessianCore

/// The tidy long CSV of `--decompose classes`'s comparison: for each
/// measured point, the largest T = C·K eigenvalues of H and G beside those of
/// G_class and G_cross, and for each of H's top T unit eigenvectors the
/// fraction of it in the span of the class means and of the cross-class
/// means. Columns `[group columns…,] point, step, matrix, rank, measure,
/// value`; `rank` counts from 1 at the largest eigenvalue; `measure` is
/// `eigenvalue`, `class_span_fraction` or `cross_span_fraction` (the last two
/// for `matrix` `hessian` only).
public enum ClassesTable {
    /// The CSV header.
    public static let columns = ["point", "step", "matrix", "rank", "measure", "value"]

    /// A table with the given leading group columns (e.g. `clusters`).
    public static func empty(groupColumns: [String] = []) -> CSVTable { CSVTable(columns: groupColumns + columns) }

    /// Appends the measures of one point, each row starting with `groupValues`.
    public static func append(_ measures: ClassSplitMeasures, point: String, step: Int?, groupValues: [String] = [],
                              to table: inout CSVTable) {
        let prefix = groupValues + [point, step.map(String.init) ?? ""]
        func add(_ matrix: String, _ measure: String, _ values: [Double]) {
            for (i, value) in values.enumerated() {
                table.append(prefix + [matrix, String(i + 1), measure, CSVField.number(value)])
            }
        }
        add(HessianPart.hessian.rawValue, "eigenvalue", measures.hessian)
        add(HessianPart.hessian.rawValue, "class_span_fraction", measures.classSpanFraction)
        add(HessianPart.hessian.rawValue, "cross_span_fraction", measures.crossSpanFraction)
        add(HessianPart.gaussNewton.rawValue, "eigenvalue", measures.gaussNewton)
        add(ClassLevel.classMeans.rawValue, "eigenvalue", measures.classMeans)
        add(ClassLevel.crossClass.rawValue, "eigenvalue", measures.crossClass)
    }
}
