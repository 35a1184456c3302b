/// Tensors that recognisably belong to a layer other than `Linear`, named
/// in one line with the way out.
enum UnsupportedLayer {
    /// What to do about a layer that is not Linear.
    static let wayOut = "this tool analyses MLPs of Linear layers and activations (fold normalisation into the next Linear layer, or leave it out)"

    /// The refusal for a BatchNorm statistic (`running_mean`, `running_var`,
    /// `num_batches_tracked`), or nil for any other name.
    static func batchNormStatistic(_ name: String) -> String? {
        let parts = name.split(whereSeparator: { $0 == "." || $0 == "/" }).map(String.init)
        guard let role = parts.last, ["running_mean", "running_var", "num_batches_tracked"].contains(role) else { return nil }
        let prefix = parts.dropLast().joined(separator: ".")
        return "a BatchNorm statistic: \(prefix.isEmpty ? "its layer" : "layer '\(prefix)'") is not a Linear layer; " + wayOut
    }
}
