@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class OpenBLASRuntimeTests: XCTestCase {
    let avx512: Set<String> = ["sse2", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]

    func testFallbackKernelIsReplacedByTheBestTheCPUCanRun() {
        XCTAssertEqual(OpenBLASRuntime.recommendedCoreType(detected: "Prescott", cpuFlags: avx512), "SkylakeX")
        XCTAssertEqual(OpenBLASRuntime.recommendedCoreType(detected: "Prescott", cpuFlags: ["avx2", "fma"]), "Haswell")
        XCTAssertNil(OpenBLASRuntime.recommendedCoreType(detected: "Prescott", cpuFlags: ["sse2"]))
        // Part of AVX-512 and AVX2 without FMA: neither kernel can run.
        XCTAssertNil(OpenBLASRuntime.recommendedCoreType(detected: "Prescott", cpuFlags: ["avx512f", "avx2"]))
        XCTAssertEqual(OpenBLASRuntime.recommendedCoreType(detected: "prescott", cpuFlags: ["avx512f", "avx2", "fma"]), "Haswell")
    }

    func testAGoodDetectionIsLeftAlone() {
        XCTAssertNil(OpenBLASRuntime.recommendedCoreType(detected: "Haswell", cpuFlags: avx512))
        XCTAssertNil(OpenBLASRuntime.recommendedCoreType(detected: "Zen", cpuFlags: avx512))
    }

    /// The linked library is OpenBLAS and names its kernel (the fall-back
    /// text "unknown" means the symbol answered nothing).
    func testLinkedLibraryReportsAKernel() {
        XCTAssertNotEqual(OpenBLASRuntime.coreName.lowercased(), "unknown")
        XCTAssertFalse(OpenBLASRuntime.coreName.isEmpty)
    }

    /// The thread count set is the one BLAS and the library's own parallel
    /// loops then use (what --threads relies on).
    func testThreadCountRoundTrips() {
        let original = OpenBLASRuntime.threads
        defer { OpenBLASRuntime.setThreads(original) }
        OpenBLASRuntime.setThreads(1)
        XCTAssertEqual(OpenBLASRuntime.threads, 1)
        XCTAssertEqual(ComputeResources.detected().threads, 1)
        OpenBLASRuntime.setThreads(0)
        XCTAssertEqual(OpenBLASRuntime.threads, 1, "fewer than one thread is raised to one")
        if ProcessInfo.processInfo.activeProcessorCount >= 2 {
            OpenBLASRuntime.setThreads(2)
            XCTAssertEqual(OpenBLASRuntime.threads, 2)
            XCTAssertEqual(ComputeResources.detected().threads, 2)
        }
    }
}
