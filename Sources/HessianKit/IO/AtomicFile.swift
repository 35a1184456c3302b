import Foundation

/// Writes a whole file or nothing: the text goes to a temporary file beside
/// the destination, which is renamed over it only once it is complete, so a
/// failed run never leaves a partial output file.
public enum AtomicFile {
    /// When set (on every MPI process but the first), writes succeed without
    /// touching the file system, so that one process writes each output.
    nonisolated(unsafe) public static var discardsWrites = false

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws {
        guard !discardsWrites else { return }
        // A device, pipe or terminal (/dev/stdout, a FIFO) is written in place:
        // renaming over it would replace the device node with a regular file.
        var status = stat()
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            guard (status.st_mode & S_IFMT) != S_IFDIR else {
                throw OutputError.cannotWrite(path: path, reason: "it is a folder")
            }
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw OutputError.cannotWrite(path: path, reason: "cannot open it for writing")
            }
            defer { try? handle.close() }
            do { try handle.write(contentsOf: data) } catch {
                throw OutputError.cannotWrite(path: path, reason: "\(error)")
            }
            return
        }
        // Follow a symbolic link to a regular file, so the link itself survives.
        let resolved = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map {
            $0.hasPrefix("/") ? $0 : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent($0).path
        } ?? path
        let url = URL(fileURLWithPath: resolved)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputError.cannotWrite(path: path, reason: "the folder \(directory.path) does not exist")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw OutputError.cannotWrite(path: path, reason: "cannot create a file in \(directory.path)")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw OutputError.cannotWrite(path: path, reason: reason)
        }
    }
}

/// Failures writing results.
public enum OutputError: Error, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)
    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }
}
