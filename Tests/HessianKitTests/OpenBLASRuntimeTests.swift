@testable import HessianKit
import XCTest

final class OpenBLASRuntimeTests: XCTestCase {
    let avx512: Set<String> = ["sse2", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]

    func testFallbackKernelIsReplacedByTheBestTheCPUCanRun() {
        XCTAssertEqual(OpenBLASRuntime.recommendedCoreType(detected: "Prescott", cpuFlags: avx512), "SkylakeX")
        XCTAssertEqual(OpenBLASRuntime.recommendedCoreType(detected: "Prescott", cpuFlags: ["avx2", "fma"]), "Haswell")
        XCTAssertNil(OpenBLASRuntime.recommendedCoreType(detected: "Prescott", cpuFlags: ["sse2"]))
        XCTAssertNil(OpenBLASRuntime.recommendedCoreType(detected: "Prescott", cpuFlags: ["avx512f", "avx2"]).flatMap { $0 == "SkylakeX" ? $0 : nil })
    }

    func testAGoodDetectionIsLeftAlone() {
        XCTAssertNil(OpenBLASRuntime.recommendedCoreType(detected: "Haswell", cpuFlags: avx512))
        XCTAssertNil(OpenBLASRuntime.recommendedCoreType(detected: "Zen", cpuFlags: avx512))
    }

    func testLinkedLibraryReportsAKernel() {
        XCTAssertFalse(OpenBLASRuntime.coreName.isEmpty)
        XCTAssertGreaterThanOrEqual(OpenBLASRuntime.threads, 1)
    }
}
