import Foundation

/// Checks a planned allocation against the memory the system can give, so a
/// Hessian that cannot fit is refused up front with the size it needs rather
/// than killed by the kernel half way through.
public enum MemoryBudget {
    /// Bytes available to a new allocation: `MemAvailable` from
    /// /proc/meminfo, or less under a Slurm job's memory limit
    /// (`jobLimitBytes`) or an address-space limit (`addressSpaceLeft`);
    /// nil where none is known.
    public static func availableBytes() -> Int? {
        let known = [systemAvailableBytes(), jobLimitBytes(ProcessInfo.processInfo.environment), addressSpaceLeft()].compactMap { $0 }
        return known.min()
    }

    /// `MemAvailable` from /proc/meminfo.
    static func systemAvailableBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kib = Int(fields[1]) { return kib * 1024 }
        }
        return nil
    }

    /// The memory of this node a Slurm job may use (`/proc/meminfo` shows
    /// the whole node's): `SLURM_MEM_PER_NODE` MB (`--mem`), or
    /// `SLURM_MEM_PER_CPU` MB (`--mem-per-cpu`) times `SLURM_CPUS_ON_NODE`;
    /// nil outside such a job.
    public static func jobLimitBytes(_ environment: [String: String]) -> Int? {
        let megabyte = 1 << 20
        func positive(_ name: String) -> Int? { environment[name].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } }
        if let node = positive("SLURM_MEM_PER_NODE") { return node <= Int.max / megabyte ? node * megabyte : nil }
        guard let cpu = positive("SLURM_MEM_PER_CPU"), let cpus = positive("SLURM_CPUS_ON_NODE"),
              cpu <= Int.max / cpus / megabyte else { return nil }
        return cpu * cpus * megabyte
    }

    /// Throws `MemoryError.insufficient` when `bytes` exceed `available`
    /// (nil: no limit known).
    public static func require(_ bytes: Int, for purpose: String, available: Int?) throws {
        guard let available else { return }
        if bytes > available {
            throw MemoryError.insufficient(purpose: purpose, needed: bytes, available: available)
        }
    }

    /// "4.6 GB"-style text.
    public static func format(_ bytes: Int) -> String {
        let b = Double(bytes)
        if b >= 1e9 { return String(format: "%.1f GB", b / 1e9) }
        if b >= 1e6 { return String(format: "%.1f MB", b / 1e6) }
        return String(format: "%.0f kB", b / 1e3)
    }
}

/// An allocation that cannot fit in the memory available.
public enum MemoryError: Error, CustomStringConvertible, Equatable {
    case insufficient(purpose: String, needed: Int, available: Int)
    /// One line for a human.
    public var description: String {
        switch self {
        case .insufficient(let purpose, let needed, let available):
            if needed == Int.max { return "\(purpose) needs more bytes than a 64-bit size can count; use fewer parameters or examples" }
            return "\(purpose) needs \(MemoryBudget.format(needed)) but only \(MemoryBudget.format(available)) is available; use fewer parameters or examples"
        }
    }
}
