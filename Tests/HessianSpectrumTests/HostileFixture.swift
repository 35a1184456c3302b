import CommandTestSupport
import Foundation
import HessianKit
import XCTest

/// A folder of small, valid input files for the hostile-input tests, written
/// by the library (no binary run needed), with a snapshot of every file's
/// bytes so a test can assert that nothing was changed, added or left.
final class HostileFixture {
    let folder: URL
    private var snapshot: [String: Data] = [:]

    /// model.json (4-3-2 ReLU, nll), data.csv (6 examples of 4 features,
    /// 2 classes), spectrum.csv (a spectrum of 5 eigenvalues), images.idx
    /// (5 images of 2 × 2) and labels.idx (5 labels).
    init() throws {
        folder = try CommandRunner.temporaryFolder()
        let model = try MLP(sizes: [4, 3, 2], activation: .relu, loss: .nll, initScale: 0.5, seed: 1)
        try write(ModelFile.encode(model), "model.json")
        let features = (0..<24).map { Double($0 % 7) / 7 - 0.4 }
        let data = try Dataset(features: features, labels: [0, 1, 0, 1, 1, 0], dimension: 4, classCount: 2)
        try write(CSVDataset.encode(data), "data.csv")
        try write("matrix,point,step,index,eigenvalue\n" + (0..<5).map { "hessian,final,,\($0),\(Double($0) - 1.5)" }.joined(separator: "\n") + "\n", "spectrum.csv")
        try write(idx(dimensions: [5, 2, 2], payload: Array(0..<20)), "images.idx")
        try write(idx(dimensions: [5], payload: [0, 1, 0, 1, 1]), "labels.idx")
        takeSnapshot()
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func write(_ text: String, _ name: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    func write(_ bytes: [UInt8], _ name: String) throws {
        try Data(bytes).write(to: folder.appendingPathComponent(name))
    }

    /// An IDX file of unsigned bytes.
    func idx(dimensions: [Int], payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 8, UInt8(dimensions.count)]
        for d in dimensions { bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: d >> $0) } }
        return bytes + payload
    }

    /// Records the folder as it is now: the state every failure must leave.
    func takeSnapshot() {
        snapshot = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            snapshot[name] = isDirectory.boolValue ? Data() : fingerprint(url.path)
        }
    }

    /// Asserts that no file was added, removed or changed since the snapshot.
    func assertUnchanged(_ context: String, file: StaticString = #filePath, line: UInt = #line) {
        let names = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        XCTAssertEqual(names, Set(snapshot.keys), "\(context): files added or removed", file: file, line: line)
        for (name, bytes) in snapshot where names.contains(name) {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if !isDirectory.boolValue {
                XCTAssertEqual(fingerprint(url.path), bytes, "\(context): \(name) changed", file: file, line: line)
            }
        }
    }

    /// A file's bytes, or for a file over 1 MB (the sparse giants) its size
    /// and modification time, so that no test reads gigabytes.
    private func fingerprint(_ path: String) -> Data {
        var status = stat()
        guard stat(path, &status) == 0 else { return Data() }
        if status.st_size > 1 << 20 {
            return Data("\(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)".utf8)
        }
        return FileManager.default.contents(atPath: path) ?? Data()
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
