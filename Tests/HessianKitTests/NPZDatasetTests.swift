@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class NPZDatasetTests: XCTestCase {
    private let data = Fixture.data(n: 7, d: 3, classes: 4, seed: 17)

    private func archive(x: [UInt8], y: [UInt8]) -> [UInt8] {
        TensorBytes.zip([TensorBytes.Member(name: "x.npy", bytes: x, method: 8), TensorBytes.Member(name: "y.npy", bytes: y)])
    }

    private var rows: [Double] { (0..<data.count).flatMap { data.example($0) } }

    /// The same examples as CSV and as .npz give the same data set, bit for bit.
    func testNPZAndCSVGiveTheSameDataSet() throws {
        let labels = TensorBytes.npy(descr: "<i8", shape: [data.count], payload: data.labels.flatMap { TensorBytes.littleEndian(Int64($0)) })
        let fromNPZ = try DataFile.decode(bytes: archive(x: TensorBytes.npy(rows, shape: [data.count, data.dimension]), y: labels), path: "d.npz")
        let fromCSV = try DataFile.decode(bytes: Array(CSVDataset.encode(data).utf8), path: "d.csv")
        XCTAssertEqual(fromNPZ, fromCSV)
        XCTAssertEqual(fromNPZ, data)
        XCTAssertEqual(try DataFile.decode(bytes: NPZDataset.encode(data), path: "d.npz"), data, "written and read back")
    }

    func testFloat32FeaturesWidenAndWholeFloatLabelsCount() throws {
        let x = TensorBytes.npy(descr: "<f4", shape: [data.count, data.dimension], payload: rows.flatMap { TensorBytes.littleEndian(Float($0).bitPattern) })
        let read = try DataFile.decode(bytes: archive(x: x, y: TensorBytes.npy(data.labels.map(Double.init), shape: [data.count])), path: "d.npz")
        XCTAssertEqual(read.features, data.features.map { Double(Float($0)) })
        XCTAssertEqual(read.labels, data.labels)
    }

    func testBadArraysNameTheArray() {
        let x = TensorBytes.npy(rows, shape: [data.count, data.dimension])
        let cases: [([UInt8], String, String)] = [
            (TensorBytes.zip([TensorBytes.Member(name: "x.npy", bytes: x)]), "y", "missing"),
            (archive(x: x, y: TensorBytes.npy([0, 1], shape: [2])), "y", "one label per row"),
            (archive(x: x, y: TensorBytes.npy([0, 1.5, 0, 0, 0, 0, 0], shape: [7])), "y", "not a whole number"),
            (archive(x: TensorBytes.npy(rows, shape: [rows.count]), y: TensorBytes.npy(data.labels.map(Double.init), shape: [7])), "x", "is not (N, d)"),
            (archive(x: TensorBytes.npy([.nan] + rows.dropFirst(), shape: [7, 3]), y: TensorBytes.npy(data.labels.map(Double.init), shape: [7])), "x", "element [0, 0] is nan"),
        ]
        for (bytes, tensor, fragment) in cases {
            XCTAssertThrowsError(try DataFile.decode(bytes: bytes, path: "d.npz"), fragment) { error in
                let message = "\(error)"
                XCTAssert(message.hasPrefix("d.npz: tensor '\(tensor)': "), message)
                XCTAssert(message.contains(fragment), "'\(message)' should mention \(fragment)")
            }
        }
    }
}
