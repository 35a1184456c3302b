import CommandTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// `hessian-spectrum plot` end to end: input from a file or stdin, output to
/// a file or stdout, and one clean error line for bad input.
final class PlotCommandTests: XCTestCase {
    let spectrum = """
        clusters,matrix,point,step,index,eigenvalue
        2,hessian,final,10,0,-0.01
        2,hessian,final,10,1,0
        2,hessian,final,10,2,3
        5,hessian,final,10,0,0
        5,hessian,final,10,1,1
        5,hessian,final,10,2,4

        """

    func seriesCount(_ svg: String) throws -> Int {
        let document = try XMLDocument(xmlString: svg, options: [])
        XCTAssertEqual(document.rootElement()?.name, "svg")
        return svg.components(separatedBy: "<path class=\"series\"").count - 1
    }

    func testStdinToStdoutAndFileToFile() throws {
        let piped = try CommandRunner.run(["plot"], stdin: spectrum)
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssert(piped.stdout.hasPrefix("<?xml"))
        XCTAssertEqual(try seriesCount(piped.stdout), 2)

        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("spectrum.csv").path
        let output = folder.appendingPathComponent("histogram.svg").path
        try spectrum.write(toFile: input, atomically: true, encoding: .utf8)
        let written = try CommandRunner.run(["plot", input, "-o", output, "--kind", "histogram", "--log-count", "--bins", "5"])
        XCTAssertEqual(written.status, 0, written.stderr)
        XCTAssertEqual(written.stdout, "")
        let svg = try String(contentsOfFile: output, encoding: .utf8)
        XCTAssertEqual(try seriesCount(svg), 2)
        XCTAssert(svg.contains("count (log scale)"))

        let dash = try CommandRunner.run(["plot", "-", "--kind", "negative", "--width", "640", "--height", "400"], stdin: spectrum)
        XCTAssertEqual(dash.status, 0, dash.stderr)
        XCTAssert(dash.stdout.contains("width=\"640\" height=\"400\""))
    }

    /// The done-when of the summary figure: a `train --every K --summary`
    /// file plots as its measured columns against the step, one panel each,
    /// the points at the measured steps.
    func testATrainingSummaryPlotsAgainstTheStep() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = folder.appendingPathComponent("s.csv").path, figure = folder.appendingPathComponent("s.svg").path
        let train = try CommandRunner.run(["train", "--clusters", "2", "--input-dim", "5", "--samples", "60", "--width", "4",
                                           "--depth", "1", "--steps", "20", "--every", "5", "--summary", summary,
                                           "-o", folder.appendingPathComponent("spectra.csv").path])
        XCTAssertEqual(train.status, 0, train.stderr)
        let plot = try CommandRunner.run(["plot", summary, "-o", figure])
        XCTAssertEqual(plot.status, 0, plot.stderr)
        let svg = try String(contentsOfFile: figure, encoding: .utf8)
        // Without eigenvectors there is no overlap: trace and the largest eigenvalue.
        XCTAssertEqual(try seriesCount(svg), 2)
        XCTAssert(svg.contains("data-series=\"trace\"") && svg.contains("data-series=\"max_eigenvalue\""))
        let chosen = try CommandRunner.run(["plot", summary, "--columns", "negatives,train_loss,min_eigenvalue"])
        XCTAssertEqual(chosen.status, 0, chosen.stderr)
        XCTAssertEqual(try seriesCount(chosen.stdout), 3)
        assertCleanFailure(try CommandRunner.run(["plot", summary, "--columns", "seed"]), mentioning: "--columns")
        assertCleanFailure(try CommandRunner.run(["plot", summary, "--layout", "panels"]), mentioning: "--layout")
    }

    func testBadInputFailsWithOneLine() throws {
        assertCleanFailure(try CommandRunner.run(["plot"], stdin: "a,b\n1,2\n"), mentioning: "expected a spectrum")
        assertCleanFailure(try CommandRunner.run(["plot"], stdin: ""), mentioning: "empty")
        assertCleanFailure(try CommandRunner.run(["plot"], stdin: "matrix,point,step,index,eigenvalue\nhessian,final,1,0,nan\n"),
                           mentioning: "line 2")
        assertCleanFailure(try CommandRunner.run(["plot", "--kind", "curves"], stdin: spectrum), mentioning: "--kind curves")
        assertCleanFailure(try CommandRunner.run(["plot", "--log-count"], stdin: spectrum), mentioning: "--log-count")
        assertCleanFailure(try CommandRunner.run(["plot", "--width", "10"], stdin: spectrum), mentioning: "--width")
        assertCleanFailure(try CommandRunner.run(["plot", "--bins", "0"], stdin: spectrum), mentioning: "--bins")
        assertCleanFailure(try CommandRunner.run(["plot", "--top", "0"], stdin: spectrum), mentioning: "--top")
        assertCleanFailure(try CommandRunner.run(["plot", "--kind", "pie"], stdin: spectrum), mentioning: "kind")
        assertCleanFailure(try CommandRunner.run(["plot", "/no/such/file.csv"]), mentioning: "/no/such/file.csv")

        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("absent/plot.svg").path
        assertCleanFailure(try CommandRunner.run(["plot", "-o", missing], stdin: spectrum), mentioning: "does not exist")
        let output = folder.appendingPathComponent("plot.svg").path
        assertCleanFailure(try CommandRunner.run(["plot", "-o", output], stdin: "x\n1\n"), mentioning: "expected")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output), "no output file after a failure")
    }
}
