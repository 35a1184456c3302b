import Foundation
import CommandTestSupport
import HessianKit
import HessianRuntime
import XCTest

/// Model and data files of other tools, end to end through the binary.
final class InteropCommandTests: XCTestCase {
    private let small = ["--hidden", "4", "--clusters", "3", "--input-dim", "3", "--samples", "30", "--test-samples", "0", "--steps", "20", "--quiet"]

    /// JSON → safetensors / .npz → spectrum gives identical bytes, and so does .npz data:
    /// files converted from the JSON and files written by train itself.
    func testExportedModelsAndDataGiveIdenticalSpectra() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let trained = try CommandRunner.run(["train"] + small + ["--save-model", path("m.json"), "--save-data", path("d.csv")])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        let again = try CommandRunner.run(["train"] + small + ["--save-model", path("m.safetensors"), "--save-data", path("d.npz")])
        XCTAssertEqual(again.status, 0, again.stderr)
        let reference = try CommandRunner.run(["spectrum", "--model", path("m.json"), "--data", path("d.csv"), "--quiet"])
        XCTAssertEqual(reference.status, 0, reference.stderr)
        let model = try ModelFile.read(path: path("m.json"))
        try ModelFile.write(model, to: path("converted.safetensors"), through: AtomicFile())
        try ModelFile.write(model, to: path("converted.npz"), through: AtomicFile())
        for (file, data) in [("m.safetensors", "d.npz"), ("converted.safetensors", "d.csv"), ("converted.npz", "d.npz")] {
            let exported = try CommandRunner.run(["spectrum", "--model", path(file), "--data", path(data), "--quiet"])
            XCTAssertEqual(exported.status, 0, exported.stderr)
            XCTAssertEqual(exported.stdout, reference.stdout, file + " on " + data)
        }
        XCTAssertGreaterThan(reference.stdout.count, 100)
    }

    func testWeightsWithoutMetadataAskForTheFlag() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 1 → 2 PyTorch Linear, no __metadata__.
        let header = Array(#"{"0.weight":{"dtype":"F64","shape":[2,1],"data_offsets":[0,16]},"0.bias":{"dtype":"F64","shape":[2],"data_offsets":[16,32]}}"#.utf8)
        var bytes = withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header
        for value in [0.5, -1.0, 0.25, 0.0] { bytes += withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) }
        let model = folder.appendingPathComponent("m.safetensors").path
        try Data(bytes).write(to: URL(fileURLWithPath: model))
        let data = folder.appendingPathComponent("d.csv").path
        try "label,x0\n0,1.5\n1,-0.5\n".write(toFile: data, atomically: true, encoding: .utf8)

        assertCleanFailure(try CommandRunner.run(["spectrum", "--model", model, "--data", data]), mentioning: "pass --activation")
        let run = try CommandRunner.run(["spectrum", "--model", model, "--data", data, "--activation", "relu", "--loss", "mse", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(csvRows(run.stdout).rows.count, 4)

        bytes[bytes.count - 1] = 0x7F
        bytes[bytes.count - 2] = 0xF8
        try Data(bytes).write(to: URL(fileURLWithPath: model))
        let nan = try CommandRunner.run(["spectrum", "--model", model, "--data", data, "--activation", "relu", "--loss", "mse"])
        assertCleanFailure(nan, mentioning: "tensor '0.bias'")
        XCTAssert(nan.stderr.contains("m.safetensors"), nan.stderr)
    }

    /// A summary row per spectrum; each trace equals the sum of that spectrum's eigenvalues.
    func testSummaryHasARowPerSpectrumWithTheTrace() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = folder.appendingPathComponent("summary.csv").path
        let run = try CommandRunner.run(["train"] + small + ["--at", "init,final", "--every", "10", "--summary", summary])
        XCTAssertEqual(run.status, 0, run.stderr)
        var sums: [String: Double] = [:]
        var largest: [String: Double] = [:]
        for row in csvRows(run.stdout).rows {
            let key = row[1] + row[2], value = Double(row[4])!
            sums[key, default: 0] += value
            largest[key] = max(largest[key] ?? -.infinity, value)
        }
        let (header, rows) = csvRows(try String(contentsOfFile: summary, encoding: .utf8))
        // Every 10 of 20 steps: step 10, and step 20 measured once as final.
        XCTAssertEqual(rows.map { $0[header.firstIndex(of: "point")!] }, ["init", "step", "final"], "every 10 of 20 steps")
        for row in rows {
            let key = row[header.firstIndex(of: "point")!] + row[header.firstIndex(of: "steps")!]
            let trace = Double(row[header.firstIndex(of: "trace")!])!
            XCTAssertEqual(trace, sums[key]!, accuracy: 1e-10 * max(1, abs(trace)), key)
            XCTAssertEqual(Double(row[header.firstIndex(of: "max_eigenvalue")!]), largest[key], key)
        }
    }

    /// The .npy has one unit row of M per CSV row, and the CSV a residual column.
    func testEigenvectorsFileMatchesTheCSVRows() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let vectors = folder.appendingPathComponent("v.npy").path
        let run = try CommandRunner.run(["train"] + small + ["--top", "3", "--bottom", "2", "--decompose", "--save-eigenvectors", vectors])
        XCTAssertEqual(run.status, 0, run.stderr)
        let (header, rows) = csvRows(run.stdout)
        XCTAssertEqual(header.last, "residual_norm")
        XCTAssertEqual(rows.count, 15, "five values of each of H, G, R")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: vectors)))
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        let text = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        let m = 4 * (3 + 1) + 3 * (4 + 1)
        XCTAssert(text.contains("'descr': '<f8'") && text.contains("'fortran_order': False") && text.contains("'shape': (15, \(m))"), text)
        XCTAssertEqual(bytes.count, 10 + headerLength + 15 * m * 8)
        for row in 0..<15 {
            var norm = 0.0
            for j in 0..<m {
                let start = 10 + headerLength + 8 * (row * m + j)
                var bits: UInt64 = 0
                for k in 0..<8 { bits |= UInt64(bytes[start + k]) << (8 * k) }
                norm += Double(bitPattern: bits) * Double(bitPattern: bits)
            }
            XCTAssertEqual(norm, 1, accuracy: 1e-12, "row \(row)")
            XCTAssertLessThan(Double(rows[row][5])!, 1e-9, "residual of row \(row)")
        }
        assertCleanFailure(try CommandRunner.run(["train"] + small + ["--save-eigenvectors", vectors]), mentioning: "--top")
    }
}
