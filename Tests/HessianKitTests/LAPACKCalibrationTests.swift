@testable import HessianCore
@testable import HessianFormats
@testable import HessianRuntime
import XCTest

final class LAPACKCalibrationTests: XCTestCase {
    let key = LAPACKCalibration.Key(cpu: CPUIdentity(model: "Test CPU, 4 cores", cores: 4), threads: 2, version: "9.9")

    func table(_ seconds: [Double], library: String = LAPACKBackend.openBLAS.name, order: Int = 300) -> LAPACKCalibration {
        LAPACKCalibration(key: key, measurements: zip(LAPACKCalibration.drivers, seconds).map {
            LAPACKCalibration.Measurement(library: library, path: "", driver: $0, order: order, seconds: $1)
        })
    }

    /// Every driver of the linked OpenBLAS is measured once at the smaller
    /// order, with a positive time, and again at the larger unless it was
    /// slower there than its reduction partner (syevr than syevd); the
    /// prediction at a measured order is the measurement; the result is
    /// valid for its own key and libraries only.
    func testAMeasurementCoversEveryDriverAndIsValidOnlyForItsKey() throws {
        let calibration = try LAPACKCalibration.measure(backends: [.openBLAS], key: key, orders: [300, 200], rounds: 1)
        XCTAssertEqual(calibration.orders, [200, 300])
        let small = calibration.measurements.filter { $0.order == 200 }
        XCTAssertEqual(small.map(\.candidate.driver), LAPACKCalibration.drivers)
        let syevd = small.first { $0.candidate.driver == .divideAndConquer }!.seconds
        for m in small {
            let measuredAgain = calibration.measurements.contains { $0.order == 300 && $0.candidate == m.candidate }
            XCTAssertEqual(measuredAgain, m.candidate.driver != .relativelyRobust || m.seconds <= syevd, "\(m)")
        }
        XCTAssert(calibration.measurements.allSatisfy { $0.seconds > 0 && $0.seconds.isFinite })
        let large = calibration.measurements.filter { $0.order == 300 }
        XCTAssertEqual(calibration.fastest(order: 300)?.seconds, large.map(\.seconds).min())
        XCTAssertGreaterThan(calibration.cpuShare, 0)
        XCTAssertTrue(calibration.isValid(for: key, backends: [.openBLAS]))
        var other = key
        other.threads = 1
        XCTAssertFalse(calibration.isValid(for: other, backends: [.openBLAS]), "another thread count")
        other = key
        other.version = "10.0"
        XCTAssertFalse(calibration.isValid(for: other, backends: [.openBLAS]), "another version")
        other = key
        other.cpu.model = "Other CPU"
        XCTAssertFalse(calibration.isValid(for: other, backends: [.openBLAS]), "another processor")
    }

    /// A cache that lacks a driver at the smallest order, times one twice
    /// at an order, holds a non-positive time or names another library
    /// version is stale, not trusted; a driver measured at the smaller
    /// order only (left behind) is a valid table.
    func testAnIncompleteOrStaleTableIsNotValid() {
        XCTAssertTrue(table([1, 2, 3]).isValid(for: key, backends: [.openBLAS]))
        XCTAssertFalse(table([1, 2]).isValid(for: key, backends: [.openBLAS]), "a driver missing")
        var twice = table([1, 2, 3])
        twice.measurements[2].candidate.driver = .divideAndConquer
        XCTAssertFalse(twice.isValid(for: key, backends: [.openBLAS]), "a driver twice")
        var twoOrders = table([1, 2, 3])
        twoOrders.measurements += table([8, 16], order: 600).measurements
        XCTAssertTrue(twoOrders.isValid(for: key, backends: [.openBLAS]), "syevr left behind at 600")
        var missingSmall = table([1, 2], order: 300)
        missingSmall.measurements += table([8, 16, 24], order: 600).measurements
        XCTAssertFalse(missingSmall.isValid(for: key, backends: [.openBLAS]), "syevr missing at the smallest order")
        XCTAssertFalse(table([1, 0, 3]).isValid(for: key, backends: [.openBLAS]), "a zero time")
        XCTAssertFalse(table([1, 2, 3], library: "OpenBLAS 0.0.1").isValid(for: key, backends: [.openBLAS]), "another version")
    }

