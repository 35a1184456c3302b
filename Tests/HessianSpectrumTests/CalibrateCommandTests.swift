import CommandTestSupport
import Foundation
import HessianKit
@testable import HessianSpectrumCommands
import XCTest

/// `hessian-spectrum calibrate` and the choice `--lapack auto` makes from it.
final class CalibrateCommandTests: XCTestCase {
    /// The table on stdout (one row per library × driver, the libraries'
    /// columns and the DGEMM floor), the same measurements in the cache.
    func testCalibratePrintsTheTableAndCachesIt() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["calibrate", "--orders", "200", "--threads", "1"], environment: ["XDG_CACHE_HOME": folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let table = try CSVDocument(text: result.stdout, source: "stdout")
        XCTAssertEqual(table.columns, LAPACKCalibration.csvColumns + ["floor_seconds", "speedup"])
        XCTAssertEqual(table.rows.count % 3, 0)
        XCTAssertEqual(Set(table.rows.map { $0[7] }), Set(LAPACKCalibration.drivers.map(\.rawValue)))
        XCTAssert(table.rows.allSatisfy { Double($0[8])! > 0 && Double($0[9])! > 0 }, result.stdout)
        XCTAssert(result.stderr.contains("auto: "), result.stderr)
        guard case .found(let cached) = CalibrationCache.read(folder.path + "/hessian-spectrum/" + CalibrationCache.fileName) else {
            return XCTFail("no cache written")
        }
        XCTAssertEqual(cached.measurements.map(\.seconds), table.rows.map { Double($0[8])! })
        XCTAssertEqual(cached.key.threads, 1)
    }

