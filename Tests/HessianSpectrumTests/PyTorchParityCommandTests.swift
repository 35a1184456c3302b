import Foundation
import CommandTestSupport
import HessianKit
import XCTest

/// PyTorch networks through the binary: per-layer activations, warnings
/// for settings a file does not record, refusals of what cannot be read.
final class PyTorchParityCommandTests: XCTestCase {
    private let small = ["--clusters", "3", "--input-dim", "3", "--samples", "30", "--test-samples", "0", "--steps", "5", "--quiet"]

    /// `--activation gelu,tanh` gives each hidden layer its own σ and the
    /// saved model records both; a list of the wrong length is a usage
    /// error (64) naming the flag.
    func testPerLayerActivationsTrainAndAreRecorded() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("m.json").path
        let run = try CommandRunner.run(["train", "--hidden", "5,4", "--activation", "GELU,tanh"] + small + ["--save-model", model])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssert(try String(contentsOfFile: model, encoding: .utf8).contains("\"activation\":\"gelu,tanh\""))
        let wrong = try CommandRunner.run(["train", "--hidden", "5", "--activation", "relu,tanh"] + small)
        assertCleanFailure(wrong, mentioning: "--activation")
        XCTAssertEqual(wrong.status, 64)
    }

    /// A weights file without metadata runs with the flags, saying on
    /// stderr that they cannot be checked against the file; a torch.save
    /// pickle is refused in one line pointing to safetensors.
    func testUncheckedSettingsWarnAndPicklesAreRefused() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = Array(#"{"0.weight":{"dtype":"F64","shape":[2,1],"data_offsets":[0,16]},"0.bias":{"dtype":"F64","shape":[2],"data_offsets":[16,32]}}"#.utf8)
        var bytes = withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header
        for value in [0.5, -1.0, 0.25, 0.0] { bytes += withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) }
        let model = folder.appendingPathComponent("m.safetensors").path
        try Data(bytes).write(to: URL(fileURLWithPath: model))
        let data = folder.appendingPathComponent("d.csv").path
        try "label,x0\n0,1.5\n1,-0.5\n".write(toFile: data, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["spectrum", "--model", model, "--data", data, "--activation", "tanh", "--loss", "nll", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssert(run.stderr.contains("warning: ") && run.stderr.contains("does not record the activation") && run.stderr.contains("--activation tanh"), run.stderr)

        let pickle = folder.appendingPathComponent("m.pt").path
        try Data([0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC]).write(to: URL(fileURLWithPath: pickle))
        assertCleanFailure(try CommandRunner.run(["spectrum", "--model", pickle, "--data", data]), mentioning: "safetensors.torch.save_file")
    }

    /// `--loss MSELoss --weight-decay λ`: the saved model records both,
    /// `spectrum` on it gives the eigenvalues of the same model without the
    /// decay shifted by exactly λ, and a different `--weight-decay` than
    /// the recorded one is a usage error.
    func testWeightDecayIsRecordedAndShiftsTheSpectrum() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let run = try CommandRunner.run(["train", "--hidden", "4", "--loss", "MSELoss", "--weight-decay", "0.25"] + small
                                        + ["--save-model", path("m.json"), "--save-data", path("d.csv")])
        XCTAssertEqual(run.status, 0, run.stderr)
        let text = try String(contentsOfFile: path("m.json"), encoding: .utf8)
        XCTAssert(text.contains("\"loss\":\"mse_mean\",\"weight_decay\":0.25,"), text)
        try text.replacingOccurrences(of: "\"weight_decay\":0.25,", with: "").write(toFile: path("plain.json"), atomically: true, encoding: .utf8)
        func eigenvalues(_ model: String) throws -> [Double] {
            let result = try CommandRunner.run(["spectrum", "--model", path(model), "--data", path("d.csv"), "--quiet"])
            XCTAssertEqual(result.status, 0, result.stderr)
            return csvRows(result.stdout).rows.compactMap { Double($0[4]) }
        }
        let decayed = try eigenvalues("m.json"), plain = try eigenvalues("plain.json")
        XCTAssertEqual(decayed.count, plain.count)
        XCTAssertGreaterThan(decayed.count, 10)
        for (a, b) in zip(decayed, plain) { XCTAssertEqual(a, b + 0.25, accuracy: 1e-12 * max(1, abs(b))) }
        let conflict = try CommandRunner.run(["spectrum", "--model", path("m.json"), "--data", path("d.csv"), "--weight-decay", "0.5"])
        assertCleanFailure(conflict, mentioning: "--weight-decay")
        XCTAssertEqual(conflict.status, 64)
    }

    /// A model saved by train records its data: spectrum on the whole file
    /// instead of train's --samples subset is refused (64) naming the way
    /// out; spectrum --samples/--data-seed takes the same subset again;
    /// --allow-other-data evaluates elsewhere with a warning.
    func testSavedModelsRefuseOtherData() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let made = try CommandRunner.run(["train", "--hidden", "3"] + small + ["--steps", "0", "--save-data", path("all.csv")])
        XCTAssertEqual(made.status, 0, made.stderr)
        let trained = try CommandRunner.run(["train", "--dataset", "csv", "--data", path("all.csv"), "--samples", "12", "--data-seed", "4",
                                             "--hidden", "3", "--steps", "3", "--quiet", "--save-model", path("m.json")])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        let whole = try CommandRunner.run(["spectrum", "--model", path("m.json"), "--data", path("all.csv")])
        assertCleanFailure(whole, mentioning: "--allow-other-data")
        XCTAssert(whole.stderr.contains("trained on other data"), whole.stderr)
        XCTAssertEqual(whole.status, 64)
        let same = try CommandRunner.run(["spectrum", "--model", path("m.json"), "--data", path("all.csv"), "--samples", "12", "--data-seed", "4", "--quiet"])
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertEqual(same.stderr, "")
        let other = try CommandRunner.run(["spectrum", "--model", path("m.json"), "--data", path("all.csv"), "--allow-other-data", "--quiet"])
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssert(other.stderr.hasPrefix("warning: ") && other.stderr.contains("--allow-other-data"), other.stderr)
        assertCleanFailure(try CommandRunner.run(["spectrum", "--model", path("m.json"), "--data", path("all.csv"), "--first"]), mentioning: "--samples")
    }

    /// Float targets (N, 2) in a .npz train under MSELoss, and are refused
    /// (one line naming the loss) under cross-entropy.
    func testRegressionTargetsNeedASquaredErrorLoss() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("r.npz").path
        let features = (0..<24).map { Double($0 % 7) / 7 - 0.4 }, targets = (0..<16).map { Double($0 % 5) / 5 }
        try Data(NPZDataset.encode(try Dataset(features: features, targets: targets, dimension: 3, outputs: 2))).write(to: URL(fileURLWithPath: path))
        let run = try CommandRunner.run(["train", "--dataset", "csv", "--data", path, "--hidden", "3", "--loss", "MSELoss", "--steps", "2", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(csvRows(run.stdout).rows.count, 3 * 3 + 3 + 3 * 2 + 2, "M = 20 eigenvalues")
        assertCleanFailure(try CommandRunner.run(["train", "--dataset", "csv", "--data", path, "--hidden", "3", "--steps", "2", "--quiet"]),
                           mentioning: "squared-error loss")
    }
}
