@testable import HessianSpectrumCommands
import Foundation
import XCTest

/// Hostile arguments, checked in process: each must be refused with one
/// line naming the flag or file, before any work and without touching a
/// file. Parsing and the up-front checks of `run()` are what is tested; the
/// binary's own streams and exit codes are in `HostileProcessTests`.
final class HostileArgumentTests: XCTestCase {
    private var fixture: HostileFixture!

    override func setUpWithError() throws { fixture = try HostileFixture() }
    override func tearDown() { fixture.remove() }

    /// The one line the binary would print for `arguments`, or nil when
    /// they parse and `run()` gets past its checks (which must not happen
    /// for these cases: every one fails before any training).
    private func failure(_ arguments: [String]) -> String? {
        do {
            // The subcommand's own parser: the root's is slow in a debug build.
            let repaired = try CommandLineRepair.arguments(arguments)
            guard let type = HessianSpectrum.configuration.subcommands.first(where: { $0._commandName == repaired.first }) else {
                throw CommandLineRepairFailure(arguments: arguments)
            }
            var command = try type.parse(Array(repaired.dropFirst()))
            try command.run()
            return nil
        } catch {
            let text = HessianSpectrum.message(for: error)
            XCTAssertNotEqual(HessianSpectrum.exitCode(for: error), .success, "\(arguments) should fail")
            return text.split(separator: "\n").first.map(String.init) ?? text
        }
    }