    /// The CSV reads back to the same table (times to the last bit, a
    /// comma in the CPU name quoted), and anything else is refused.
    func testTheTableRoundTripsThroughCSVAndGarbageIsRefused() throws {
        var original = table([0.1, 1.0 / 3.0, 2.5e-3])
        original.measurements += table([0.8, 8.0 / 3.0], order: 600).measurements
        let text = original.csv.text
        XCTAssert(text.hasPrefix(LAPACKCalibration.csvColumns.joined(separator: ",") + "\n"), text)
        XCTAssertEqual(try LAPACKCalibration(csv: text, source: "t"), original)
        let broken = [
            "", "cpu,cores\n", text.replacingOccurrences(of: "syevd_2stage", with: "syevx"),
            text.replacingOccurrences(of: "0.1", with: "-0.1"), text.replacingOccurrences(of: ",300,", with: ",0,"),
            LAPACKCalibration.csvColumns.joined(separator: ",") + "\n",
            text + "\"Other CPU\",4,2,9.9,300,OpenBLAS 0.3.21,,syevd,1\n",
            text.replacingOccurrences(of: ",600,", with: ",-600,"),
        ]
        for garbage in broken {
            XCTAssertThrowsError(try LAPACKCalibration(csv: garbage, source: "t"), garbage)
        }
    }

