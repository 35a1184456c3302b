import Foundation

/// Checks a planned allocation against the memory the system can give, so a
/// Hessian that cannot fit is refused up front with the size it needs rather
/// than killed by the kernel half way through.
public enum MemoryBudget {
    /// Bytes available to a new allocation: `MemAvailable` from
    /// /proc/meminfo, or nil where that is unknown.
    public static func availableBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kib = Int(fields[1]) { return kib * 1024 }
        }
        return nil
    }

    /// Throws `MemoryError.insufficient` when `bytes` exceed what is available.
    public static func require(_ bytes: Int, for purpose: String, available: Int? = availableBytes()) throws {
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
            return "\(purpose) needs \(MemoryBudget.format(needed)) but only \(MemoryBudget.format(available)) is available; use fewer parameters or examples"
        }
    }
}
