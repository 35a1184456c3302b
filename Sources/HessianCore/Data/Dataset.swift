/// A labelled classification data set held in memory.
///
/// Features are stored column-major as an `count × dimension` matrix: the
/// example index runs fastest, so feature `j` of example `s` sits at
/// `features[j * count + s]`. This is the layout the curvature code hands to
/// BLAS, one column per feature.
public struct Dataset: Equatable, Sendable {
    /// Number of examples, N.
    public let count: Int
    /// Number of input features, d.
    public let dimension: Int
    /// Number of classes, C; every label lies in `0..<classCount`.
    public private(set) var classCount: Int
    /// Column-major `count × dimension` feature matrix.
    public var features: [Double]
    /// One label per example, in `0..<classCount`.
    public var labels: [Int]
    /// Regression targets, column-major `count × classCount` (target k of
    /// example s at `k·count + s`), for the squared-error losses; nil for
    /// classification, whose target is the one-hot label. With targets,
    /// `classCount` is their number k and the labels are all 0.
    public var targets: [Double]? = nil

    /// Creates a data set, checking that the shapes agree.
    public init(features: [Double], labels: [Int], dimension: Int, classCount: Int) throws {
        guard dimension > 0 else { throw DatasetError.invalid("the input dimension must be positive") }
        guard classCount >= 2 else { throw DatasetError.invalid("a classification data set needs at least 2 classes, got \(classCount)") }
        guard !labels.isEmpty else { throw DatasetError.invalid("the data set has no examples") }
        guard features.count == labels.count * dimension else {
            throw DatasetError.invalid("\(features.count) feature values do not fill \(labels.count) examples of dimension \(dimension)")
        }
        if let bad = labels.first(where: { $0 < 0 || $0 >= classCount }) {
            throw DatasetError.invalid("label \(bad) is outside 0..<\(classCount)")
        }
        if let bad = features.firstIndex(where: { !$0.isFinite }) {
            throw DatasetError.invalid("feature value \(features[bad]) at example \(bad % labels.count), feature \(bad / labels.count) is not finite")
        }
        self.count = labels.count
        self.dimension = dimension
        self.classCount = classCount
        self.features = features
        self.labels = labels
    }

    /// The feature `j` of example `s`.
    @inlinable public func feature(_ j: Int, of s: Int) -> Double { features[j * count + s] }

    /// The examples at `indices`, in that order.
    /// - Complexity: O(indices.count · d).
    public func subset(_ indices: [Int]) -> Dataset {
        let n = indices.count
        var out = [Double](repeating: 0, count: n * dimension)
        for j in 0..<dimension {
            let src = j * count, dst = j * n
            for (r, s) in indices.enumerated() { out[dst + r] = features[src + s] }
        }
        // The shapes are consistent by construction, so this cannot throw.
        var picked = Dataset(unchecked: out, labels: indices.map { labels[$0] }, dimension: dimension, classCount: classCount)
        if let targets {
            picked.targets = (0..<classCount).flatMap { k in indices.map { targets[k * count + $0] } }
        }
        return picked
    }

    /// A regression data set: features as in `init(features:labels:dimension:classCount:)`
    /// and finite targets, column-major N × k.
    public init(features: [Double], targets: [Double], dimension: Int, outputs k: Int) throws {
        guard k > 0, !targets.isEmpty, targets.count % k == 0 else { throw DatasetError.invalid("\(targets.count) target values do not fill rows of \(k)") }
        try self.init(features: features, labels: [Int](repeating: 0, count: targets.count / k), dimension: dimension, classCount: 2)
        if let bad = targets.firstIndex(where: { !$0.isFinite }) {
            throw DatasetError.invalid("target value \(targets[bad]) at example \(bad % count), output \(bad / count) is not finite")
        }
        self.classCount = k
        self.targets = targets
    }

    /// The target t_k of example s: the regression target, or the one-hot label.
    @inlinable public func target(_ k: Int, of s: Int) -> Double {
        if let targets { return targets[k * count + s] }
        return labels[s] == k ? 1 : 0
    }

    /// Row-major copy of example `s`'s features.
    public func example(_ s: Int) -> [Double] { (0..<dimension).map { feature($0, of: s) } }

    package init(unchecked features: [Double], labels: [Int], dimension: Int, classCount: Int) {
        self.count = labels.count
        self.dimension = dimension
        self.classCount = classCount
        self.features = features
        self.labels = labels
    }
}

/// A training set and the held-out set measured alongside it.
public struct DataSplit: Sendable {
    /// The training set.
    public var train: Dataset
    /// May be nil when no test examples were asked for.
    public var test: Dataset?
    /// A training set and an optional test set.
    public init(train: Dataset, test: Dataset?) {
        self.train = train
        self.test = test
    }
}

/// What can be wrong with data a user hands the tool.
public enum DatasetError: Error, CustomStringConvertible, Equatable {
    case invalid(String)
    /// A file that cannot be read or parsed: its path and what is wrong.
    case file(path: String, problem: String)
    /// A subset larger than the examples the source has.
    case notEnoughExamples(setting: Setting, requested: Int, available: Int)
    /// A test file whose features do not match the training file's.
    case dimensionMismatch(path: String, dimension: Int, expectedPath: String, expected: Int)
    /// A data set a system package installs (`package`) is not at `path`.
    case notInstalled(name: String, package: String, path: String)

    /// One line for a human.
    public var description: String {
        switch self {
        case .invalid(let message): return message
        case .file(let path, let problem): return "\(path): \(problem)"
        case .notEnoughExamples(let setting, let requested, let available):
            return "\(setting.name) \(requested) is more than the \(available) examples available"
        case .dimensionMismatch(let path, let dimension, let expectedPath, let expected):
            return "\(path) has \(dimension) features but \(expectedPath) has \(expected)"
        case .notInstalled(let name, let package, let path):
            return "\(path): \(name) is not installed; install it with `sudo apt-get install \(package)`"
        }
    }
}
