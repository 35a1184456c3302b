@testable import HessianSpectrumCommands
import ArgumentParser
import HessianKit
import XCTest

/// `plot` options parsed in process.
final class PlotOptionParsingTests: XCTestCase {
    func testOutputMustBeSVG() throws {
        for bad in ["x.pdf", "x.png", "svg"] {
            let plot = try Plot.parse(["in.csv", "-o", bad])
            XCTAssertThrowsError(try plot.run(), bad) { error in
                XCTAssert(Plot.message(for: error).contains(".svg"), Plot.message(for: error))
            }
        }
    }

    func testWhereGroupByAndDensityOptions() throws {
        let plot = try Plot.parse(["in.csv", "--where", "lr=0.1", "--where", "seed=2", "--group-by", "lr, seed",
                                   "--kind", "density", "--bandwidth", "0.01", "--marchenko-pastur", "--mp-samples", "400"])
        let options = try plot.options()
        XCTAssertEqual(options.filters, [.init(column: "lr", value: "0.1"), .init(column: "seed", value: "2")])
        XCTAssertEqual(options.groupBy, ["lr", "seed"])
        XCTAssertEqual(options.bandwidth, 0.01)
        XCTAssertEqual(options.samples, 400)
        for bad in [["--where", "lr"], ["--marchenko-pastur"], ["--mp-samples", "3"], ["--bandwidth", "0"], ["--log-y", "--symlog"]] {
            XCTAssertThrowsError(try Plot.parse(["in.csv"] + bad), "\(bad)")
        }
    }

    /// The library's plot errors in the command line's words: the flags that help.
    func testPlotErrorsNameTheFlags() throws {
        let many = CommandLineText.message(for: PlotError.tooManyGroups(source: "s.csv", count: 13, columns: ["lr"], limit: 12)) ?? ""
        XCTAssert(many.contains("--where column=value") && many.contains("--group-by"), many)
        let unknown = CommandLineText.message(for: PlotError.unknownColumn(source: "s.csv", option: .rowFilter, column: "mu", columns: ["lr"])) ?? ""
        XCTAssert(unknown.contains("--where names 'mu'"), unknown)
        XCTAssertThrowsError(try Plot.parse(["in.csv", "--kind", "density", "--marchenko-pastur"])) { error in
            XCTAssert(Plot.message(for: error).contains("--mp-samples"), Plot.message(for: error))
        }
    }
}