    /// The cache is written atomically (no temporary left), read back, and
    /// a corrupt or missing file is reported as such; an unwritable folder
    /// is a typed error.
    func testTheCacheFileIsWrittenWholeAndCorruptionIsDetected() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("calibration-cache-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/nested/" + CalibrationCache.fileName
        XCTAssertEqual(CalibrationCache.read(path), .missing)
        let calibration = table([0.5, 0.25, 0.75])
        try CalibrationCache.write(calibration, to: path)
        XCTAssertEqual(CalibrationCache.read(path), .found(calibration))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/nested"), [CalibrationCache.fileName])
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data([0xff, 0xfe, 0x00])))
        guard case .corrupt = CalibrationCache.read(path) else { return XCTFail("bytes that are not UTF-8") }
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(calibration.csv.text.dropLast(12).utf8)))
        guard case .corrupt = CalibrationCache.read(path) else { return XCTFail("a cut-off file") }
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/file", contents: Data()))
        XCTAssertThrowsError(try CalibrationCache.write(calibration, to: folder + "/file/" + CalibrationCache.fileName)) { error in
            guard case OutputError.cannotWrite = error else { return XCTFail("\(error)") }
        }
    }

    /// $XDG_CACHE_HOME when absolute, else ~/.cache; nil without either.
    func testTheCachePathFollowsTheXDGSpecification() {
        XCTAssertEqual(CalibrationCache.path(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]), "/x/hessian-spectrum/" + CalibrationCache.fileName)
        XCTAssertEqual(CalibrationCache.path(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"]), "/h/.cache/hessian-spectrum/" + CalibrationCache.fileName)
        XCTAssertNil(CalibrationCache.path(environment: [:]))
    }

    /// The order measured: the least multiple of 100 whose matrix is 1.15×
    /// the last-level cache, within 1000…4000.
    func testTheOrderMeasuredOutgrowsTheCache() {
        let order = LAPACKCalibration.order(lastLevelCacheBytes: 32 << 20)
        XCTAssertEqual(order, 2200)
        XCTAssertGreaterThanOrEqual(8 * order * order, Int(1.15 * Double(32 << 20)))
        XCTAssertEqual(LAPACKCalibration.order(lastLevelCacheBytes: nil), 2000)
        XCTAssertEqual(LAPACKCalibration.order(lastLevelCacheBytes: 1 << 20), 1000)
        XCTAssertEqual(LAPACKCalibration.order(lastLevelCacheBytes: 1 << 30), 4000)
        XCTAssertEqual(LAPACKCalibration.orders(lastLevelCacheBytes: 16 << 20), [1600, 3200])
        XCTAssertEqual(CPUIdentity.cacheBytes("32768K\n"), 32 << 20)
        XCTAssertEqual(CPUIdentity.cacheBytes("2M"), 2 << 20)
        XCTAssertNil(CPUIdentity.cacheBytes("lots"))
        XCTAssertEqual(CPUIdentity.modelName(cpuinfo: "vendor_id\t: X\nmodel name\t: AMD   EPYC 9R14\n"), "AMD EPYC 9R14")
    }

    /// OpenBLAS's two-stage and MRRR drivers give the eigenvalues of an
    /// exact Hessian (10-20-20-5 ReLU, M = 745) and of a random symmetric
    /// matrix that its divide and conquer gives, to 1e-12 of max|λ|; the
    /// trace is kept as an independent check.
    func testEveryOpenBLASDriverAgreesWithSyevd() throws {
        let data = Fixture.data(n: 100, d: 10, classes: 5, seed: 17)
        let model = Fixture.model([10, 20, 20, 5], .relu, .nll, scale: 0.4, seed: 3)
        let m = model.parameterCount
        for (name, matrix, order) in [("Hessian", ExactHessian(model: model, data: data).assemble(.hessian), m),
                                      ("random", try EigensolveFloor.randomSymmetric(order: 400, seed: 5), 400)] {
            var reference = matrix
            let syevd = try SymmetricEigensolver.eigenvalues(destroying: &reference, order: order, backend: .openBLAS)
            let scale = maxAbs(syevd)
            let trace = (0..<order).reduce(0.0) { $0 + matrix[$1 * order + $1] }
            XCTAssertEqual(syevd.reduce(0, +), trace, accuracy: 1e-10 * scale * Double(order), name)
            for driver in [EigenDriver.twoStage, .relativelyRobust] {
                var copy = matrix
                let values = try SymmetricEigensolver.eigenvalues(destroying: &copy, order: order, driver: driver, backend: .openBLAS)
                assertClose(values, syevd, relativeTo: scale, tolerance: 1e-12, "\(name) OpenBLAS \(driver)")
            }
        }
    }

    /// The prediction against closed forms: two candidates whose times are
    /// exactly t = a·n³ + b·n² are predicted exactly at any order from
    /// their two measurements. One that is faster at both measured orders
    /// but grows faster (a two-stage-like n² term on the other, an
    /// out-of-cache one-stage-like steeper cube) is overtaken where the
    /// closed forms cross, n* = (b₂ − b₁)/(a₁ − a₂), and `fastest` follows
    /// the crossing; syevr measured at the smaller order only follows
    /// syevd's prediction at their ratio there; a driver measured at one
    /// order alone scales as n³.
    func testPredictionsFollowEachCandidatesOwnGrowth() throws {
        let (a1, b1) = (1.0e-9, -2.0e-7)   // steep cube, efficiency gained with size (one-stage-like)
        let (a2, b2) = (0.6e-9, 4.0e-7)    // gentle cube, costly square term (two-stage-like)
        func t(_ a: Double, _ b: Double, _ n: Double) -> Double { a * n * n * n + b * n * n }
        let crossing = (b2 - b1) / (a1 - a2)  // 1500
        var calibration = LAPACKCalibration(key: key, measurements: [])
        for n in [600, 1200] {
            calibration.measurements.append(.init(library: "OpenBLAS 0.3.21", path: "", driver: .divideAndConquer, order: n, seconds: t(a1, b1, Double(n))))
            calibration.measurements.append(.init(library: "OpenBLAS 0.3.21", path: "", driver: .twoStage, order: n, seconds: t(a2, b2, Double(n))))
        }
        calibration.measurements.append(.init(library: "OpenBLAS 0.3.21", path: "", driver: .relativelyRobust, order: 600, seconds: 1))
        let steep = LAPACKCalibration.Candidate(library: "OpenBLAS 0.3.21", path: "", driver: .divideAndConquer)
        let gentle = LAPACKCalibration.Candidate(library: "OpenBLAS 0.3.21", path: "", driver: .twoStage)
        for n in [300, 900, 5510, 20_000] {
            let x = Double(n)
            XCTAssertEqual(calibration.predictedSeconds(of: steep, order: n)!, t(a1, b1, x), accuracy: 1e-12 * t(a1, b1, x))
            XCTAssertEqual(calibration.predictedSeconds(of: gentle, order: n)!, t(a2, b2, x), accuracy: 1e-12 * t(a2, b2, x))
        }
        XCTAssertLessThan(t(a1, b1, 1200), t(a2, b2, 1200), "the steep one is faster where measured")
        XCTAssertEqual(calibration.fastest(order: Int(crossing) - 100)?.candidate, steep)
        XCTAssertEqual(calibration.fastest(order: Int(crossing) + 100)?.candidate, gentle)
        XCTAssertEqual(calibration.fastest(order: 5510, driver: .divideAndConquer)?.candidate, steep)
        let behind = LAPACKCalibration.Candidate(library: "OpenBLAS 0.3.21", path: "", driver: .relativelyRobust)
        for n in [1200, 5510] {
            let followsSyevd = t(a1, b1, Double(n)) / t(a1, b1, 600)
            XCTAssertEqual(calibration.predictedSeconds(of: behind, order: n)!, followsSyevd, accuracy: 1e-12 * followsSyevd)
        }
        XCTAssertNil(calibration.predictedSeconds(of: .init(library: "Intel MKL 2026.2", path: "/x", driver: .twoStage), order: 1000))
        // Two times that grow slower than n² (noise) scale the nearer one as n³.
        var noisy = LAPACKCalibration(key: key, measurements: [
            .init(library: "OpenBLAS 0.3.21", path: "", driver: .twoStage, order: 1000, seconds: 2),
            .init(library: "OpenBLAS 0.3.21", path: "", driver: .twoStage, order: 2000, seconds: 3),
        ])
        XCTAssertEqual(noisy.predictedSeconds(of: gentle, order: 4000)!, 3 * 8, accuracy: 1e-12)
        noisy.measurements.removeLast()
        XCTAssertEqual(noisy.predictedSeconds(of: gentle, order: 3000)!, 2 * 27, accuracy: 1e-12)
    }
}
