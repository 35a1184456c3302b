import HessianCore
import HessianFormats

extension EstimatorAudit.Estimator: CSVFieldValue {}

extension EstimatorAudit {
    /// The audit table (`audit`'s output): one row per estimator run, its
    /// setting, its cost and its errors against the exact spectrum, empty
    /// where a figure does not apply.
    public static let recordSchema = TableSchema<Record>([
        TableColumn("estimator", .group, \.setting.estimator), TableColumn("setting", .group, \.setting.name),
        TableColumn("matrix", .group, \.part), TableColumn("probes", .group, \.probes), TableColumn("steps", .group, \.steps),
        TableColumn("matvecs", .group, \.matvecs), TableColumn("seconds", .measure, \.seconds),
        TableColumn("w1", .measure, \.w1), TableColumn("ks", .measure, \.ks),
        TableColumn("top1_rel_err", .measure, \.top1RelativeError), TableColumn("topk_rel_err", .measure, \.topKRelativeError),
        TableColumn("trace_rel_err", .measure, \.traceRelativeError), TableColumn("negative_mass_err", .measure, \.negativeMassError),
        TableColumn("outliers_exact", .measure, \.outliersExact), TableColumn("outliers_estimated", .measure, \.outliersEstimated),
    ], blank: Record(setting: Setting(estimator: .slq, name: ""), part: .hessian, repetition: 0, matvecs: 0, seconds: .nan))

    /// The convergence curves (`audit --convergence`): an error of one run
    /// after each number of products.
    public static let convergenceSchema = TableSchema<ConvergencePoint>([
        TableColumn("estimator", .group, \.estimator), TableColumn("matrix", .group, \.part),
        TableColumn("repeat", .group, \.repetition), TableColumn("matvecs", .measure, \.matvecs),
        TableColumn("metric", .group, \.metric), TableColumn("value", .measure, \.value),
    ], blank: ConvergencePoint(estimator: .slq, part: .hessian, repetition: 0, matvecs: 0, metric: "", value: .nan))
}
