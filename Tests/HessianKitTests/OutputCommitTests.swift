@testable import HessianCore
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianExperiments
@testable import HessianRuntime
import HessianKit
import XCTest

/// The commit of a run's outputs: all new or all as before.
final class OutputCommitTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("commit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        OutputStaging.discard()
        try? FileManager.default.removeItem(at: folder)
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    private func contents(_ name: String) -> String? { try? String(contentsOfFile: path(name), encoding: .utf8) }
    private var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() }

    /// An output whose destination turns into a folder after the others were
    /// staged: the commit fails, the earlier outputs are put back as they
    /// were (replaced ones restored, new ones removed), nothing is left over.
    func testAFailedRenameRollsBackTheOthers() throws {
        try "old a\n".write(toFile: path("a.csv"), atomically: false, encoding: .utf8)
        OutputStaging.begin()
        try OutputStaging.write(Array("new a\n".utf8), to: path("a.csv"))
        try OutputStaging.write(Array("new b\n".utf8), to: path("b.csv"))
        try OutputStaging.write(Array("new c\n".utf8), to: path("c.csv"))
        try FileManager.default.createDirectory(atPath: path("c.csv"), withIntermediateDirectories: false)
        XCTAssertThrowsError(try OutputStaging.commit()) { error in
            XCTAssert("\(error)".contains("c.csv"), "\(error)")
        }
        XCTAssertEqual(contents("a.csv"), "old a\n")
        XCTAssertEqual(names, ["a.csv", "c.csv"], "no new file, temporary or kept copy left")
    }

    func testASuccessfulCommitLeavesOnlyTheOutputs() throws {
        try "old\n".write(toFile: path("a.csv"), atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: path("link1"), withDestinationPath: "link2")
        try FileManager.default.createSymbolicLink(atPath: path("link2"), withDestinationPath: "target.csv")
        OutputStaging.begin()
        try OutputStaging.write(Array("new\n".utf8), to: path("a.csv"))
        try OutputStaging.write(Array("through\n".utf8), to: path("link1"))
        try OutputStaging.commit()
        XCTAssertEqual(contents("a.csv"), "new\n")
        XCTAssertEqual(contents("target.csv"), "through\n", "a chain of links writes its final target")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: path("link1")), "link2", "links stay links")
        XCTAssertEqual(names, ["a.csv", "link1", "link2", "target.csv"])
    }

    /// A legal 254-byte name: its temporary and kept names fit 255 bytes.
    func testLongestNamesGetShortSidecars() throws {
        let long = String(repeating: "é", count: 125) + ".csv"
        XCTAssertEqual(long.utf8.count, 254)
        let sidecar = SidecarName.beside("/x/" + long, tag: "hs-12345-678.tmp")
        XCTAssert(sidecar.hasPrefix("/x/.é"), sidecar)
        XCTAssertLessThanOrEqual(sidecar.utf8.count - 3, 255)
        XCTAssertNotNil(String(validating: Array(sidecar.utf8), as: UTF8.self), "cut at a character boundary")
        try "old\n".write(toFile: path(long), atomically: false, encoding: .utf8)
        OutputStaging.begin()
        try OutputStaging.write(Array("new\n".utf8), to: path(long))
        try OutputStaging.commit()
        XCTAssertEqual(contents(long), "new\n")
        XCTAssertEqual(names, [long])
    }

    func testALinkLoopIsAnError() throws {
        try FileManager.default.createSymbolicLink(atPath: path("loop1"), withDestinationPath: "loop2")
        try FileManager.default.createSymbolicLink(atPath: path("loop2"), withDestinationPath: "loop1")
        XCTAssertThrowsError(try OutputStaging.write(Array("x".utf8), to: path("loop1"))) { error in
            XCTAssert("\(error)".contains("symbolic links"), "\(error)")
        }
    }
}
