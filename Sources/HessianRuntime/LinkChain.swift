import Foundation
import HessianFormats

/// The file a path finally names through a chain of symbolic links, which
/// need not exist yet (a link to a new file is how one writes through it).
enum LinkChain {
    /// The most links followed, as Linux's ELOOP limit.
    static let longest = 40

    /// What the symbolic link `path` points to, a relative target taken from
    /// the link's folder; nil when `path` is not a link.
    static func target(of path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length >= 0 else { return nil }
        let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        return (path.lastIndex(of: "/").map { String(path[...$0]) } ?? "") + target
    }

    /// `path` with every symbolic link in its last component followed.
    /// Links inside the folders are left to the kernel.
    /// - Throws: `OutputError.cannotWrite` for a loop or a chain longer than
    ///   `longest` links.
    static func finalTarget(_ path: String, shownAs shown: String) throws -> String {
        var current = path
        for _ in 0..<longest {
            guard let next = target(of: current) else { return current }
            current = next
        }
        throw OutputError.cannotWrite(path: shown, reason: "more than \(longest) symbolic links in a row (a loop?)")
    }
}
