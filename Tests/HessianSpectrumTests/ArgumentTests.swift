import CommandTestSupport
@testable import HessianSpectrumCommands
import HessianKit
import XCTest

/// Argument checking in this process: each command is parsed and run as
/// `main` would, and the error line it would print is checked. Only what
/// needs a real process (exit codes, streams, files) spawns the binary.
final class ArgumentTests: XCTestCase {
    /// The line `main` would print for `arguments`, or nil when the command succeeded.
    func errorLine(_ arguments: [String]) -> String? {
        do {
            var command = try HessianSpectrum.parseAsRoot(arguments)
            try command.run()
            return nil
        } catch {
            return HessianSpectrum.errorLine(for: error)
        }
    }

    func assertRefused(_ arguments: [String], mentioning fragments: String..., file: StaticString = #filePath, line: UInt = #line) {
        guard let message = errorLine(arguments) else {
            return XCTFail("\(arguments) should fail", file: file, line: line)
        }
        XCTAssert(message.hasPrefix("error: "), message, file: file, line: line)
        XCTAssertFalse(message.contains("\n"), message, file: file, line: line)
        for fragment in fragments {
            XCTAssert(message.lowercased().contains(fragment.lowercased()), "'\(message)' should mention '\(fragment)'", file: file, line: line)
        }
    }

    let train = ["train", "--clusters", "3", "--input-dim", "4", "--samples", "30", "--test-samples", "0", "--width", "5", "--steps", "5"]
    let data = ["--clusters", "3", "--input-dim", "4", "--samples", "40", "--test-samples", "20"]

    /// A bad value of each of train's option groups, through the whole
    /// command as `main` runs it: one `error:` line naming the flag. (Every
    /// bad value of each group is checked on the group itself, in
    /// `HostileArgumentTests.testOutOfRangeValuesNameTheFlag`: a parse of
    /// the whole command costs seconds in a debug build.)
    func testInvalidTrainingValues() {
        let cases: [([String], String)] = [
            (["--width", "0"], "--width"), (["--samples", "0"], "--samples"), (["--lr", "abc"], "lr"),
            (["--activation", "swish"], "activation"), (["--every", "0"], "--every"), (["--threads", "0"], "--threads"),
            (["--no-such-flag"], "no-such-flag"),
        ]
        for (extra, fragment) in cases { assertRefused(train + extra, mentioning: fragment) }
        assertRefused(["train", "--hidden", "3", "--width", "4"], mentioning: "--hidden")
    }

    func testDataSourceFlags() {
        assertRefused(["train", "--dataset", "idx", "--images", "x"], mentioning: "--labels")
        assertRefused(["train", "--dataset", "mnist"], mentioning: "--data-dir")
        assertRefused(["train", "--dataset", "csv"], mentioning: "--data")
        assertRefused(["train", "--dataset", "mnist", "--data-dir", "/nonexistent-folder"], mentioning: "no such folder")
        assertRefused(["train", "--dataset", "csv", "--data", "/nonexistent.csv"], mentioning: "/nonexistent.csv")
        assertRefused(["train", "--dataset", "imagenet"], mentioning: "dataset")
        assertRefused(["train", "--clusters", "3", "--input-dim", "4", "--samples", "2", "--steps", "1"], mentioning: "--clusters (3)")
    }

    /// Library errors reach the user in flag words: a method that does not
    /// apply, Lanczos without --top/--bottom. (Bad values of the spectrum
    /// options are checked on their groups in `HostileArgumentTests`.)
    func testSpectrumMethodRequests() {
        let small = ["train", "--clusters", "3", "--input-dim", "30", "--samples", "40", "--test-samples", "0", "--hidden", "6", "--steps", "5"]
        assertRefused(small + ["--activation", "tanh", "--method", "factored"], mentioning: "tanh", "use --method dense or lanczos")
        assertRefused(small + ["--method", "lanczos"], mentioning: "give --top K and/or --bottom K")
        assertRefused(small + ["--method", "fast"], mentioning: "--method")
    }

    func testExperimentValues() throws {
        assertRefused(["widths", "--widths", ""] + data, mentioning: "--widths")
        assertRefused(["widths", "--widths", "3,x"] + data, mentioning: "--widths")
        assertRefused(["batch", "--small", "32", "--large", "32"] + data, mentioning: "--small (32) must be less than --large (32)")
        assertRefused(["two-phase", "--small", "64", "--large", "32"] + data, mentioning: "--small")
        assertRefused(["clusters", "--clusters", "2,1"], mentioning: "--clusters")
        assertRefused(["clusters", "--clusters", ""], mentioning: "--clusters")
        assertRefused(["clusters", "--dataset", "csv", "--data", "x.csv"], mentioning: "blobs")
        assertRefused(["train", "--clusters", "2,3"], mentioning: "--clusters")
    }

