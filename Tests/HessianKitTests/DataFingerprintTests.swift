@testable import HessianCore
@testable import HessianFormats
import Foundation
import XCTest

/// The training-data fingerprint recorded beside a model.
final class DataFingerprintTests: XCTestCase {
    /// Equal data give equal fingerprints (also through CSV and .npz);
    /// one changed feature or label, or a subset, gives another; the text
    /// reads back.
    func testFingerprintTellsDataApart() throws {
        let data = Fixture.data(n: 12, d: 3, classes: 3, seed: 1)
        let print = DataFingerprint(data)
        XCTAssertEqual(DataFingerprint(try NPZDataset.decode(NPZDataset.encode(data), path: "d.npz")), print)
        var feature = data
        feature.features[7] = feature.features[7].nextUp
        var label = data
        label.labels[0] = (label.labels[0] + 1) % 3
        let others = [DataFingerprint(feature), DataFingerprint(label), DataFingerprint(data.subset(Array(0..<11)))]
        for other in others { XCTAssertNotEqual(other, print) }
        XCTAssertEqual(DataFingerprint(text: print.description), print)
        XCTAssert(print.description.hasPrefix("N=12 d=3 fnv1a="), print.description)
        XCTAssertNil(DataFingerprint(text: "N=12 d=3"))
    }

    /// Every model format records it, and the record reads it back.
    func testModelFilesRecordTheFingerprint() throws {
        let data = Fixture.data(n: 6, d: 3, classes: 2, seed: 2)
        let model = Fixture.model([3, 4, 2], .relu, .nll)
        for format in ModelFormat.allCases {
            let bytes = ModelFile.encode(model, as: format, data: DataFingerprint(data))
            let record = try ModelFile.decodeRecord(bytes: bytes, path: "m.\(format.rawValue)")
            XCTAssertEqual(record.model, model, "\(format)")
            XCTAssertEqual(record.dataFingerprint, DataFingerprint(data), "\(format)")
        }
        XCTAssertNil(try ModelFile.decodeRecord(bytes: ModelFile.encode(model, as: .json), path: "m.json").dataFingerprint)
    }
}
