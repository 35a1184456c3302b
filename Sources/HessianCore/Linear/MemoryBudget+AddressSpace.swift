import Foundation

extension MemoryBudget {
    /// Address space kept for what a plan does not count: a malloc arena
    /// and LAPACK's transient buffers (OpenBLAS's 128 MB work buffer is
    /// mapped, and in `VmSize`, from the first BLAS call of training on).
    static let blasReserve = 64 << 20

    /// Address space left under `ulimit -v` (RLIMIT_AS): the limit minus
    /// the process's `VmSize` (which counts every mapping, reserved or
    /// not) and `blasReserve`; nil without a limit. An allocation beyond it
    /// fails, and Swift traps on a failed allocation (OpenBLAS retries for
    /// ever), so a plan must fit in it.
    static func addressSpaceLeft() -> Int? {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max,
              let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmSize:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kib = Int(fields[1]) { return max(0, Int(clamping: limit.rlim_cur) - kib * 1024 - blasReserve) }
        }
        return nil
    }
}
