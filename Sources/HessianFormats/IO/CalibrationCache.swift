import Foundation
import HessianCore

/// Where a `LAPACKCalibration` is kept between runs:
/// `$XDG_CACHE_HOME/hessian-spectrum/lapack-calibration.csv`, with
/// `~/.cache` when `XDG_CACHE_HOME` is unset or not absolute (as the XDG
/// base-directory specification says). One file per user; it holds the
/// calibration of the last machine key measured, so a home shared by
/// different machines remeasures when it moves between them.
public enum CalibrationCache {
    /// The file name inside the cache folder.
    public static let fileName = "lapack-calibration.csv"
    /// Larger files are not a calibration (a few hundred bytes is).
    static let largestFile = 1 << 16

    /// The cache file's path, or nil when neither `XDG_CACHE_HOME` nor `HOME` is set.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/hessian-spectrum/" + fileName }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/hessian-spectrum/" + fileName }
        return nil
    }

    /// What reading the cache found.
    public enum Lookup: Equatable, Sendable {
        /// No cache file.
        case missing
        /// A file that is not a calibration (why).
        case corrupt(String)
        /// A calibration, valid or not for this machine.
        case found(LAPACKCalibration)
    }

    /// Reads the cache at `path`.
    public static func read(_ path: String) -> Lookup {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return errno == ENOENT ? .missing : .corrupt(String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        guard let status = POSIXFile.status(path), status.st_mode & S_IFMT == S_IFREG else { return .corrupt("not a regular file") }
        let bytes: [UInt8]
        do { bytes = try POSIXFile.read(descriptor, upTo: largestFile + 1) } catch { return .corrupt(error.text) }
        guard bytes.count <= largestFile else { return .corrupt("larger than \(largestFile) bytes") }
        guard let text = String(validating: bytes, as: UTF8.self) else { return .corrupt("not UTF-8 text") }
        do { return .found(try LAPACKCalibration(csv: text, source: path)) } catch { return .corrupt("\(error)") }
    }

    /// Writes `calibration` to `path` whole or not at all: into a new
    /// temporary file beside it (its folders created as needed, mode 0700
    /// as the XDG specification asks), flushed, then renamed over it.
    /// - Throws: `OutputError.cannotWrite` (a read-only home, a full disk).
    public static func write(_ calibration: LAPACKCalibration, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw OutputError.cannotWrite(path: path, reason: "cannot create the folder \(folder)")
        }
        let temporary = folder + "/.\(fileName).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw OutputError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        do { try POSIXFile.writeAll(descriptor, Array(calibration.csv.text.utf8)) } catch { failure = error.text }
        if failure == nil && fsync(descriptor) != 0 && errno != EINVAL { failure = String(cString: strerror(errno)) }
        if close(descriptor) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw OutputError.cannotWrite(path: path, reason: failure)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputError.cannotWrite(path: path, reason: reason)
        }
    }
}
