@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class LAPACKBackendTests: XCTestCase {
    /// Intel MKL from `make mkl` (this checkout's `.mkl`), or wherever the
    /// search finds it; the test is skipped, saying so, when it is absent.
    static func mkl() throws -> LAPACKBackend {
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folders = [".mkl/lib", ".mkl/local/lib"].map { checkout.appendingPathComponent($0).path }
        guard let path = LAPACKBackend.locateMKL(folders: folders) else {
            throw XCTSkip("Intel MKL is not installed (`make mkl` installs it into .mkl/); the MKL/OpenBLAS agreement is not checked")
        }
        return try LAPACKBackend.load(path: path)
    }

    func testChoiceNamesAndPaths() {
        XCTAssertEqual(LAPACKChoice("auto"), .auto)
        XCTAssertEqual(LAPACKChoice("OpenBLAS"), .openBLAS)
        XCTAssertEqual(LAPACKChoice("mkl"), .mkl)
        XCTAssertEqual(LAPACKChoice("/opt/lib/libmkl_rt.so.3"), .path("/opt/lib/libmkl_rt.so.3"))
    }

    func testVersionsFromTheLibrariesOwnStrings() {
        XCTAssertEqual(LAPACKBackend.mklVersion(from: "Intel(R) oneAPI Math Kernel Library Version 2026.2-Product Build 20260915 for Intel(R) 64 architecture applications"), "2026.2")
        XCTAssertEqual(LAPACKBackend.mklVersion(from: "Intel(R) Math Kernel Library Version 2020.0.4 Product Build 20200917"), "2020.0.4")
        XCTAssertEqual(LAPACKBackend.mklVersion(from: "something else"), "unknown")
        XCTAssertEqual(OpenBLASRuntime.version(fromConfig: "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64"), "0.3.21")
        XCTAssertEqual(LAPACKBackend.openBLAS.library, .openBLAS)
        XCTAssertNotEqual(LAPACKBackend.openBLAS.version, "unknown")
    }

    /// The folders searched include those of a prefix given by the
    /// environment, then the system's; the first python3 on the PATH plays no part.
    func testSearchFoldersFollowTheEnvironment() {
        let folders = LAPACKBackend.mklFolders(["/first"], environment: ["MKLROOT": "/opt/mkl", "VIRTUAL_ENV": "/venv", "PATH": "/py/bin"])
        XCTAssertEqual(folders.first, "/first")
        XCTAssert(folders.contains("/opt/mkl/lib"), "\(folders)")
        XCTAssert(folders.contains("/venv/lib"), "\(folders)")
        XCTAssert(folders.contains("/usr/lib/x86_64-linux-gnu"), "\(folders)")
        XCTAssertFalse(folders.contains { $0.hasPrefix("/py") }, "\(folders)")
    }

    /// MKL is found as a regular file in $VIRTUAL_ENV/lib; a folder of the
    /// same name is not taken, nor a library beside a python3 on the PATH.
    func testMKLIsFoundOnlyAsARegularFileInTheDocumentedPlaces() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mkl-search-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for folder in ["venv/lib", "fake/lib/libmkl_rt.so.3", "py/bin", "py/lib"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        XCTAssertTrue(FileManager.default.createFile(atPath: root + "/py/bin/python3", contents: Data("#!/bin/sh\n".utf8)))
        XCTAssertTrue(FileManager.default.createFile(atPath: root + "/py/lib/libmkl_rt.so.3", contents: Data()))
        let base = ["PATH": root + "/py/bin", "MKLROOT": root + "/fake"]
        let found = LAPACKBackend.locateMKL(environment: base)
        XCTAssertFalse(found?.hasPrefix(root) ?? false, "\(found ?? "")")
        XCTAssertTrue(FileManager.default.createFile(atPath: root + "/venv/lib/libmkl_rt.so.2", contents: Data()))
        XCTAssertEqual(LAPACKBackend.locateMKL(environment: base.merging(["VIRTUAL_ENV": root + "/venv"]) { $1 }),
                       root + "/venv/lib/libmkl_rt.so.2")
    }

    /// `--lapack PATH` loads only a regular file: a folder or a device is refused before dlopen.
    func testOnlyARegularFileIsLoaded() {
        for path in [FileManager.default.temporaryDirectory.path, "/dev/null", "libz.so.1"] {
            XCTAssertThrowsError(try LAPACKBackend.load(path: path)) { error in
                XCTAssertEqual(error as? LAPACKBackendError, .notARegularFile(path: path))
            }
        }
    }

    func testAnUnloadableLibraryIsATypedError() {
        XCTAssertThrowsError(try LAPACKBackend.named(.path("/nonexistent/libnothing.so"))) { error in
            guard case LAPACKBackendError.notARegularFile(let path) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "/nonexistent/libnothing.so")
        }
        // A C library without LAPACKE: the first entry point missing is named.
        guard let zlib = ["/usr/lib/x86_64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib64/libz.so.1"]
            .first(where: { FileManager.default.fileExists(atPath: $0) }) else { return }
        XCTAssertThrowsError(try LAPACKBackend.load(path: zlib)) { error in
            XCTAssertEqual(error as? LAPACKBackendError, .missingSymbol(path: zlib, symbol: "LAPACKE_dsyevd_work"))
        }
    }

    /// MKL and OpenBLAS are independent implementations: on the same exact
    /// Hessian (10-20-20-5 ReLU, nll, M = 745) every eigenvalue from MKL's dsyevd,
    /// dsyevr and dsyevd_2stage equals OpenBLAS's dsyevd to 1e-12 of max|λ|.
    func testMKLAgreesWithOpenBLASOnAHessian() throws {
        let mkl = try Self.mkl()
        XCTAssertEqual(mkl.library, .mkl)
        mkl.setThreads(2)
        XCTAssertGreaterThanOrEqual(mkl.threads, 1)
        let data = Fixture.data(n: 100, d: 10, classes: 5, seed: 17)
        let model = Fixture.model([10, 20, 20, 5], .relu, .nll, scale: 0.4, seed: 3)
        let hessian = ExactHessian(model: model, data: data).assemble(.hessian)
        let m = model.parameterCount
        var reference = hessian
        let openBLAS = try SymmetricEigensolver.eigenvalues(destroying: &reference, order: m, backend: .openBLAS)
        let scale = maxAbs(openBLAS)
        XCTAssertGreaterThan(scale, 0)
        for driver in [EigenDriver.divideAndConquer, .relativelyRobust, .twoStage] {
            var copy = hessian
            let values = try SymmetricEigensolver.eigenvalues(destroying: &copy, order: m, driver: driver, backend: mkl)
            assertClose(values, openBLAS, relativeTo: scale, tolerance: 1e-12, "MKL \(driver)")
        }
    }

    /// The factored path's pivoted Cholesky, dlauum and two-stage solve
    /// through MKL against the dense OpenBLAS spectrum (1e-9 of max|λ|, the
    /// factored path's own tolerance).
    func testFactoredPathThroughMKL() throws {
        let mkl = try Self.mkl()
        let data = Fixture.data(n: 24, d: 30, classes: 3, seed: 41)
        let model = Fixture.model([30, 9, 3], .relu, .nll, scale: 0.4, seed: 6)
        let dense = try DenseSpectrum.compute(model: model, data: data, parts: [.hessian])
        let factored = try FactoredSpectrum.compute(model: model, data: data, parts: [.hessian], resources: ComputeResources(lapack: mkl))
        assertClose(factored[0].eigenvalues, dense[0].eigenvalues, relativeTo: maxAbs(dense[0].eigenvalues), tolerance: 1e-9, "factored through MKL")
    }
}
