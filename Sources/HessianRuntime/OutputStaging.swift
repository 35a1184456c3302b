import Foundation
import HessianFormats

/// All the output files of one run, written whole or not at all.
///
/// Between `begin()` and `commit()` every file a run writes (through
/// `AtomicFile`) goes to a temporary file beside its destination, named
/// `.NAME.hs-PID-K.tmp` (NAME shortened so the name fits 255 bytes), and
/// stdout's data is held back. `commit()`, with every asynchronous signal
/// blocked, renames each temporary file over its destination (keeping the
/// file it replaces, see `ReplacedFile`), then writes stdout and anything
/// bound for a device or FIFO; when any step fails it puts every replaced
/// file back and removes the new ones, so the run's files are all new or all
/// as before. `discard()` removes the temporary files and any folder the
/// run created. The names are also kept in a table that the handler of
/// `installSignalHandlers()` can read without allocating, so an interrupted
/// run leaves nothing behind and exits with 128 + the signal number (130,
/// 143, 129).
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
        if let descriptor = StandardStreams.closedDescriptor(namedBy: path) {
            throw OutputError.cannotWrite(path: path, reason: "it is descriptor \(descriptor), which was closed when the tool started")
        }
        if let status = POSIXFile.status(path) {
            let kind = status.st_mode & S_IFMT
            if kind == S_IFDIR { throw OutputError.cannotWrite(path: path, reason: "it is a folder") }
            if kind != S_IFREG {
                if active { inPlace.append((path, bytes)) } else { try writeInPlace(bytes, to: path) }
                return
            }
        }
        let destination = try LinkChain.finalTarget(path, shownAs: path)
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

    /// Puts every staged output in place, all or none: stdout first, then
    /// devices and FIFOs (a signal while these block, on a reader that does
    /// not read, ends the run as before any commit), then the renames with
    /// every terminating signal deferred (`CleanupTable.deferring`), each
    /// rename keeping the file it replaces. On a failure, or a signal that
    /// arrived during the renames, every replaced file is put back and every
    /// new one removed; a signal then ends the run with 128 + its number.
    /// Data already written to stdout or a device cannot be taken back; it
    /// is written first so that no file is replaced when it fails.
    /// - Throws: the first failure; `OutputError.cannotWrite` names the output.
    public static func commit() throws {
        guard active else { return }
        var done: [(item: Staged, kept: ReplacedFile?, renamed: Bool)] = []
        do {
            if !standardOutput.isEmpty { try StandardStreams.writeOutput(standardOutput) }
            standardOutput = []
            for (path, bytes) in inPlace { try writeInPlace(bytes, to: path) }
            inPlace = []
            CleanupTable.deferring = true
            for item in staged {
                counter += 1
                let kept = try ReplacedFile.keep(item.destination, tag: "hs-\(getpid())-\(counter).old", shownAs: item.destination)
                done.append((item, kept, false))
                try rename(item, shownAs: item.destination)
                done[done.count - 1].renamed = true
            }
        } catch {
            let stranded = rollBack(done)
            discard()
            CleanupTable.endDeferring()
            if let first = stranded.first {
                throw OutputError.cannotWrite(path: first.destination, reason: "\(error); the previous file could not be put back and is kept as \(first.backup)")
            }
            throw error
        }
        if CleanupTable.pending != 0 {
            _ = rollBack(done)
            discard()
            CleanupTable.endDeferring()
        }
        for entry in done { entry.kept?.release() }
        staged = []
        for folder in folders { CleanupTable.clear(folder.slot) }
        folders = []
        active = false
        CleanupTable.endDeferring()
    }

    /// Undoes the renames of a failed commit, newest first: each replaced
    /// file goes back, each new file goes. Returns the kept files that could
    /// not be put back.
    private static func rollBack(_ done: [(item: Staged, kept: ReplacedFile?, renamed: Bool)]) -> [ReplacedFile] {
        var stranded: [ReplacedFile] = []
        for entry in done.reversed() {
            if let kept = entry.kept {
                if !kept.restore(replaced: entry.renamed) { stranded.append(kept) }
            } else if entry.renamed {
                unlink(entry.item.destination)
            }
        }
        return stranded
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

    /// The signals whose default action ends the process and that another
    /// process (or the terminal, or a batch system) sends, and SIGXCPU, the
    /// kernel's when a CPU-time limit (`ulimit -S -t`) runs out: each
    /// removes the staged files before the exit.
    static let terminating: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGPOLL, SIGPWR, SIGXCPU]

    /// Installs the handler that removes the staged files on every signal of
    /// `terminating` (and the real-time ones) that the tool was not started
    /// with ignored (nohup's SIGHUP stays ignored; the Swift runtime's
    /// backtracer on SIGQUIT, which would print a crash report, is
    /// replaced), and exits with 128 + the signal number (SIGXCPU, which no one
    /// sends by hand, with one `error:` line saying why). SIGXFSZ (a file-size
    /// limit, `ulimit -f`) is ignored so that the write fails with EFBIG and
    /// the run ends with an `error:` line instead of a signal death.
    public static func installSignalHandlers() {
        CleanupTable.prepare()
        signal(SIGXFSZ, SIG_IGN)
        for signalNumber in terminating + Array(__libc_current_sigrtmin()...__libc_current_sigrtmax()) {
            var current = sigaction()
            guard sigaction(signalNumber, nil, &current) == 0, !isIgnored(current) else { continue }
            signal(signalNumber, CleanupTable.handler)
        }
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    // MARK: Files

    private static func writeTemporary(_ bytes: [UInt8], for destination: String, shownAs path: String) throws -> (path: String, slot: Int) {
        let url = URL(fileURLWithPath: destination)
        let folder = url.deletingLastPathComponent().path
        guard let status = POSIXFile.status(folder), status.st_mode & S_IFMT == S_IFDIR else {
            throw OutputError.cannotWrite(path: path, reason: "the folder \(folder) does not exist")
        }
        counter += 1
        let temporary = SidecarName.beside(destination, tag: "hs-\(getpid())-\(counter).tmp")
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

    /// The line written when a CPU-time limit ends the run, prepared before
    /// any signal can arrive.
    nonisolated(unsafe) static var cpuLimitLine: (text: UnsafeMutablePointer<CChar>?, count: Int) = (nil, 0)

    static func prepare() {
        guard entries == nil else { return }
        let line = "error: the CPU-time limit (ulimit -t) ran out; the run was stopped and its files removed\n"
        cpuLimitLine = (strdup(line), line.utf8.count)
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

    /// Set while a commit renames: a signal is then only recorded in
    /// `pending` (on whichever thread it lands), for the commit to act on.
    nonisolated(unsafe) static var deferring = false
    nonisolated(unsafe) static var pending: Int32 = 0

    /// Stops deferring; a signal recorded meanwhile ends the process now,
    /// as the handler would have.
    static func endDeferring() {
        deferring = false
        if pending != 0 { removeAllAndExit(pending) }
    }

    /// Removes every recorded path and exits with 128 + the signal number,
    /// or, during a commit's renames, records the signal for later.
    static let handler: @convention(c) (Int32) -> Void = { signalNumber in
        if CleanupTable.deferring {
            if CleanupTable.pending == 0 { CleanupTable.pending = signalNumber }
            return
        }
        CleanupTable.removeAllAndExit(signalNumber)
    }

    /// Removes every recorded path, newest first (files, then the folders
    /// that held them), and exits with 128 + the signal number. Only
    /// async-signal-safe calls.
    static func removeAllAndExit(_ signalNumber: Int32) -> Never {
        if signalNumber == SIGXCPU, let text = cpuLimitLine.text { _ = write(STDERR_FILENO, text, cpuLimitLine.count) }
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
