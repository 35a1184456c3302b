import ArgumentParser
import HessianKit

/// Which data set to train and measure on.
enum DatasetKind: String, ExpressibleByArgument, CaseIterable {
    case blobs
    case circles
    case moons
    case twoBlobs = "two-blobs"
    case idx
    case mnist
    case fashionMNIST = "fashion-mnist"
    case csv
}

/// The data: built-in Gaussian clusters by default, or image and CSV files.
struct DataOptions: ParsableArguments {
    @Option(help: "Data set: \(DatasetKind.allCases.map(\.rawValue).joined(separator: "|")).")
    var dataset: DatasetKind = .blobs

    @Option(help: ArgumentHelp("Number of Gaussian clusters (classes), k ≥ 2 (default 10; the clusters command takes a list, default 2,5,10,20,50).", valueName: "k"))
    var clusters: String?

    @Option(name: .customLong("input-dim"), help: "Input dimension d of the clusters (blobs; default 100).")
    var inputDimGiven: Int?
    var inputDim: Int { inputDimGiven ?? 100 }

    @Option(help: "Number of training examples N (default 1000; for csv, every row).")
    var samples: Int?

    @Option(name: .customLong("test-samples"), help: "Number of test examples, 0 for none (default 1000; for csv, every row of --test-data).")
    var testSamples: Int?

    @Option(name: .customLong("cov-scale"), help: "Standard deviation of each cluster, isotropic (blobs, two-blobs; default 1).")
    var covScaleGiven: Double?
    var covScale: Double { covScaleGiven ?? 1 }

    @Option(name: .customLong("data-seed"), help: "Seed of the data generator and of the stratified subset.")
    var dataSeed: UInt64 = 0

    @Option(name: .customLong("noise"), help: "Standard deviation of the Gaussian noise added to circles and moons (default 0.1).")
    var noiseGiven: Double?
    var noise: Double { noiseGiven ?? 0.1 }

    @Option(name: .customLong("factor"), help: "Ratio of the inner to the outer circle's radius (circles), in (0, 1) (default 0.8).")
    var factorGiven: Double?
    var factor: Double { factorGiven ?? 0.8 }

    @Option(help: "IDX image file (idx).") var images: String?
    @Option(help: "IDX label file (idx).") var labels: String?
    @Option(name: .customLong("test-images"), help: "IDX test image file (idx, optional).") var testImages: String?
    @Option(name: .customLong("test-labels"), help: "IDX test label file (idx, optional).") var testLabels: String?
    @Option(name: .customLong("data-dir"), help: "Folder with the four MNIST files, plain or .gz (mnist).") var dataDir: String?
    @Option(help: "Training set CSV, label,x0,…,x{d-1} (csv).") var data: String?
    @Option(name: .customLong("test-data"), help: "Test set CSV (csv, optional).") var testData: String?

    @Flag(help: "Take the first N examples instead of a stratified random subset.")
    var first = false

    @Flag(help: "Standardise each feature with the training set's mean and std (blobs always are).")
    var standardize = false

    func validate() throws {
        if let samples, samples <= 0 { throw ValidationError("--samples must be positive, got \(samples)") }
        if let testSamples, testSamples < 0 { throw ValidationError("--test-samples must not be negative, got \(testSamples)") }
        if let list = try clusterList(), let bad = list.first(where: { $0 < 2 }) {
            throw ValidationError("--clusters must be at least 2, got \(bad)")
        }
        if inputDim <= 0 { throw ValidationError("--input-dim must be positive, got \(inputDim)") }
        guard covScale > 0, covScale.isFinite else { throw ValidationError("--cov-scale must be a positive number, got \(covScale)") }
        guard noise >= 0, noise.isFinite else { throw ValidationError("--noise must be a non-negative number, got \(noise)") }
        guard factor > 0, factor < 1 else { throw ValidationError("--factor must lie in (0, 1), got \(factor)") }
        try checkOptionsApply()
        switch dataset {
        case .idx:
            if images == nil || labels == nil { throw ValidationError("--dataset idx needs --images FILE and --labels FILE") }
            if (testImages == nil) != (testLabels == nil) { throw ValidationError("give both --test-images and --test-labels, or neither") }
        case .mnist:
            if dataDir == nil { throw ValidationError("--dataset mnist needs --data-dir DIR") }
        case .csv:
            if data == nil { throw ValidationError("--dataset csv needs --data FILE") }
        case .blobs, .fashionMNIST, .circles, .moons, .twoBlobs:
            break
        }
    }

    /// An option of one kind of data given with another is refused rather
    /// than silently ignored.
    private func checkOptionsApply() throws {
        let uses: [(flag: String, given: Bool, kinds: [DatasetKind])] = [
            ("--clusters", clusters != nil, [.blobs]),
            ("--input-dim", inputDimGiven != nil, [.blobs]),
            ("--cov-scale", covScaleGiven != nil, [.blobs, .twoBlobs]),
            ("--noise", noiseGiven != nil, [.circles, .moons]),
            ("--factor", factorGiven != nil, [.circles]),
            ("--images", images != nil, [.idx]), ("--labels", labels != nil, [.idx]),
            ("--test-images", testImages != nil, [.idx]), ("--test-labels", testLabels != nil, [.idx]),
            ("--data-dir", dataDir != nil, [.mnist]),
            ("--data", data != nil, [.csv]), ("--test-data", testData != nil, [.csv]),
        ]
        for use in uses where use.given && !use.kinds.contains(dataset) {
            throw ValidationError("\(use.flag) does not apply to --dataset \(dataset.rawValue); it is for --dataset \(use.kinds.map(\.rawValue).joined(separator: " or "))")
        }
    }

