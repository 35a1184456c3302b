@testable import HessianCore
@testable import HessianFormats
@testable import HessianRuntime
import XCTest

final class LAPACKCalibrationTests: XCTestCase {
    let key = LAPACKCalibration.Key(cpu: CPUIdentity(model: "Test CPU, 4 cores", cores: 4), threads: 2, version: "9.9")

    func table(_ seconds: [Double], library: String = LAPACKBackend.openBLAS.name) -> LAPACKCalibration {
        LAPACKCalibration(key: key, order: 300, measurements: zip(LAPACKCalibration.drivers, seconds).map {
            LAPACKCalibration.Measurement(library: library, path: "", driver: $0, seconds: $1)
        })
    }

    /// Every driver of the linked OpenBLAS is measured once, with a positive
    /// time; the fastest is the minimum; the result is valid for its own key
    /// and libraries only.
    func testAMeasurementCoversEveryDriverAndIsValidOnlyForItsKey() throws {
        let calibration = try LAPACKCalibration.measure(backends: [.openBLAS], key: key, order: 200, rounds: 1)
        XCTAssertEqual(calibration.measurements.map(\.driver), LAPACKCalibration.drivers)
        XCTAssert(calibration.measurements.allSatisfy { $0.seconds > 0 && $0.seconds.isFinite })
        XCTAssertEqual(calibration.fastest?.seconds, calibration.measurements.map(\.seconds).min())
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

    /// A cache that lacks a driver, times one twice, holds a non-positive
    /// time or names another library version is stale, not trusted.
    func testAnIncompleteOrStaleTableIsNotValid() {
        XCTAssertTrue(table([1, 2, 3]).isValid(for: key, backends: [.openBLAS]))
        XCTAssertFalse(table([1, 2]).isValid(for: key, backends: [.openBLAS]), "a driver missing")
        var twice = table([1, 2, 3])
        twice.measurements[2].driver = .divideAndConquer
        XCTAssertFalse(twice.isValid(for: key, backends: [.openBLAS]), "a driver twice")
        XCTAssertFalse(table([1, 0, 3]).isValid(for: key, backends: [.openBLAS]), "a zero time")
        XCTAssertFalse(table([1, 2, 3], library: "OpenBLAS 0.0.1").isValid(for: key, backends: [.openBLAS]), "another version")
    }

    /// The CSV reads back to the same table (times to the last bit, a
    /// comma in the CPU name quoted), and anything else is refused.
    func testTheTableRoundTripsThroughCSVAndGarbageIsRefused() throws {
        let original = table([0.1, 1.0 / 3.0, 2.5e-3])
        let text = original.csv.text
        XCTAssert(text.hasPrefix(LAPACKCalibration.csvColumns.joined(separator: ",") + "\n"), text)
        XCTAssertEqual(try LAPACKCalibration(csv: text, source: "t"), original)
        let broken = [
            "", "cpu,cores\n", text.replacingOccurrences(of: "syevd_2stage", with: "syevx"),
            text.replacingOccurrences(of: "0.1", with: "-0.1"), text.replacingOccurrences(of: ",300,", with: ",0,"),
            LAPACKCalibration.csvColumns.joined(separator: ",") + "\n",
            text + "\"Other CPU\",4,2,9.9,300,OpenBLAS 0.3.21,,syevd,1\n",
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
}
