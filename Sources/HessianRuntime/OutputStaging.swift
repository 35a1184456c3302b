import Foundation

/// All the output files of one run, written whole or not at all.
///
/// Between `begin()` and `commit()` every file a run writes (through
/// `AtomicFile`) goes to a temporary file beside its destination, named
/// `.NAME.hs-PID-K.tmp`, and stdout's data is held back. `commit()` writes
/// stdout, then anything bound for a device or FIFO, then renames each
/// temporary file over its destination; `discard()` removes the temporary
/// files and any folder the run created. The names are also kept in a
/// table that the SIGINT/SIGTERM/SIGHUP handler of `installSignalHandlers()`
/// can read without allocating, so an interrupted run leaves nothing behind
/// and exits with 128 + the signal number (130, 143, 129).
///
/// Outside `begin()`/`commit()` (library use, tests) each file is written to
/// its temporary and renamed at once. Meant for use from one thread.
public enum OutputStaging {
    private struct Staged {
        var temporary: String
        var destination: String
        var slot: Int
    }

    nonisolated(unsafe) private static var active = false
    nonisolated(unsafe) private static var staged: [Staged] = []
    nonisolated(unsafe) private static var inPlace: [(path: String, bytes: [UInt8])] = []
    nonisolated(unsafe) private static var standardOutput: [UInt8] = []
    nonisolated(unsafe) private static var folders: [(path: String, slot: Int)] = []
    nonisolated(unsafe) private static var counter = 0

    /// Set on every MPI process but the first (`hessian-spectrum-mpi`): its
    /// files and folders are dropped, so that one process writes each output.
    nonisolated(unsafe) public static var discardsWrites = false

    /// Whether a run is being staged.
    public static var isActive: Bool { active }

    /// Starts staging a run's outputs.
    public static func begin() {
        discard()
        active = true
    }

