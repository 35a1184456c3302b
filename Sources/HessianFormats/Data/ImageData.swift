import Foundation
import HessianCore

/// Image classification data in IDX files: MNIST, Fashion-MNIST, or any
/// pair of IDX files in the same layout.
///
/// An images file holds unsigned bytes `N × rows × cols`; a labels file holds
/// `N` unsigned bytes. Each image becomes one example of dimension
/// `rows · cols` (row-major pixel order) with every pixel scaled from
/// 0…255 to [0, 1].
public enum ImageData {
    /// Where Debian's `dataset-fashion-mnist` package puts the four
    /// gzip-compressed Fashion-MNIST files.
    public static let fashionMNISTDirectory = "/usr/share/datasets/fashion-mnist"

    /// The classes of MNIST (digits 0–9) and of Fashion-MNIST (ten kinds of
    /// clothing).
    public static let mnistClassCount = 10

    /// The four files of an MNIST-format data set, by their standard names;
    /// each may also be present with `.gz` appended.
    public enum MNISTFile: String, CaseIterable, Sendable {
        case trainImages = "train-images-idx3-ubyte"
        case trainLabels = "train-labels-idx1-ubyte"
        case testImages = "t10k-images-idx3-ubyte"
        case testLabels = "t10k-labels-idx1-ubyte"
    }

    /// Reads an images file and its labels file (each plain or gzip).
    ///
    /// - Parameter classCount: the number of classes; labels must lie in
    ///   `0..<classCount`. When nil it is the largest label + 1, at least 2.
    /// - Throws: `DatasetError.file` naming the file at fault when either
    ///   file is unreadable or not IDX, the images are not `N × …`, the labels
    ///   are not a list, the counts differ, or a label is out of range.
    /// - Complexity: O(N · rows · cols).
    public static func load(images: String, labels: String, classCount: Int? = nil) throws -> Dataset {
        if let classCount, classCount < 2 {
            throw DatasetError.invalid("a classification data set needs at least 2 classes, got \(classCount)")
        }
        // Both headers first: a wrong file or a size that cannot fit is
        // refused before any image is read.
        let imageFile = try IDX.Reader(path: images)
        let labelFile = try IDX.Reader(path: labels)
        let imageDimensions = imageFile.header.dimensions, labelDimensions = labelFile.header.dimensions
        guard imageDimensions.count >= 2 else {
            throw DatasetError.file(path: images, problem: "expected images, N × rows × cols, found a list of \(imageDimensions[0]) values (is this the labels file?)")
        }
        guard labelDimensions.count == 1 else {
            throw DatasetError.file(path: labels, problem: "expected a list of labels, found an array of \(labelFile.header.shape) (is this an images file?)")
        }
        let count = imageDimensions[0]
        guard count > 0 else { throw DatasetError.file(path: images, problem: "the file holds no images") }
        // The header's product of all sizes fits in an Int, so with count ≥ 1 this one does too.
        let dimension = imageDimensions.dropFirst().reduce(1, *)
        guard dimension > 0 else { throw DatasetError.file(path: images, problem: "the images have no pixels") }
        guard labelDimensions[0] == count else {
            throw DatasetError.file(path: labels, problem: "\(labelDimensions[0]) labels for the \(count) images of \(images): the counts must agree")
        }
        // The bytes, then one Double per pixel.
        let (doubles, overflow) = imageFile.header.payload.multipliedReportingOverflow(by: 9)
        try MemoryBudget.require(overflow ? Int.max : doubles, for: "the \(count) images of \(dimension) pixels in \(images)",
                                 available: MemoryBudget.availableBytes())
        let imageArray = try imageFile.readPayload()
        let labelArray = try labelFile.readPayload()

        let labelValues = labelArray.bytes.map(Int.init)
        let classes: Int
        if let classCount {
            if let s = labelValues.firstIndex(where: { $0 >= classCount }) {
                throw DatasetError.file(path: labels, problem: "label \(labelValues[s]) of example \(s) is out of range: labels must lie in 0…\(classCount - 1)")
            }
            classes = classCount
        } else {
            classes = max(2, (labelValues.max() ?? 0) + 1)
        }
        let features = scaledColumns(imageArray.bytes, count: count, dimension: dimension)
        // Shapes agree, labels are in range and pixels are finite, as checked above.
        return Dataset(unchecked: features, labels: labelValues, dimension: dimension, classCount: classes)
    }

    /// Reads the four standard MNIST files from `directory`, each plain or
    /// with `.gz` appended: the 60000 training and 10000 test images of
    /// MNIST or Fashion-MNIST, ten classes.
    ///
    /// - Throws: `DatasetError.file` when the folder is missing, one of the
    ///   four files is in neither form (the error names it), or a file is bad.
    public static func loadMNIST(directory: String) throws -> DataSplit {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DatasetError.file(path: directory, problem: "no such folder")
        }
        let train = try load(images: locate(.trainImages, in: directory),
                             labels: locate(.trainLabels, in: directory),
                             classCount: mnistClassCount)
        let testImages = try locate(.testImages, in: directory)
        let test = try load(images: testImages, labels: locate(.testLabels, in: directory),
                            classCount: mnistClassCount)
        guard test.dimension == train.dimension else {
            throw DatasetError.file(path: testImages, problem: "test images of \(test.dimension) pixels do not match the training images of \(train.dimension)")
        }
        return DataSplit(train: train, test: test)
    }

    /// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017) as Debian's
    /// `dataset-fashion-mnist` package installs it in
    /// `fashionMNISTDirectory`: 60000 training and 10000 test images of
    /// 28 × 28 pixels, ten classes.
    ///
    /// - Throws: `DatasetError.notInstalled` naming the package when the
    ///   folder is missing.
    public static func loadFashionMNIST(directory: String = fashionMNISTDirectory) throws -> DataSplit {
        guard FileManager.default.fileExists(atPath: directory) else {
            throw DatasetError.notInstalled(name: "Fashion-MNIST", package: "dataset-fashion-mnist", path: directory)
        }
        return try loadMNIST(directory: directory)
    }

    /// The path of `name` or `name.gz` in `directory`, whichever exists.
    static func locate(_ file: MNISTFile, in directory: String) throws -> String {
        let name = file.rawValue
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        for candidate in [name, name + ".gz"] {
            let path = folder.appendingPathComponent(candidate).path
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        throw DatasetError.file(path: directory, problem: "neither \(name) nor \(name).gz is in this folder")
    }

    /// Row-major `count × dimension` bytes as the column-major `Dataset`
    /// layout, each byte divided by 255.
    ///
    /// Transposes in blocks of examples so that both the reads and the
    /// writes stay within a few cache lines at a time.
    /// - Complexity: O(count · dimension).
    static func scaledColumns(_ pixels: [UInt8], count: Int, dimension: Int) -> [Double] {
        var features = [Double](repeating: 0, count: count * dimension)
        let block = 64
        pixels.withUnsafeBufferPointer { source in
            features.withUnsafeMutableBufferPointer { target in
                for first in stride(from: 0, to: count, by: block) {
                    let last = min(first + block, count)
                    for j in 0..<dimension {
                        let column = j * count
                        for s in first..<last {
                            target[column + s] = Double(source[s * dimension + j]) / 255
                        }
                    }
                }
            }
        }
        return features
    }
}
