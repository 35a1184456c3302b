@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class MemoryBudgetTests: XCTestCase {
    /// A Slurm job's limit: --mem (SLURM_MEM_PER_NODE, MB) first, else
    /// --mem-per-cpu times the CPUs on the node; nothing outside a job, and
    /// nothing from values that are not positive whole numbers or overflow.
    func testSlurmJobLimit() {
        let mb = 1 << 20
        XCTAssertNil(MemoryBudget.jobLimitBytes([:]))
        XCTAssertEqual(MemoryBudget.jobLimitBytes(["SLURM_MEM_PER_NODE": "4096"]), 4096 * mb)
        XCTAssertEqual(MemoryBudget.jobLimitBytes(["SLURM_MEM_PER_NODE": "100", "SLURM_MEM_PER_CPU": "1", "SLURM_CPUS_ON_NODE": "2"]), 100 * mb)
        XCTAssertEqual(MemoryBudget.jobLimitBytes(["SLURM_MEM_PER_CPU": "2000", "SLURM_CPUS_ON_NODE": "8"]), 16000 * mb)
        XCTAssertNil(MemoryBudget.jobLimitBytes(["SLURM_MEM_PER_CPU": "2000"]))
        XCTAssertNil(MemoryBudget.jobLimitBytes(["SLURM_MEM_PER_NODE": "0"]))
        XCTAssertNil(MemoryBudget.jobLimitBytes(["SLURM_MEM_PER_NODE": "4G"]))
        XCTAssertNil(MemoryBudget.jobLimitBytes(["SLURM_MEM_PER_NODE": String(Int.max)]))
        XCTAssertNil(MemoryBudget.jobLimitBytes(["SLURM_MEM_PER_CPU": String(Int.max / 2), "SLURM_CPUS_ON_NODE": "4"]))
    }
}
