extension ParameterLayout {
    /// M = Σ_l h_l·(h_{l−1} + 1) for these sizes, or nil when the count does
    /// not fit in an Int: for sizes that come from a user or a file, before
    /// anything is allocated from them.
    public static func checkedParameterCount(_ sizes: [Int]) -> Int? {
        var total = 0
        for (width, previous) in zip(sizes.dropFirst(), sizes) {
            guard width >= 0, previous >= 0 else { return nil }
            let (inputs, o1) = previous.addingReportingOverflow(1)
            let (layer, o2) = width.multipliedReportingOverflow(by: inputs)
            let (sum, o3) = total.addingReportingOverflow(layer)
            if o1 || o2 || o3 { return nil }
            total = sum
        }
        return total
    }
}
