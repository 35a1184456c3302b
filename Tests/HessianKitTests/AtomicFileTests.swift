@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class AtomicFileTests: XCTestCase {
    func testWritesWholeFilesAndLeavesNoTemporaries() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.csv").path
        try AtomicFile.write("a\n", to: path)
        try AtomicFile.write("b,c\n", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "b,c\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["out.csv"])
        XCTAssertThrowsError(try AtomicFile.write("x", to: folder.appendingPathComponent("missing/out.csv").path))
        XCTAssertThrowsError(try AtomicFile.write("x", to: folder.path))
    }

    /// Writing to a device must not replace the device node with a file.
    func testDevicesAreWrittenInPlace() throws {
        try AtomicFile.write("", to: "/dev/null")
        var status = stat()
        XCTAssertEqual(stat("/dev/null", &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFCHR)
    }

    /// A symbolic link to a regular file keeps being a link.
    func testSymbolicLinksSurvive() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("target.csv").path
        let link = folder.appendingPathComponent("link.csv").path
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.csv")
        try AtomicFile.write("new", to: link)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "target.csv")
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "new")
    }
}
