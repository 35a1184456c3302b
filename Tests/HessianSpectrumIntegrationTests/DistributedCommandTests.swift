import CommandTestSupport
import Foundation
import XCTest

/// `hessian-spectrum-mpi` under `mpirun` with 2 processes against the
/// serial dense spectrum of the plain binary. Skipped when mpirun is absent
/// (`make test` installs it).
final class DistributedCommandTests: XCTestCase {
    /// tanh 60-20-20-10 on 200 examples of 10 clusters, 30 GD steps:
    /// M = 61·20 + 21·20 + 21·10 = 1850.
    let model = ["train", "--clusters", "10", "--input-dim", "60", "--samples", "200", "--test-samples", "0",
                 "--hidden", "20,20", "--activation", "tanh", "--steps", "30"]
    let m = 1850
    /// ReLU 20-12-12-4 on 100 examples: M = 21·12 + 13·12 + 13·4 = 460, for --decompose.
    let small = ["train", "--clusters", "4", "--input-dim", "20", "--samples", "100", "--test-samples", "0",
                 "--hidden", "12,12", "--steps", "20"]

    static var mpirun: String? {
        ["/usr/bin/mpirun", "/usr/local/bin/mpirun"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The MPI binary beside the plain one.
    static var mpiBinary: String {
        CommandRunner.binary.deletingLastPathComponent().appendingPathComponent("hessian-spectrum-mpi").path
    }

    func launch(_ arguments: [String], processes: Int = 2, environment: [String: String] = [:]) throws -> CommandResult {
        guard let mpirun = Self.mpirun else { throw XCTSkip("mpirun is not installed") }
        var env = ["OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1",
                   "OMPI_MCA_btl_vader_single_copy_mechanism": "none", "OMPI_MCA_rmaps_base_oversubscribe": "1"]
        for (k, v) in environment { env[k] = v }
        let exported = environment.keys.sorted().flatMap { ["-x", $0] }
        return try CommandRunner.run(["-q", "-np", String(processes), "--mca", "btl", "self,vader"] + exported + [Self.mpiBinary] + arguments,
                                     executable: URL(fileURLWithPath: mpirun), environment: env)
    }

    /// Eigenvalues per matrix, in file order.
    func spectra(_ stdout: String) -> [String: [Double]] {
        var result: [String: [Double]] = [:]
        for row in csvRows(stdout).rows { result[row[0], default: []].append(Double(row[4])!) }
        return result
    }

    func assertSameSpectrum(_ a: [Double], _ b: [Double], _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, message, file: file, line: line)
        let scale = b.map(abs).max() ?? 1
        let worst = zip(a, b).map { abs($0 - $1) }.max() ?? .infinity
        XCTAssertLessThanOrEqual(worst, 1e-10 * scale, message, file: file, line: line)
    }

    /// 2 processes on the default (1×2) grid, block 64, ELPA: all M
    /// eigenvalues equal the serial dense ones to 1e-10 of max|λ|
    /// (after the same training on every process), their sum equals the
    /// serial one (the trace), and only the first process writes -o.
    func testTwoProcessesEqualTheSerialSpectrum() throws {
        let serial = try CommandRunner.run(model + ["--method", "dense", "--quiet"])
        XCTAssertEqual(serial.status, 0, serial.stderr)
        let reference = spectra(serial.stdout)["hessian"]!
        XCTAssertEqual(reference.count, m)
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for solver in ["elpa"] {
            let out = folder.appendingPathComponent("\(solver).csv").path
            let run = try launch(model + ["--method", "distributed", "--mpi-eigensolver", solver, "-o", out])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssert(run.stderr.contains("distributed forced by --method: M = \(m) on 2 processes (1x2 grid, block 64, \(solver))"), run.stderr)
            XCTAssertEqual(run.stdout, "")
            let values = spectra(try String(contentsOfFile: out, encoding: .utf8))["hessian"] ?? []
            assertSameSpectrum(values, reference, solver)
            XCTAssertEqual(values.reduce(0, +), reference.reduce(0, +), accuracy: 1e-10 * Double(m) * reference.map(abs).max()!)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["elpa.csv"])
    }

    /// 2×1 and 1×2 grids with block sizes that do not divide M = 460 (48,
    /// 37): the same spectrum.
    func testGridsAndBlockSizesThatDoNotDivideM() throws {
        let serial = spectra(try CommandRunner.run(small + ["--method", "dense", "--quiet"]).stdout)["hessian"]!
        for (grid, block, solver) in [("2x1", "48", "elpa"), ("1x2", "37", "pdsyevd")] {
            let run = try launch(small + ["--method", "distributed", "--grid", grid, "--block-size", block,
                                          "--mpi-eigensolver", solver, "--quiet"])
            XCTAssertEqual(run.status, 0, run.stderr)
            assertSameSpectrum(spectra(run.stdout)["hessian"] ?? [], serial, "\(grid) block \(block) \(solver)")
        }
    }

    /// --decompose with PDSYEVR (all eigenvalues): H, G and R each equal
    /// the serial ones.
    func testDecompose() throws {
        let serial = spectra(try CommandRunner.run(small + ["--method", "dense", "--decompose", "--quiet"]).stdout)
        let run = try launch(small + ["--method", "distributed", "--decompose", "--block-size", "32",
                                      "--mpi-eigensolver", "pdsyevr", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let distributed = spectra(run.stdout)
        for matrix in ["hessian", "gauss_newton", "residual"] {
            assertSameSpectrum(distributed[matrix] ?? [], serial[matrix] ?? [], matrix)
        }
    }

    /// --top/--bottom: PDSYEVR's index ranges (one end) and ELPA (both
    /// ends) write the serial extremes with their indices among all M.
    func testTopAndBottom() throws {
        let serial = spectra(try CommandRunner.run(small + ["--method", "dense", "--quiet"]).stdout)["hessian"]!
        let n = serial.count
        for (flags, indices) in [(["--top", "3", "--mpi-eigensolver", "pdsyevr"], [n - 3, n - 2, n - 1]),
                                 (["--bottom", "2", "--mpi-eigensolver", "pdsyevr"], [0, 1]),
                                 (["--top", "2", "--bottom", "1", "--mpi-eigensolver", "elpa"], [0, n - 2, n - 1])] {
            let run = try launch(small + ["--method", "distributed", "--quiet"] + flags)
            XCTAssertEqual(run.status, 0, run.stderr)
            let rows = csvRows(run.stdout).rows
            XCTAssertEqual(rows.map { Int($0[3])! }, indices, "\(flags)")
            assertSameSpectrum(rows.map { Double($0[4])! }, indices.map { serial[$0] }, "\(flags)")
        }
    }

    /// A failure on the second process only ends both, with one error line
    /// (from the first process, naming the second) and no output file.
    func testAnErrorOnOneProcessEndsAllWithOneLineAndNoFile() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("spectrum.csv").path
        let run = try launch(small + ["--method", "distributed", "-o", out], environment: ["HESSIAN_SPECTRUM_FAIL_ON_RANK": "1"])
        XCTAssertNotEqual(run.status, 0)
        let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
        XCTAssertEqual(errors, ["error: process 1: failed on purpose (HESSIAN_SPECTRUM_FAIL_ON_RANK=1)"], run.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    /// A matrix whose share does not fit is refused up front, on every
    /// process, with the figure: 100-300-300-10, M = 123,610, needs 61 GB per process.
    func testRefusesAShareThatDoesNotFit() throws {
        let run = try launch(["train", "--hidden", "300,300", "--samples", "50", "--method", "distributed", "--steps", "1"])
        assertCleanFailure(run, mentioning: "per process")
        XCTAssert(run.stderr.contains("123610×123610"), run.stderr)
        XCTAssertFalse(run.stderr.contains("train:"), "refused before training: \(run.stderr)")
    }

    /// The plain binary never starts MPI: --method distributed is refused.
    func testPlainBinaryRefusesDistributed() throws {
        let run = try CommandRunner.run(small + ["--method", "distributed"])
        assertCleanFailure(run, mentioning: "hessian-spectrum-mpi under an MPI launcher")
    }
}
