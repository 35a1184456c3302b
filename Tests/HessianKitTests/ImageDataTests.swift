@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class ImageDataTests: XCTestCase {
    private var folder: ScratchFolder!

    override func setUpWithError() throws { folder = try ScratchFolder() }
    override func tearDown() { folder.remove() }

    /// `count` images of 2 × 3 pixels, pixel (i, r, c) = 40·i + 3·r + c
    /// (mod 256), and labels `i mod 3`.
    private func writePair(_ prefix: String, count: Int, gzip: Bool = false) throws -> (images: String, labels: String) {
        var pixels: [UInt8] = []
        for i in 0..<count { for r in 0..<2 { for c in 0..<3 { pixels.append(UInt8((40 * i + 3 * r + c) % 256)) } } }
        let images = idxFile(dimensions: [count, 2, 3], payload: pixels)
        let labels = idxFile(dimensions: [count], payload: (0..<count).map { UInt8($0 % 3) })
        let write = { (bytes: [UInt8], name: String) in gzip ? try self.folder.writeGzip(bytes, to: name + ".gz") : try self.folder.write(bytes, to: name) }
        return (try write(images, prefix + "-images-idx3-ubyte"), try write(labels, prefix + "-labels-idx1-ubyte"))
    }

    func testPixelsScaledColumnMajorWithLabels() throws {
        let files = try writePair("small", count: 5)
        let data = try ImageData.load(images: files.images, labels: files.labels)
        XCTAssertEqual(data.count, 5)
        XCTAssertEqual(data.dimension, 6)
        XCTAssertEqual(data.classCount, 3)
        XCTAssertEqual(data.labels, [0, 1, 2, 0, 1])
        for i in 0..<5 {
            for r in 0..<2 {
                for c in 0..<3 {
                    let expected = Double((40 * i + 3 * r + c) % 256) / 255
                    XCTAssertEqual(data.features[(3 * r + c) * 5 + i], expected, accuracy: 1e-15)
                }
            }
        }
        XCTAssertEqual(data.features.min() ?? -1, 0, accuracy: 1e-15)
        XCTAssertLessThanOrEqual(data.features.max() ?? 2, 1)
    }

    /// More examples than one 64-example transpose block, gzip-compressed.
    func testLargerGzipSetMatchesThePlainOne() throws {
        let plain = try writePair("plain", count: 150)
        let compressed = try writePair("packed", count: 150, gzip: true)
        let a = try ImageData.load(images: plain.images, labels: plain.labels)
        let b = try ImageData.load(images: compressed.images, labels: compressed.labels)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.feature(5, of: 149), Double((40 * 149 + 5) % 256) / 255, accuracy: 1e-15)
    }

    func testClassCountIsAtLeastTwo() throws {
        let images = try folder.write(idxFile(dimensions: [2, 1], payload: [0, 255]), to: "images")
        let labels = try folder.write(idxFile(dimensions: [2], payload: [0, 0]), to: "labels")
        let data = try ImageData.load(images: images, labels: labels)
        XCTAssertEqual(data.classCount, 2)
        XCTAssertEqual(data.features, [0, 1])
    }

    func testCountMismatch() throws {
        let images = try folder.write(idxFile(dimensions: [3, 2], payload: [1, 2, 3, 4, 5, 6]), to: "images")
        let labels = try folder.write(idxFile(dimensions: [2], payload: [0, 1]), to: "labels")
        assertFileError(try ImageData.load(images: images, labels: labels), path: labels, "2 labels", "3 images")
    }

    func testLabelOutOfRange() throws {
        let images = try folder.write(idxFile(dimensions: [3, 2], payload: [1, 2, 3, 4, 5, 6]), to: "images")
        let labels = try folder.write(idxFile(dimensions: [3], payload: [9, 10, 1]), to: "labels")
        assertFileError(try ImageData.load(images: images, labels: labels, classCount: 10), path: labels,
                        "label 10 of example 1", "out of range")
    }

    func testShapesThatAreNotImagesAndLabels() throws {
        let list = try folder.write(idxFile(dimensions: [3], payload: [1, 2, 3]), to: "list")
        let grid = try folder.write(idxFile(dimensions: [3, 1], payload: [0, 1, 2]), to: "grid")
        assertFileError(try ImageData.load(images: list, labels: list), path: list, "expected images")
        assertFileError(try ImageData.load(images: grid, labels: grid), path: grid, "expected a list of labels")
        let none = try folder.write(idxFile(dimensions: [0, 28, 28], payload: []), to: "none")
        assertFileError(try ImageData.load(images: none, labels: list), path: none, "no images")
    }

    func testMNISTFolderPlainAndGzipNames() throws {
        let train = try writePair("train", count: 12, gzip: true)
        let test = try writePair("t10k", count: 4)
        let split = try ImageData.loadMNIST(directory: folder.path)
        XCTAssertEqual(split.train, try ImageData.load(images: train.images, labels: train.labels, classCount: 10))
        XCTAssertEqual(split.test, try ImageData.load(images: test.images, labels: test.labels, classCount: 10))
        XCTAssertEqual(split.train.classCount, 10)
        XCTAssertEqual(split.test?.count, 4)
    }

    func testMNISTFolderNamesTheMissingFile() throws {
        _ = try writePair("train", count: 4)
        _ = try folder.write(idxFile(dimensions: [2, 2, 3], payload: Array(repeating: 0, count: 12)), to: "t10k-images-idx3-ubyte")
        assertFileError(try ImageData.loadMNIST(directory: folder.path), path: folder.path,
                        "t10k-labels-idx1-ubyte", "t10k-labels-idx1-ubyte.gz")
        let absent = folder.file("nowhere")
        assertFileError(try ImageData.loadMNIST(directory: absent), path: absent, "no such folder")
        XCTAssertThrowsError(try ImageData.loadFashionMNIST(directory: absent)) { error in
            XCTAssertEqual(error as? DatasetError, .notInstalled(name: "Fashion-MNIST", package: "dataset-fashion-mnist", path: absent))
            XCTAssertTrue("\(error)".contains("sudo apt-get install dataset-fashion-mnist"), "\(error)")
        }
    }
}
