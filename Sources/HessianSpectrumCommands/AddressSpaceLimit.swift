import Foundation
import HessianCore

/// The address-space limit (`ulimit -v`, RLIMIT_AS, as HPC batch systems
/// set it) and what BLAS needs within it.
///
/// OpenBLAS maps a 128 MB work buffer for each thread it runs (and glibc a
/// malloc arena beside it); when the limit refuses that mapping, OpenBLAS
/// 0.3.21 retries for ever instead of failing, in a thread it starts when
/// it loads. So `BLASKernel` restarts the process with no more threads than
/// the limit holds, by the figures measured on this tool (a tiny run: 1
/// thread needs 300 MB of address space, 2 threads 450 MB; 250 MB and
/// 400 MB hang), `--threads` is capped the same way, and a limit too small
/// for one thread is refused with one line before any BLAS call.
enum AddressSpaceLimit {
    static let base = 140 << 20
    static let perThread = 150 << 20

    /// The soft RLIMIT_AS in bytes, or nil when unlimited.
    static var bytes: Int? {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Int(clamping: limit.rlim_cur)
    }

    /// BLAS threads that fit in `limit` bytes (nil: any number).
    static func threads(within limit: Int?) -> Int? {
        limit.map { max(0, ($0 - base) / perThread) }
    }

    /// `requested` threads, or fewer when the limit holds fewer.
    static func capped(_ requested: Int) -> Int {
        threads(within: bytes).map { min(requested, max(1, $0)) } ?? requested
    }

    /// Caps OpenBLAS's threads to the limit; a warning when that lowers
    /// them. Throws when not even one thread fits. Then has the threads map
    /// their work buffers, so that the memory plans made before the first
    /// product already count them (else a plan made at start finds the
    /// address space gone only after training, at the eigensolve).
    static func fitBLAS() throws {
        guard let limit = bytes, let fitting = threads(within: limit) else { return }
        guard fitting >= 1 else { throw Refusal(limit: limit) }
        if fitting < OpenBLASRuntime.threads {
            Report.warning("the address-space limit (ulimit -v) of \(MemoryBudget.format(limit)) holds \(fitting) BLAS thread\(fitting == 1 ? "" : "s"); using \(fitting)")
            OpenBLASRuntime.setThreads(fitting)
        }
        OpenBLASRuntime.mapWorkBuffers()
    }

    /// Sets OpenBLAS's threads to `requested`, or fewer when the limit holds
    /// fewer; under a limit, their work buffers are mapped at once (see `fitBLAS`).
    static func setThreads(_ requested: Int) {
        OpenBLASRuntime.setThreads(capped(requested))
        if bytes != nil { OpenBLASRuntime.mapWorkBuffers() }
    }

    struct Refusal: Error, CustomStringConvertible {
        var limit: Int
        var description: String {
            "the address-space limit (ulimit -v) of \(MemoryBudget.format(limit)) is below the \(MemoryBudget.format(AddressSpaceLimit.base + AddressSpaceLimit.perThread)) a run needs (BLAS maps a 128 MB work buffer); raise it (ulimit -v \((AddressSpaceLimit.base + 2 * AddressSpaceLimit.perThread) >> 10)) or remove it"
        }
    }
}
