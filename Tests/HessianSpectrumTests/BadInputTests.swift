import CommandTestSupport
import Foundation
import XCTest

final class BadInputTests: XCTestCase {
    let base = ["train", "--clusters", "3", "--input-dim", "4", "--samples", "30", "--test-samples", "0", "--width", "5", "--steps", "5"]

    func testAHessianThatCannotFitIsRefusedUpFront() throws {
        let start = Date()
        let result = try CommandRunner.run(["train", "--width", "20000", "--clusters", "3", "--input-dim", "4", "--samples", "10", "--test-samples", "0"])
        assertCleanFailure(result, mentioning: "needs")
        XCTAssert(result.stderr.contains("GB"), result.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(start), 20, "the refusal must come before any work")
    }

    func testDivergenceNamesTheStepAndWritesNothing() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("spectrum.csv").path
        let summary = folder.appendingPathComponent("summary.csv").path
        let result = try CommandRunner.run(base + ["--lr", "1e8", "--init-scale", "2", "--loss", "mse", "--steps", "200", "-o", output, "--summary", summary])
        assertCleanFailure(result, mentioning: "diverged at step")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
        XCTAssertFalse(FileManager.default.fileExists(atPath: summary))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "no temporary files left behind")
    }

    func testMissingOutputFolderFailsBeforeWork() throws {
        assertCleanFailure(try CommandRunner.run(base + ["-o", "/nonexistent-folder/x.csv"]), mentioning: "does not exist")
    }

    func testBadModelAndDataFiles() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model.json").path
        let data = folder.appendingPathComponent("data.csv").path
        let trained = try CommandRunner.run(base + ["--save-model", model, "--save-data", data, "--quiet"])
        XCTAssertEqual(trained.status, 0, trained.stderr)

        assertCleanFailure(try CommandRunner.run(["spectrum", "--model", folder.appendingPathComponent("none.json").path, "--data", data]), mentioning: "none.json")
        let broken = folder.appendingPathComponent("broken.json").path
        try "{\"format\":\"hessian-spectrum-mlp\",\"version\":1,\"layers\":[4,5".write(toFile: broken, atomically: true, encoding: .utf8)
        assertCleanFailure(try CommandRunner.run(["spectrum", "--model", broken, "--data", data]), mentioning: "broken.json")
        let short = folder.appendingPathComponent("short.json").path
        try "{\"format\":\"hessian-spectrum-mlp\",\"version\":1,\"layers\":[4,5,3],\"activation\":\"relu\",\"loss\":\"nll\",\"parameters\":[1,2]}".write(toFile: short, atomically: true, encoding: .utf8)
        assertCleanFailure(try CommandRunner.run(["spectrum", "--model", short, "--data", data]), mentioning: "parameters")
        // A model whose input size does not match the data.
        let other = folder.appendingPathComponent("other.json").path
        let wide = try CommandRunner.run(["train", "--clusters", "3", "--input-dim", "6", "--samples", "30", "--test-samples", "0", "--width", "5", "--steps", "1", "--quiet", "--save-model", other])
        XCTAssertEqual(wide.status, 0, wide.stderr)
        assertCleanFailure(try CommandRunner.run(["spectrum", "--model", other, "--data", data]), mentioning: "6 inputs")
        let ragged = folder.appendingPathComponent("ragged.csv").path
        try "label,x0,x1,x2,x3\n0,1,2,3,4\n1,1,2\n".write(toFile: ragged, atomically: true, encoding: .utf8)
        assertCleanFailure(try CommandRunner.run(["spectrum", "--model", model, "--data", ragged]), mentioning: "ragged.csv")
    }
}
