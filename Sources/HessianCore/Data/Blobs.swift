/// Gaussian clusters as the paper's code made them (scikit-learn's
/// `make_blobs`): k centres uniform in (−10, 10)^d, isotropic standard
/// deviation `std` around each; examples split among the clusters as evenly
/// as possible (the first N mod k clusters get one more) and shuffled; the
/// label is the cluster. Training and test sets share the centres; both are
/// standardised with the training set's per-feature mean and std.
public struct Blobs: Sendable {
    /// k, the number of clusters (and classes).
    public var clusters: Int
    /// d.
    public var dimension: Int
    /// Standard deviation of each cluster.
    public var std: Double
    /// Seed of the centres and the points.
    public var seed: UInt64

    /// A generator of k clusters in d dimensions.
    /// - Throws: `SettingError` unless k ≥ 2, d ≥ 1 and std > 0.
    public init(clusters: Int, dimension: Int, std: Double = 1, seed: UInt64 = 0) throws {
        guard clusters >= 2 else { throw SettingError(.clusters, .atLeast(2), got: clusters) }
        guard dimension >= 1 else { throw SettingError(.inputDimension, .positive, got: dimension) }
        guard std > 0, std.isFinite else { throw SettingError(.covarianceScale, .positiveNumber, got: std) }
        self.clusters = clusters
        self.dimension = dimension
        self.std = std
        self.seed = seed
    }

    /// The centres, k × d row-major.
    public func centres() -> [[Double]] {
        var random = RandomSource(seed: seed)
        return (0..<clusters).map { _ in (0..<dimension).map { _ in random.uniform(-10, 10) } }
    }

    /// `train` training and `test` test examples, standardised.
    public func generate(train: Int, test: Int) throws -> DataSplit {
        guard train >= clusters else { throw SettingError(.samples, .atLeastSetting(.clusters, Double(clusters)), got: train) }
        guard test >= 0 else { throw SettingError(.testSamples, .nonNegative, got: test) }
        let centres = centres()
        var random = RandomSource(seed: seed &+ 0x5EED_0F_B10B5)
        func draw(_ count: Int) -> Dataset {
            var labels: [Int] = []
            for c in 0..<clusters {
                let share = count / clusters + (c < count % clusters ? 1 : 0)
                labels += Array(repeating: c, count: share)
            }
            let order = random.permutation(count)
            labels = order.map { labels[$0] }
            var features = [Double](repeating: 0, count: count * dimension)
            for s in 0..<count {
                for j in 0..<dimension {
                    features[j * count + s] = centres[labels[s]][j] + std * random.normal()
                }
            }
            return Dataset(unchecked: features, labels: labels, dimension: dimension, classCount: clusters)
        }
        let trainSet = draw(train)
        let testSet = test > 0 ? draw(test) : nil
        return DataSplit(train: trainSet, test: testSet).standardized()
    }
}