    func testInterpolationValues() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("m.json").path, other = folder.appendingPathComponent("o.json").path
        let sink = folder.appendingPathComponent("spectrum.csv").path
        XCTAssertNil(errorLine(["train", "--width", "3", "--steps", "1", "--quiet", "--save-model", model, "-o", sink] + data))
        XCTAssertNil(errorLine(["train", "--width", "5", "--steps", "1", "--quiet", "--save-model", other, "-o", sink] + data))
        for alphas in ["1:2", "2:1:5", "a:b:c", "0:1:0"] {
            assertRefused(["interpolate", "--from", model, "--to", model, "--alphas", alphas] + data, mentioning: "--alphas")
        }
        assertRefused(["interpolate", "--from", model, "--to", other] + data, mentioning: "different layers")
        assertRefused(["interpolate", "--from", model, "--to", model, "--input-dim", "6", "--clusters", "3"], mentioning: "inputs")
    }

    func testOutlierAndPlotOptions() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spectrum = folder.appendingPathComponent("s.csv").path
        try "matrix,point,step,index,eigenvalue\nhessian,final,1,0,-1\nhessian,final,1,1,2\nhessian,final,1,2,5\n"
            .write(toFile: spectrum, atomically: true, encoding: .utf8)
        assertRefused(["outliers", "--window", "1", spectrum], mentioning: "--window must be at least 2, got 1")
        assertRefused(["outliers", "--zero-tol", "1", spectrum], mentioning: "--zero-tol")
        assertRefused(["outliers", "--ratio-floor", "1.5", spectrum], mentioning: "--ratio-floor")
        let svg = folder.appendingPathComponent("s.svg").path
        assertRefused(["plot", "--kind", "curves", spectrum, "-o", svg], mentioning: "--kind curves")
        assertRefused(["plot", "--log-count", spectrum, "-o", svg], mentioning: "--log-count does not apply")
        assertRefused(["plot", "--width", "10", spectrum, "-o", svg], mentioning: "--width")
        assertRefused(["plot", "--bins", "0", spectrum, "-o", svg], mentioning: "--bins")
        assertRefused(["plot", "--top", "0", spectrum, "-o", svg], mentioning: "--top")
        XCTAssertFalse(FileManager.default.fileExists(atPath: svg))
    }

    /// Every setting the library can complain about has a flag of its own.
    func testEverySettingHasAFlag() {
        let flags = Setting.allCases.map(CommandLineText.flag)
        XCTAssertEqual(Set(flags).count, flags.count, "two settings share a flag")
        for flag in flags { XCTAssert(flag.hasPrefix("--"), flag) }
    }

    /// Library messages that suggest a setting, a method or an install step
    /// say it in the library's words; the command line says it in its own.
    func testLibraryHintsBecomeFlagsAndMakeTargets() {
        let warning = SpectrumWarning.powerFoundNegative(part: .hessian, value: -2)
        XCTAssertFalse(warning.description.contains("--"), warning.description)
        XCTAssertTrue(warning.description.hasSuffix("the lanczos method finds the largest"), warning.description)
        XCTAssertTrue(CommandLineText.warning(warning).hasSuffix("; --method lanczos finds the largest"), CommandLineText.warning(warning))
        XCTAssertTrue(CommandLineText.warning(.powerNotConverged(part: .hessian, unconverged: 1, iterations: 5, tolerance: 1e-6))
            .hasSuffix("raise --power-iter"))

        let unmeasured = PlotError.nothingMeasured(source: "s.csv", columns: ["trace"])
        XCTAssertFalse(unmeasured.description.contains("--"), unmeasured.description)
        XCTAssertEqual(CommandLineText.message(for: unmeasured), "s.csv: none of trace holds a value; choose measured columns with --columns")

        let mkl = LAPACKBackendError.mklNotFound(searched: ["/opt"])
        XCTAssertFalse(mkl.description.contains("make mkl"), mkl.description)
        XCTAssertEqual(CommandLineText.message(for: mkl),
                       "Intel MKL (libmkl_rt) was not found (searched /opt); install it with `make mkl` or `pip install mkl`, or give its path")

        let fashion = DatasetError.notInstalled(name: "Fashion-MNIST", package: "dataset-fashion-mnist", path: "/usr/share/x")
        XCTAssertFalse(fashion.description.contains("make data"), fashion.description)
        XCTAssertEqual(CommandLineText.message(for: fashion),
                       "/usr/share/x: Fashion-MNIST is not installed; install it with `sudo apt-get install dataset-fashion-mnist` (or `make data`)")
        XCTAssertEqual(CommandLineText.captionWords[.top], "--top K")
    }
}
