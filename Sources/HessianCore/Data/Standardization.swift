/// Per-feature standardisation x ↦ (x − mean)/std, with the statistics of
/// one data set (the training set) applied to others (the test set), as
/// scikit-learn's StandardScaler does: population std, and a feature with
/// zero spread is only centred.
public struct Standardization: Sendable {
    /// Each feature's mean over the training set.
    public let means: [Double]
    /// Each feature's standard deviation (1 where it is 0).
    public let deviations: [Double]

    /// Statistics of every feature of `data`.
    public init(fitting data: Dataset) {
        let n = Double(data.count)
        var means: [Double] = []
        var deviations: [Double] = []
        for j in 0..<data.dimension {
            let column = data.features[(j * data.count)..<((j + 1) * data.count)]
            let mean = column.reduce(0, +) / n
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
            means.append(mean)
            deviations.append(variance > 0 ? variance.squareRoot() : 1)
        }
        self.means = means
        self.deviations = deviations
    }

    /// `data` with these statistics applied.
    public func apply(to data: Dataset) -> Dataset {
        var out = data
        for j in 0..<data.dimension {
            let mean = means[j], deviation = deviations[j]
            for s in 0..<data.count {
                out.features[j * data.count + s] = (data.features[j * data.count + s] - mean) / deviation
            }
        }
        return out
    }
}

extension DataSplit {
    /// Both sets standardised with the training set's statistics.
    public func standardized() -> DataSplit {
        let scaler = Standardization(fitting: train)
        return DataSplit(train: scaler.apply(to: train), test: test.map { scaler.apply(to: $0) })
    }
}
