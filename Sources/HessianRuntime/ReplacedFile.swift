import Foundation
import HessianFormats

/// The file an output is about to replace, kept until the whole commit has
/// succeeded so that a failure can put it back: a hard link `.NAME.hs-…old`
/// beside it (the file itself stays in place), or, where the file system
/// has no hard links, the file renamed to that name.
struct ReplacedFile {
    var destination: String
    var backup: String
    /// The file was renamed away (no hard link): restoring always renames it back.
    var moved: Bool

    /// Keeps the regular file at `destination`, or returns nil when there is
    /// none. A folder or other non-file there is an error: the output would
    /// not replace it.
    /// - Throws: `OutputError.cannotWrite` naming `shown`.
    static func keep(_ destination: String, tag: String, shownAs shown: String) throws -> ReplacedFile? {
        var s = stat()
        guard lstat(destination, &s) == 0 else {
            if errno == ENOENT { return nil }
            throw OutputError.cannotWrite(path: shown, reason: String(cString: strerror(errno)))
        }
        switch s.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw OutputError.cannotWrite(path: shown, reason: "it is a folder")
        default: throw OutputError.cannotWrite(path: shown, reason: "it is no longer a regular file")
        }
        let backup = SidecarName.beside(destination, tag: tag)
        if link(destination, backup) == 0 { return ReplacedFile(destination: destination, backup: backup, moved: false) }
        if Glibc.rename(destination, backup) == 0 { return ReplacedFile(destination: destination, backup: backup, moved: true) }
        throw OutputError.cannotWrite(path: shown, reason: "cannot keep the previous file while replacing it: \(String(cString: strerror(errno)))")
    }

    /// Puts the kept file back at `destination` (over a new output there
    /// when `replaced`). Returns false when that fails; the backup then stays.
    func restore(replaced: Bool) -> Bool {
        if replaced || moved { return Glibc.rename(backup, destination) == 0 }
        return unlink(backup) == 0
    }

    /// Drops the kept file once the commit has succeeded.
    func release() { unlink(backup) }
}