    /// Writes `bytes` as the whole content of `path` (`-`: stdout): staged
    /// during a run, at once otherwise. A device, FIFO or terminal (/dev/stdout, /dev/null)
    /// is written in place, never replaced by a regular file; a symbolic
    /// link to a regular file stays a link and its target is replaced.
    /// - Throws: `OutputError.cannotWrite` naming the path and the reason.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        guard !discardsWrites else { return }
        guard !path.isEmpty else { throw OutputError.cannotWrite(path: "\"\"", reason: "the path is empty") }
        if path == "-" { return try writeStandardOutput(bytes) }
        if let status = POSIXFile.status(path) {
            let kind = status.st_mode & S_IFMT
            if kind == S_IFDIR { throw OutputError.cannotWrite(path: path, reason: "it is a folder") }
            if kind != S_IFREG {
                if active { inPlace.append((path, bytes)) } else { try writeInPlace(bytes, to: path) }
                return
            }
        }
        let destination = resolvingLink(path)
        let temporary = try writeTemporary(bytes, for: destination, shownAs: path)
        let item = Staged(temporary: temporary.path, destination: destination, slot: temporary.slot)
        if active {
            staged.append(item)
        } else {
            try rename(item, shownAs: path)
        }
    }

    /// Data for stdout: held until `commit()` during a run, written at once
    /// otherwise.
    public static func writeStandardOutput(_ bytes: [UInt8]) throws {
        if active { standardOutput += bytes } else { try StandardStreams.writeOutput(bytes) }
    }

    /// Creates `path` and any missing parent folders; during a run, the ones
    /// it created are removed again when the run fails.
    public static func createFolder(_ path: String) throws {
        guard !discardsWrites else { return }
        if let status = POSIXFile.status(path) {
            guard status.st_mode & S_IFMT == S_IFDIR else {
                throw OutputError.cannotWrite(path: path, reason: "it exists and is not a folder")
            }
            return
        }
        // Not NSString.deletingLastPathComponent: Foundation traps on a name without a slash.
        let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        if !parent.isEmpty && parent != path { try createFolder(parent) }
        let slot = active ? CleanupTable.add(path) : nil
        guard mkdir(path, 0o777) == 0 || errno == EEXIST else {
            let reason = String(cString: strerror(errno))
            if let slot { CleanupTable.clear(slot) }
            throw OutputError.cannotWrite(path: path, reason: reason)
        }
        if let slot { folders.append((path, slot)) }
    }

    /// Puts every staged output in place: stdout first, then devices, then
    /// the renames. On a failure the outputs not yet in place are removed.
    public static func commit() throws {
        guard active else { return }
        do {
            if !standardOutput.isEmpty { try StandardStreams.writeOutput(standardOutput) }
            standardOutput = []
            for (path, bytes) in inPlace { try writeInPlace(bytes, to: path) }
            inPlace = []
            while let item = staged.first {
                try rename(item, shownAs: item.destination)
                staged.removeFirst()
            }
        } catch {
            discard()
            throw error
        }
        for folder in folders { CleanupTable.clear(folder.slot) }
        folders = []
        active = false
    }

    /// Removes every staged temporary file and every folder the run created.
    public static func discard() {
        for item in staged {
            unlink(item.temporary)
            CleanupTable.clear(item.slot)
        }
        for folder in folders.reversed() {
            rmdir(folder.path)
            CleanupTable.clear(folder.slot)
        }
        staged = []
        inPlace = []
        standardOutput = []
        folders = []
        active = false
    }

    /// Installs the handler that removes the staged files on SIGINT, SIGTERM
    /// and SIGHUP and exits with 128 + the signal number.
    public static func installSignalHandlers() {
        CleanupTable.prepare()
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, CleanupTable.handler)
        }
    }

    // MARK: Files

    private static func resolvingLink(_ path: String) -> String {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return path }
        if target.hasPrefix("/") { return target }
        return ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
    }

    private static func writeTemporary(_ bytes: [UInt8], for destination: String, shownAs path: String) throws -> (path: String, slot: Int) {
        let url = URL(fileURLWithPath: destination)
        let folder = url.deletingLastPathComponent().path
        guard let status = POSIXFile.status(folder), status.st_mode & S_IFMT == S_IFDIR else {
            throw OutputError.cannotWrite(path: path, reason: "the folder \(folder) does not exist")
        }
        counter += 1
        let temporary = (folder as NSString).appendingPathComponent(".\(url.lastPathComponent).hs-\(getpid())-\(counter).tmp")
        // Registered before it exists, so a signal can never leave it behind.
        let slot = CleanupTable.add(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            CleanupTable.clear(slot)
            throw OutputError.cannotWrite(path: path, reason: "cannot create a file in \(folder): \(reason)")
        }
        do throws(POSIXErrno) {
            try POSIXFile.writeAll(descriptor, bytes)
            guard fsync(descriptor) == 0 || errno == EINVAL else { throw POSIXErrno(code: errno) }
            guard close(descriptor) == 0 else { throw POSIXErrno(code: errno) }
        } catch {
            close(descriptor)
            unlink(temporary)
            CleanupTable.clear(slot)
            throw OutputError.cannotWrite(path: path, reason: error.text)
        }
        return (temporary, slot)
    }

    private static func rename(_ item: Staged, shownAs path: String) throws {
        defer { CleanupTable.clear(item.slot) }
        guard Glibc.rename(item.temporary, item.destination) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(item.temporary)
            throw OutputError.cannotWrite(path: path, reason: reason)
        }
    }

    private static func writeInPlace(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw OutputError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        do { try POSIXFile.writeAll(descriptor, bytes) } catch {
            if error.code == EPIPE { throw OutputError.brokenPipe }
            throw OutputError.cannotWrite(path: path, reason: error.text)
        }
    }
}

/// The paths to remove when a signal arrives, in memory the handler can read
/// without allocating or locking: a fixed table of C strings.
private enum CleanupTable {
    static let capacity = 4096
    nonisolated(unsafe) static var entries: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
    nonisolated(unsafe) static var used = 0

    static func prepare() {
        guard entries == nil else { return }
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        table.initialize(repeating: nil, count: capacity)
        entries = table
    }

    /// Records `path`; returns its slot (or -1 when the table is full or not prepared).
    static func add(_ path: String) -> Int {
        guard let entries, used < capacity else { return -1 }
        entries[used] = strdup(path)
        used += 1
        return used - 1
    }

    static func clear(_ slot: Int) {
        guard let entries, slot >= 0, slot < used, let pointer = entries[slot] else { return }
        entries[slot] = nil
        free(pointer)
        if slot == used - 1 { used -= 1 }
    }

    /// Removes every recorded path, newest first (files, then the folders
    /// that held them), and exits with 128 + the signal number.
    static let handler: @convention(c) (Int32) -> Void = { signalNumber in
        if let entries = CleanupTable.entries {
            var slot = CleanupTable.used
            while slot > 0 {
                slot -= 1
                if let path = entries[slot], unlink(path) != 0 { rmdir(path) }
            }
        }
        _exit(128 + signalNumber)
    }
}
