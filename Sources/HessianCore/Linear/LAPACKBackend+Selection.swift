import Foundation
import Synchronization

/// Which LAPACK library to use, as asked for: `auto`, `openblas`, `mkl`, or
/// the path of a library file.
public enum LAPACKChoice: Equatable, Sendable {
    case auto
    case openBLAS
    case mkl
    case path(String)

    /// "auto", "openblas" and "mkl" (any case) name a choice; anything else is a path.
    public init(_ text: String) {
        switch text.lowercased() {
        case "auto": self = .auto
        case "openblas": self = .openBLAS
        case "mkl": self = .mkl
        default: self = .path(text)
        }
    }
}

/// The processor, as far as choosing a LAPACK library goes.
public struct CPUIdentity: Equatable, Sendable {
    /// "GenuineIntel", "AuthenticAMD", … ("unknown" when /proc/cpuinfo says nothing).
    public var vendor: String
    /// The x86 family number (AMD Zen and Zen 2: 23, Zen 3 and 4: 25, Zen 5: 26; Intel: 6).
    public var family: Int?

    /// A CPU by its vendor string and family number.
    public init(vendor: String, family: Int?) {
        self.vendor = vendor
        self.family = family
    }

    /// The first processor of /proc/cpuinfo.
    public static var current: CPUIdentity {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
            return CPUIdentity(vendor: "unknown", family: nil)
        }
        func field(_ name: String) -> String? {
            for line in text.split(separator: "\n") where line.hasPrefix(name) {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = line[..<colon].trimmingCharacters(in: .whitespaces)
                if key == name { return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) }
            }
            return nil
        }
        return CPUIdentity(vendor: field("vendor_id") ?? "unknown", family: field("cpu family").flatMap { Int($0) })
    }
}

extension LAPACKBackend {
    /// A backend and why it was chosen, for stderr.
    public struct Selection: Sendable {
        /// The backend chosen.
        public let backend: LAPACKBackend
        /// Why, in a few words.
        public let reason: String
    }

    /// Whether `auto` takes MKL on this processor: only where MKL's
    /// eigensolve was measured faster than Debian's OpenBLAS 0.3.21 (README,
    /// "LAPACK backend"), at order 5510, eigenvalues only:
    /// - Intel (a 2-core Xeon with AVX-512): MKL 2026.2 `dsyevd` 4.0–4.9 s,
    ///   OpenBLAS 6.9–9.5 s;
    /// - AMD family 23 (Zen 2 EPYC, 2 cores): MKL 2026.2 runs its generic
    ///   code path there and still needs 0.66–0.68 of OpenBLAS's CPU time
    ///   (13.5–13.7 s against 19.8–20.7 s, one thread).
    /// Other processors (later AMD families among them) are not measured:
    /// OpenBLAS, unless asked otherwise.
    public static func autoPrefersMKL(on cpu: CPUIdentity) -> Bool {
        switch cpu.vendor {
        case "GenuineIntel": return true
        case "AuthenticAMD": return cpu.family == 23
        default: return false
        }
    }

