import Foundation

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

extension LAPACKBackend {
    /// The library `choice` names, loaded; nil for `auto`, which measures
    /// the `candidates` instead (`LAPACKCalibration`).
    /// - Parameter folders: folders to look for MKL in first (the checkout's `.mkl/lib`).
    /// - Throws: `LAPACKBackendError` when `mkl` is not found or a library does not load.
    public static func named(
        _ choice: LAPACKChoice, folders: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> LAPACKBackend? {
        switch choice {
        case .auto: return nil
        case .openBLAS: return .openBLAS
        case .path(let path): return try load(path: path)
        case .mkl:
            guard let path = locateMKL(folders: folders, environment: environment) else {
                throw LAPACKBackendError.mklNotFound(searched: mklSearchDescription(folders: folders, environment: environment))
            }
            return try load(path: path)
        }
    }

    /// The libraries `auto` chooses among: the linked OpenBLAS, then MKL
    /// when it is found and loads (else a note why not), then `extra` (a
    /// library given by path).
    public static func candidates(
        folders: [String] = [], extra: LAPACKBackend? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> (backends: [LAPACKBackend], note: String?) {
        var backends = [LAPACKBackend.openBLAS]
        var note: String?
        if let path = locateMKL(folders: folders, environment: environment) {
            do { backends.append(try load(path: path)) } catch { note = "MKL did not load (\(error))" }
        } else {
            note = "MKL not installed"
        }
        if let extra, !backends.contains(where: { $0.name == extra.name && $0.path == extra.path }) { backends.append(extra) }
        return (backends, note)
    }
}
