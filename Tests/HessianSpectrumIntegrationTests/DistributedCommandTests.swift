import CommandTestSupport
import Foundation
import HessianKit
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

    func launch(_ arguments: [String], processes: Int = 2, environment: [String: String] = [:],
                program: [String] = [mpiBinary]) throws -> CommandResult {
        guard let mpirun = Self.mpirun else { throw XCTSkip("mpirun is not installed") }
        var env = ["OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1",
                   "OMPI_MCA_btl_vader_single_copy_mechanism": "none", "OMPI_MCA_rmaps_base_oversubscribe": "1"]
        for (k, v) in environment { env[k] = v }
        let exported = environment.keys.sorted().flatMap { ["-x", $0] }
        return try CommandRunner.run(["-q", "-np", String(processes), "--mca", "btl", "self,vader"] + exported + program + arguments,
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

    /// 2 processes on the default (1×2) grid, block 64, auto (PDSYEV) and
    /// ELPA: all M eigenvalues equal the serial dense ones to 1e-10 of
    /// max|λ| (after the same training on every process), their sum equals
    /// the serial one (the trace), and only the first process writes -o.
    func testTwoProcessesEqualTheSerialSpectrum() throws {
        let serial = try CommandRunner.run(model + ["--method", "dense", "--quiet"])
        XCTAssertEqual(serial.status, 0, serial.stderr)
        let reference = spectra(serial.stdout)["hessian"]!
        XCTAssertEqual(reference.count, m)
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (solver, resolved) in [("auto", "pdsyev"), ("elpa", "elpa")] {
            let out = folder.appendingPathComponent("\(solver).csv").path
            let run = try launch(model + ["--method", "distributed", "--mpi-eigensolver", solver, "-o", out])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssert(run.stderr.contains("distributed forced by --method: M = \(m) on 2 processes (1x2 grid, block 64, \(resolved))"), run.stderr)
            XCTAssertNotNil(run.stderr.range(of: #"flops, [0-9.]+ [kMG]B per process\n"#, options: .regularExpression), run.stderr)
            XCTAssertEqual(run.stdout, "")
            let values = spectra(try String(contentsOfFile: out, encoding: .utf8))["hessian"] ?? []
            assertSameSpectrum(values, reference, solver)
            XCTAssertEqual(values.reduce(0, +), reference.reduce(0, +), accuracy: 1e-10 * Double(m) * reference.map(abs).max()!)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["auto.csv", "elpa.csv"])
    }

    /// 2×1 and 1×2 grids with block sizes that do not divide M = 460 (48,
    /// 37): the same spectrum.
    func testGridsAndBlockSizesThatDoNotDivideM() throws {
        let serial = spectra(try CommandRunner.run(small + ["--method", "dense", "--quiet"]).stdout)["hessian"]!
        for (grid, block, solver) in [("2x1", "48", "elpa"), ("1x2", "37", "pdsyevd"), ("2x1", "37", "pdsyev")] {
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

    /// Eigenvectors through PDSYTRD, DSTEMR and PDORMTR: the 3 largest and
    /// 2 smallest pairs of H on the 1×2 grid, and of H, G and R with
    /// --decompose on the 2×1 grid with a block size that does not divide M.
    /// The values equal the serial dense ones; each vector has unit norm,
    /// is orthogonal to the others of its matrix, and its residual
    /// ‖A·v − λ·v‖, measured with exact products, is at rounding level. For
    /// H of the first model, whose extremes are simple eigenvalues (checked),
    /// each vector is the serial one up to sign (|⟨v, v_serial⟩| = 1); G's
    /// smallest are zeros of a large null space, where any basis is right.
    func testEigenvectorsEqualTheSerialOnes() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (base, extra, grid, block) in [(model, [String](), "1x2", "64"), (small, ["--decompose"], "2x1", "37")] {
            let serialVectors = folder.appendingPathComponent("serial.npy").path
            let flags = ["--top", "3", "--bottom", "2", "--quiet"] + extra
            let serial = try CommandRunner.run(base + flags + ["--method", "dense", "--save-eigenvectors", serialVectors])
            XCTAssertEqual(serial.status, 0, serial.stderr)
            let vectors = folder.appendingPathComponent("distributed.npy").path
            let run = try launch(base + flags + ["--method", "distributed", "--grid", grid, "--block-size", block,
                                                 "--save-eigenvectors", vectors])
            XCTAssertEqual(run.status, 0, run.stderr)
            let reference = csvRows(serial.stdout).rows, rows = csvRows(run.stdout).rows
            XCTAssertEqual(rows.map { [$0[0], $0[3]] }, reference.map { [$0[0], $0[3]] }, "matrix and index of each row")
            let values = rows.map { Double($0[4])! }, expected = reference.map { Double($0[4])! }
            let scale = expected.map(abs).max()!
            for (a, b) in zip(values, expected) { XCTAssertEqual(a, b, accuracy: 1e-10 * scale) }
            let mine = try NumPyArray.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: vectors))), path: vectors)
            let theirs = try NumPyArray.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: serialVectors))), path: serialVectors)
            XCTAssertEqual(mine.shape, theirs.shape)
            let m = mine.shape[1]
            func dot(_ a: [Double], _ i: Int, _ b: [Double], _ j: Int) -> Double {
                (0..<m).reduce(0.0) { $0 + a[i * m + $1] * b[j * m + $1] }
            }
            for r in 0..<rows.count {
                XCTAssertLessThan(Double(rows[r][5])!, 1e-10 * scale, "residual of \(rows[r])")
                for q in 0...r where rows[q][0] == rows[r][0] {
                    XCTAssertEqual(dot(mine.values, r, mine.values, q), q == r ? 1 : 0, accuracy: 1e-10, "rows \(q), \(r)")
                }
            }
            guard extra.isEmpty else { continue }
            for (row, next) in zip(expected, expected.dropFirst()) {
                XCTAssertGreaterThan(abs(next - row), 1e-6 * scale, "simple eigenvalues, so each vector is defined up to sign")
            }
            for r in 0..<rows.count {
                XCTAssertEqual(abs(dot(mine.values, r, theirs.values, r)), 1, accuracy: 1e-8, "row \(r): \(rows[r])")
            }
        }
    }

    /// Eigenvectors with an eigensolver that gives only values are refused
    /// before training, on every process, with one line.
    func testEigenvectorsWithAValuesOnlyEigensolverAreRefusedUpFront() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let vectors = folder.appendingPathComponent("v.npy").path
        let run = try launch(small + ["--method", "distributed", "--mpi-eigensolver", "elpa", "--top", "2", "--save-eigenvectors", vectors])
        assertCleanFailure(run, mentioning: "eigenvalues only")
        XCTAssertFalse(run.stderr.contains("train:"), "refused before training: \(run.stderr)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    /// `--method auto` under the launcher takes the distributed method when
    /// the dense matrix does not fit in one process's share: a Slurm job of
    /// 50 MB on this node leaves 25 MB to each of 2 processes, less than the
    /// 31 MB of the dense M = 1850 matrix with its workspace, more than the
    /// distributed share. The spectrum equals the serial one.
    func testAutoTakesTheDistributedMethodWhenDenseDoesNotFitAShare() throws {
        let serial = try CommandRunner.run(model + ["--method", "dense", "--quiet"])
        let reference = spectra(serial.stdout)["hessian"]!
        let run = try launch(model, environment: ["SLURM_MEM_PER_NODE": "50"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssert(run.stderr.contains("auto chose distributed"), run.stderr)
        XCTAssert(run.stderr.contains("dense needs"), run.stderr)
        assertSameSpectrum(spectra(run.stdout)["hessian"] ?? [], reference, "auto")
        // The plain binary under the same job limit refuses, naming the memory.
        let plain = try CommandRunner.run(model + ["--quiet"], environment: ["SLURM_MEM_PER_NODE": "20"])
        assertCleanFailure(plain, mentioning: "available")
    }

    /// A process that fails outside the agreed steps (here: its data file
    /// is missing on its node, while the first process has it and goes on
    /// into the solve) waits a short while for the others, then prints its
    /// own error line naming itself and ends the job: no hang, no output file.
    func testAFailureOutsideTheAgreedStepsEndsTheJob() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let modelFile = folder.appendingPathComponent("m.json").path
        let data0 = folder.appendingPathComponent("d0.csv").path
        let saved = try CommandRunner.run(small + ["--quiet", "--save-model", modelFile, "--save-data", data0, "-o", "/dev/null"])
        XCTAssertEqual(saved.status, 0, saved.stderr)
        let out = folder.appendingPathComponent("spectrum.csv").path
        let command = "exec \(Self.mpiBinary) spectrum --model \(modelFile) --data \(folder.path)/d$OMPI_COMM_WORLD_RANK.csv --method distributed -o \(out)"
        let start = Date()
        let run = try launch([], environment: ["HESSIAN_SPECTRUM_EXIT_PATIENCE": "3"], program: ["sh", "-c", command])
        XCTAssertLessThan(Date().timeIntervalSince(start), 25, "ended after the patience, not hung")
        XCTAssertNotEqual(run.status, 0)
        let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
        XCTAssertEqual(errors.count, 1, run.stderr)
        XCTAssert(errors.first?.contains("d1.csv") ?? false, run.stderr)
        XCTAssert(errors.first?.hasSuffix("(process 1)") ?? false, run.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["d0.csv", "m.json"])
    }

    /// Processes that read different data (a seed per rank here; different
    /// files on node-local disks in practice) are refused before the solve,
    /// on every process, instead of mixing their matrices.
    func testProcessesWithDifferentInputsAreRefused() throws {
        let perRank = ["/bin/sh", "-c", "exec \"$0\" \"$@\" --data-seed \"$OMPI_COMM_WORLD_RANK\"", Self.mpiBinary]
        let run = try launch(small + ["--method", "distributed"], program: perRank)
        XCTAssertNotEqual(run.status, 0)
        XCTAssert(run.stderr.contains("different models or data"), run.stderr)
        let same = try launch(small + ["--method", "distributed", "--data-seed", "3"])
        XCTAssertEqual(same.status, 0, same.stderr)
    }
}