    /// The backend for `choice`. `auto` takes MKL where `autoPrefersMKL`
    /// says so and MKL is found and loads; otherwise the linked OpenBLAS.
    /// `mkl` and a path must load, or this throws.
    /// - Parameter folders: extra folders to look for MKL in first (e.g. the checkout's `.mkl/lib`).
    public static func select(
        _ choice: LAPACKChoice, cpu: CPUIdentity = .current, folders: [String] = [],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Selection {
        switch choice {
        case .openBLAS:
            return Selection(backend: .openBLAS, reason: "asked for")
        case .path(let path):
            return Selection(backend: try load(path: path), reason: "asked for")
        case .mkl:
            guard let path = locateMKL(folders: folders, environment: environment) else {
                throw LAPACKBackendError.mklNotFound(searched: mklSearchDescription(folders: folders, environment: environment))
            }
            return Selection(backend: try load(path: path), reason: "asked for")
        case .auto:
            let cpuName = "\(cpu.vendor)" + (cpu.family.map { " family \($0)" } ?? "")
            guard autoPrefersMKL(on: cpu) else {
                return Selection(backend: .openBLAS, reason: "auto: MKL is not measured faster on \(cpuName)")
            }
            guard let path = locateMKL(folders: folders, environment: environment, askingPython: false) else {
                return Selection(backend: .openBLAS, reason: "auto: MKL not installed")
            }
            do {
                return Selection(backend: try load(path: path), reason: "auto: \(cpuName)")
            } catch {
                return Selection(backend: .openBLAS, reason: "auto: MKL did not load (\(error))")
            }
        }
    }

    /// File names of MKL's single dynamic library, newest interface first.
    static let mklNames = ["libmkl_rt.so.3", "libmkl_rt.so.2", "libmkl_rt.so"]

    /// Folders searched for MKL, in order: `folders`, `$MKLROOT/lib`,
    /// `$CONDA_PREFIX/lib`, `$VIRTUAL_ENV/lib`, oneAPI's default place, and
    /// `lib/` and `local/lib/` beside the `bin/` of each `python3` on the
    /// PATH (followed through symbolic links too): where `pip install mkl`
    /// puts it for that Python.
    static func mklFolders(_ folders: [String], environment: [String: String]) -> [String] {
        var result = folders
        if let root = environment["MKLROOT"] { result += [root + "/lib", root + "/lib/intel64"] }
        for key in ["CONDA_PREFIX", "VIRTUAL_ENV"] {
            if let prefix = environment[key] { result.append(prefix + "/lib") }
        }
        result.append("/opt/intel/oneapi/mkl/latest/lib")
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let python = URL(fileURLWithPath: String(folder)).appendingPathComponent("python3")
            guard FileManager.default.fileExists(atPath: python.path) else { continue }
            for binary in [python, python.resolvingSymlinksInPath()] {
                let prefix = binary.deletingLastPathComponent().deletingLastPathComponent().path
                for lib in [prefix + "/lib", prefix + "/local/lib"] where !result.contains(lib) { result.append(lib) }
            }
        }
        return result
    }

    /// The path of MKL's `libmkl_rt`: in the folders above, then wherever
    /// the dynamic linker finds it (LD_LIBRARY_PATH, the system library
    /// folders: Debian's `libmkl-rt`), then — when `askingPython`, which
    /// costs a process — in the `lib/` of the prefix the `python3` on the
    /// PATH reports (pyenv and other wrappers). Nil when absent.
    public static func locateMKL(
        folders: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment, askingPython: Bool = true
    ) -> String? {
        let files = FileManager.default
        for folder in mklFolders(folders, environment: environment) {
            for name in mklNames where files.fileExists(atPath: folder + "/" + name) { return folder + "/" + name }
        }
        for name in mklNames {
            if let handle = dlopen(name, RTLD_LAZY | RTLD_LOCAL) {
                dlclose(handle)
                return name
            }
        }
        for folder in askingPython ? pythonLibraryFolders(environment: environment) : [] {
            for name in mklNames where files.fileExists(atPath: folder + "/" + name) { return folder + "/" + name }
        }
        return nil
    }

    static func mklSearchDescription(folders: [String], environment: [String: String]) -> [String] {
        mklFolders(folders, environment: environment) + ["the dynamic linker's path", "the lib/ of python3's prefix"]
    }

    /// `<prefix>/lib` and `<prefix>/local/lib` (Debian's pip with --prefix)
    /// of the first `python3` on the PATH, asked for its `sys.prefix`.
    static func pythonLibraryFolders(environment: [String: String]) -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys; print(sys.prefix)"]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return [] }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let prefix = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              !prefix.isEmpty else { return [] }
        return [prefix + "/lib", prefix + "/local/lib"]
    }
}

extension LAPACKBackend {
    private static let activeBackend = Mutex(LAPACKBackend.openBLAS)

    /// The backend library calls use when none is passed: the linked
    /// OpenBLAS unless the command line activated another at start.
    public static var active: LAPACKBackend { activeBackend.withLock { $0 } }

    /// Makes `backend` the one used from now on by calls that are not given one.
    public static func activate(_ backend: LAPACKBackend) {
        activeBackend.withLock { $0 = backend }
    }
}