    /// A cache that cannot be written is one warning; the table is still printed.
    func testAnUnwritableCacheIsOneWarning() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("not-a-folder").path
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data()))
        let result = try CommandRunner.run(["calibrate", "--orders", "200", "--quiet"], environment: ["XDG_CACHE_HOME": file])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.hasPrefix("warning: cannot keep the LAPACK calibration") }.count, 1, result.stderr)
        XCTAssert(lines.allSatisfy { $0.hasPrefix("warning: ") }, result.stderr)
        XCTAssertGreaterThan(csvRows(result.stdout).rows.count, 2)
    }

    func testABadOrderIsAUsageError() throws {
        for orders in ["10", "200,x", ""] {
            let result = try CommandRunner.run(["calibrate", "--orders", orders])
            assertCleanFailure(result, mentioning: "--orders")
            XCTAssertEqual(result.status, 64)
        }
    }

    /// `auto` on a large run: measures when there is no cache, or a
    /// corrupt or stale one, and rewrites it; takes a valid cache without
    /// measuring (a made-up table whose fastest is syevr is obeyed); a
    /// small run neither measures nor reads the cache.
    func testAutoMeasuresOnlyWhenTheCacheCannotAnswer() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["XDG_CACHE_HOME": folder.path]
        let path = folder.path + "/hessian-spectrum/" + CalibrationCache.fileName
        func resolve(order: Int?) throws -> LAPACKSetup {
            try LAPACKAutoChoice.resolve(.auto, driver: nil, threads: 1, order: order, folders: [], environment: environment, calibrationOrders: [200, 300])
        }
        let small = try resolve(order: 199)
        XCTAssertNil(small.backend.path)
        XCTAssertNil(small.driver)
        XCTAssertEqual(CalibrationCache.read(path), .missing)
        XCTAssert(try resolve(order: nil).reason.contains("no calibration cached"))

        let measured = try resolve(order: 5000)
        XCTAssertNotNil(measured.driver)
        XCTAssert(measured.reason.contains("measured now"), measured.reason)
        guard case .found(let first) = CalibrationCache.read(path) else { return XCTFail("not cached") }
        XCTAssertEqual(first.orders, [200, 300])

        var rigged = first
        for index in rigged.measurements.indices {
            let m = rigged.measurements[index]
            rigged.measurements[index].seconds = (m.candidate.driver == .relativelyRobust ? 1 : 9) * pow(Double(m.order) / 300, 3)
        }
        try CalibrationCache.write(rigged, to: path)
        let cached = try resolve(order: 400)
        XCTAssertEqual(cached.driver, .relativelyRobust)
        XCTAssert(cached.reason.contains("cached in \(path)"), cached.reason)
        XCTAssert(cached.reason.contains("9× faster than OpenBLAS syevd") || cached.backend.path != nil, cached.reason)

        var stale = rigged
        stale.key.version = "0.0.0-other"
        try CalibrationCache.write(stale, to: path)
        XCTAssert(try resolve(order: 5000).reason.contains("measured now"))
        guard case .found(let rewritten) = CalibrationCache.read(path) else { return XCTFail("not rewritten") }
        XCTAssertEqual(rewritten.key.version, HessianKitVersion.string)

        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("cpu,cores\ngarbage".utf8)))
        XCTAssert(try resolve(order: 5000).reason.contains("measured now"))
        guard case .found = CalibrationCache.read(path) else { return XCTFail("a corrupt cache was not replaced") }
    }

    /// A library asked for by name takes its fastest driver from a valid
    /// cache; --driver wins over both.
    func testANamedLibraryTakesItsCachedDriverUnlessOneIsGiven() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["XDG_CACHE_HOME": folder.path]
        let key = LAPACKCalibration.Key(cpu: .current, threads: 1)
        let table = LAPACKCalibration(key: key, measurements: LAPACKCalibration.drivers.map {
            .init(library: LAPACKBackend.openBLAS.name, path: "", driver: $0, order: 200, seconds: $0 == .twoStage ? 1 : 2)
        })
        try CalibrationCache.write(table, to: CalibrationCache.path(environment: environment)!)
        let named = try LAPACKAutoChoice.resolve(.openBLAS, driver: nil, threads: 1, order: 5000, folders: [], environment: environment, calibrationOrders: [200])
        XCTAssertEqual(named.driver, .twoStage)
        let given = try LAPACKAutoChoice.resolve(.openBLAS, driver: .qr, threads: 1, order: 5000, folders: [], environment: environment, calibrationOrders: [200])
        XCTAssertEqual(given.driver, .qr)
    }

    /// A cached table in which OpenBLAS syevd is the faster at both orders
    /// measured but grows as n³ while syevd_2stage's time is mostly n²
    /// (closed forms, crossing at n = 2000): a run of order 250 takes
    /// syevd, one of order 5000 syevd_2stage, and says it was predicted.
    func testAutoChoosesByThePredictionAtTheRunsOrder() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["XDG_CACHE_HOME": folder.path]
        let key = LAPACKCalibration.Key(cpu: .current, threads: 1)
        func seconds(_ driver: EigenDriver, _ n: Double) -> Double {
            switch driver {
            case .twoStage: return 0.5e-9 * n * n * n + 1e-6 * n * n
            case .divideAndConquer: return 1e-9 * n * n * n
            default: return 1e-8 * n * n * n
            }
        }
        let table = LAPACKCalibration(key: key, measurements: [200, 300].flatMap { n in
            LAPACKCalibration.drivers.map {
                .init(library: LAPACKBackend.openBLAS.name, path: "", driver: $0, order: n, seconds: seconds($0, Double(n)))
            }
        })
        try CalibrationCache.write(table, to: CalibrationCache.path(environment: environment)!)
        func resolve(order: Int) throws -> LAPACKSetup {
            try LAPACKAutoChoice.resolve(.auto, driver: nil, threads: 1, order: order, folders: [], environment: environment,
                                         calibrationOrders: [200, 300])
        }
        let found = LAPACKBackend.candidates(folders: [], environment: environment).backends
        try XCTSkipIf(found.count > 1, "another library is installed: the made-up table is for OpenBLAS alone")
        XCTAssertEqual(try resolve(order: 250).driver, .divideAndConquer)
        let large = try resolve(order: 5000)
        XCTAssertEqual(large.driver, .twoStage)
        XCTAssert(large.reason.contains("predicted 1.4× faster than OpenBLAS syevd at order 5000"), large.reason)
        XCTAssert(large.reason.contains("measured at 200 and 300"), large.reason)
    }
}
