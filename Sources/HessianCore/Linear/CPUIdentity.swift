import Foundation

/// The processor, as far as the speed of a LAPACK library goes: what a
/// calibration measured on, so that a cached one is used only on the same
/// kind of machine.
public struct CPUIdentity: Equatable, Sendable {
    /// The model name of /proc/cpuinfo, e.g. "AMD EPYC 9R14 96-Core Processor" ("unknown" when it says nothing).
    public var model: String
    /// Logical processors online.
    public var cores: Int

    /// A CPU by its model name and number of logical processors.
    public init(model: String, cores: Int) {
        self.model = model
        self.cores = cores
    }

    /// This machine: the first processor of /proc/cpuinfo, and the processors online.
    public static var current: CPUIdentity {
        let text = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        return CPUIdentity(model: modelName(cpuinfo: text) ?? "unknown", cores: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Bytes of the largest cache of the first processor (its last level,
    /// from /sys/devices/system/cpu/cpu0/cache), or nil when not listed.
    public static var lastLevelCacheBytes: Int? {
        let folder = "/sys/devices/system/cpu/cpu0/cache"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let sizes = entries.filter { $0.hasPrefix("index") }.compactMap { entry in
            (try? String(contentsOfFile: folder + "/" + entry + "/size", encoding: .utf8)).flatMap(cacheBytes)
        }
        return sizes.max()
    }

    /// Bytes of a sysfs cache size such as "32768K" or "2M".
    static func cacheBytes(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let scale: Int
        switch trimmed.last {
        case "K": scale = 1 << 10
        case "M": scale = 1 << 20
        case "G": scale = 1 << 30
        default: return Int(trimmed)
        }
        guard let value = Int(trimmed.dropLast()), value > 0, value < 1 << 20 else { return nil }
        return value * scale
    }

    /// The first "model name" field of a /proc/cpuinfo text, with runs of
    /// white space made one space.
    static func modelName(cpuinfo text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[line.index(after: colon)...].split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return name.isEmpty ? nil : name
        }
        return nil
    }
}