    /// The --clusters values, or nil when not given.
    func clusterList() throws -> [Int]? {
        guard let clusters else { return nil }
        let parts = clusters.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        return try parts.map { part in
            guard let k = Int(part) else { throw ValidationError("--clusters takes whole numbers, got '\(clusters)'") }
            return k
        }
    }

    /// The single cluster count of a one-data-set command (default 10).
    func clusterCount() throws -> Int {
        let list = try clusterList() ?? [10]
        guard list.count == 1 else { throw ValidationError("--clusters takes one value here; the clusters command sweeps a list") }
        return list[0]
    }

    /// The files this data set is read from, for `FileRoles`: the files
    /// named by flags and those found in the MNIST folder (`--data-dir`, or
    /// the system's Fashion-MNIST folder).
    var inputFiles: [(flag: String, path: String?)] {
        let folder: (flag: String, path: String)? = switch dataset {
        case .mnist: dataDir.map { ("--data-dir", $0) }
        case .fashionMNIST: ("--dataset fashion-mnist", ImageData.fashionMNISTDirectory)
        default: nil
        }
        let found = folder.map { folder in ImageData.mnistFiles(in: folder.path).map { (flag: folder.flag, path: Optional($0)) } } ?? []
        return [("--images", images), ("--labels", labels), ("--test-images", testImages), ("--test-labels", testLabels),
                ("--data", data), ("--test-data", testData)].filter { $0.1 != nil } + found
    }

    /// N for generated and image data.
    var trainCount: Int { samples ?? 1000 }
    var testCount: Int { testSamples ?? 1000 }
    /// Training and test examples together (saturating: the size checks refuse it).
    var totalCount: Int {
        let (sum, overflow) = trainCount.addingReportingOverflow(testCount)
        return overflow ? Int.max : sum
    }

    /// The library's description of the chosen source.
    func source() throws -> DataSource {
        switch dataset {
        case .blobs: return .blobs(clusters: try clusterCount(), dimension: inputDim, std: covScale)
        case .circles: return .circles(noise: noise, factor: factor)
        case .moons: return .moons(noise: noise)
        case .twoBlobs: return .twoBlobs(std: covScale)
        case .idx:
            guard let images, let labels else { throw ValidationError("--dataset idx needs --images FILE and --labels FILE") }
            return .idx(images: images, labels: labels, testImages: testImages, testLabels: testLabels)
        case .mnist:
            guard let dataDir else { throw ValidationError("--dataset mnist needs --data-dir DIR") }
            return .mnist(directory: dataDir)
        case .fashionMNIST: return .fashionMNIST
        case .csv:
            guard let data else { throw ValidationError("--dataset csv needs --data FILE") }
            return .csv(train: data, test: testData)
        }
    }

    /// Which examples, from --samples, --test-samples, --first, --standardize and --data-seed.
    var selection: DataSelection {
        DataSelection(samples: samples, testSamples: testSamples, first: first, standardize: standardize, seed: dataSeed)
    }

    /// The training and test sets, refused when the largest label makes more
    /// classes than `Dataset.largestClassCount`; a warning on stderr when some classes
    /// below the largest label have no training example (a stray label 255
    /// among 0…9 makes 256 output units).
    func load() throws -> DataSplit {
        let split = try loadSets()
        try split.train.checkClassCount(source: data ?? labels ?? "the training data")
        guard split.train.targets == nil else { return split }
        let labels = split.train.labels
        var used = [Bool](repeating: false, count: split.train.classCount)
        for label in labels { used[label] = true }
        let empty = used.filter { !$0 }.count
        if empty > 0 {
            let top = split.train.classCount - 1
            Report.warning("\(empty) of the \(split.train.classCount) classes 0…\(top) have no training example (largest label \(top)); the network still gets \(split.train.classCount) outputs")
        }
        return split
    }

    /// The sets from the library, after the size checks of generated data.
    /// A subset larger than the file, or test data that does not match the
    /// training data, is a usage error.
    private func loadSets() throws -> DataSplit {
        switch dataset {
        case .blobs: try SizeChecks.generatedData(examples: totalCount, dimension: inputDim, clusters: try clusterCount())
        case .circles, .moons, .twoBlobs: try SizeChecks.generatedData(examples: totalCount, dimension: 2, clusters: 2)
        case .idx, .mnist, .fashionMNIST, .csv: break
        }
        do {
            return try source().load(selection)
        } catch DatasetError.notEnoughExamples(let setting, let requested, let available) {
            throw ValidationError("\(CommandLineText.flag(setting)) \(requested) is more than the \(available) examples available")
        } catch let error as DatasetError {
            if case .dimensionMismatch = error { throw ValidationError(error.description) }
            throw error
        }
    }
}