    /// The message of the error `body` throws, or nil when it throws none.
    private func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch {
            let text = HessianSpectrum.message(for: error)
            return text.split(separator: "\n").first.map(String.init) ?? text
        }
    }

    /// Cases parsed by one option group or command type alone (the full
    /// command parser is slow in a debug build; the checks are the same).
    private func checkParse(_ parse: ([String]) throws -> Void, _ cases: [([String], String)], file: StaticString = #filePath, line: UInt = #line) {
        for (arguments, fragment) in cases {
            guard let text = message({ try parse(try CommandLineRepair.arguments(arguments)) }) else {
                XCTFail("\(arguments) was accepted", file: file, line: line)
                continue
            }
            XCTAssert(text.contains(fragment), "\(arguments): '\(text)' should mention '\(fragment)'", file: file, line: line)
        }
    }

    private func check(_ cases: [([String], [String])], file: StaticString = #filePath, line: UInt = #line) {
        for (arguments, fragments) in cases {
            guard let message = failure(arguments) else {
                XCTFail("\(arguments) was accepted", file: file, line: line)
                continue
            }
            for fragment in fragments {
                XCTAssert(message.contains(fragment), "\(arguments): '\(message)' should mention '\(fragment)'", file: file, line: line)
            }
            fixture.assertUnchanged("\(arguments)", file: file, line: line)
        }
    }

    /// Values out of range, with the flag and the valid range named.
    func testOutOfRangeValuesNameTheFlag() {
        checkParse({ _ = try ArchitectureOptions.parse($0) }, [
            (["--width", "-3"], "--width must be positive, got -3"),
            (["--depth", "-1"], "--depth must not be negative"),
            (["--depth", "1001"], "--depth must be at most 1000"),
            (["--hidden", "5", "--depth", "3"], "either --hidden or --width/--depth"),
            (["--hidden", "5", "--width", "3"], "either --hidden or --width/--depth"),
            (["--hidden", "3,,4"], "--hidden"),
            (["--hidden", "0"], "--hidden takes positive whole numbers"),
        ])
        checkParse({ _ = try DataOptions.parse($0) }, [
            (["--samples", "-5"], "--samples must be positive, got -5"),
            (["--samples", "0"], "--samples must be positive"),
            (["--test-samples", "-1"], "--test-samples must not be negative"),
            (["--input-dim", "0"], "--input-dim must be positive"),
            (["--cov-scale", "0"], "--cov-scale"),
            (["--clusters", "1"], "--clusters must be at least 2"),
            (["--clusters", "a,b"], "--clusters takes whole numbers"),
            (["--dataset", "circles", "--factor", "1"], "--factor must lie in (0, 1)"),
            (["--dataset", "imagenet"], "imagenet"),
        ])
        checkParse({ _ = try TrainingOptions.parse($0) }, [
            (["--lr", "0"], "--lr must be a positive number"),
            (["--lr", "-1"], "--lr must be a positive number, got -1"),
            (["--lr", "nan"], "--lr"),
            (["--lr", "inf"], "--lr"),
            (["--steps", "-1"], "--steps must not be negative"),
            (["--batch-size", "-2"], "--batch-size must not be negative"),
            (["--grad-tol", "-1"], "--grad-tol"),
        ])
        checkParse({ _ = try NetworkOptions.parse($0) }, [
            (["--init-scale", "-1"], "--init-scale"),
            (["--activation", "swish"], "activation"),
            (["--loss", "hinge"], "loss"),
        ])
        checkParse({ _ = try SpectrumOptions.parse($0) }, [
            (["--threads", "0"], "--threads must be positive"),
            (["--lanczos-tol", "0"], "--lanczos-tol"),
            (["--lanczos-max-iter", "0"], "--lanczos-max-iter"),
            (["--method", "magic"], "method"),
        ])
        checkParse({ _ = try ExtremesOptions.parse($0) }, [
            (["--top", "0"], "--top must be positive"),
            (["--bottom", "-1"], "--bottom must be positive"),
        ])
        checkParse({ _ = try BatchPairOptions.parse($0) }, [
            (["--small", "10", "--large", "5"], "--small (10) must be less than --large (5)"),
            (["--lr", "inf"], "--lr"),
            (["--every", "0"], "--every must be positive"),
        ])
        checkParse({ _ = try Train.parse($0) }, [
            (["--at", "middle"], "--at takes init, final or init,final"),
            (["--every", "0"], "--every must be positive"),
        ])
        checkParse({ _ = try Widths.parse($0) }, [
            (["--widths", "5,0"], "--widths takes positive whole numbers"),
            (["--depth", "0"], "--depth must be at least 1"),
        ])
        checkParse({ _ = try Interpolate.parse($0) }, [
            (["--from", "a", "--to", "b", "--alphas", "1:0:5"], "--alphas needs start < stop"),
            (["--from", "a", "--to", "b", "--top", "-1"], "--top must not be negative"),
            (["--from", "a", "--to", "b", "--alphas", "0:1:99999999999"], "at most 1000000"),
        ])
        checkParse({ _ = try TwoPhase.parse($0) }, [(["--large-steps", "-1"], "--large-steps")])
        checkParse({ _ = try Outliers.parse($0) }, [(["--window", "1"], "--window must be at least 2"), (["--zero-tol", "2"], "zero")])
        checkParse({ _ = try Plot.parse($0) }, [(["--bins", "0"], "--bins must be between 1 and"), (["--width", "5"], "--width must be between")])
        checkParse({ _ = try Floor.parse($0) }, [(["--order", "0"], "--order must be positive")])
    }

    /// Options that were silently ignored or silently changed the run.
    func testSilentAcceptanceIsRefused() {
        checkParse({ _ = try DataOptions.parse($0) }, [
            (["--dataset", "circles", "--clusters", "3"], "--clusters does not apply to --dataset circles"),
            (["--dataset", "moons", "--input-dim", "5"], "--input-dim does not apply"),
            (["--noise", "0.2"], "--noise does not apply to --dataset blobs"),
            (["--dataset", "moons", "--factor", "0.5"], "--factor does not apply"),
            (["--data", "x.csv"], "--data does not apply to --dataset blobs"),
            (["--dataset", "csv", "--images", "x"], "--images does not apply"),
            (["--dataset", "idx", "--data-dir", "x", "--images", "a", "--labels", "b"], "--data-dir does not apply"),
            (["--dataset", "csv"], "--dataset csv needs --data FILE"),
            (["--dataset", "idx", "--images", "x"], "--images FILE and --labels FILE"),
        ])
        checkParse({ _ = try Clusters.parse($0) }, [(["--dataset", "circles"], "--dataset must be blobs")])
        // The whole parser, for the command name itself.
        for (arguments, fragment) in [(["frobnicate", "--x", "1"], "unknown command 'frobnicate'"), (["trian"], "unknown command 'trian'")] {
            XCTAssert(message({ _ = try CommandLineRepair.arguments(arguments) })?.contains(fragment) ?? false, "\(arguments)")
        }
    }

    /// Sizes whose arithmetic would overflow or whose memory is not there.
    func testHugeSizesAreRefusedBeforeAllocating() {
        let direct: [(String, () throws -> Void, [String])] = [
            ("width", { try SizeChecks.network([100, 99_999_999_999, 10], examples: 10, flag: "--width") }, ["--width", "1000000000"]),
            ("two wide layers", { try SizeChecks.network([3, 99_999_999, 99_999_999, 2], examples: 10, flag: "--hidden") }, ["--hidden", "1000000000"]),
            ("overflowing count", { try SizeChecks.network([Int.max / 2, Int.max / 2, 2], examples: 10, flag: "--widths") }, ["--widths"]),
            ("activations", { try SizeChecks.network([3, 5, 2], examples: Int.max / 4, flag: "--width") }, ["--width", "examples"]),
            ("examples", { try SizeChecks.generatedData(examples: 99_999_999_999_999, dimension: 100, clusters: 10) }, ["--samples", "available"]),
            ("overflowing examples", { try SizeChecks.generatedData(examples: Int.max, dimension: 2, clusters: 2) }, ["--samples", "too large"]),
            ("centres", { try SizeChecks.generatedData(examples: 10, dimension: 10, clusters: 99_999_999_999) }, ["--clusters"]),
            ("dimension", { try SizeChecks.generatedData(examples: 10, dimension: 99_999_999_999, clusters: 2) }, ["--input-dim"]),
            ("spectra every step", { try SizeChecks.spectrumTable(snapshots: 1_000_000_000, parts: 3, rows: 50_000, flag: "--every 1 with --steps 1000000000") }, ["--every 1", "available"]),
            ("uncountable table", { try SizeChecks.spectrumTable(snapshots: Int.max, parts: 1, rows: 2, flag: "--every 1") }, ["--every 1", "than can be counted"]),
            ("top", { try SizeChecks.extremes(top: 74, bottom: nil, parameters: 73) }, ["--top 74 is more than the 73 eigenvalues"]),
            ("bottom", { try SizeChecks.extremes(top: nil, bottom: 100, parameters: 73) }, ["--bottom 100"]),
        ]
        for (name, body, fragments) in direct {
            guard let text = message(body) else { XCTFail("\(name) was accepted"); continue }
            for fragment in fragments { XCTAssert(text.contains(fragment), "\(name): '\(text)' should mention '\(fragment)'") }
        }
        XCTAssertNoThrow(try SizeChecks.extremes(top: 73, bottom: 73, parameters: 73))
        XCTAssertNoThrow(try SizeChecks.spectrumTable(snapshots: 3, parts: 3, rows: 1000, flag: "--every"))
        XCTAssertEqual(SizeChecks.sum([Int.max, 1]), Int.max)
        XCTAssertEqual(try SizeChecks.network([4, 3, 2], examples: 10, flag: "--width"), 3 * 5 + 2 * 4)
        // The commands call them before anything is trained.
        let small = ["--samples", "20", "--test-samples", "0", "--input-dim", "3", "--clusters", "2", "--steps", "1"]
        check([
            (["train", "--width", "99999999999", "--depth", "1"] + small, ["--width", "1000000000"]),
            (["widths", "--widths", "5,99999999999"] + small, ["--widths", "1000000000"]),
            (["train", "--samples", "99999999999999"], ["available"]),
            (["train", "--top", "100000"] + small, ["--top 100000 is more than the"]),
            (["train", "--every", "1", "--steps", "99999999999"] + small.dropLast(2), ["--every 1 with --steps 99999999999"]),
            // Counts near Int.max: the size check refuses them, no sum or product traps.
            (["train", "--every", "1", "--steps", "\(Int.max)"] + small.dropLast(2), ["than can be counted"]),
            (["train", "--method", "slq", "--probes", "\(Int.max)"] + small, ["--probes", "than can be counted"]),
            (["spectrum", "--model", fixture.path("model.json"), "--data", fixture.path("data.csv"), "--method", "slq", "--probes", "\(Int.max)"],
             ["--probes", "than can be counted"]),
            (["spectrum", "--model", fixture.path("model.json"), "--data", fixture.path("data.csv"), "--method", "slq", "--probes", "100000000"],
             ["--probes", "available"]),
        ])
    }

    /// Outputs onto inputs, two outputs on one file, unusable paths.
    func testOutputsNeverReplaceInputsOrEachOther() throws {
        let model = fixture.path("model.json"), data = fixture.path("data.csv"), spectrum = fixture.path("spectrum.csv")
        try FileManager.default.createSymbolicLink(atPath: fixture.path("model-link.json"), withDestinationPath: model)
        XCTAssertEqual(link(data, fixture.path("data-hardlink.csv")), 0)
        fixture.takeSnapshot()
        let out = fixture.path("out.csv")
        let inputs: [(flag: String, path: String?)] = [("--model", model), ("--data", data)]
        let roles: [([(flag: String, path: String?)], [(flag: String, path: String?)], [String])] = [
            (inputs, [("--output", data)], ["--output", "is the input --data", "never overwritten"]),
            (inputs, [("--output", model)], ["is the input --model"]),
            (inputs, [("--output", nil), ("--summary", data)], ["--summary", "is the input --data"]),
            (inputs, [("--output", fixture.path("data-hardlink.csv"))], ["is the input --data"]),
            (inputs, [("--output", fixture.path("model-link.json"))], ["is the input --model"]),
            (inputs, [("--output", fixture.folder.path + "/./data.csv")], ["is the input --data"]),
            (inputs, [("--output", out), ("--summary", out)], ["--summary", "is also --output"]),
            (inputs, [("--output", out), ("--save-model", fixture.folder.path + "/../" + fixture.folder.lastPathComponent + "/out.csv")], ["is also --output"]),
            ([("--model", "-"), ("--data", "-")], [("--output", nil)], ["only one input can be read from stdin"]),
            ([("--data", "")], [("--output", nil)], ["--data: the path is empty"]),
            ([], [("--output", "-"), ("--curves", "-")], ["both write to stdout"]),
            ([], [("--output", "")], ["--output: the path is empty"]),
            ([], [("--output", "/nonexistent-folder/x.csv")], ["does not exist"]),
            ([], [("--output", fixture.folder.path)], ["is a folder"]),
            ([], [("--save-small", out), ("--save-large", out)], ["--save-large", "is also --save-small"]),
            ([("the input", spectrum)], [("--output", spectrum)], ["is the input"]),
        ]
        for (inputs, outputs, fragments) in roles {
            guard let text = message({ try FileRoles(inputs: inputs, outputs: outputs).check() }) else {
                XCTFail("\(inputs) → \(outputs) was accepted")
                continue
            }
            for fragment in fragments { XCTAssert(text.contains(fragment), "'\(text)' should mention '\(fragment)'") }
        }
        // Devices take any number of outputs; distinct files are fine.
        XCTAssertNoThrow(try FileRoles(inputs: inputs, outputs: [("--output", "/dev/null"), ("--summary", "/dev/null")]).check())
        XCTAssertNoThrow(try FileRoles(inputs: inputs, outputs: [("--output", out), ("--summary", fixture.path("sum.csv"))]).check())
        // Each command hands its files to the check.
        let small = ["--samples", "20", "--test-samples", "0", "--input-dim", "3", "--clusters", "2", "--hidden", "2", "--steps", "1"]
        check([
            (["spectrum", "--model", model, "--data", data, "-o", data], ["is the input --data"]),
            (["train", "--dataset", "csv", "--data", data, "--save-data", data, "--hidden", "2"], ["--save-data", "is the input --data"]),
            (["train", "--save-model", out, "--save-data", out] + small, ["--save-data", "is also --save-model"]),
            (["batch", "--curves", out, "-o", out] + small.dropLast(2), ["is also"]),
            (["two-phase", "--save-large", out, "--save-small", out] + small.dropLast(2), ["is also --save-large"]),
            (["clusters", "--table", out, "-o", out, "--samples", "20", "--input-dim", "3"], ["is also --output"]),
            (["widths", "-o", out, "--summary", out], ["is also --output"]),
            (["interpolate", "--from", model, "--to", model, "-o", model], ["is the input --from"]),
            (["outliers", spectrum, "-o", spectrum], ["is the input"]),
            (["plot", spectrum, "-o", spectrum], ["is the input"]),
            (["reproduce", "--out", data], ["--out", "not a folder"]),
        ])
    }

    /// Inputs that are not what they should be: each named, nothing written.
    func testBadInputFilesAreNamed() throws {
        let model = fixture.path("model.json"), data = fixture.path("data.csv")
        try fixture.write([UInt8](repeating: 0, count: 4096), "zeros.bin")
        try fixture.write("{\"format\":\"hessian-spectrum-mlp\",\"version\":1,\"layers\":[99999999999,99999999999,99999999999],\"activation\":\"relu\",\"loss\":\"nll\",\"parameters\":[]}", "overflow.json")
        try fixture.write(fixture.idx(dimensions: [4], payload: [0, 1, 0, 1]), "four-labels.idx")
        try fixture.write(fixture.idx(dimensions: [5, 2, 2], payload: Array(0..<10)), "short.idx")
        fixture.takeSnapshot()
        let images = fixture.path("images.idx"), labels = fixture.path("labels.idx")
        let idx = ["train", "--dataset", "idx", "--hidden", "2", "--steps", "1", "--samples", "5", "--test-samples", "0"]
        check([
            (["spectrum", "--model", fixture.folder.path, "--data", data], ["is a folder, not a file"]),
            (["spectrum", "--model", fixture.path("missing.json"), "--data", data], ["missing.json", "no such file"]),
            (["spectrum", "--model", data, "--data", data], ["data.csv", "not valid JSON"]),
            (["spectrum", "--model", fixture.path("zeros.bin"), "--data", data], ["zeros.bin", "NUL byte"]),
            (["spectrum", "--model", fixture.path("overflow.json"), "--data", data], ["overflow.json", "layers"]),
            (["spectrum", "--model", model, "--data", fixture.path("zeros.bin")], ["zeros.bin", "NUL byte"]),
            (["spectrum", "--model", model, "--data", model], ["model.json", "label,x0"]),
            (["spectrum", "--model", model, "--data", fixture.folder.path], ["is a folder"]),
            (["outliers", fixture.path("zeros.bin")], ["NUL byte"]),
            (["outliers", data], ["data.csv"]),
            (["plot", fixture.path("missing.csv")], ["no such file"]),
            (["interpolate", "--from", fixture.path("zeros.bin"), "--to", model], ["zeros.bin"]),
            (idx + ["--images", labels, "--labels", labels], ["is this the labels file"]),
            (idx + ["--images", images, "--labels", images], ["is this an images file"]),
            (idx + ["--images", images, "--labels", fixture.path("four-labels.idx")], ["4 labels for the 5 images"]),
            (idx + ["--images", fixture.path("short.idx"), "--labels", labels], ["truncated: expected 20 bytes", "found 10"]),
            (idx + ["--images", fixture.path("zeros.bin"), "--labels", labels], ["element type 0x00"]),
        ])
    }
}

private struct CommandLineRepairFailure: Error, CustomStringConvertible {
    var arguments: [String]
    var description: String { "no subcommand in \(arguments)" }
}
