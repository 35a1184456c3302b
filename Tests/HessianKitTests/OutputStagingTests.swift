@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class OutputStagingTests: XCTestCase {
    /// A relative folder of one name and one below a missing parent are
    /// created (a name without a slash once trapped inside Foundation).
    func testCreatesRelativeFoldersAndTheirParents() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("staging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(base.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        try OutputStaging.createFolder("single")
        try OutputStaging.createFolder("out/reproduce")
        var isDirectory: ObjCBool = false
        for name in ["single", "out", "out/reproduce"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: base.appendingPathComponent(name).path, isDirectory: &isDirectory), name)
            XCTAssertTrue(isDirectory.boolValue, name)
        }
    }
}
