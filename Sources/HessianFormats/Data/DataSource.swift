import HessianCore

/// Where a training (and test) set comes from: a generator or files.
public enum DataSource: Sendable, Equatable {
    /// k Gaussian clusters in d dimensions (`Blobs`), standardised.
    case blobs(clusters: Int, dimension: Int, std: Double)
    /// Two noisy concentric circles (`Dataset.circles`).
    case circles(noise: Double, factor: Double)
    /// Two interleaving half-moons (`Dataset.moons`).
    case moons(noise: Double)
    /// The companion paper's two Gaussian blobs (`Dataset.twoBlobs`).
    case twoBlobs(std: Double)
    /// IDX image and label files, with optional test files.
    case idx(images: String, labels: String, testImages: String?, testLabels: String?)
    /// The four MNIST files in a folder, plain or gzip.
    case mnist(directory: String)
    /// Fashion-MNIST as the Debian package installs it.
    case fashionMNIST
    /// CSV files label,x0,…,x{d−1} (`CSVDataset`).
    case csv(train: String, test: String?)
}

/// Which examples of a source to use, and how to prepare them.
public struct DataSelection: Sendable, Equatable {
    /// Training examples (generated, or a subset of files); nil: 1000 for
    /// generated and image data, every row of a CSV file.
    public var samples: Int?
    /// Test examples, 0 for none; nil: 1000 for generated and image data,
    /// every row of a CSV test file.
    public var testSamples: Int?
    /// Take the first examples of a file instead of a stratified random subset.
    public var first: Bool
    /// Standardise each feature with the training set's mean and std
    /// (blobs always are).
    public var standardize: Bool
    /// Seed of the generator and of the stratified subset.
    public var seed: UInt64

    /// A selection; every default is what the command line uses.
    public init(samples: Int? = nil, testSamples: Int? = nil, first: Bool = false, standardize: Bool = false, seed: UInt64 = 0) {
        self.samples = samples
        self.testSamples = testSamples
        self.first = first
        self.standardize = standardize
        self.seed = seed
    }

    /// N for generated and image data.
    public var trainCount: Int { samples ?? 1000 }
    /// The test set size for generated and image data.
    public var testCount: Int { testSamples ?? 1000 }
}

extension DataSource {
    /// The training and test sets.
    /// - Throws: `SettingError` for generator settings out of range,
    ///   `DatasetError` for unreadable files, and
    ///   `DatasetError.notEnoughExamples` when a subset is larger than the file.
    public func load(_ selection: DataSelection) throws -> DataSplit {
        switch self {
        case .blobs(let clusters, let dimension, let std):
            return try Blobs(clusters: clusters, dimension: dimension, std: std, seed: selection.seed)
                .generate(train: selection.trainCount, test: selection.testCount)
        case .circles, .moons, .twoBlobs:
            // The test set is a second draw, from the next seed.
            let train = try draw(selection.trainCount, seed: selection.seed)
            let test = selection.testCount > 0 ? try draw(selection.testCount, seed: selection.seed &+ 1) : nil
            return prepared(DataSplit(train: train, test: test), selection)
        case .idx(let images, let labels, let testImages, let testLabels):
            let train = try ImageData.load(images: images, labels: labels)
            var test: Dataset? = nil
            if let testImages, let testLabels {
                test = try ImageData.load(images: testImages, labels: testLabels, classCount: train.classCount)
            }
            return try subset(DataSplit(train: train, test: test), selection)
        case .mnist(let directory):
            return try subset(ImageData.loadMNIST(directory: directory), selection)
        case .fashionMNIST:
            return try subset(ImageData.loadFashionMNIST(), selection)
        case .csv(let trainPath, let testPath):
            return try loadCSV(train: trainPath, test: testPath, selection)
        }
    }

    /// One draw of a 2-d generator.
    private func draw(_ n: Int, seed: UInt64) throws -> Dataset {
        switch self {
        case .circles(let noise, let factor): return try Dataset.circles(samples: n, noise: noise, factor: factor, seed: seed)
        case .moons(let noise): return try Dataset.moons(samples: n, noise: noise, seed: seed)
        case .twoBlobs(let std): return try Dataset.twoBlobs(samples: n, std: std, seed: seed)
        default: preconditionFailure("draw is only for the 2-d generators")
        }
    }

    private func loadCSV(train trainPath: String, test testPath: String?, _ selection: DataSelection) throws -> DataSplit {
        var train = try DataFile.read(path: trainPath)
        if let samples = selection.samples { train = try Self.pick(samples, from: train, setting: .samples, selection) }
        var test: Dataset? = nil
        if let testPath {
            let all = try DataFile.read(path: testPath)
            guard all.dimension == train.dimension else {
                throw DatasetError.dimensionMismatch(path: testPath, dimension: all.dimension, expectedPath: trainPath, expected: train.dimension)
            }
            test = try selection.testSamples.map { try Self.pick($0, from: all, setting: .testSamples, selection) } ?? all
        }
        return prepared(DataSplit(train: train, test: test), selection)
    }

    /// Image data cut to the selection's sizes, then prepared.
    private func subset(_ full: DataSplit, _ selection: DataSelection) throws -> DataSplit {
        let train = try Self.pick(selection.trainCount, from: full.train, setting: .samples, selection)
        var test: Dataset? = nil
        if let all = full.test, selection.testCount > 0 {
            test = try Self.pick(selection.testCount, from: all, setting: .testSamples, selection)
        }
        return prepared(DataSplit(train: train, test: test), selection)
    }

    private func prepared(_ split: DataSplit, _ selection: DataSelection) -> DataSplit {
        selection.standardize ? split.standardized() : split
    }

    /// n examples of `data`: the first n, or a stratified random subset.
    private static func pick(_ n: Int, from data: Dataset, setting: Setting, _ selection: DataSelection) throws -> Dataset {
        guard n <= data.count else { throw DatasetError.notEnoughExamples(setting: setting, requested: n, available: data.count) }
        if n == data.count && !selection.first { return data }
        return selection.first ? try data.first(n) : try data.stratifiedSample(n, seed: selection.seed)
    }
}
